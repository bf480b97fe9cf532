/**
 * The chat in a real browser (Debian Chromium): whole conversations on the demo kommun page by
 * clicking and by typing, what is left in the browser afterwards, the language menu, keyboard and
 * screen-reader behaviour, small screens, axe at WCAG 2.2 AA, and screenshots for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserTraces, launchBrowser, screenshotPath, violations } from '../helpers/browser.js';
import { direction, type Locale } from '../../src/i18n/locales.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { clickPath, focused, press, session, typeAnswer, words } from './helpers.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sv = () => words(server, 'sv');

async function openDemo(page: Page, path = '/demo'): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByRole('button', { name: sv()('widget:launcher.open') }).click();
}

/** The contact cards as a person sees them: name, open-now badge, tap-to-call links. */
async function cards(page: Page) {
  return page.locator('vagvisaren-chat article.card').evaluateAll((els) =>
    els.map((card) => ({
      name: card.querySelector('.card__name')?.textContent ?? '',
      badge: card.querySelector('.badge')?.textContent ?? '',
      badgeClass: card.querySelector('.badge')?.className ?? '',
      calls: [...card.querySelectorAll('a.call')].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
    })),
  );
}

describe('a whole conversation on /demo', () => {
  it('by clicking: questions, large buttons, then contact cards with tap-to-call links and an open-now badge', async () => {
    const { context, page, requests, ids } = await session(browser, { width: 390, height: 844 });
    await openDemo(page);
    const w = sv();
    await expect.poll(() => page.getByText(w('chat:danger.question')).count()).toBe(1);
    await press(page, clickPath(server));
    await page.getByRole('heading', { name: 'Kvinnofridslinjen' }).waitFor();

    const shown = await cards(page);
    const kvinnofrid = shown.find((c) => c.name === 'Kvinnofridslinjen')!;
    expect(kvinnofrid.calls).toEqual([{ text: 'Ring 020-50 50 50', href: 'tel:+4620505050' }]);
    expect(kvinnofrid.badge).toBe(w('directory:status.always'));
    expect(kvinnofrid.badgeClass).toContain('badge--open');
    expect(shown.map((c) => c.name)).toContain('Socialtjänsten i Kalmar');
    // The choices are large tap targets.
    const restart = page.getByRole('button', { name: w('chat:end.restart'), exact: true });
    expect((await restart.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // Each answer the person gave is shown as hers.
    for (const label of clickPath(server)) await expect.poll(() => page.locator('vagvisaren-chat .msg--me', { hasText: label }).count()).toBeGreaterThan(0);

    // Nothing left behind, and nothing asked of any other host.
    expect(ids).toHaveLength(1);
    expect(await browserTraces(context, page)).toEqual({ cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0 });
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    expect([...origins]).toEqual([server.url]);
    for (const r of requests) expect(r.headers().cookie).toBeUndefined();
    await context.close();
  });

  it('by typing: every answer typed and sent with Enter; focus stays in the text field', async () => {
    const { context, page } = await session(browser);
    await openDemo(page);
    const w = sv();
    const label = w('widget:input.label');
    await page.getByText(w('chat:danger.question')).waitFor();
    const steps: [string, string | RegExp][] = [
      ['nej', 'chat:who.question'],
      ['mig själv', 'chat:gender.question'],
      ['kvinna', 'chat:situation.question'],
      ['han slår mig', 'chat:need.question'],
      ['någon att prata med', 'chat:kommun.confirm'],
      ['ja', /^Här är \d+ ställen du kan kontakta i Kalmar\./],
    ];
    for (const [text, next] of steps) {
      await typeAnswer(page, label, text);
      await page.getByText(typeof next === 'string' ? w(next, { kommun: 'Kalmar' }) : next, typeof next === 'string' ? { exact: true } : {}).waitFor();
      expect((await focused(page)).tag).toBe('input');
    }
    await page.getByRole('heading', { name: 'Kvinnofridslinjen' }).waitFor();
    expect((await cards(page)).length).toBeGreaterThan(1);
    await context.close();
  });

  it('a reload starts afresh: the conversation lived only in the page', async () => {
    const { context, page, ids } = await session(browser);
    await openDemo(page);
    await press(page, [sv()('chat:danger.no')]);
    await page.getByText(sv()('chat:who.question')).waitFor();
    await page.reload();
    await page.getByRole('button', { name: sv()('widget:launcher.open') }).click();
    await page.getByText(sv()('chat:danger.question')).waitFor();
    expect(await page.getByText(sv()('chat:who.question')).count()).toBe(0);
    await expect.poll(() => ids.length).toBe(2);
    await context.close();
  });

  it('shows a short "writing…" line while the answer is on its way', async () => {
    const { context, page } = await session(browser);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/chat', async (route) => {
      await held;
      await route.continue();
    });
    await openDemo(page);
    const writing = page.getByText(sv()('widget:writing'));
    await writing.waitFor({ state: 'visible' });
    release();
    await page.getByText(sv()('chat:danger.question')).waitFor();
    await writing.waitFor({ state: 'hidden' });
    await context.close();
  });

  it('when the server cannot be reached it says so, with 112 and Kvinnofridslinjen, and the choices stay', async () => {
    const { context, page } = await session(browser);
    await openDemo(page);
    await page.getByText(sv()('chat:danger.question')).waitFor();
    await page.route('**/api/chat', (route) => route.abort());
    await press(page, [sv()('chat:danger.no')]);
    await page.getByText(sv()('widget:error.network')).waitFor();
    expect(await page.getByRole('button', { name: sv()('chat:danger.no'), exact: true }).count()).toBe(1);
    await context.close();
  });
});

