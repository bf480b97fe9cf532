/**
 * The admin in a real headless Chromium, as a volunteer uses it: sign in, change opening hours,
 * save, and the chat shows the change at once; a conflict with someone else's save; restoring an
 * earlier version; a hostile name shown as text. axe-core (WCAG 2.2 AA) on the login, list and edit
 * pages, on a desktop and a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recordToForm } from '../../src/admin/form.js';
import { addUser, PASSWORD, StaffClient } from '../helpers/admin.js';
import { launchBrowser, openPage, screenshotPath, violations } from '../helpers/browser.js';
import { Chat } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;
const VANDELA = 'kvinnojouren-vandela';

beforeAll(async () => {
  // Tuesday 24 November 2026, 10:30 in Stockholm. Vändela's helpline is open 20–22 every day.
  server = await startServer();
  await addUser(server.app, { name: 'vera', roles: ['volunteer'], organisation: { id: VANDELA, name: 'Kvinno- och tjejjouren Vändela' } });
  await addUser(server.app, { name: 'anna', roles: ['admin'] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The card of Vändela that a woman in Västervik gets in the chat now. */
async function vandelaInChat(): Promise<{ title: string; subtitle?: string } | undefined> {
  const chat = new Chat(server.url);
  await chat.start({ kommun: '0883', languages: ['sv'] });
  for (const v of ['no', 'self', 'woman', 'physical', 'talk']) if (chat.choiceValues.includes(v)) await chat.press(v);
  for (let i = 0; i < 3 && !chat.cards.length; i++) if (chat.choiceValues.includes('yes')) await chat.press('yes');
  return chat.cards.find((c) => c.title === 'Kvinno- och tjejjouren Vändela');
}

async function signIn(name: string, width = 1280): Promise<Page> {
  const { page } = await openPage(browser, `${server.url}/admin`, { width, height: 900 });
  page.on('dialog', (d) => {
    throw new Error(`a script ran: ${d.message()}`);
  });
  await page.getByLabel('Användarnamn').fill(name);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL(/\/admin$/);
  return page;
}

const save = (page: Page) => page.getByRole('button', { name: 'Spara', exact: true }).first().click();

