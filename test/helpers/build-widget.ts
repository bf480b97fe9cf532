/**
 * Global setup: builds the widget (esbuild, well under a second) so that the browser tests run
 * against the current source, also from a fresh clone without `npm run build`.
 */
import { buildWidget } from '../../scripts/widget-build.mjs';

export default async function setup(): Promise<void> {
  await buildWidget();
}