describe('languages', () => {
  it('the menu lists each language the server has, by its name in its own script, and switches the chat', async () => {
    const { context, page } = await session(browser);
    await openDemo(page);
    await press(page, [sv()('chat:danger.no')]);
    await page.getByText(sv()('chat:who.question')).waitFor();
    await page.getByRole('button', { name: sv()('widget:language.button') }).click();
    const items = page.locator('vagvisaren-chat .langs button');
    const listed = await items.evaluateAll((els) => els.map((e) => ({ name: e.textContent, lang: e.getAttribute('lang'), dir: e.getAttribute('dir'), current: e.getAttribute('aria-current') })));
    expect(listed).toEqual(server.app.texts.locales.map((l) => ({ name: server.app.texts.meta(l)!.nativeName, lang: l, dir: server.app.texts.dir(l), current: l === 'sv' ? 'true' : null })));

    await page.getByRole('button', { name: 'English', exact: true }).click();
    const en = words(server, 'en');
    // The server switches and asks the current question again; the widget's own words follow.
    await page.getByText(en('chat:who.question')).waitFor();
    await page.getByRole('link', { name: `${en('widget:exit.hiddenPrefix')} ${en('widget:exit.button')}`, exact: true }).waitFor();
    expect(await page.locator('vagvisaren-chat .vv').getAttribute('lang')).toBe('en');
    // Earlier messages keep their own language.
    expect(await page.locator('vagvisaren-chat .msg--bot', { hasText: sv()('chat:danger.question') }).getAttribute('lang')).toBe('sv');
    await press(page, [en('chat:who.self')]);
    await page.getByText(en('chat:gender.question')).waitFor();
    await context.close();
  });

  it('follows the browser language when the page does not name one', async () => {
    const { context, page } = await session(browser, { locale: 'en-GB' });
    await page.goto(`${server.url}/demo`);
    await page.getByRole('button', { name: words(server, 'en')('widget:launcher.open') }).click();
    await page.getByText(words(server, 'en')('chat:danger.question')).waitFor();
    await context.close();
  });
});

