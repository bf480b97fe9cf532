/**
 * One lowdb JSON file, validated on read, written atomically (steno writes a temporary file and
 * renames it over the old one), with the last N versions kept as backups. One writer per file:
 * the server process owns its data folder.
 *
 * Without a file (tests, or a deployment that keeps nothing) it lives in memory.
 */
import { chmod, copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, Memory } from 'lowdb';
import { DataFile, JSONFile } from 'lowdb/node';
import * as z from 'zod';

export class StoreFileError extends Error {}

export interface JsonDbOptions<T> {
  /** Absent: in memory only. */
  file?: string | undefined;
  schema: z.ZodType<T>;
  defaults: () => T;
  /** How many earlier versions of the file to keep next to it (file.1 newest … file.N oldest). */
  backups?: number;
  /** Readable by the server's user only (mode 0600): for files with password hashes. */
  private?: boolean;
  /** Write JSON without indentation (large files nobody reads by hand: the counters). */
  compact?: boolean;
}

export class JsonDb<T> {
  readonly #low: Low<T>;
  readonly #file: string | undefined;
  readonly #backups: number;
  readonly #private: boolean;
  #queue: Promise<void> = Promise.resolve();

  private constructor(low: Low<T>, file: string | undefined, backups: number, privateFile = false) {
    this.#low = low;
    this.#file = file;
    this.#backups = backups;
    this.#private = privateFile;
  }

  static async open<T>(options: JsonDbOptions<T>): Promise<JsonDb<T>> {
    const { file } = options;
    if (!file) {
      const low = new Low<T>(new Memory<T>(), options.defaults());
      return new JsonDb(low, undefined, 0);
    }
    await mkdir(dirname(file), { recursive: true });
    const adapter = options.compact ? new DataFile<T>(file, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }) : new JSONFile<T>(file);
    const low = new Low<T>(adapter, options.defaults());
    try {
      await low.read();
    } catch (e) {
      throw new StoreFileError(`${file} is not valid JSON (${(e as Error).message}). Restore a backup (${basename(file)}.1 …) or move the file away.`);
    }
    const parsed = options.schema.safeParse(low.data);
    if (!parsed.success) throw new StoreFileError(`${file} does not have the expected content:\n${z.prettifyError(parsed.error)}\nRestore a backup (${basename(file)}.1 …) or move the file away.`);
    low.data = parsed.data;
    return new JsonDb(low, file, options.backups ?? 0, options.private ?? false);
  }

  get data(): T {
    return this.#low.data;
  }

  /** Whether a file existed with content when it was opened (false on first run or in memory). */
  static async exists(file: string | undefined): Promise<boolean> {
    if (!file) return false;
    try {
      return (await stat(file)).size > 0;
    } catch {
      return false;
    }
  }

  /**
   * Changes the data and writes it. The change function must be synchronous, so that reading,
   * changing and writing cannot interleave with another change; writes are queued.
   */
  update(change: (data: T) => void): Promise<void> {
    change(this.#low.data);
    const write = this.#queue.then(() => this.#write());
    this.#queue = write.catch(() => undefined);
    return write;
  }

  async #write(): Promise<void> {
    if (this.#file && this.#backups > 0) await this.#rotateBackups(this.#file);
    await this.#low.write();
    if (this.#file && this.#private) await chmod(this.#file, 0o600);
  }

  /**
   * Shifts file.1 … file.N-1 up by one and copies the file to file.1. Every step is a rename, so a
   * process killed in the middle leaves whole files (at worst one number is missing until the next
   * write), never a half-written backup.
   */
  async #rotateBackups(file: string): Promise<void> {
    try {
      await stat(file);
    } catch {
      return;
    }
    for (let n = this.#backups - 1; n >= 1; n--) await rename(`${file}.${n}`, `${file}.${n + 1}`).catch(() => undefined);
    const tmp = join(dirname(file), `.${basename(file)}.1.tmp`);
    await copyFile(file, tmp);
    await rename(tmp, `${file}.1`);
  }

  /** Waits for queued writes (at shutdown). */
  async flush(): Promise<void> {
    await this.#queue;
  }

  get file(): string | undefined {
    return this.#file;
  }
}

/** Reads a JSON file that may not exist yet. */
export async function readJsonIfExists(file: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export function dataFile(dataDir: string | undefined, name: string): string | undefined {
  return dataDir ? join(dataDir, name) : undefined;
}
