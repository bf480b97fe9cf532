// Compiles the server and its command-line tools, and the widget (scripts/widget-build.mjs), with
// esbuild. Type-checking is `tsc`; `npm run build` runs both.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { buildWidget } from './widget-build.mjs';

rmSync('dist', { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: [
    ...['src/main.ts', 'src/cli/directory.ts', 'src/cli/admin.ts', 'src/cli/i18n.ts'].filter((f) => existsSync(f)),
    // The statistics worker sits next to main.js, where the bundled code looks for it (src/stats/publications.ts).
    { in: 'src/stats/publish-worker.ts', out: 'publish-worker' },
  ],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await buildWidget();
console.error(`built dist/ in ${Date.now() - started} ms`);