describe('keyboard and screen readers', () => {
  it('Tab order: the exit skip link first; the panel opens by keyboard, focus follows new content, Escape closes nothing', async () => {
    const { context, page } = await session(browser);
    await page.goto(`${server.url}/demo`);
    const w = sv();
    await page.getByRole('button', { name: w('widget:launcher.open') }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: `${w('widget:exit.hiddenPrefix')} ${w('widget:exit.skipLink')}` });

    await page.getByRole('button', { name: w('widget:launcher.open') }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(w('chat:danger.question')).waitFor();
    // Focus went into the panel, to the first new message.
    await expect.poll(async () => (await focused(page)).inLog).toBe(true);
    expect((await focused(page)).text).toBe(w('chat:welcome.intro'));

    // Tab on to the first choice and press it with the keyboard.
    const no = page.getByRole('button', { name: w('chat:danger.no'), exact: true });
    await no.focus();
    await page.keyboard.press('Enter');
    await page.getByText(w('chat:who.question')).waitFor();
    // The pressed button is gone; focus is on the new question, not lost.
    await expect.poll(async () => (await focused(page)).text).toBe(w('chat:who.question'));
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe(w('chat:who.self'));

    await page.keyboard.press('Escape');
    expect(await page.getByText(w('chat:who.question')).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: `${w('widget:exit.hiddenPrefix')} ${w('widget:exit.button')}`, exact: true }).isVisible()).toBe(true);

    // Minimise returns focus to the launcher; the conversation is still there when it opens again.
    await page.getByRole('button', { name: w('widget:panel.minimizeLabel') }).click();
    expect((await focused(page)).text).toBe(w('widget:launcher.open'));
    await page.keyboard.press('Enter');
    expect(await page.getByText(w('chat:who.question')).isVisible()).toBe(true);
    await context.close();
  });

  it('new messages go into a polite live region', async () => {
    const { context, page } = await session(browser);
    await openDemo(page);
    const log = page.locator('vagvisaren-chat [role="log"]');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    await press(page, [sv()('chat:danger.no')]);
    await log.getByText(sv()('chat:who.question')).waitFor();
    await context.close();
  });
});

describe('small screens', () => {
  for (const [name, size] of [
    ['320 px wide', { width: 320, height: 640 }],
    ['200 % zoom (1280×900 seen as 640×450)', { width: 640, height: 450 }],
  ] as const) {
    it(`usable at ${name}: the panel fits, the exit button and the text field stay in view`, async () => {
      const { context, page } = await session(browser, size);
      await openDemo(page);
      await press(page, clickPath(server).slice(0, 3));
      await page.getByText(sv()('chat:situation.question')).waitFor();
      const layout = await page.evaluate(() => {
        const root = document.querySelector('vagvisaren-chat')!.shadowRoot!;
        const box = (sel: string) => root.querySelector(sel)!.getBoundingClientRect();
        const panel = root.querySelector('.panel')!;
        return { panel: box('.panel'), exit: box('.exit'), input: box('.input'), overflow: panel.scrollWidth - panel.clientWidth, vw: innerWidth, vh: innerHeight };
      });
      expect(layout.overflow).toBe(0);
      expect(layout.panel.width).toBeLessThanOrEqual(layout.vw);
      for (const b of [layout.exit, layout.input]) {
        expect(b.top).toBeGreaterThanOrEqual(0);
        expect(b.bottom).toBeLessThanOrEqual(layout.vh);
        expect(b.right).toBeLessThanOrEqual(layout.vw);
      }
      // Scrolling the conversation does not move the exit button.
      await page.locator('vagvisaren-chat .scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
      const after = await page.locator('vagvisaren-chat .exit').boundingBox();
      expect(after!.y).toBeCloseTo(layout.exit.top, 0);
      await context.close();
    });
  }
});

/** The panel at the start of the conversation and at the contacts: test-output/widget-<lang>-360-*.png. */
async function screenshots(page: Page, lang: string): Promise<void> {
  const scroll = page.locator('vagvisaren-chat .scroll');
  await scroll.evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: screenshotPath(`widget-${lang}-360-start.png`) });
  await scroll.evaluate((el) => {
    const card = el.querySelector('.card')!;
    el.scrollTo({ top: card.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop - 8, behavior: 'instant' });
  });
  await page.screenshot({ path: screenshotPath(`widget-${lang}-360-contacts.png`) });
}

