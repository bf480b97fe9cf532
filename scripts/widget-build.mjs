// Builds the widget into dist/widget/: widget.js (one small IIFE, no framework), widget.css (inside
// its shadow roots) and pages.css (the standalone and demo pages). Used by `npm run build` and by the
// tests' global setup, so that `npm test` works from a fresh clone.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_OUT = join(root, 'dist', 'widget');

/** Browsers the widget supports: roughly those of 2021 and later. */
const BROWSERS = ['chrome87', 'edge88', 'firefox85', 'safari15', 'ios15'];

export async function buildWidget({ outdir = WIDGET_OUT } = {}) {
  const common = { absWorkingDir: root, outdir, bundle: true, minify: true, legalComments: 'none', logLevel: 'warning' };
  await Promise.all([
    build({ ...common, entryPoints: { widget: 'src/widget/client/main.ts' }, format: 'iife', target: ['es2019', ...BROWSERS], platform: 'browser' }),
    build({ ...common, entryPoints: { widget: 'src/widget/styles/widget.css', pages: 'src/widget/styles/pages.css' }, target: BROWSERS }),
  ]);
  return outdir;
}
