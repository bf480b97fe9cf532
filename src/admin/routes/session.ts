/**
 * Signing in and out, and setting a password through a one-time link.
 */
import type { Router } from 'express';
import * as z from 'zod';
import { directoryRole } from '../scope.js';
import { principalOf, type StaffUser } from '../model.js';
import { MIN_PASSWORD_LENGTH } from '../password.js';
import { formBody, type AdminContext } from '../router.js';
import { loginPage, setupPage } from '../views/account.js';

const LoginForm = z.object({ name: z.string().max(200).default(''), password: z.string().max(1000).default(''), next: z.string().max(500).default('') });
const SetupForm = z.object({ password: z.string().max(1000).default(''), confirm: z.string().max(1000).default('') });

/** Only our own staff pages: never another site, never a protocol-relative "//host". */
export function safeNext(next: string, user: StaffUser): string {
  if (/^\/(admin|stats)(?:[/?#]|$)/.test(next) && !/[\\]|\/\//.test(next) && !next.startsWith('/admin/login') && !next.startsWith('/admin/setup')) return next;
  return directoryRole(principalOf(user)) ? '/admin' : '/stats';
}

export function sessionRoutes(router: Router, ctx: AdminContext): void {
  const { auth } = ctx.d;

  router.get('/login', (req, res) => {
    const next = typeof req.query.next === 'string' ? req.query.next.slice(0, 500) : '';
    const user = auth.user(req);
    if (user) return res.redirect(303, safeNext(next, user));
    const v = ctx.view(req, res);
    const notice = req.query.bye === '1' ? { kind: 'ok' as const, text: v.t('admin:login.bye') } : undefined;
    ctx.send(res, 200, loginPage(v, { name: '', next }, notice));
  });

  router.post('/login', formBody, async (req, res) => {
    const form = LoginForm.safeParse(req.body ?? {});
    if (!form.success) return ctx.badRequest(req, res);
    const { name, password, next } = form.data;
    const v = ctx.view(req, res);
    if (!name.trim() || !password) return ctx.send(res, 400, loginPage(v, { name, next }, { kind: 'error', text: v.t('admin:login.missing') }));
    const result = await auth.login(name, password, req.ip ?? 'unknown');
    if (result.ok) {
      auth.startSession(req, res, result.user);
      return res.redirect(303, safeNext(next, result.user));
    }
    const status = result.reason === 'invalid' ? 401 : 429;
    ctx.send(res, status, loginPage(v, { name, next }, { kind: 'error', text: v.t(`admin:login.${result.reason}`) }));
  });

  router.post('/logout', async (req, res) => {
    const user = auth.user(req);
    if (user) {
      await auth.endSessions(user);
      await ctx.audit({ actor: user.name, action: 'logout' });
    }
    auth.clearSession(req, res);
    res.redirect(303, '/admin/login?bye=1');
  });

  router.get('/setup/:token', (req, res) => {
    const user = auth.userForToken(String(req.params.token));
    if (!user) return ctx.message(req, res, 404, 'admin:setup.badLinkTitle', 'admin:setup.badLink');
    ctx.send(res, 200, setupPage(ctx.view(req, res), { name: user.name, token: String(req.params.token) }));
  });

  router.post('/setup/:token', formBody, async (req, res) => {
    const token = String(req.params.token);
    const user = auth.userForToken(token);
    if (!user) return ctx.message(req, res, 404, 'admin:setup.badLinkTitle', 'admin:setup.badLink');
    const form = SetupForm.safeParse(req.body ?? {});
    if (!form.success) return ctx.badRequest(req, res);
    const v = ctx.view(req, res);
    const again = (key: string, params: Record<string, unknown> = {}) => ctx.send(res, 400, setupPage(v, { name: user.name, token }, { kind: 'error', text: v.t(key, params) }));
    if (form.data.password !== form.data.confirm) return again('admin:setup.mismatch');
    const result = await auth.setPassword(token, form.data.password);
    if (!result.ok) return result.problem === 'badLink' ? ctx.message(req, res, 404, 'admin:setup.badLinkTitle', 'admin:setup.badLink') : again(`admin:password.${result.problem}`, { min: MIN_PASSWORD_LENGTH });
    auth.startSession(req, res, result.user);
    res.redirect(303, safeNext('', result.user));
  });
}
