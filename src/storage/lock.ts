/**
 * One writer per data folder: lowdb files must not be written by two processes at once. The server
 * holds `DATA_DIR/writer.lock` (its pid) while it runs; the command-line import takes it too, and
 * refuses while a live process holds it. A lock left by a process that died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class LockedError extends Error {
  constructor(readonly pid: number) {
    super(`another process (pid ${pid}) is writing this data folder`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  release(): void;
}

export function acquireLock(dataDir: string): Lock {
  // A new data folder is the server's alone: it will hold password hashes and the session key.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'writer.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new LockedError(pid);
      rmSync(file, { force: true });
    }
  }
  throw new LockedError(-1);
}
