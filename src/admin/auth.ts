/**
 * Signing in: passwords, the lockout after repeated failures, a per-address limit on login
 * attempts, one-time set-up links and the session cookie. Only staff logins are ever counted here;
 * nothing about help-seekers passes through this module.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AuditLog } from '../storage/audit-log.js';
import type { UserStore } from '../storage/user-store.js';
import { principalOf, type Principal, type StaffUser } from './model.js';
import { PasswordHasher, passwordProblem, type PasswordProblem } from './password.js';
import { decodeSession, encodeSession, readCookie, SESSION_COOKIE, setCookie } from './session.js';

/** Failed logins in a row before an account is locked, and for how long. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
/** Failed logins from one address in a window (any account), after which it must wait. */
export const FAILURES_PER_ADDRESS = 30;
const ADDRESS_WINDOW_MS = 15 * 60_000;
/** How long a set-up link works. */
export const SETUP_LINK_MS = 72 * 3_600_000;

/**
 * Counts events per key in fixed windows, in memory only. Keys are login names typed on the login
 * page and the addresses of people using it; both are forgotten when their window ends.
 */
export class WindowCounter {
  readonly #counts = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}
  count(key: string, nowMs: number): number {
    const c = this.#counts.get(key);
    return c && c.resetAt > nowMs ? c.count : 0;
  }
  add(key: string, nowMs: number): number {
    if (this.#counts.size >= this.maxKeys) for (const [k, c] of this.#counts) if (c.resetAt <= nowMs) this.#counts.delete(k);
    const c = this.#counts.get(key);
    const next = c && c.resetAt > nowMs ? { count: c.count + 1, resetAt: c.resetAt } : { count: 1, resetAt: nowMs + this.windowMs };
    if (this.#counts.size < this.maxKeys || this.#counts.has(key)) this.#counts.set(key, next);
    return next.count;
  }
  clear(key: string): void {
    this.#counts.delete(key);
  }
}

export type LoginResult = { ok: true; user: StaffUser } | { ok: false; reason: 'invalid' | 'locked' | 'throttled' };

export interface StatsAccess {
  name: string;
  role: 'admin' | 'staff';
  scope: { all: true } | { lan: string[]; kommuner: string[] };
}

export interface AuthDeps {
  users: UserStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  key: Buffer;
  now: () => Date;
  sessionMs: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const nameKey = (name: string) => name.trim().normalize('NFKC').toLowerCase();

export class StaffAuth {
  readonly #byAddress = new WindowCounter(ADDRESS_WINDOW_MS);
  /** Failures for names that are no account, so that a lockout does not tell which names exist. */
  readonly #unknownNames = new WindowCounter(LOCK_MS);

  constructor(private readonly d: AuthDeps) {}

  get users(): UserStore {
    return this.d.users;
  }

  #nowMs(): number {
    return this.d.now().getTime();
  }

  // ── sessions ──────────────────────────────────────────────────────────────────────────────────

  startSession(req: Request, res: Response, user: StaffUser): void {
    setCookie(req, res, SESSION_COOKIE, encodeSession(this.d.key, { u: user.id, v: user.sessionVersion, exp: this.#nowMs() + this.d.sessionMs }), this.d.sessionMs);
  }

  clearSession(req: Request, res: Response): void {
    setCookie(req, res, SESSION_COOKIE, '', 0);
  }

  /** The signed-in user, or undefined (no cookie, forged, expired, logged out, disabled). */
  user(req: Request): StaffUser | undefined {
    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie) return undefined;
    const claims = decodeSession(this.d.key, cookie, this.#nowMs());
    if (!claims) return undefined;
    const user = this.d.users.get(claims.u);
    if (!user || user.disabled || user.sessionVersion !== claims.v || !user.passwordHash) return undefined;
    return user;
  }

  principal(req: Request): Principal | undefined {
    const user = this.user(req);
    return user ? principalOf(user) : undefined;
  }

  /** Ends every session of the user (this one included). */
  async endSessions(user: StaffUser): Promise<void> {
    await this.d.users.update(user.id, { sessionVersion: user.sessionVersion + 1 });
  }

  // ── login ─────────────────────────────────────────────────────────────────────────────────────

  async login(name: string, password: string, address: string): Promise<LoginResult> {
    const now = this.#nowMs();
    if (this.#byAddress.count(address, now) >= FAILURES_PER_ADDRESS) return { ok: false, reason: 'throttled' };
    const user = this.d.users.byName(name);
    const at = new Date(now).toISOString();

    const locked = user ? user.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now : this.#unknownNames.count(nameKey(name), now) >= MAX_FAILURES;
    if (locked) {
      if (user) await this.d.audit.append({ at, actor: user.name, action: 'login-locked' });
      return { ok: false, reason: 'locked' };
    }

    const good = await this.d.hasher.verify(password, user?.passwordHash);
    // Other attempts may have run while the hash was computed: decide on the account as it is now.
    const current = user ? this.d.users.get(user.id) : undefined;
    if (user && (!current || (current.lockedUntil !== undefined && Date.parse(current.lockedUntil) > now))) return { ok: false, reason: 'locked' };
    if (good && current && !current.disabled) {
      const updated = await this.d.users.update(current.id, { failedLogins: 0, lockedUntil: undefined });
      await this.d.audit.append({ at, actor: current.name, action: 'login' });
      return { ok: true, user: updated! };
    }

    this.#byAddress.add(address, now);
    if (!user) {
      this.#unknownNames.add(nameKey(name), now);
      // The typed name is not an account: it could be anything, so it is not written down.
      await this.d.audit.append({ at, actor: '(unknown account)', action: 'login-failed' });
      return { ok: false, reason: 'invalid' };
    }
    const failures = current!.failedLogins + 1;
    const lock = failures >= MAX_FAILURES;
    await this.d.users.update(user.id, lock ? { failedLogins: 0, lockedUntil: new Date(now + LOCK_MS).toISOString() } : { failedLogins: failures });
    await this.d.audit.append({ at, actor: user.name, action: 'login-failed', ...(current!.disabled ? { detail: 'account disabled' } : {}) });
    if (lock) await this.d.audit.append({ at, actor: user.name, action: 'login-locked', detail: `${LOCK_MS / 60_000} minutes` });
    return { ok: false, reason: 'invalid' };
  }

  // ── set-up links ──────────────────────────────────────────────────────────────────────────────

  /** A new one-time token for the user (the previous one stops working). Only its hash is stored. */
  async newSetupToken(userId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.d.users.update(userId, { setup: { tokenHash: sha256(token), expiresAt: new Date(this.#nowMs() + SETUP_LINK_MS).toISOString() } });
    return token;
  }

  userForToken(token: string): StaffUser | undefined {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const user = this.d.users.byTokenHash(sha256(token));
    if (!user?.setup || Date.parse(user.setup.expiresAt) <= this.#nowMs() || user.disabled) return undefined;
    return user;
  }

  /** Sets the password through a set-up link, which is then used up. */
  async setPassword(token: string, password: string): Promise<{ ok: true; user: StaffUser } | { ok: false; problem: PasswordProblem | 'badLink' }> {
    const user = this.userForToken(token);
    if (!user) return { ok: false, problem: 'badLink' };
    const problem = passwordProblem(password, user.name);
    if (problem) return { ok: false, problem };
    const passwordHash = await this.d.hasher.hash(password);
    // The link may have been used while the hash was computed.
    if (this.userForToken(token)?.id !== user.id) return { ok: false, problem: 'badLink' };
    const updated = await this.d.users.update(user.id, { passwordHash, setup: undefined, failedLogins: 0, lockedUntil: undefined, sessionVersion: user.sessionVersion + 1 });
    await this.d.audit.append({ at: this.d.now().toISOString(), actor: user.name, action: 'password-set' });
    return { ok: true, user: updated! };
  }

  // ── statistics ────────────────────────────────────────────────────────────────────────────────

  /** Who may read statistics, and of which area; undefined when not signed in or not allowed. */
  statsAccess(req: Request): StatsAccess | undefined {
    const user = this.user(req);
    if (!user) return undefined;
    if (user.roles.includes('admin')) return { name: user.name, role: 'admin', scope: { all: true } };
    if (user.roles.includes('staff')) return { name: user.name, role: 'staff', scope: { lan: [...user.area.lan], kommuner: [...user.area.kommuner] } };
    return undefined;
  }
}
