/**
 * The widget on a kommun page of another origin that is as unfriendly as a real one can be: a
 * strict Content-Security-Policy that allows only the page itself and the chat's server (no inline
 * script or style anywhere), CSS that resets every element and hides every button, and a cookie
 * banner on top of everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { expectForgotten, press, routeNeutral, session, words } from './helpers.js';
import { hostSite, type HostSite } from './host-site.js';

let server: TestServer;
let site: HostSite;
let browser: Browser;

const HOSTILE_CSS = `
* { all: unset !important; }
html, body, div, p, h1, main, header { display: block; }
button { display: none !important; }
a { display: none; }
[popover], vagvisaren-chat, vagvisaren-exit { display: none; opacity: 0; }
body { font-size: 6px; transform: scale(1); }
#cookies { position: fixed; inset: auto 0 0 0; height: 40vh; z-index: 2147483647; background: #fff; border-top: 4px solid #000; }
`;

beforeAll(async () => {
  server = await startServer();
  site = await hostSite();
  browser = await launchBrowser();
  const csp = [`default-src 'none'`, `script-src 'self' ${server.url}`, `style-src 'self' ${server.url}`, `connect-src ${server.url}`, `img-src 'self'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  site.set('/hostile.css', { body: HOSTILE_CSS, type: 'text/css' });
  site.set('/kommun', {
    headers: { 'content-security-policy': csp },
    body: `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Kommunen</title><link rel="stylesheet" href="/hostile.css"></head>
<body><header><p>Kommunen</p></header><main><h1>Våld i nära relationer</h1><p>Text.</p></main>
<div id="cookies"><p>Vi använder kakor.</p><button>OK</button></div>
<script src="${server.url}/widget.js" data-kommun="0880" async></script>
</body></html>`,
  });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const w = (key: string) => words(server, 'sv')(key);
const exitName = () => `${w('widget:exit.hiddenPrefix')} ${w('widget:exit.button')}`;

/** Every Content-Security-Policy violation on the page, recorded from before it loads. */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** Is the element at the centre of this box our widget (and not the page's banner)? */
async function ourPixel(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<string> {
  return page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase() ?? '', [box.x + box.width / 2, box.y + box.height / 2]);
}

describe('on a hostile kommun page with a strict CSP', () => {
  it('shows a working widget above the cookie banner, with no CSP violation and no request to any other origin', async () => {
    const s = await session(browser, { width: 1280, height: 800, before: recordCspViolations });
    await s.page.goto(`${site.origin}/kommun`);
    const launcher = s.page.getByRole('button', { name: w('widget:launcher.open') });
    await launcher.waitFor();
    // The page's CSS did not reach into the widget: the launcher is a real, readable button...
    const box = (await launcher.boundingBox())!;
    expect(box.width).toBeGreaterThan(100);
    expect(box.height).toBeGreaterThanOrEqual(44);
    // ...and it lies above the banner that covers the bottom of the window.
    expect(await ourPixel(s.page, box)).toBe('vagvisaren-chat');
    const fontSize = await launcher.evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(14);

    await launcher.click();
    await press(s.page, [w('chat:danger.no'), w('chat:who.self')]);
    await s.page.getByText(w('chat:gender.question')).waitFor();
    const exit = s.page.getByRole('link', { name: exitName(), exact: true });
    expect(await ourPixel(s.page, (await exit.boundingBox())!)).toBe('vagvisaren-chat');

    expect(await cspViolations(s.page)).toEqual([]);
    // The widget asked only its own server; the page itself asked only its own origin.
    const origins = new Set(s.requests.map((r) => new URL(r.url()).origin));
    expect([...origins].sort()).toEqual([server.url, site.origin].sort());
    expect(s.requests.filter((r) => r.url().startsWith(site.origin)).map((r) => new URL(r.url()).pathname)).toEqual(['/kommun', '/hostile.css']);
    expect(await s.context.cookies()).toEqual([]);
    await s.context.close();
  });

  it('a banner added later, with the highest z-index, still does not cover the launcher', async () => {
    const s = await session(browser, { width: 1280, height: 800 });
    await s.page.goto(`${site.origin}/kommun`);
    const launcher = s.page.getByRole('button', { name: w('widget:launcher.open') });
    await launcher.waitFor();
    // page.evaluate is not subject to the page's CSP, as a CMS's own banner script would not be.
    await s.page.evaluate(() => {
      const late = document.createElement('div');
      late.id = 'late-banner';
      // important, as the page's own reset is
      for (const [p, v] of Object.entries({ display: 'block', position: 'fixed', inset: '0', 'z-index': '2147483647', background: '#000' })) late.style.setProperty(p, v, 'important');
      document.body.append(late);
      if (document.elementFromPoint(innerWidth / 2, innerHeight / 2) !== late) throw new Error('the banner is not on top of the page');
    });
    expect(await ourPixel(s.page, (await launcher.boundingBox())!)).toBe('vagvisaren-chat');
    await s.context.close();
  });

  it('the quick exit works there too, and the neutral site is not told where she came from', async () => {
    const s = await session(browser, { before: recordCspViolations });
    const neutral = await routeNeutral(s.context);
    await s.page.goto(`${site.origin}/kommun`);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).click();
    await press(s.page, [w('chat:danger.no')]);
    await s.page.getByText(w('chat:who.question')).waitFor();
    const id = s.ids[0]!;
    expect(await cspViolations(s.page)).toEqual([]);
    await s.page.getByRole('link', { name: exitName(), exact: true }).click();
    await s.page.waitForURL('https://www.smhi.se/');
    expect(neutral.headers).toHaveLength(1);
    expect(neutral.headers[0]!.referer).toBeUndefined();
    await expectForgotten(server, id);
    await s.context.close();
  });
});

describe('options', () => {
  it('data-position="left" puts the launcher in the bottom-left corner', async () => {
    site.set('/left', { body: `<!doctype html><html lang="sv"><title>Kommunen</title><h1>Kommunen</h1><script src="${server.url}/widget.js" data-position="left" async></script>` });
    const s = await session(browser, { width: 1280, height: 800 });
    await s.page.goto(`${site.origin}/left`);
    const box = (await s.page.getByRole('button', { name: w('widget:launcher.open') }).boundingBox())!;
    expect(box.x).toBeLessThan(100);
    expect(box.y + box.height).toBeGreaterThan(700);
    await s.context.close();
  });
});
