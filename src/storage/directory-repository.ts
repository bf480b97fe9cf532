/**
 * The contact directory as stored: every record with a version number, and the history of every
 * change (who, when, before and after). Embedded default: one lowdb file in DATA_DIR. A deployment
 * with several instances can implement `DirectoryRepository` on PostgreSQL instead.
 */
import * as z from 'zod';
import { ServiceRecord } from '../directory/schema.js';
import { JsonDb } from './json-db.js';

export interface StoredService {
  record: ServiceRecord;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export type ChangeAction = 'seed' | 'create' | 'update' | 'verify' | 'restore' | 'import' | 'delete';

export interface HistoryEntry {
  id: string;
  version: number;
  at: string;
  by: string;
  action: ChangeAction;
  before: ServiceRecord | null;
  after: ServiceRecord | null;
}

export type SaveResult = { ok: true; stored: StoredService } | { ok: false; conflict: StoredService | null };

export interface DirectoryRepository {
  /** Every stored record (including unverified and inactive ones). */
  all(): readonly StoredService[];
  get(id: string): StoredService | undefined;
  /** Whether anything was ever stored (false on a fresh install). */
  isEmpty(): boolean;
  /**
   * Saves one record if the stored version is still `expectedVersion` (0 for a new record);
   * otherwise reports the conflict and changes nothing.
   */
  save(record: ServiceRecord, expectedVersion: number, by: string, action: ChangeAction): Promise<SaveResult>;
  remove(id: string, expectedVersion: number, by: string): Promise<SaveResult>;
  /** Replaces every record at once (an import, or the first seed): one atomic write. */
  replaceAll(records: readonly ServiceRecord[], by: string, action: 'seed' | 'import'): Promise<void>;
  history(id?: string): readonly HistoryEntry[];
  flush(): Promise<void>;
}

const Stored = z.strictObject({ record: ServiceRecord, version: z.number().int().min(1), updatedAt: z.string(), updatedBy: z.string() });
const History = z.strictObject({
  id: z.string(),
  version: z.number().int(),
  at: z.string(),
  by: z.string(),
  action: z.enum(['seed', 'create', 'update', 'verify', 'restore', 'import', 'delete']),
  before: ServiceRecord.nullable(),
  after: ServiceRecord.nullable(),
});
const DirectoryData = z.strictObject({ format: z.literal(1), services: z.array(Stored), history: z.array(History) });
type DirectoryData = z.infer<typeof DirectoryData>;

/** How many history entries are kept; the oldest go first. */
const HISTORY_LIMIT = 20_000;

export class LowdbDirectoryRepository implements DirectoryRepository {
  #index = new Map<string, number>();
  private constructor(
    private readonly db: JsonDb<DirectoryData>,
    private readonly now: () => Date,
  ) {
    this.#reindex();
  }

  static async open(file: string | undefined, options: { backups?: number; now?: () => Date } = {}): Promise<LowdbDirectoryRepository> {
    const db = await JsonDb.open({ file, schema: DirectoryData as z.ZodType<DirectoryData>, defaults: (): DirectoryData => ({ format: 1, services: [], history: [] }), backups: options.backups ?? 10 });
    return new LowdbDirectoryRepository(db, options.now ?? (() => new Date()));
  }

  #reindex(): void {
    this.#index = new Map(this.db.data.services.map((s, i) => [s.record.id, i]));
  }

  all(): readonly StoredService[] {
    return this.db.data.services;
  }

  get(id: string): StoredService | undefined {
    const i = this.#index.get(id);
    return i === undefined ? undefined : this.db.data.services[i];
  }

  isEmpty(): boolean {
    return this.db.data.services.length === 0 && this.db.data.history.length === 0;
  }

  async save(record: ServiceRecord, expectedVersion: number, by: string, action: ChangeAction): Promise<SaveResult> {
    const current = this.get(record.id);
    if ((current?.version ?? 0) !== expectedVersion) return { ok: false, conflict: current ?? null };
    const at = this.now().toISOString();
    const stored: StoredService = { record, version: expectedVersion + 1, updatedAt: at, updatedBy: by };
    await this.db.update((data) => {
      if (current) data.services[this.#index.get(record.id)!] = stored;
      else data.services.push(stored);
      pushHistory(data, { id: record.id, version: stored.version, at, by, action, before: current?.record ?? null, after: record });
    });
    this.#reindex();
    return { ok: true, stored };
  }

  async remove(id: string, expectedVersion: number, by: string): Promise<SaveResult> {
    const current = this.get(id);
    if (!current || current.version !== expectedVersion) return { ok: false, conflict: current ?? null };
    const at = this.now().toISOString();
    await this.db.update((data) => {
      data.services = data.services.filter((s) => s.record.id !== id);
      pushHistory(data, { id, version: current.version + 1, at, by, action: 'delete', before: current.record, after: null });
    });
    this.#reindex();
    return { ok: true, stored: current };
  }

  async replaceAll(records: readonly ServiceRecord[], by: string, action: 'seed' | 'import'): Promise<void> {
    const at = this.now().toISOString();
    await this.db.update((data) => {
      const previous = new Map(data.services.map((s) => [s.record.id, s]));
      data.services = records.map((record) => {
        const before = previous.get(record.id);
        const unchanged = before && JSON.stringify(before.record) === JSON.stringify(record);
        if (unchanged) return before;
        const version = (before?.version ?? 0) + 1;
        pushHistory(data, { id: record.id, version, at, by, action, before: before?.record ?? null, after: record });
        return { record, version, updatedAt: at, updatedBy: by };
      });
      const kept = new Set(records.map((r) => r.id));
      for (const [id, before] of previous)
        if (!kept.has(id)) pushHistory(data, { id, version: before.version + 1, at, by, action, before: before.record, after: null });
    });
    this.#reindex();
  }

  history(id?: string): readonly HistoryEntry[] {
    const all = this.db.data.history;
    return id === undefined ? all : all.filter((h) => h.id === id);
  }

  flush(): Promise<void> {
    return this.db.flush();
  }
}

function pushHistory(data: DirectoryData, entry: HistoryEntry): void {
  data.history.push(entry);
  if (data.history.length > HISTORY_LIMIT) data.history.splice(0, data.history.length - HISTORY_LIMIT);
}
