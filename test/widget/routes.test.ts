/**
 * The widget's server side without a browser: what /widget.js, /widget/config, / and /demo answer,
 * their security headers, the words per language, and the size budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_OUT } from '../../scripts/widget-build.mjs';
import { widgetSize } from '../../scripts/widget-size.mjs';
import { loadLocaleBundles, Texts } from '../../src/i18n/bundle.js';
import { checkLocale } from '../../src/i18n/parity.js';
import { pickLocale } from '../../src/widget/strings.js';
import type { WidgetConfig } from '../../src/widget/contract.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

describe('/widget.js and /widget.css', () => {
  it('are served to any page, never cached, with no cookie', async () => {
    for (const [path, type] of [
      ['/widget.js', 'text/javascript'],
      ['/widget.css', 'text/css'],
      ['/widget/pages.css', 'text/css'],
    ]) {
      const res = await get(path!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('the script holds no address of another host (fonts, CDNs, analytics): only its own origin', async () => {
    const js = await (await get('/widget.js')).text();
    expect(js.match(/https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+/gi) ?? []).toEqual([]);
    expect(js.match(/["'`]\/\/[a-z0-9-]+\./gi) ?? []).toEqual([]); // protocol-relative
  });
});

describe('/widget/config', () => {
  it('gives the words of the language asked for, the languages the server has, and the exit address', async () => {
    const res = await get('/widget/config?lang=en&languages=sv-SE', { origin: 'https://www.kalmar.se' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cfg = (await res.json()) as WidgetConfig;
    expect(cfg.locale).toBe('en');
    expect(cfg.dir).toBe('ltr');
    expect(cfg.strings['exit.button']).toBe('Leave this page');
    expect(cfg.strings['demo.title']).toBeUndefined(); // server-only words stay on the server
    expect(cfg.languages).toEqual(server.app.texts.locales.map((code) => ({ code, name: server.app.texts.meta(code)!.nativeName, dir: server.app.texts.dir(code) })));
    expect(cfg.languages.slice(0, 2)).toEqual([
      { code: 'sv', name: 'Svenska', dir: 'ltr' },
      { code: 'en', name: 'English', dir: 'ltr' },
    ]);
    expect(cfg.exitUrl).toBe('https://www.smhi.se/');
  });

  it('without a language it follows the browser, then Accept-Language, then Swedish', async () => {
    const locale = async (q: string, h: Record<string, string> = {}) => ((await (await get(`/widget/config${q}`, h)).json()) as WidgetConfig).locale;
    expect(await locale('?languages=en-US,sv')).toBe('en');
    expect(await locale('', { 'accept-language': 'en;q=0.8' })).toBe('en');
    expect(await locale('?languages=de-DE')).toBe('sv');
    expect(await locale('?lang=xx-YY&languages=en')).toBe('en');
  });

  it('rejects a malformed query with a short JSON error', async () => {
    const res = await get(`/widget/config?lang=${'x'.repeat(40)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', fields: { lang: expect.any(Array) } });
  });

  it('a language without widget texts yet gets the Swedish ones, marked as Swedish', async () => {
    const bundles = loadLocaleBundles(undefined, ['sv', 'en']);
    const { widget: _dropped, ...enWithout } = bundles[1]!.namespaces;
    const other = await startServer({ texts: new Texts([bundles[0]!, { ...bundles[1]!, namespaces: enWithout }]) });
    try {
      const cfg = (await (await fetch(`${other.url}/widget/config?lang=en`)).json()) as WidgetConfig;
      expect(cfg).toMatchObject({ locale: 'en', stringsLocale: 'sv' });
      expect(cfg.strings['exit.button']).toBe('Lämna sidan');
      const html = await (await fetch(`${other.url}/?lang=en`)).text();
      expect(html).toContain('<html lang="sv"'); // the page's words are Swedish…
      expect(html).toContain('data-lang="en"'); // …and the chat in it starts in English
    } finally {
      await other.close();
    }
    const own = (await (await get('/widget/config?lang=en')).json()) as WidgetConfig;
    expect(own.stringsLocale).toBe('en');
  });

  it('uses the EXIT_URL the server is configured with', async () => {
    const other = await startServer({ env: { EXIT_URL: 'https://www.yr.no/' } });
    try {
      expect(((await (await fetch(`${other.url}/widget/config`)).json()) as WidgetConfig).exitUrl).toBe('https://www.yr.no/');
    } finally {
      await other.close();
    }
  });
});

describe('pickLocale', () => {
  const texts = () => server.app.texts;
  it('takes a language asked for by name only when the server has it, else the next preference', () => {
    expect(pickLocale(texts(), 'en', ['sv'])).toBe('en');
    expect(pickLocale(texts(), 'sv', ['en'])).toBe('sv');
    expect(pickLocale(texts(), undefined, ['de', 'en-GB'])).toBe('en');
    expect(pickLocale(texts(), undefined, ['sv-FI', 'en'])).toBe('sv');
    expect(pickLocale(texts(), undefined, [])).toBe('sv');
    // A locale the project supports but this server has no words for yet is passed over.
    const missing = ['ar', 'fa', 'so', 'ti', 'fi', 'pl', 'uk', 'tr', 'bs', 'es'].find((l) => !texts().locales.includes(l as never));
    if (missing) expect(pickLocale(texts(), missing, ['en'])).toBe('en');
  });
});

describe('/ and /demo', () => {
  for (const path of ['/', '/demo']) {
    it(`${path}: strict CSP (own origin only, no inline script or style), no cookie, no cache`, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script has a src
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    });
  }

  it('/ speaks the language of ?lang= or the browser, and passes a known kommun to the widget', async () => {
    const en = await (await get('/?lang=en&kommun=0880')).text();
    expect(en).toContain('<html lang="en" dir="ltr">');
    expect(en).toContain('<title>Vägvisaren – support for violence in close relationships</title>');
    expect(en).toMatch(/<script src="\/widget\.js" data-mode="page" data-kommun="0880" data-lang="en" defer>/);
    const browser = await (await get('/', { 'accept-language': 'en-GB,en;q=0.9' })).text();
    expect(browser).toContain('<html lang="en"');
    expect(browser).not.toContain('data-lang');
    // A mistyped QR code still opens the chat: unusable parameters are ignored.
    const odd = await get('/?kommun=9999&lang=%3Cscript%3E');
    expect(odd.status).toBe(200);
    const oddHtml = await odd.text();
    expect(oddHtml).not.toContain('9999');
    expect(oddHtml).not.toContain('<script>');
  });

  it('/demo is a kommun page (Kalmar unless ?kommun= names another) that embeds the widget with one line', async () => {
    const html = await (await get('/demo')).text();
    expect(html).toContain('<title>Demo: Kalmar kommun</title>');
    expect(html).toMatch(/<script src="\/widget\.js" data-kommun="0880" async><\/script>/);
    expect(html).toContain(`&lt;script src=&quot;${server.url}/widget.js&quot; data-kommun=&quot;0880&quot;`);
    expect(await (await get('/demo?kommun=2380')).text()).toContain('<title>Demo: Östersund kommun</title>');
  });

  it('may be framed only by the origins allowed to embed the chat', async () => {
    const open = await get('/');
    expect(open.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(open.headers.get('x-frame-options')).toBeNull();
    const strict = await startServer({ env: { ALLOWED_ORIGINS: 'https://www.kalmar.se' } });
    try {
      const res = await fetch(`${strict.url}/`);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.kalmar.se");
    } finally {
      await strict.close();
    }
  });
});

describe('words', () => {
  it('every locale that has widget.json has the same keys and placeholders as Swedish', () => {
    const bundles = loadLocaleBundles();
    const sv = bundles.find((b) => b.locale === 'sv')!;
    expect(Object.keys(sv.namespaces.widget ?? {})).not.toHaveLength(0);
    for (const b of bundles) {
      if (b.locale === 'sv' || !b.namespaces.widget) continue;
      expect(checkLocale(sv, b).filter((p) => p.includes('/widget.json')), b.locale).toEqual([]);
    }
    expect(bundles.find((b) => b.locale === 'en')?.namespaces.widget).toBeDefined();
  });
});

describe('size', () => {
  it('widget.js and widget.css together are at most 20 KB gzipped', () => {
    const size = widgetSize(WIDGET_OUT);
    expect(size.js.raw).toBeGreaterThan(1000);
    expect(size.totalGzip).toBeLessThanOrEqual(size.budget);
    expect(size.budget).toBe(20 * 1024);
  });
});
