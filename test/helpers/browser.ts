/**
 * Real headless Chromium for browser tests: Debian's `chromium` driven by playwright-core (Playwright
 * cannot download its own browser here). One browser per test file; a fresh context per test.
 *
 *   const browser = await launchBrowser();
 *   const { page, requests } = await openPage(browser, `${url}/demo`);
 *   expect(await violations(page)).toEqual([]);
 *   await browser.close();
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { paths } from '../../src/paths.js';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Screenshots for people to look at (git-ignored). */
export const OUTPUT_DIR = join(paths.root, 'test-output');

export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (see .ci/run) or set CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order (URL). */
  requests: string[];
}

export async function openPage(browser: Browser, url: string, options: { width?: number; height?: number; locale?: string; zoom?: number } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'sv-SE',
    deviceScaleFactor: options.zoom ?? 1,
  });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, requests };
}

/** What the page left in the browser: cookies and every storage area of its origin(s). */
export async function browserTraces(context: BrowserContext, page: Page): Promise<{ cookies: number; localStorage: number; sessionStorage: number; indexedDB: number }> {
  const cookies = (await context.cookies()).length;
  const inPage = await page.evaluate(async () => {
    const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    return { localStorage: localStorage.length, sessionStorage: sessionStorage.length, indexedDB: dbs.length };
  });
  return { cookies, ...inPage };
}

/** axe-core at WCAG 2.2 AA (and everything below it). Returns the violations, rule id and where. */
export async function violations(page: Page, include?: string): Promise<{ id: string; impact: string | null | undefined; targets: string[] }[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export function screenshotPath(name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return join(OUTPUT_DIR, name);
}
