// Compiles the server and its command-line tools with esbuild (the widget has its own entry, added
// by the widget's build). Type-checking is `tsc`; `npm run build` runs both.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: ['src/main.ts', 'src/cli/directory.ts', 'src/cli/admin.ts', 'src/cli/i18n.ts'].filter((f) => existsSync(f)),
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
console.error(`built dist/ in ${Date.now() - started} ms`);
