/**
 * Where live conversation state is kept: a small key-value interface with expiry. The embedded
 * default keeps it in this process's memory; a deployment with several instances can implement
 * the same interface on Redis (SET with PX, GET, DEL) without anything outside `storage/` knowing.
 *
 * Values are opaque strings. Keys are conversation ids. Nothing here is ever written to disk.
 */
export interface ConversationStore {
  get(id: string): Promise<string | undefined>;
  /** Stores and (re)starts the idle expiry. Fails with StoreFullError when a new id would exceed the cap. */
  set(id: string, value: string): Promise<void>;
  delete(id: string): Promise<boolean>;
  has(id: string): Promise<boolean>;
  /** Live (unexpired) conversations. */
  size(): Promise<number>;
  close(): Promise<void>;
}

export class StoreFullError extends Error {
  constructor() {
    super('the conversation store is full');
  }
}

export interface MemoryStoreOptions {
  ttlMs: number;
  maxEntries: number;
  /** How often expired entries are removed; they are unreadable from the moment they expire. */
  sweepMs?: number;
  now?: () => number;
}

/**
 * In-memory store with sliding expiry and a cap. A Map keeps insertion order, and every write
 * re-inserts its key, so the oldest-touched entries are at the front: a sweep stops at the first
 * live one. Unlike botbuilder's MemoryStorage, it forgets.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly #entries = new Map<string, { value: string; expires: number }>();
  readonly #ttl: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(options: MemoryStoreOptions) {
    this.#ttl = options.ttlMs;
    this.#max = options.maxEntries;
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.sweep(), options.sweepMs ?? Math.min(60_000, Math.max(1_000, options.ttlMs / 4)));
    this.#timer.unref();
  }

  #live(id: string): { value: string; expires: number } | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry;
  }

  async get(id: string): Promise<string | undefined> {
    return this.#live(id)?.value;
  }

  async has(id: string): Promise<boolean> {
    return this.#live(id) !== undefined;
  }

  async set(id: string, value: string): Promise<void> {
    const existing = this.#live(id);
    if (!existing && this.#entries.size >= this.#max) {
      this.sweep();
      if (this.#entries.size >= this.#max) throw new StoreFullError();
    }
    this.#entries.delete(id);
    this.#entries.set(id, { value, expires: this.#now() + this.#ttl });
  }

  async delete(id: string): Promise<boolean> {
    return this.#entries.delete(id);
  }

  async size(): Promise<number> {
    this.sweep();
    return this.#entries.size;
  }

  /** Removes expired entries. Entries are ordered by last write, so the scan stops at the first live one. */
  sweep(): void {
    const now = this.#now();
    for (const [id, entry] of this.#entries) {
      if (entry.expires > now) break;
      this.#entries.delete(id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#entries.clear();
  }
}
