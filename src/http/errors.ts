/**
 * Bad input gets a short JSON error that names the problem; nothing ever answers with a stack
 * trace, and the server keeps serving.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import * as z from 'zod';
import { log } from '../log.js';

export function sendError(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.status(status).type('application/json').set('Cache-Control', 'no-store').send(JSON.stringify({ error, message, ...extra }));
}

/** The fields of a zod error, without the values (they may be what a person typed). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  // Keys come from the request ("valueOf", "__proto__"): no prototype to collide with.
  const out = Object.create(null) as Record<string, string[]>;
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys?.join(', ') ?? '(body)' : '(body)';
    const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
    (out[key] ??= []).push(message);
  }
  return out;
}

const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'too_large', 'The request body is too large.'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'unsupported_charset', 'Send the request body as UTF-8.'],
  'request.aborted': [400, 'aborted', 'The request was aborted.'],
  'request.size.invalid': [400, 'invalid_length', 'The request body length does not match its Content-Length.'],
  'parameters.too.many': [413, 'too_large', 'Too many parameters.'],
};

export const notFound: RequestHandler = (req, res) => {
  if (req.accepts(['json', 'html']) === 'html') {
    res.status(404).type('text/plain; charset=utf-8').send('Not found');
    return;
  }
  sendError(res, 404, 'not_found', 'There is nothing at this address.');
};

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const type = (err as { type?: string } | undefined)?.type;
  const known = type ? BODY_ERRORS[type] : undefined;
  if (known) return sendError(res, known[0], known[1], known[2]);
  const status = (err as { status?: number } | undefined)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, status, 'bad_request', 'The request could not be understood.');
  log.error('request_failed', err);
  sendError(res, 500, 'internal_error', 'Something went wrong on our side. If it is an emergency, call 112.');
};
