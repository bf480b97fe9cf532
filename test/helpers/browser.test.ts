/** The browser helper itself works: Chromium starts, loads a page from the test server, axe runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserTraces, launchBrowser, openPage, violations } from './browser.js';
import { startServer, type TestServer } from './server.js';

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

describe('browser helper', () => {
  it('loads a page, records its requests and reads its traces', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/healthz`);
    expect(await page.textContent('body')).toContain('ok');
    expect(requests).toEqual([`${server.url}/healthz`]);
    expect(await browserTraces(context, page)).toEqual({ cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0 });
    await page.setContent('<!doctype html><html lang="sv"><head><title>t</title></head><body><main><h1>Hej</h1><img src="data:,"></main></body></html>');
    expect((await violations(page)).map((v) => v.id)).toContain('image-alt');
    await context.close();
  });
});
