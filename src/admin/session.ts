/**
 * The staff session: a stateless cookie `vv_staff` = base64url(JSON {u, v, exp}) + "." + HMAC-SHA256,
 * HttpOnly, SameSite=Strict, Path=/ (the statistics pages under /stats use the same sign-in), Secure
 * over https, with an expiry. `v` is the user's session version: logging out, a new password or a
 * disabled account raises it, and every older cookie stops working at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'vv_staff';

interface SessionClaims {
  /** user id */
  u: string;
  /** session version */
  v: number;
  /** expiry, ms since the epoch */
  exp: number;
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function encodeSession(key: Buffer, claims: SessionClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

export function decodeSession(key: Buffer, value: string, nowMs: number): SessionClaims | undefined {
  const [payload, mac, extra] = value.split('.');
  if (!payload || !mac || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    if (typeof claims.u !== 'string' || typeof claims.v !== 'number' || typeof claims.exp !== 'number' || claims.exp <= nowMs) return undefined;
    return claims as SessionClaims;
  } catch {
    return undefined;
  }
}

/** One cookie from the Cookie header (no dependency; names are ours). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeMs: number, httpOnly = true): void {
  res.append(
    'Set-Cookie',
    [`${name}=${value}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`, 'SameSite=Strict', ...(httpOnly ? ['HttpOnly'] : []), ...(req.secure ? ['Secure'] : [])].join('; '),
  );
}
