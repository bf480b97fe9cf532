/**
 * /stats: the statistics dashboard for staff (scoped to their län or kommuner) and admins, behind
 * the admin's sign-in (`authorize`), and /stats/export.csv with exactly the numbers shown.
 */
import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { writeCsv } from '../formats/csv.js';
import type { Geo } from '../geo/kommuner.js';
import type { Texts } from '../i18n/bundle.js';
import { log } from '../log.js';
import type { CountersRepository } from '../storage/counters-repository.js';
import { areaName, messagePage, rowLabel, shown, STATS_CSS, statsPage, type PageContext, type UiLocale } from './pages.js';
import { Publications } from './publications.js';
import { buildView, OutOfScopeError, type StatsAccess, type View } from './view.js';

export interface StatsRouterOptions {
  store: CountersRepository;
  geo: Geo;
  texts: Texts;
  now: () => Date;
  /** The signed-in user who may read statistics, or undefined (→ the sign-in page). */
  authorize: (req: Request) => StatsAccess | undefined;
  /** Counts 1 … threshold−1 are shown as "<threshold". */
  threshold: number;
  /** Counts reach the store within this time (the flush interval): a month is shown once it is this much over. */
  graceMs: number;
}

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const Query = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  area: z.string().regex(/^(SE|\d{2}|\d{4})$/).optional(),
  lang: z.string().regex(/^[a-z]{2,3}(-x-[a-z]{2})?$/).optional(),
  hl: z.enum(['sv', 'en']).optional(),
});

function uiLocale(req: Request, asked: UiLocale | undefined): UiLocale {
  if (asked) return asked;
  const accepted = req.acceptsLanguages('sv', 'en');
  return accepted === 'en' ? 'en' : 'sv';
}

export function statsRouter(o: StatsRouterOptions): Router {
  const publications = new Publications({ store: o.store, geo: o.geo, threshold: o.threshold, graceMs: o.graceMs, now: o.now });
  const router = Router();

  router.get('/stats/stats.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'no-cache').send(STATS_CSS);
  });

  router.use(['/stats', '/stats/export.csv'], (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP, 'X-Robots-Tag': 'noindex' });
    next();
  });

  /** The view for a request, or the response already sent (sign-in, bad filter, out of scope). */
  const prepare = (req: Request, res: Response): { view: View; c: PageContext } | undefined => {
    const access = o.authorize(req);
    if (!access) {
      res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
      return undefined;
    }
    const parsed = Query.safeParse(req.query);
    const locale = uiLocale(req, parsed.success ? parsed.data.hl : undefined);
    const query = new URLSearchParams(Object.entries(parsed.success ? parsed.data : {}).filter(([, v]) => typeof v === 'string') as [string, string][]);
    const c: PageContext = { t: o.texts.t(locale), locale, access, geo: o.geo, threshold: o.threshold, query };
    if (!parsed.success) {
      res.status(400).type('html').send(messagePage(c, 'stats:notes.badQuery'));
      return undefined;
    }
    try {
      const view = buildView(access, parsed.data, { geo: o.geo, publications });
      if ('empty' in view) {
        res.type('html').send(messagePage(c, view.areas.length ? 'stats:notes.empty' : 'stats:notes.noArea'));
        return undefined;
      }
      return { view, c };
    } catch (e) {
      if (!(e instanceof OutOfScopeError)) throw e;
      log.warn('stats_out_of_scope', { role: access.role });
      res.status(403).type('html').send(messagePage(c, 'stats:notes.outOfScope'));
      return undefined;
    }
  };

  router.get('/stats', (req, res) => {
    const prepared = prepare(req, res);
    if (prepared) res.type('html').send(statsPage(prepared.view, prepared.c, o.texts));
  });

  router.get('/stats/export.csv', (req, res) => {
    const prepared = prepare(req, res);
    if (!prepared) return;
    const { view, c } = prepared;
    const area = areaName(view.area, c);
    const lang = view.langIgnored || view.lang === 'all' ? c.t('stats:filters.allLanguages') : (o.texts.meta(view.lang)?.nativeName ?? view.lang);
    const rows: string[][] = [[c.t('stats:filters.area'), c.t('stats:filters.from'), c.t('stats:filters.to'), c.t('stats:filters.language'), c.t('stats:columns.table'), c.t('stats:columns.category'), c.t('stats:columns.count')]];
    for (const table of view.tables) for (const r of table.rows) rows.push([area, view.from, view.to, lang, c.t(`stats:tables.${table.id}`), rowLabel(table.id, r.key, c, o.texts), shown(r.value, o.threshold)]);
    for (const u of view.unmet) {
      const kommun = o.geo.kommun(u.kommun)?.name ?? u.kommun;
      for (const [col, v] of [['given', u.given], ['unmet', u.unmet], ['afterHours', u.afterHours]] as const) rows.push([kommun, view.from, view.to, c.t('stats:filters.allLanguages'), c.t('stats:tables.unmet'), c.t(`stats:columns.${col}`), shown(v, o.threshold)]);
    }
    const name = `vagvisaren-statistik-${view.area.code}-${view.from}-${view.to}.csv`;
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}"`).send(`\uFEFF${writeCsv(rows, c.locale === 'sv' ? ';' : ',')}`);
  });

  return router;
}
