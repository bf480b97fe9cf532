/**
 * Where the checkout's shipped, read-only folders are. Works from `src/` (tests, tsx) and from the
 * compiled `dist/` bundle alike, by walking up to the folder that holds package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dialogs'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = up;
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const paths = {
  root: ROOT,
  dialogs: join(ROOT, 'dialogs'),
  locales: join(ROOT, 'locales'),
  data: join(ROOT, 'data'),
  geo: join(ROOT, 'data', 'geo'),
  directory: join(ROOT, 'data', 'directory'),
  /** Default for DATA_DIR: what the server writes at run time, git-ignored. */
  defaultDataDir: join(ROOT, 'var'),
  widgetDist: join(ROOT, 'dist', 'widget'),
};
