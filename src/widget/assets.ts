/**
 * The built widget (`npm run build` → dist/widget/): read once, on first use, and kept in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../paths.js';

export const WIDGET_FILES = {
  'widget.js': 'text/javascript; charset=utf-8',
  'widget.css': 'text/css; charset=utf-8',
  'pages.css': 'text/css; charset=utf-8',
} as const;
export type WidgetFile = keyof typeof WIDGET_FILES;

export class WidgetAssets {
  readonly #cache = new Map<WidgetFile, Buffer>();

  /** The file's bytes, or undefined when the widget has not been built. */
  get(name: WidgetFile): Buffer | undefined {
    let bytes = this.#cache.get(name);
    if (!bytes) {
      try {
        bytes = readFileSync(join(paths.widgetDist, name));
      } catch {
        return undefined;
      }
      this.#cache.set(name, bytes);
    }
    return bytes;
  }
}
