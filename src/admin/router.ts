/**
 * /admin: server-rendered pages for staff. Every request is authorised here on the server; what a
 * page does not show, a crafted request cannot do either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';
import type { DirectoryService } from '../directory/service.js';
import { toStockholm } from '../directory/time.js';
import type { Geo } from '../geo/kommuner.js';
import type { Texts } from '../i18n/bundle.js';
import { log } from '../log.js';
import { paths } from '../paths.js';
import type { AuditEntry, AuditLog } from '../storage/audit-log.js';
import type { StaffAuth } from './auth.js';
import type { Html } from './html.js';
import { principalOf, type Principal } from './model.js';
import { adminHeaders, refuseCrossSite } from './security.js';
import { readCookie, setCookie } from './session.js';
import { directoryRoutes } from './routes/directory.js';
import { serviceRoutes } from './routes/services.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { messagePage, UI_LOCALES, type Notice, type UiLocale, type View } from './views/layout.js';
import { languagesPage } from './views/languages.js';
import { LOCALES } from '../i18n/locales.js';

export interface AdminDeps {
  config: Config;
  geo: Geo;
  texts: Texts;
  directory: DirectoryService;
  audit: AuditLog;
  auth: StaffAuth;
  now: () => Date;
}

export const LANGUAGE_COOKIE = 'vv_lang';

/** The language staff chose for the admin and the statistics (Swedish unless they switched). */
/** The languages of the staff pages, each by its own name. */
export function staffLanguages(texts: Texts): { code: UiLocale; name: string }[] {
  return UI_LOCALES.map((code) => ({ code, name: texts.meta(code)?.nativeName ?? code }));
}

export function staffLocale(req: Request): UiLocale {
  const c = readCookie(req, LANGUAGE_COOKIE);
  return (UI_LOCALES as readonly string[]).includes(c ?? '') ? (c as UiLocale) : 'sv';
}

/** What every route handler needs: the dependencies and a few helpers. */
export class AdminContext {
  constructor(readonly d: AdminDeps) {}

  locale(req: Request): UiLocale {
    return staffLocale(req);
  }

  view(req: Request, res: Response): View {
    const locale = this.locale(req);
    return { t: this.d.texts.t(locale), locale, path: req.originalUrl.split('?')[0] ?? '/admin', principal: res.locals.principal as Principal | undefined, languages: staffLanguages(this.d.texts) };
  }

  send(res: Response, status: number, body: Html): void {
    res.status(status).type('html').send(body.value);
  }

  message(req: Request, res: Response, status: number, titleKey: string, textKey: string, params: Record<string, unknown> = {}): void {
    const v = this.view(req, res);
    this.send(res, status, messagePage(v, v.t(titleKey), v.t(textKey, params), { href: '/admin', label: v.t('admin:nav.back') }));
  }

  forbidden(req: Request, res: Response, reason = 'generic'): void {
    this.message(req, res, 403, 'admin:forbidden.title', `admin:forbidden.${reason}`);
  }

  badRequest(req: Request, res: Response): void {
    this.message(req, res, 400, 'admin:badRequest.title', 'admin:badRequest.text');
  }

  notFound(req: Request, res: Response): void {
    this.message(req, res, 404, 'admin:notFound.title', 'admin:notFound.text');
  }

  principal(res: Response): Principal {
    return res.locals.principal as Principal;
  }

  /** Today in Stockholm, "YYYY-MM-DD". */
  today(): string {
    return toStockholm(this.d.now()).date;
  }

  async audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.d.audit.append({ at: this.d.now().toISOString(), ...entry });
  }

  notice(req: Request, v: View): Notice | undefined {
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    if (done && DONE.has(done)) return { kind: 'ok', text: v.t(`admin:done.${done}`) };
    return undefined;
  }
}

const DONE = new Set(['saved', 'created', 'verified', 'restored', 'unchanged', 'deleted', 'userSaved', 'enabled', 'disabled']);

/** Form bodies: a record's form has many fields (13 languages, rows of phones, hours and sources). */
export const formBody = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 20_000 });

const ASSETS: Record<string, string> = { 'admin.css': 'text/css; charset=utf-8', 'admin.js': 'text/javascript; charset=utf-8', 'favicon.svg': 'image/svg+xml' };

export function adminRouter(deps: AdminDeps): Router {
  const ctx = new AdminContext(deps);
  const router = Router();
  const assets = new Map(Object.entries(ASSETS).map(([name, type]) => [name, { type, body: readFileSync(join(paths.root, 'src', 'admin', 'assets', name)) }]));

  router.use(adminHeaders);
  router.use(refuseCrossSite(deps.config.publicUrl, (req, res) => ctx.message(req, res, 403, 'admin:crossSite.title', 'admin:crossSite.text')));

  router.get('/assets/:file', (req, res) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) return ctx.notFound(req, res);
    res.set('Cache-Control', 'no-cache').type(asset.type).send(asset.body);
  });

  router.post('/language', formBody, (req, res) => {
    const locale = typeof req.body?.locale === 'string' && (UI_LOCALES as readonly string[]).includes(req.body.locale) ? req.body.locale : 'sv';
    // Back to the page the switch was on: the admin's, or the statistics (which share the frame).
    const back = typeof req.body?.back === 'string' && /^\/(admin|stats)(\/[\w\-/]*)?$/.test(req.body.back) ? req.body.back : '/admin';
    setCookie(req, res, LANGUAGE_COOKIE, locale, 365 * 86_400_000, false);
    res.redirect(303, back);
  });

  sessionRoutes(router, ctx);

  // Everything below needs a signed-in user.
  router.use(signedIn(ctx));
  serviceRoutes(router, ctx);
  userRoutes(router, ctx);
  directoryRoutes(router, ctx);
  // Every signed-in user may see which languages await review: coordinators pass this on to translators.
  router.get('/languages', (req, res) => {
    const locales = LOCALES.flatMap((locale) => {
      const meta = ctx.d.texts.meta(locale);
      return meta ? [{ locale, meta }] : [];
    });
    ctx.send(res, 200, languagesPage(ctx.view(req, res), locales));
  });

  router.use((req, res) => ctx.notFound(req, res));
  router.use(adminErrors(ctx));
  return router;
}

function signedIn(ctx: AdminContext): RequestHandler {
  return (req, res, next) => {
    const user = ctx.d.auth.user(req);
    if (!user) {
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
      return ctx.message(req, res, 401, 'admin:signedOut.title', 'admin:signedOut.text');
    }
    res.locals.principal = principalOf(user);
    next();
  };
}

/** Body errors (too large, malformed) get a page, never a stack trace. */
function adminErrors(ctx: AdminContext): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number } | undefined)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (status === 413) return ctx.message(req, res, 413, 'admin:badRequest.title', 'admin:badRequest.tooLarge');
      return ctx.badRequest(req, res);
    }
    log.error('admin_request_failed', err);
    if (res.headersSent) return;
    ctx.message(req, res, 500, 'admin:serverError.title', 'admin:serverError.text');
  };
}
