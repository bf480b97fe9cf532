/**
 * A per-address limit on the chat API, in memory only. Addresses are not kept as such: each is
 * replaced by a keyed hash (a key made at start and never stored), held only until its window
 * ends, and never written anywhere. IPv6 addresses are limited per /64, the block one household
 * or phone usually gets. Exit and end-of-conversation requests are never limited.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';

export interface RateLimitOptions {
  /** Requests per window per address. */
  limit: number;
  windowMs: number;
  now?: () => number;
  /** Most addresses tracked at once; beyond it the limiter lets requests through rather than refuse help. */
  maxTracked?: number;
  /** The answer when the limit is reached (status 429 and Retry-After are set by the limiter). */
  refuse: (req: Request, retryAfterSeconds: number) => unknown;
}

/** The part of an address that identifies one client: all of IPv4, the /64 of IPv6. */
export function clientKeyOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (v4mapped) return v4mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function rateLimit(options: RateLimitOptions): RequestHandler & { tracked(): number } {
  const key = randomBytes(32);
  const now = options.now ?? Date.now;
  const max = options.maxTracked ?? 200_000;
  const windows = new Map<string, { count: number; resets: number }>();
  const sweep = () => {
    const t = now();
    for (const [k, w] of windows) if (w.resets <= t) windows.delete(k);
  };
  const timer = setInterval(sweep, options.windowMs);
  timer.unref();

  const handler = ((req, res, next) => {
    const id = createHmac('sha256', key).update(clientKeyOf(req.ip)).digest('base64url').slice(0, 22);
    const t = now();
    let w = windows.get(id);
    if (!w || w.resets <= t) {
      if (!w && windows.size >= max) sweep();
      if (!w && windows.size >= max) return next();
      w = { count: 0, resets: t + options.windowMs };
      windows.set(id, w);
    }
    w.count++;
    if (w.count <= options.limit) return next();
    const retry = Math.max(1, Math.ceil((w.resets - t) / 1000));
    res.status(429).set('Retry-After', String(retry)).set('Cache-Control', 'no-store').json(options.refuse(req, retry));
  }) as RequestHandler & { tracked(): number };
  handler.tracked = () => windows.size;
  return handler;
}
