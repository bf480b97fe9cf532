/**
 * What every /admin response gets: a strict Content-Security-Policy (no inline script or style, no
 * framing), no caching, and the refusal of cross-site form posts.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const adminHeaders: RequestHandler[] = [
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  }),
  (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  },
];

/**
 * Refuses a state-changing request that a browser sent from another site (CSRF). Browsers say where
 * a request comes from in Sec-Fetch-Site; without it, the Origin must be this server's own (or
 * PUBLIC_URL's). A request with neither is refused too: every browser that can sign in sends one.
 */
export function refuseCrossSite(publicUrl: string | undefined, onRefused: RequestHandler): RequestHandler {
  const configured = publicUrl ? new URL(publicUrl).origin : undefined;
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const site = req.get('sec-fetch-site');
    if (site !== undefined) return site === 'same-origin' ? next() : onRefused(req, res, next);
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin && (origin === own || origin === configured)) return next();
    return onRefused(req, res, next);
  };
}
