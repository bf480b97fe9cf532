/**
 * /stats: the statistics dashboard for staff (scoped to their län or kommuner) and admins, behind
 * the admin's sign-in (`authorize`), and /stats/export.csv with exactly the numbers shown.
 */
import { Router, type Request, type Response } from 'express';
import * as z from 'zod';
import { raw } from '../admin/html.js';
import { staffFrame, staffLocale } from '../admin/index.js';
import { adminHeaders } from '../admin/security.js';
import { writeCsv } from '../formats/csv.js';
import type { Geo } from '../geo/kommuner.js';
import type { Texts } from '../i18n/bundle.js';
import { log } from '../log.js';
import type { CountersRepository } from '../storage/counters-repository.js';
import { areaName, messageBody, rowLabel, shown, statsBody, type PageContext } from './pages.js';
import { StatsIntegrityError } from './cube.js';
import { Publications } from './publications.js';
import { buildView, monthsShown, OutOfScopeError, type StatsAccess, type View } from './view.js';

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

const Query = z.object({
  from: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  area: z.string().regex(/^(SE|\d{2}|\d{4})$/).optional(),
  lang: z.string().regex(/^([a-z]{2,3}(-x-[a-z]{2})?|all)$/).optional(),
});

/** The /stats routes; `close` stops the worker that settles the publications. */
export function statsRouter(o: StatsRouterOptions): Router & { close(): Promise<void> } {
  const publications = new Publications({ store: o.store, geo: o.geo, threshold: o.threshold, graceMs: o.graceMs, now: o.now });
  const router = Router();

  // The admin's headers: strict Content-Security-Policy, no framing, no-store.
  router.use(['/stats', '/stats/export.csv'], ...adminHeaders);

  /** A whole page in the admin's frame. */
  const send = (req: Request, res: Response, status: number, render: (c: PageContext) => string) => {
    res
      .status(status)
      .type('html')
      .send(
        staffFrame(req, o.texts, (locale) => {
          const c: PageContext = { t: o.texts.t(locale), locale, geo: o.geo, threshold: o.threshold };
          return { title: c.t('stats:title'), body: raw(render(c)) };
        }).value,
      );
  };

  /** The view for a request, or the response already sent (sign-in, bad filter, out of scope). */
  const prepare = async (req: Request, res: Response): Promise<View | undefined> => {
    const access = o.authorize(req);
    if (!access) {
      res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
      return undefined;
    }
    const parsed = Query.safeParse(req.query);
    if (!parsed.success) {
      send(req, res, 400, (c) => messageBody(c, 'stats:notes.badQuery'));
      return undefined;
    }
    try {
      // The months shown are settled in the worker first, so that the chat does not wait.
      await publications.prepare(monthsShown(access, parsed.data, { geo: o.geo, publications }));
      const view = buildView(access, parsed.data, { geo: o.geo, publications });
      if ('empty' in view) {
        send(req, res, 200, (c) => messageBody(c, view.areas.length ? 'stats:notes.empty' : 'stats:notes.noArea'));
        return undefined;
      }
      return view;
    } catch (e) {
      if (e instanceof StatsIntegrityError) {
        // The counts break an identity of the catalogue (a changed flow?): show nothing rather than guess.
        log.error('stats_integrity', e);
        send(req, res, 500, (c) => messageBody(c, 'stats:notes.unavailable'));
        return undefined;
      }
      if (!(e instanceof OutOfScopeError)) throw e;
      log.warn('stats_out_of_scope', { role: access.role });
      send(req, res, 403, (c) => messageBody(c, 'stats:notes.outOfScope'));
      return undefined;
    }
  };

  router.get('/stats', async (req, res) => {
    const view = await prepare(req, res);
    if (view) send(req, res, 200, (c) => statsBody(view, c, o.texts));
  });

  router.get('/stats/export.csv', async (req, res) => {
    const view = await prepare(req, res);
    if (!view) return;
    // The CSV is in the language of the page it was downloaded from.
    const locale = staffLocale(req);
    const c: PageContext = { t: o.texts.t(locale), locale, geo: o.geo, threshold: o.threshold };
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

  // Settle the last twelve closed months in the background (in the worker, so the chat does not
  // wait): half a minute after start, then daily, so that staff find them ready.
  const warm = () => void publications.prepare(publications.closedMonths().slice(-12)).catch((e: unknown) => log.error('stats_prepare_failed', e));
  const first = setTimeout(warm, 30_000).unref();
  const daily = setInterval(warm, 86_400_000).unref();
  return Object.assign(router, {
    close: async () => {
      clearTimeout(first);
      clearInterval(daily);
      await publications.close();
    },
  });
}
