/**
 * Cross-origin access for what a kommun page embeds (the widget script and the chat API). There
 * are no cookies or credentials on these routes, so allowing an origin exposes nothing personal;
 * a list of origins limits which sites may embed the chat.
 */
import type { RequestHandler } from 'express';

export function cors(allowed: '*' | readonly string[], methods: string): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && (allowed === '*' || allowed.includes(origin))) {
      res.set('Access-Control-Allow-Origin', allowed === '*' ? '*' : origin);
      if (allowed !== '*') res.vary('Origin');
    }
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', methods);
      res.set('Access-Control-Allow-Headers', 'Content-Type');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
