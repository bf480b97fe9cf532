/**
 * The quick exit in a real browser. There is no internet: the neutral page is answered by
 * Playwright. Each exit must show the neutral page, leave no way Back to the chat, and leave the
 * server without the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { expectForgotten, focused, knows, press, routeNeutral, session, words, type Session } from './helpers.js';
import { hostSite, type HostSite } from './host-site.js';

let server: TestServer;
let site: HostSite;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  site = await hostSite();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await server?.close();
});

const NEUTRAL = 'https://www.smhi.se/';
const w = (key: string) => words(server, 'sv')(key);
const exitName = () => `${w('widget:exit.hiddenPrefix')} ${w('widget:exit.button')}`;
const status = (page: Page) => page.locator('vagvisaren-chat p[role="status"]').textContent();

/** A page before the chat (so that Back has somewhere to go), then /demo with a conversation under way. */
async function chatUnderWay(s: Session, path = '/demo'): Promise<string> {
  await s.page.goto(`${server.url}/healthz`);
  await s.page.goto(`${server.url}${path}`);
  if (path.startsWith('/demo')) await s.page.getByRole('button', { name: w('widget:launcher.open') }).click();
  await press(s.page, [w('chat:danger.no')]);
  await s.page.getByText(w('chat:who.question')).waitFor();
  expect(s.ids).toHaveLength(1);
  const id = s.ids[0]!;
  expect(await knows(server, id)).toBe(true);
  return id;
}

/** After an exit: the neutral page shows, Back goes to the page before the chat, the server forgot. */
async function expectLeft(s: Session, id: string): Promise<void> {
  await s.page.waitForURL(NEUTRAL);
  expect(await s.page.title()).toBe('Väder');
  expect(s.requests.some((r) => r.method() === 'POST' && r.url() === `${server.url}/api/chat/${id}/end`)).toBe(true);
  await expectForgotten(server, id);
  await s.page.goBack();
  expect(s.page.url()).toBe(`${server.url}/healthz`);
  expect(await s.page.locator('vagvisaren-chat').count()).toBe(0);
}

