/**
 * Staff accounts as stored: one lowdb file (DATA_DIR/users.json) with a few backups, or memory in
 * tests. It holds password hashes (scrypt), hashes of set-up tokens, disabled flags and the failed
 * login counters; never a password, a token or a session.
 */
import * as z from 'zod';
import { StaffUser } from '../admin/model.js';
import { JsonDb } from './json-db.js';

export interface UserStore {
  all(): readonly StaffUser[];
  get(id: string): StaffUser | undefined;
  /** Case-insensitive. */
  byName(name: string): StaffUser | undefined;
  byTokenHash(tokenHash: string): StaffUser | undefined;
  /** False when the name is taken. */
  create(user: StaffUser): Promise<boolean>;
  /** Changes some fields; a field set to undefined is removed. */
  update(id: string, patch: Partial<StaffUser>): Promise<StaffUser | undefined>;
  flush(): Promise<void>;
}

const UsersData = z.strictObject({ format: z.literal(1), users: z.array(StaffUser) });
type UsersData = z.infer<typeof UsersData>;

const key = (name: string) => name.trim().normalize('NFKC').toLowerCase();

export class LowdbUserStore implements UserStore {
  private constructor(private readonly db: JsonDb<UsersData>) {}

  static async open(file: string | undefined): Promise<LowdbUserStore> {
    const db = await JsonDb.open({ file, schema: UsersData as z.ZodType<UsersData>, defaults: (): UsersData => ({ format: 1, users: [] }), backups: 3, private: true });
    return new LowdbUserStore(db);
  }

  all(): readonly StaffUser[] {
    return this.db.data.users;
  }

  get(id: string): StaffUser | undefined {
    return this.db.data.users.find((u) => u.id === id);
  }

  byName(name: string): StaffUser | undefined {
    const k = key(name);
    return this.db.data.users.find((u) => key(u.name) === k);
  }

  byTokenHash(tokenHash: string): StaffUser | undefined {
    return this.db.data.users.find((u) => u.setup?.tokenHash === tokenHash);
  }

  async create(user: StaffUser): Promise<boolean> {
    const parsed = StaffUser.parse(user);
    if (this.byName(parsed.name) || this.get(parsed.id)) return false;
    await this.db.update((data) => {
      data.users.push(parsed);
    });
    return true;
  }

  async update(id: string, patch: Partial<StaffUser>): Promise<StaffUser | undefined> {
    const index = this.db.data.users.findIndex((u) => u.id === id);
    if (index < 0) return undefined;
    const next: Record<string, unknown> = { ...this.db.data.users[index]! };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    const parsed = StaffUser.parse(next);
    await this.db.update((data) => {
      data.users[index] = parsed;
    });
    return parsed;
  }

  flush(): Promise<void> {
    return this.db.flush();
  }
}