describe('accessibility (axe, WCAG 2.2 AA) and screenshots', () => {
  it('/ in Swedish: no violations', async () => {
    const { context, page } = await session(browser);
    await page.goto(`${server.url}/`);
    await page.getByText(sv()('chat:danger.question')).waitFor();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('/demo with the panel open and contact cards shown, in Swedish: no violations; screenshot at 360 px', async () => {
    const { context, page } = await session(browser, { width: 360, height: 760 });
    await openDemo(page);
    await press(page, clickPath(server));
    await page.getByRole('heading', { name: 'Kvinnofridslinjen' }).waitFor();
    await page.getByText(sv()('widget:exit.aboutTitle')).click();
    expect(await violations(page)).toEqual([]);
    await page.getByText(sv()('widget:exit.aboutTitle')).click();
    await screenshots(page, 'sv');
    await context.close();
  });

  // Arabic needs locales/ar, which is translated in parallel and merged from main.
  const arabic = () => expect(server.app.texts.locales, 'locales/ar is not on this branch yet (merge main once it has landed)').toContain('ar');

  it('/ in Arabic: right to left, no violations', async () => {
    arabic();
    const { context, page } = await session(browser, { locale: 'ar' });
    await page.goto(`${server.url}/?lang=ar`);
    await page.getByText(words(server, 'ar')('chat:danger.question')).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('vagvisaren-chat .vv').getAttribute('dir')).toBe('rtl');
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it('/demo with the panel open in Arabic: right to left per message, no violations; screenshot at 360 px', async () => {
    arabic();
    const { context, page } = await session(browser, { width: 360, height: 760, locale: 'ar' });
    await page.goto(`${server.url}/demo?lang=ar`);
    const ar = words(server, 'ar');
    await page.getByRole('button', { name: ar('widget:launcher.open') }).click();
    await press(page, clickPath(server, 'ar'));
    await page.locator('vagvisaren-chat article.card').first().waitFor();
    const dirs = await page.locator('vagvisaren-chat .msg--bot').evaluateAll((els) => els.map((e) => e.getAttribute('dir')));
    expect(new Set(dirs)).toEqual(new Set(['rtl']));
    // Phone numbers stay left to right inside Arabic text.
    expect(await page.locator('vagvisaren-chat a.call bdi[dir="ltr"]').count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await screenshots(page, 'ar');
    await context.close();
  });
});

describe('every language at 360 px', () => {
  // Swedish and Arabic are covered above, with axe; here the other eleven, for overflow and direction.
  const others = () => server.app.texts.locales.filter((l) => l !== 'sv' && l !== 'ar');

  // Eleven browser sessions one after another: about 24 s alone on a loaded two-core machine, so more than the default 30 s.
  it('each language runs a whole conversation in its own direction, nothing wider than the screen; screenshots', async () => {
    expect(others()).toHaveLength(11);
    for (const lang of others()) {
      const { context, page } = await session(browser, { width: 360, height: 760, locale: lang });
      await page.goto(`${server.url}/demo?lang=${lang}`);
      const t = words(server, lang);
      await page.getByRole('button', { name: t('widget:launcher.open') }).click();
      await page.getByText(t('chat:danger.question')).waitFor();
      await press(page, clickPath(server, lang));
      await page.locator('vagvisaren-chat article.card').first().waitFor();
      const want = direction(lang as Locale);
      expect(await page.locator('vagvisaren-chat .vv').getAttribute('dir'), lang).toBe(want);
      const dirs = await page.locator('vagvisaren-chat .msg--bot').evaluateAll((els) => els.map((e) => e.getAttribute('dir')));
      expect(new Set(dirs), lang).toEqual(new Set([want]));
      // Names stay Swedish, but translated descriptions are marked with their own language and direction.
      expect(await page.locator(`vagvisaren-chat article.card p[lang="${lang}"][dir="${want}"]`).count(), lang).toBeGreaterThan(0);
      // Long words (Finnish, Somali) must wrap: no element of the panel sticks out to the side.
      const overflow = await page.locator('vagvisaren-chat .scroll').evaluate((el) => {
        const box = el.getBoundingClientRect();
        const wide = [...el.querySelectorAll('*')].filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
        });
        return { scroll: el.scrollWidth - el.clientWidth, wide: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`) };
      });
      expect(overflow, lang).toEqual({ scroll: 0, wide: [] });
      await screenshots(page, lang);
      await context.close();
    }
  }, 90_000);
});
