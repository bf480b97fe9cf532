/**
 * Staff accounts and a signed-in HTTP client for admin tests.
 */
import type { App } from '../../src/app.js';
import { newUserId, type Area, type Role, type StaffUser } from '../../src/admin/model.js';

export const PASSWORD = 'lingon-sylt-och-kanel-2026';

/** Creates a user and sets the password through a real one-time set-up link. */
export async function addUser(app: App, o: { name: string; roles: Role[]; area?: Partial<Area>; organisation?: { id: string; name: string }; password?: string }): Promise<StaffUser> {
  const id = newUserId();
  await app.admin.users.create({
    id,
    name: o.name,
    roles: o.roles,
    area: { lan: o.area?.lan ?? [], kommuner: o.area?.kommuner ?? [] },
    ...(o.organisation ? { organisation: o.organisation } : {}),
    disabled: false,
    sessionVersion: 0,
    failedLogins: 0,
    createdAt: new Date(0).toISOString(),
    createdBy: 'test',
  });
  const token = await app.admin.auth.newSetupToken(id);
  const set = await app.admin.auth.setPassword(token, o.password ?? PASSWORD);
  if (!set.ok) throw new Error(`password refused: ${set.problem}`);
  return set.user;
}

export type FormInit = Record<string, string | readonly string[]> | Map<string, string[]>;

export function encodeForm(form: FormInit): string {
  const params = new URLSearchParams();
  const entries = form instanceof Map ? [...form.entries()] : Object.entries(form);
  for (const [k, v] of entries) for (const x of typeof v === 'string' ? [v] : v) params.append(k, x);
  return params.toString();
}

export interface Reply {
  status: number;
  text: string;
  headers: Headers;
  location: string | null;
}

/** An HTTP client that keeps the session cookie and sends what a same-origin browser sends. */
export class StaffClient {
  cookies = new Map<string, string>();
  constructor(readonly url: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async #send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', origin: this.url, 'sec-fetch-site': 'same-origin' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /Max-Age=0/.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: await res.text(), headers: res.headers, location: res.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<Reply> {
    return this.#send('GET', path, undefined, headers);
  }

  post(path: string, form: FormInit = {}, headers?: Record<string, string>): Promise<Reply> {
    return this.#send('POST', path, encodeForm(form), headers);
  }

  async login(name: string, password = PASSWORD): Promise<Reply> {
    const r = await this.post('/admin/login', { name, password });
    if (r.status !== 303) throw new Error(`login failed: ${r.status}`);
    return r;
  }
}
