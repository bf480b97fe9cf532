// The widget's size as a visitor downloads it: widget.js + widget.css, gzipped (level 9).
// `node scripts/widget-size.mjs` prints it (after `npm run build`); `npm run bench` reuses widgetSize().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WIDGET_OUT } from './widget-build.mjs';

/** The budget from issue 4: JS and CSS together at most 20 KB gzipped. */
export const WIDGET_BUDGET_BYTES = 20 * 1024;

export function widgetSize(dir = WIDGET_OUT) {
  const size = (name) => {
    const bytes = readFileSync(join(dir, name));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const js = size('widget.js');
  const css = size('widget.css');
  return { js, css, totalGzip: js.gzip + css.gzip, budget: WIDGET_BUDGET_BYTES };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const s = widgetSize();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`widget.js  ${kb(s.js.raw)} (${kb(s.js.gzip)} gzipped)`);
  console.log(`widget.css ${kb(s.css.raw)} (${kb(s.css.gzip)} gzipped)`);
  console.log(`together   ${kb(s.totalGzip)} gzipped; budget ${kb(s.budget)}`);
  if (s.totalGzip > s.budget) process.exitCode = 1;
}
