/**
 * Driving the widget in a real browser as a person would: open the launcher, press the buttons the
 * server offers (their words taken from the locales, so the same steps work in every language),
 * type answers, and keep track of the conversation ids the server issued.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import type { TestServer } from '../helpers/server.js';

/** The neutral page every exit test lands on (there is no internet: Playwright answers for it). */
const NEUTRAL_HTML = '<!doctype html><html lang="sv"><head><title>Väder</title></head><body><h1>Väder</h1></body></html>';

export function words(server: TestServer, locale: Locale = 'sv') {
  const t = server.app.texts.t(locale);
  return (key: string, params?: Record<string, unknown>) => t(key, params) as string;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every request the context made, in order. */
  requests: Request[];
  /** Conversation ids from the chat API's answers, in order. */
  ids: string[];
}

/**
 * A fresh context (no cookies or storage from other tests). `before` runs before the first
 * navigation (routes, clocks, init scripts).
 */
export async function session(browser: Browser, options: { width?: number; height?: number; locale?: string; before?: (page: Page, context: BrowserContext) => Promise<void> } = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: options.locale ?? 'sv-SE' });
  const requests: Request[] = [];
  const ids: string[] = [];
  context.on('request', (r) => requests.push(r));
  context.on('response', (r) => {
    if (!r.url().endsWith('/api/chat')) return;
    void r
      .json()
      .then((j: { conversationId?: string | null }) => {
        if (j.conversationId && !ids.includes(j.conversationId)) ids.push(j.conversationId);
      })
      .catch(() => undefined);
  });
  const page = await context.newPage();
  await options.before?.(page, context);
  return { context, page, requests, ids };
}

/** Answers the exit address with a tiny neutral page and records what the browser sent it. */
export async function routeNeutral(context: BrowserContext, url = 'https://www.smhi.se/'): Promise<{ headers: Record<string, string>[] }> {
  const seen: { headers: Record<string, string>[] } = { headers: [] };
  await context.route(`${url}**`, async (route) => {
    seen.headers.push(await route.request().allHeaders());
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: NEUTRAL_HTML });
  });
  return seen;
}

/** Presses the choices with these labels, one after the other, waiting for each to appear. */
export async function press(page: Page, labels: string[]): Promise<void> {
  for (const label of labels) await page.getByRole('button', { name: label, exact: true }).click();
}

/** Types one answer into the chat and sends it with Enter. */
export async function typeAnswer(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: label });
  await input.fill(text);
  await input.press('Enter');
}

/** The path through the conversation used by the browser tests, as button labels in `locale`. */
export function clickPath(server: TestServer, locale: Locale = 'sv'): string[] {
  const w = words(server, locale);
  return [w('chat:danger.no'), w('chat:who.self'), w('chat:gender.woman'), w('chat:situation.physical'), w('chat:need.talk'), w('chat:kommun.yes')];
}

/** Where keyboard focus is, through shadow roots: tag, text and the nearest element with a class. */
export async function focused(page: Page): Promise<{ tag: string; text: string; className: string; inLog: boolean }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.textContent ?? '').trim(),
      className: el?.getAttribute('class') ?? '',
      inLog: !!el?.closest('[role="log"]'),
    };
  });
}

/** The server still holds this conversation? */
export async function knows(server: TestServer, id: string): Promise<boolean> {
  return server.app.conversation.runtime.exists(id);
}

export async function expectForgotten(server: TestServer, id: string): Promise<void> {
  await expect.poll(() => knows(server, id), { timeout: 5000 }).toBe(false);
}
