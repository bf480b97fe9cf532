/**
 * The audit log of admin actions: who (a staff account), when, what, on which record or account.
 * It names staff accounts, record ids and counts only; nothing from help-seekers ever reaches it,
 * and no password, token or session. Embedded default: DATA_DIR/audit.json, the newest entries kept.
 */
import * as z from 'zod';
import { JsonDb } from './json-db.js';

export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'login-locked',
  'logout',
  'password-set',
  'setup-link',
  'user-create',
  'user-update',
  'user-disable',
  'user-enable',
  'service-create',
  'service-update',
  'service-verify',
  'service-restore',
  'service-delete',
  'import',
  'export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = z.strictObject({
  at: z.iso.datetime(),
  /** The staff account that acted, "command line", or "(unknown account)" for a failed login. */
  actor: z.string().max(100),
  action: z.enum(AUDIT_ACTIONS),
  /** A record id or an account name. */
  target: z.string().max(100).optional(),
  /** A short fixed detail: a version number, a count, a format. */
  detail: z.string().max(100).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  page(offset: number, limit: number): { entries: AuditEntry[]; total: number };
  flush(): Promise<void>;
}

const AuditData = z.strictObject({ format: z.literal(1), entries: z.array(AuditEntry) });
type AuditData = z.infer<typeof AuditData>;

/** How many entries are kept; the oldest go first. */
export const AUDIT_LIMIT = 20_000;

export class LowdbAuditLog implements AuditLog {
  private constructor(private readonly db: JsonDb<AuditData>) {}

  static async open(file: string | undefined): Promise<LowdbAuditLog> {
    const db = await JsonDb.open({ file, schema: AuditData as z.ZodType<AuditData>, defaults: (): AuditData => ({ format: 1, entries: [] }) });
    return new LowdbAuditLog(db);
  }

  append(entry: AuditEntry): Promise<void> {
    const parsed = AuditEntry.parse(entry);
    return this.db.update((data) => {
      data.entries.push(parsed);
      if (data.entries.length > AUDIT_LIMIT) data.entries.splice(0, data.entries.length - AUDIT_LIMIT);
    });
  }

  page(offset: number, limit: number): { entries: AuditEntry[]; total: number } {
    const all = this.db.data.entries;
    const end = Math.max(0, all.length - offset);
    return { entries: all.slice(Math.max(0, end - limit), end).reverse(), total: all.length };
  }

  flush(): Promise<void> {
    return this.db.flush();
  }
}