describe('quick exit', () => {
  it('by the button: the neutral page, Back does not show the chat, the server no longer knows the conversation', async () => {
    const s = await session(browser);
    const neutral = await routeNeutral(s.context);
    const id = await chatUnderWay(s);
    await s.page.getByRole('link', { name: exitName(), exact: true }).click();
    await expectLeft(s, id);
    // No Referer tells the neutral site where she came from.
    expect(neutral.headers[0]!.referer).toBeUndefined();
    await s.context.close();
  });

  it('in order: the page is covered at once, the server told, the widget emptied, then the page replaced', async () => {
    const s = await session(browser, {
      before: async (page) => {
        // What the page looks like at the moment the wipe is sent.
        await page.addInitScript(() => {
          const beacon = navigator.sendBeacon.bind(navigator);
          navigator.sendBeacon = (url, data) => {
            const chat = document.querySelector('vagvisaren-chat')?.shadowRoot;
            (window as unknown as { atBeacon: unknown }).atBeacon = { covered: !!document.querySelector('[data-vagvisaren-cover]'), widgetChildren: chat?.childElementCount ?? -1 };
            return beacon(url, data);
          };
        });
      },
    });
    // The neutral page never arrives (cancelled), so the page can be looked at after the exit began.
    const asked: string[] = [];
    await s.context.route(`${NEUTRAL}**`, (route) => {
      asked.push(route.request().url());
      return route.abort('aborted');
    });
    const id = await chatUnderWay(s);
    await s.page.getByRole('link', { name: exitName(), exact: true }).click();
    await expect.poll(() => asked).toEqual([NEUTRAL]);

    const after = await s.page.evaluate(() => {
      const cover = document.querySelector<HTMLElement>('[data-vagvisaren-cover]');
      const points: [number, number][] = [
        [1, 1],
        [innerWidth / 2, innerHeight / 2],
        [innerWidth - 2, innerHeight - 2],
      ];
      return {
        atBeacon: (window as unknown as { atBeacon: unknown }).atBeacon,
        topmost: points.every(([x, y]) => document.elementFromPoint(x, y) === cover),
        coverRole: cover?.getAttribute('role'),
        coverText: cover?.textContent,
        bodyInert: document.body.inert,
        widget: [...document.querySelectorAll('vagvisaren-chat, vagvisaren-exit')].map((h) => h.shadowRoot!.childElementCount),
      };
    });
    expect(after).toEqual({
      atBeacon: { covered: true, widgetChildren: 2 },
      topmost: true,
      coverRole: 'alert',
      coverText: w('widget:exit.loading'),
      bodyInert: true,
      widget: [0, 0],
    });
    await expectForgotten(server, id);
    await s.context.close();
  });

  it('by pressing Shift three times, announced as it goes', async () => {
    const s = await session(browser);
    await routeNeutral(s.context);
    const id = await chatUnderWay(s);
    await s.page.keyboard.press('Shift');
    expect(await status(s.page)).toBe(w('widget:exit.pressTwoMoreTimes'));
    await s.page.keyboard.press('Shift');
    expect(await status(s.page)).toBe(w('widget:exit.pressOneMoreTime'));
    await s.page.keyboard.press('Shift');
    await expectLeft(s, id);
    await s.context.close();
  });

  it('Shift×3 works with the panel closed too (anywhere on the kommun page)', async () => {
    const s = await session(browser);
    await routeNeutral(s.context);
    await s.page.goto(`${server.url}/healthz`);
    await s.page.goto(`${server.url}/demo`);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).waitFor();
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('Shift');
    await s.page.waitForURL(NEUTRAL);
    await s.context.close();
  });

  it('Shift used for capitals while typing does not count; presses more than 5 s apart start over', async () => {
    const s = await session(browser, { before: (page) => page.clock.install() });
    await routeNeutral(s.context);
    await chatUnderWay(s);
    const input = s.page.getByRole('textbox', { name: w('widget:input.label') });
    await input.focus();
    for (const key of ['KeyH', 'KeyE', 'KeyJ']) {
      await s.page.keyboard.down('Shift');
      await s.page.keyboard.press(key);
      await s.page.keyboard.up('Shift');
    }
    expect(await input.inputValue()).toBe('HEJ');
    expect(await status(s.page)).toBe('');

    await s.page.keyboard.press('Shift');
    await s.page.keyboard.press('Shift');
    await s.page.clock.fastForward(5000);
    expect(await status(s.page)).toBe(w('widget:exit.timedOut'));
    await s.page.keyboard.press('Shift');
    expect(await status(s.page)).toBe(w('widget:exit.pressTwoMoreTimes'));
    expect(s.page.url()).toBe(`${server.url}/demo`);
    await s.context.close();
  });

  it('the skip link is the first Tab stop of the page, and Enter on it exits', async () => {
    const s = await session(browser);
    await routeNeutral(s.context);
    await s.page.goto(`${server.url}/healthz`);
    await s.page.goto(`${server.url}/demo`);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).waitFor();
    await s.page.keyboard.press('Tab');
    expect(await focused(s.page)).toMatchObject({ tag: 'a', className: 'skip', text: `${w('widget:exit.hiddenPrefix')} ${w('widget:exit.skipLink')}` });
    // The link shows itself when focused.
    expect((await s.page.locator('vagvisaren-exit a').boundingBox())!.width).toBeGreaterThan(50);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).click();
    await press(s.page, [w('chat:danger.no')]);
    await s.page.getByText(w('chat:who.question')).waitFor();
    const id = s.ids[0]!;
    await s.page.locator('vagvisaren-exit a').focus();
    await s.page.keyboard.press('Enter');
    await expectLeft(s, id);
    await s.context.close();
  });

  it('on the standalone page /: the exit stays at the top while the conversation scrolls, and exits', async () => {
    const s = await session(browser, { width: 360, height: 640 });
    await routeNeutral(s.context);
    const id = await chatUnderWay(s, '/');
    const exit = s.page.getByRole('link', { name: exitName(), exact: true });
    const before = await exit.boundingBox();
    await s.page.locator('vagvisaren-chat .scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await s.page.mouse.wheel(0, 2000);
    const after = await exit.boundingBox();
    expect(after).toEqual(before);
    expect(before!.y).toBeGreaterThanOrEqual(0);
    expect(before!.y + before!.height).toBeLessThanOrEqual(640);
    await exit.click();
    await expectLeft(s, id);
    await s.context.close();
  });

  it('inside a kommun iframe, the whole window leaves, not just the frame', async () => {
    const s = await session(browser);
    await routeNeutral(s.context);
    site.set('/frame', { body: `<!doctype html><html lang="sv"><title>Kommun</title><h1>Kommun</h1><iframe title="Chat" src="${server.url}/" width="400" height="600"></iframe>` });
    await s.page.goto(`${site.origin}/frame`);
    const frame = s.page.frameLocator('iframe');
    await frame.getByRole('button', { name: w('chat:danger.no'), exact: true }).click();
    await frame.getByText(w('chat:who.question')).waitFor();
    const id = s.ids[0]!;
    await frame.getByRole('link', { name: exitName(), exact: true }).click();
    await s.page.waitForURL(NEUTRAL);
    await expectForgotten(server, id);
    await s.context.close();
  });

  it('a page shown again from the back/forward cache is usable, not blank (pageshow)', async () => {
    const s = await session(browser);
    await s.context.route(`${NEUTRAL}**`, (route) => route.abort('aborted')); // the exit never arrives
    await chatUnderWay(s);
    await s.page.getByRole('link', { name: exitName(), exact: true }).click();
    await s.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    expect(await s.page.locator('[data-vagvisaren-cover]').count()).toBe(0);
    expect(await s.page.evaluate(() => document.body.inert)).toBe(false);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).click();
    await s.page.getByText(w('chat:danger.question')).waitFor();
    await s.context.close();
  });
});

describe('the exit address', () => {
  async function hostPage(s: Session, exitAttr: string): Promise<void> {
    site.set('/exit', { body: `<!doctype html><html lang="sv"><title>Kommun</title><h1>Kommun</h1><script src="${server.url}/widget.js" data-kommun="0880" ${exitAttr} async></script>` });
    await s.page.goto(`${site.origin}/exit`);
    await s.page.getByRole('button', { name: w('widget:launcher.open') }).click();
  }
  const exitHref = (page: Page) => page.getByRole('link', { name: exitName(), exact: true }).getAttribute('href');

  it('an embedding may name its own https address', async () => {
    const s = await session(browser);
    await routeNeutral(s.context, 'https://www.yr.no/');
    await hostPage(s, 'data-exit-url="https://www.yr.no/"');
    expect(await exitHref(s.page)).toBe('https://www.yr.no/');
    await s.page.getByRole('link', { name: exitName(), exact: true }).click();
    await s.page.waitForURL('https://www.yr.no/');
    await s.context.close();
  });

  for (const bad of ['http://www.yr.no/', 'javascript:alert(1)', 'not an address']) {
    it(`anything but https (${bad}) falls back to the server's address`, async () => {
      const s = await session(browser);
      await hostPage(s, `data-exit-url="${bad}"`);
      expect(await exitHref(s.page)).toBe(NEUTRAL);
      expect(await s.page.locator('vagvisaren-exit a').getAttribute('href')).toBe(NEUTRAL);
      await s.context.close();
    });
  }
});
