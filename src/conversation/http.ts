/**
 * The chat API: POST /api/chat, DELETE /api/chat/:id and POST /api/chat/:id/end (for sendBeacon).
 * Every body is validated; nothing here logs or stores what a person typed.
 */
import express, { Router } from 'express';
import * as z from 'zod';
import { cors } from '../http/cors.js';
import { fieldErrors, sendError } from '../http/errors.js';
import type { ChatService } from './service.js';

export const MAX_TEXT = 500;
export const MAX_BODY = '4kb';

const ConversationId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a conversation id');

export const ChatRequestSchema = z.strictObject({
  conversationId: ConversationId.nullish(),
  type: z.enum(['start', 'message']).optional(),
  text: z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).optional(),
  value: z.string().max(100, 'must be at most 100 characters').optional(),
  locale: z.string().max(35, 'must be at most 35 characters').optional(),
  languages: z.array(z.string().max(35)).max(20).optional(),
  kommun: z.string().regex(/^\d{4}$/, 'must be a four-digit SCB kommun code').optional(),
});

/** Splits an Accept-Language header into tags in order of preference. */
export function acceptLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: (tag ?? '').trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
}

export function chatRouter(service: ChatService, allowedOrigins: '*' | readonly string[], limiter?: express.RequestHandler): Router {
  const router = Router();
  router.use('/api/chat', cors(allowedOrigins, 'POST, DELETE, OPTIONS'), (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // Only conversation turns are limited; ending a conversation (the exit) always goes through.
  const limit: express.RequestHandler[] = limiter ? [limiter] : [];
  router.post('/api/chat', ...limit, express.json({ limit: MAX_BODY, strict: false }), async (req, res) => {
    if (!req.is('application/json')) return sendError(res, 415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.');
    const parsed = ChatRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', 'The request has fields with wrong values.', { fields: fieldErrors(parsed.error) });
    const body = parsed.data;
    // A language picked from a menu is a message of its own: the server switches and asks again.
    if ((body.type ?? 'message') === 'message' && body.conversationId && body.text === undefined && body.value === undefined && body.locale === undefined)
      return sendError(res, 400, 'invalid_request', 'A message needs text, value or locale.', { fields: { text: ['is required for a message'] } });
    const reply = await service.handle(body, acceptLanguages(req.get('accept-language')));
    if (reply.status === 503) res.set('Retry-After', '60');
    res.status(reply.status).json(reply.body);
  });

  const end: express.RequestHandler = async (req, res) => {
    const id = ConversationId.safeParse(req.params.conversationId);
    if (!id.success) return sendError(res, 400, 'invalid_request', 'That is not a conversation id.');
    await service.end(id.data);
    res.status(204).end();
  };
  router.delete('/api/chat/:conversationId', end);
  // navigator.sendBeacon can only POST; its body is ignored.
  router.post('/api/chat/:conversationId/end', end);
  return router;
}
