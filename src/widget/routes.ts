/**
 * The widget's routes: the script and styles a kommun page loads (/widget.js, /widget.css), its
 * words (/widget/config), the standalone chat (/) and the demo kommun page (/demo).
 *
 * Nothing here sets a cookie, and every answer is `no-store`: a person's browser keeps no copy that
 * could show later that the chat was used. The two pages carry a strict Content-Security-Policy
 * (only this origin; no inline script or style), the same conditions a careful kommun sets.
 */
import { Router, type Request, type RequestHandler } from 'express';
import * as z from 'zod';
import type { Config } from '../config.js';
import type { Geo } from '../geo/kommuner.js';
import { cors } from '../http/cors.js';
import { fieldErrors, sendError } from '../http/errors.js';
import { acceptLanguages } from '../conversation/http.js';
import type { Texts } from '../i18n/bundle.js';
import { WIDGET_FILES, WidgetAssets, type WidgetFile } from './assets.js';
import { chatPage, demoPage } from './pages.js';
import { pickLocale, widgetConfig, widgetTextsLocale } from './strings.js';

export const DEMO_KOMMUN = '0880'; // Kalmar

const Tag = z.string().trim().max(35);
const ConfigQuery = z.object({
  lang: Tag.optional(),
  /** The browser's languages (navigator.languages), comma-separated. */
  languages: z
    .string()
    .max(20 * 36)
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 20) : [])),
});

/** Query parameters of the pages: anything unusable is ignored, so a mistyped QR code still opens the chat. */
function pageParams(req: Request, geo: Geo): { lang?: string; kommun?: string } {
  const lang = typeof req.query.lang === 'string' ? Tag.safeParse(req.query.lang).data : undefined;
  const kommun = typeof req.query.kommun === 'string' && /^\d{4}$/.test(req.query.kommun) && geo.kommun(req.query.kommun) ? req.query.kommun : undefined;
  return { ...(lang ? { lang } : {}), ...(kommun ? { kommun } : {}) };
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

function pageSecurityHeaders(allowedOrigins: Config['allowedOrigins']): RequestHandler {
  // The standalone chat may be framed by the kommun sites allowed to embed the chat.
  const ancestors = allowedOrigins === '*' ? '*' : ["'self'", ...allowedOrigins].join(' ');
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return (_req, res, next) => {
    res.set('Content-Security-Policy', csp);
    res.removeHeader('X-Frame-Options');
    next();
  };
}

export function widgetRouter({ texts, geo, config }: { texts: Texts; geo: Geo; config: Config }): Router {
  const assets = new WidgetAssets();
  const router = Router();

  const file = (name: WidgetFile): RequestHandler => (_req, res) => {
    const bytes = assets.get(name);
    if (!bytes) return sendError(res, 503, 'widget_not_built', 'The widget has not been built: run npm run build.');
    res.status(200).type(WIDGET_FILES[name]).set('Cache-Control', 'no-store').send(bytes);
  };
  router.get('/widget.js', file('widget.js'));
  router.get('/widget.css', file('widget.css'));
  router.get('/widget/pages.css', file('pages.css'));
  // Browsers ask for it on every page; an empty answer keeps that request quiet.
  router.get('/favicon.ico', (_req, res) => void res.status(204).set('Cache-Control', 'no-store').end());

  router.use('/widget/config', cors(config.allowedOrigins, 'GET, OPTIONS'), noStore);
  router.get('/widget/config', (req, res) => {
    const query = ConfigQuery.safeParse(req.query);
    if (!query.success) return sendError(res, 400, 'invalid_request', 'The query has parameters with wrong values.', { fields: fieldErrors(query.error) });
    const locale = pickLocale(texts, query.data.lang, [...query.data.languages, ...acceptLanguages(req.get('accept-language'))]);
    res.json(widgetConfig(texts, locale, config.exitUrl));
  });

  const base = (req: Request) => {
    const params = pageParams(req, geo);
    const chosen = pickLocale(texts, params.lang, acceptLanguages(req.get('accept-language')));
    // The page is written in the words it has; the chat in it still starts in the chosen language.
    const locale = widgetTextsLocale(texts, chosen);
    return { params, chosen, page: { t: texts.t(locale), locale, dir: texts.dir(locale) } };
  };

  const pageHeaders = [noStore, pageSecurityHeaders(config.allowedOrigins)];
  router.get('/', ...pageHeaders, (req, res) => {
    const { params, chosen, page } = base(req);
    res.type('html').send(chatPage({ ...page, kommun: params.kommun, lang: params.lang ? chosen : undefined }));
  });

  router.get('/demo', ...pageHeaders, (req, res) => {
    const { params, chosen, page } = base(req);
    const kommun = params.kommun ?? DEMO_KOMMUN;
    const origin = config.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
    res.type('html').send(
      demoPage({ ...page, kommun, kommunName: geo.kommun(kommun)?.name ?? kommun, lang: params.lang ? chosen : undefined, widgetUrl: `${origin}/widget.js` }),
    );
  });
  return router;
}