describe('the admin in a browser', () => {
  // axe on a form with every field takes several seconds on a busy two-core machine.
  it.each([1280, 390])('has no WCAG 2.2 AA violations on the login, list and edit pages (%i px wide)', async (width) => {
    const { page, context } = await openPage(browser, `${server.url}/admin/login`, { width, height: 900 });
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath(`admin-login-${width}.png`) });
    await context.close();
    const signed = await signIn('anna', width);
    expect(await violations(signed)).toEqual([]);
    await signed.screenshot({ path: screenshotPath(`admin-list-${width}.png`) });
    await signed.goto(`${server.url}/admin/services/${VANDELA}`);
    expect(await violations(signed)).toEqual([]);
    await signed.screenshot({ path: screenshotPath(`admin-edit-${width}.png`) });
    await signed.context().close();
  }, 120_000);

  it('in Arabic, chosen from the language menu: right to left, in Arabic, no violations', async () => {
    const signed = await signIn('anna', 390);
    await signed.locator('#staff-language').selectOption('ar');
    await signed.locator('form.language button').click();
    await signed.waitForURL(`${server.url}/admin`);
    expect(await signed.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await signed.locator('html').getAttribute('lang')).toBe('ar');
    expect(await signed.locator('h1').textContent()).toBe(server.app.texts.t('ar')('admin:list.title'));
    expect(server.app.texts.has('ar', 'admin:list.title'), 'the Arabic admin texts are shipped').toBe(true);
    expect(await violations(signed)).toEqual([]);
    await signed.screenshot({ path: screenshotPath('admin-list-ar-390.png') });
    await signed.context().close();
  }, 60_000);

  it('has no violations with errors on the edit page, and the error summary takes the focus', async () => {
    const signed = await signIn('anna');
    await signed.goto(`${server.url}/admin/services/${VANDELA}`);
    await signed.getByLabel('Nummer').first().fill('0480-12');
    await save(signed);
    await signed.waitForSelector('.error-summary');
    expect(await signed.locator('#error-summary').evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await violations(signed)).toEqual([]);
    await signed.context().close();
  }, 60_000);

  it('a volunteer changes opening hours, sees the preview, saves, and the chat shows the change at once', async () => {
    expect((await vandelaInChat())?.subtitle).toBe('Stängt nu, öppnar 20:00');
    const page = await signIn('vera');
    expect(await page.locator('table.services tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'Kvinno- och tjejjouren Vändela' }).click();
    await page.waitForURL(/kvinnojouren-vandela$/);
    // Coverage, kind and organisation are not hers to change: shown, not editable.
    expect(await page.locator('input[name="coverage.kommuner"][type=checkbox]').count()).toBe(0);
    expect(await page.locator('select[name="kind"]').count()).toBe(0);

    const tuesday = page.getByRole('group', { name: 'Tisdag' });
    await tuesday.getByLabel('Från (1)').fill('08:00');
    await tuesday.getByLabel('Till (1)').fill('12:00');
    // A second interval the same day, running past midnight.
    await tuesday.getByLabel('Från (2)').fill('20:00');
    await tuesday.getByLabel('Till (2)').fill('01:00');
    await page.getByRole('button', { name: 'Förhandsvisa' }).first().click();
    await page.waitForSelector('text=Förhandsvisning av dina ändringar');
    expect(await page.locator('.preview .card[lang=sv] .card-status').textContent()).toBe('Öppet nu, stänger 12:00');
    // Nothing is saved by a preview.
    expect((await vandelaInChat())?.subtitle).toBe('Stängt nu, öppnar 20:00');
    await save(page);
    await page.waitForURL(/done=saved/);
    expect(await page.locator('.notice.ok').textContent()).toContain('Ändringarna är sparade');
    expect(await page.locator('.preview .card[lang=sv] .card-status').textContent()).toBe('Öppet nu, stänger 12:00');
    expect(server.app.directory.repository.get(VANDELA)!.record.hours).toMatchObject({ weekly: { tue: [{ from: '08:00', to: '12:00' }, { from: '20:00', to: '01:00' }] } });
    expect((await vandelaInChat())?.subtitle).toBe('Öppet nu, stänger 12:00');
    await page.context().close();
  });

  it('shows a conflict with both versions when someone saved in between, and overwrites nothing', async () => {
    const page = await signIn('vera');
    await page.goto(`${server.url}/admin/services/${VANDELA}`);
    // Meanwhile an admin saves another change.
    const other = new StaffClient(server.url);
    await other.login('anna');
    const stored = server.app.directory.repository.get(VANDELA)!;
    const values = recordToForm(stored.record);
    values.set('phones.0.label.sv', ['Jourtelefon, ändrad av Anna']);
    values.set('version', [String(stored.version)]);
    expect((await other.post(`/admin/services/${VANDELA}`, values)).status).toBe(303);
    const theirs = server.app.directory.repository.get(VANDELA)!;

    await page.getByRole('group', { name: 'Beskrivning' }).getByLabel(/^Svenska/).fill('Veras nya beskrivning.');
    await save(page);
    await page.waitForSelector('text=Någon annan har sparat under tiden');
    const conflict = await page.locator('table.changes').textContent();
    expect(conflict).toContain('Jourtelefon, ändrad av Anna');
    expect(conflict).toContain('Veras nya beskrivning.');
    expect(server.app.directory.repository.get(VANDELA)).toEqual(theirs);
    expect(await violations(page)).toEqual([]);
    // Her text is still in the form; saving now is a deliberate choice, over their version.
    await page.getByRole('button', { name: 'Spara mina ändringar i stället' }).first().click();
    await page.waitForURL(/done=saved/);
    const now = server.app.directory.repository.get(VANDELA)!;
    expect(now.version).toBe(theirs.version + 1);
    expect(now.record.description?.sv).toBe('Veras nya beskrivning.');
    await page.context().close();
  });

  it('restores an earlier version from the history, and the chat shows it again', async () => {
    const page = await signIn('vera');
    await page.goto(`${server.url}/admin/services/${VANDELA}`);
    await page.getByRole('link', { name: 'Historik och återställning' }).click();
    await page.waitForURL(/history$/);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Återställ version 1' }).click();
    await page.waitForURL(/done=restored/);
    const restored = server.app.directory.repository.get(VANDELA)!;
    expect(restored.record).toEqual(server.app.directory.repository.history(VANDELA)[0]!.after);
    expect(server.app.directory.repository.history(VANDELA).at(-1)).toMatchObject({ action: 'restore', by: 'vera' });
    expect((await vandelaInChat())?.subtitle).toBe('Stängt nu, öppnar 20:00');
    await page.context().close();
  });

  it('shows a hostile name as text, and the kommun search works', async () => {
    const page = await signIn('anna');
    await page.goto(`${server.url}/admin/services/tjejjouren-vandela`);
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    await page.getByRole('group', { name: 'Namn', exact: true }).getByLabel(/^Svenska/).fill(hostile);
    await save(page);
    await page.waitForURL(/done=saved/);
    expect(await page.locator('h1').textContent()).toBe(hostile);
    expect(await page.locator('img').count()).toBe(0);
    await page.goto(`${server.url}/admin?q=${encodeURIComponent('<script>')}`);
    expect(await page.locator('table.services th a').first().textContent()).toBe(hostile);

    await page.goto(`${server.url}/admin/services/tjejjouren-vandela`);
    await page.getByLabel('Sök kommun').fill('vimm');
    const visible = await page.locator('[data-picker] .choice:visible label').allTextContents();
    expect(visible).toEqual(['Vimmerby']);
    await page.context().close();
  });
});
