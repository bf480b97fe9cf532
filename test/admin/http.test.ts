/**
 * The admin over HTTP, as a browser (or an attacker crafting requests) would use it: sign-in,
 * lockout, sessions, set-up links, who may see and change what, cross-site posts, escaping,
 * conflicts, history, import and export, the audit log and the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeStats } from '../../src/admin/index.js';
import { recordToForm } from '../../src/admin/form.js';
import { LOCK_MS, MAX_FAILURES } from '../../src/admin/auth.js';
import type { ServiceRecord } from '../../src/directory/schema.js';
import { describeIssues, exportCsv, parseImport } from '../../src/directory/io.js';
import { Chat } from '../helpers/chat.js';
import { addUser, encodeForm, PASSWORD, StaffClient } from '../helpers/admin.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let admin: StaffClient;

const VANDELA = 'kvinnojouren-vandela';
const KALMAR_JOUR = 'kvinnojouren-kalmar';

const stored = (id: string) => server.app.directory.repository.get(id)!;

/** The edit form of a record as the browser would post it, with some fields changed. */
function form(record: ServiceRecord, version: number, changes: Record<string, string | string[] | undefined> = {}): Map<string, string[]> {
  const values = recordToForm(record);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) values.delete(k);
    else values.set(k, Array.isArray(v) ? v : [v]);
  }
  values.set('version', [String(version)]);
  values.set('op', ['save']);
  return values;
}

/** A woman subjected to physical violence who wants to talk, in a kommun: the contact cards she gets. */
async function cardsFor(kommun: string): Promise<Chat> {
  const chat = new Chat(server.url);
  await chat.start({ kommun, languages: ['sv'] });
  for (const v of ['no', 'self', 'woman', 'physical', 'talk']) if (chat.choiceValues.includes(v)) await chat.press(v);
  // "Bor du i …?" confirms the kommun of the page.
  for (let i = 0; i < 3 && !chat.cards.length; i++) if (chat.choiceValues.includes('yes')) await chat.press('yes');
  return chat;
}

function unescape(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

beforeAll(async () => {
  server = await startServer();
  const app = server.app;
  await addUser(app, { name: 'anna', roles: ['admin'] });
  await addUser(app, { name: 'vera', roles: ['volunteer'], organisation: { id: VANDELA, name: 'Kvinno- och tjejjouren Vändela' } });
  // Västervik and Vimmerby: Sydostjouren serves Västervik (and ten kommuner outside the area).
  await addUser(app, { name: 'kalle', roles: ['coordinator'], area: { kommuner: ['0883', '0884'] } });
  await addUser(app, { name: 'stina', roles: ['staff'], area: { lan: ['08'] } });
  await addUser(app, { name: 'lock', roles: ['volunteer'], organisation: { id: VANDELA, name: 'Vändela' } });
  admin = new StaffClient(server.url);
  await admin.login('anna');
});
afterAll(async () => {
  await server?.close();
});

describe('signing in', () => {
  it('sends a signed-out visitor to the login page and back afterwards', async () => {
    const c = new StaffClient(server.url);
    const r = await c.get('/admin/services/kvinnojouren-vandela');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/admin/login?next=%2Fadmin%2Fservices%2Fkvinnojouren-vandela');
    const page = await c.get(r.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="password"');
    const login = await c.post('/admin/login', { name: 'vera', password: PASSWORD, next: '/admin/services/kvinnojouren-vandela' });
    expect(login.status).toBe(303);
    expect(login.location).toBe('/admin/services/kvinnojouren-vandela');
    // Never to another site, whatever "next" says.
    const c2 = new StaffClient(server.url);
    expect((await c2.post('/admin/login', { name: 'vera', password: PASSWORD, next: '//evil.example/admin' })).location).toBe('/admin');
  });

  it('sets a signed, HttpOnly, SameSite=Strict session cookie with an expiry, and refuses a forged one', async () => {
    const c = new StaffClient(server.url);
    const r = await c.login('vera');
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('vv_staff='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect((await c.get('/admin')).status).toBe(200);
    const value = c.cookies.get('vv_staff')!;
    const [payload, mac] = value.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, u: server.app.admin.users.byName('anna')!.id })).toString('base64url');
    c.cookies.set('vv_staff', `${forged}.${mac}`);
    expect((await c.get('/admin/users')).status).toBe(303);
  });

  it('ends the session when it expires and at log-out (the old cookie stops working)', async () => {
    const c = new StaffClient(server.url);
    await c.login('vera');
    const old = c.cookies.get('vv_staff')!;
    server.clock.advance(8 * 3_600_000 + 1000);
    expect((await c.get('/admin')).status).toBe(303);
    server.clock.advance(-(8 * 3_600_000 + 1000));
    await c.login('vera');
    const current = c.cookies.get('vv_staff')!;
    const out = await c.post('/admin/logout');
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join()).toMatch(/vv_staff=;.*Max-Age=0/);
    for (const cookie of [old, current]) expect((await fetch(`${server.url}/admin`, { redirect: 'manual', headers: { cookie: `vv_staff=${cookie}` } })).status).toBe(303);
  });

  it(`locks an account after ${MAX_FAILURES} failed logins, also for the right password, and opens it again later`, async () => {
    const c = new StaffClient(server.url);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await c.post('/admin/login', { name: 'lock', password: `wrong password ${i}` })).status).toBe(401);
    const locked = await c.post('/admin/login', { name: 'lock', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('spärrat');
    expect(c.cookies.has('vv_staff')).toBe(false);
    // A name that is no account is locked the same way: the answer does not tell which names exist.
    for (let i = 0; i < MAX_FAILURES; i++) await c.post('/admin/login', { name: 'nobody-here', password: `wrong ${i}` });
    expect((await c.post('/admin/login', { name: 'nobody-here', password: PASSWORD })).status).toBe(429);
    server.clock.advance(LOCK_MS + 1000);
    try {
      expect((await c.post('/admin/login', { name: 'lock', password: PASSWORD })).status).toBe(303);
    } finally {
      server.clock.advance(-(LOCK_MS + 1000));
    }
    const audit = server.app.admin.audit.page(0, 1000).entries;
    expect(audit.some((e) => e.action === 'login-locked' && e.actor === 'lock')).toBe(true);
    expect(audit.some((e) => e.actor === 'nobody-here' || e.target === 'nobody-here')).toBe(false);
  });
});

describe('accounts and set-up links', () => {
  it('creates a user with a one-time link; the password must be long and uncommon; the link works once', async () => {
    const created = await admin.post('/admin/users', { name: 'nils', access: 'volunteer', organisation: VANDELA });
    expect(created.status).toBe(201);
    const path = /\/admin\/setup\/[A-Za-z0-9_-]+/.exec(created.text)![0];
    const token = path.split('/').pop()!;
    const c = new StaffClient(server.url);
    expect((await c.get(path)).status).toBe(200);
    const tooShort = await c.post(path, { password: 'kort123', confirm: 'kort123' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain('minst 12 tecken');
    for (const common of ['Lösenord2026!!', 'qwerty123456', '123456789012', 'abcabcabcabc', 'nils-nils-nils-nils']) expect((await c.post(path, { password: common, confirm: common })).status, common).toBe(400);
    expect((await c.post(path, { password: 'blåbär i skogen vid sjön', confirm: 'blåbär i skogen vid sjö' })).status).toBe(400);
    const ok = await c.post(path, { password: 'blåbär i skogen vid sjön', confirm: 'blåbär i skogen vid sjön' });
    expect(ok.status).toBe(303);
    expect((await c.get('/admin')).status).toBe(200);
    expect((await new StaffClient(server.url).get(path)).status).toBe(404);
    // Stored: a scrypt hash and no trace of the password or the token.
    const stored = JSON.stringify(server.app.admin.users.byName('nils'));
    expect(stored).toMatch(/"passwordHash":"scrypt\$/);
    expect(stored).not.toContain('blåbär');
    expect(stored).not.toContain(token);
    expect(JSON.stringify(server.app.admin.audit.page(0, 1000))).not.toContain(token);
  });

  it('a disabled user cannot sign in and is signed out at once', async () => {
    await admin.post('/admin/users', { name: 'dora', access: 'none', stats: 'yes', 'area.lan': '08' });
    const dora = server.app.admin.users.byName('dora')!;
    const link = await admin.post(`/admin/users/${dora.id}/link`);
    const path = /\/admin\/setup\/[A-Za-z0-9_-]+/.exec(link.text)![0];
    const c = new StaffClient(server.url);
    expect((await c.post(path, { password: 'sju sorters kakor till fikat', confirm: 'sju sorters kakor till fikat' })).status).toBe(303);
    expect((await c.get('/admin')).status).toBe(200);
    expect((await admin.post(`/admin/users/${dora.id}/disable`)).status).toBe(303);
    expect((await c.get('/admin')).status).toBe(303);
    expect((await new StaffClient(server.url).post('/admin/login', { name: 'dora', password: 'sju sorters kakor till fikat' })).status).toBe(401);
  });

  it('keeps at least one admin and refuses impossible role combinations', async () => {
    const me = server.app.admin.users.byName('anna')!;
    expect((await admin.post(`/admin/users/${me.id}`, { access: 'volunteer', organisation: VANDELA })).status).toBe(400);
    expect((await admin.post(`/admin/users/${me.id}/disable`)).status).toBe(403);
    expect((await admin.post('/admin/users', { name: 'bad', access: 'coordinator' })).status).toBe(400);
    expect((await admin.post('/admin/users', { name: 'bad', access: 'volunteer' })).status).toBe(400);
    expect(server.app.admin.users.byName('bad')).toBeUndefined();
  });
});

describe('who may see and change what (crafted requests)', () => {
  let vera: StaffClient;
  let kalle: StaffClient;
  let stina: StaffClient;
  beforeAll(async () => {
    vera = new StaffClient(server.url);
    await vera.login('vera');
    kalle = new StaffClient(server.url);
    await kalle.login('kalle');
    stina = new StaffClient(server.url);
    await stina.login('stina');
  });

  it("a volunteer sees only their organisation's records and gets 403 for anything else, with nothing changed", async () => {
    const list = await vera.get('/admin');
    expect(list.text).toContain('/admin/services/kvinnojouren-vandela');
    expect(list.text).toContain('/admin/services/tjejjouren-vandela');
    expect(list.text.match(/href="\/admin\/services\/[a-z0-9-]+"/g)).toHaveLength(2);

    const other = stored(KALMAR_JOUR);
    const before = JSON.stringify(other);
    expect((await vera.get(`/admin/services/${KALMAR_JOUR}`)).status).toBe(403);
    expect((await vera.get(`/admin/services/${KALMAR_JOUR}/history`)).status).toBe(403);
    expect((await vera.post(`/admin/services/${KALMAR_JOUR}`, form(other.record, other.version, { 'phones.0.number': '070-123 45 67' }))).status).toBe(403);
    expect((await vera.post(`/admin/services/${KALMAR_JOUR}/verify`, { version: String(other.version) })).status).toBe(403);
    expect((await vera.post(`/admin/services/${KALMAR_JOUR}/restore`, { version: String(other.version), restore: '1' })).status).toBe(403);
    expect((await vera.post(`/admin/services/${KALMAR_JOUR}/delete`, { version: String(other.version) })).status).toBe(403);
    // Her own record's address with another record's id in the body changes only her own record.
    const own = stored(VANDELA);
    const sneaky = await vera.post(`/admin/services/${VANDELA}`, form(other.record, own.version, { 'organisation.id': VANDELA }));
    expect(sneaky.status).toBe(403);
    expect(JSON.stringify(stored(KALMAR_JOUR))).toBe(before);
    for (const path of ['/admin/users', '/admin/audit', '/admin/directory', '/admin/export?format=json', '/admin/services/new']) expect((await vera.get(path)).status, path).toBe(403);
    expect((await vera.post('/admin/services/new', form(other.record, 0, { id: 'ny-jour', 'organisation.id': VANDELA }))).status).toBe(403);
    expect(server.app.directory.repository.get('ny-jour')).toBeUndefined();
  });

  it('a volunteer changes the content of their own record, but not its coverage, organisation or kind', async () => {
    const own = stored(VANDELA);
    const unchanged = JSON.stringify(own);
    for (const change of [{ 'coverage.kommuner': ['0883', '0880'] }, { 'coverage.scope': 'national' }, { 'organisation.id': 'kvinnojouren-och-ungdomsjouren-kalmar' }, { kind: 'helpline' }]) {
      const r = await vera.post(`/admin/services/${VANDELA}`, form(own.record, own.version, change));
      expect(r.status, JSON.stringify(change)).toBe(403);
      expect(r.text).toContain('Inget har ändrats');
    }
    expect(JSON.stringify(stored(VANDELA))).toBe(unchanged);
    const ok = await vera.post(`/admin/services/${VANDELA}`, form(own.record, own.version, { 'hours.weekly.sat.0.from': '18:00', 'hours.weekly.sat.0.to': '23:00', 'organisation.name': 'Vändela (Västervik)' }));
    expect(ok.status).toBe(303);
    expect(stored(VANDELA).version).toBe(own.version + 1);
    expect(stored(VANDELA).updatedBy).toBe('vera');
    expect(stored(VANDELA).record.hours).toMatchObject({ weekly: { sat: [{ from: '18:00', to: '23:00' }] } });
  });

  it('a coordinator works only within their kommuner; a shared jour keeps its coverage outside the area; national lines are for admins', async () => {
    expect((await kalle.get('/admin/services/vastervik-socialtjanst')).status).toBe(200);
    expect((await kalle.get('/admin/services/kalmar-socialtjanst')).status).toBe(403);
    expect((await kalle.get('/admin/services/kvinnofridslinjen')).status).toBe(403);
    const list = await kalle.get('/admin');
    expect(list.text).toContain('/admin/services/sydostjouren');
    expect(list.text).not.toContain('/admin/services/kalmar-socialtjanst"');

    const sydost = stored('sydostjouren');
    const kommuner = (sydost.record.coverage as { kommuner: string[] }).kommuner;
    const before = JSON.stringify(sydost);
    // Taking Kalmar (0880, outside the area) away, or making it national: refused.
    expect((await kalle.post('/admin/services/sydostjouren', form(sydost.record, sydost.version, { 'coverage.kommuner': kommuner.filter((k) => k !== '0880') }))).status).toBe(403);
    expect((await kalle.post('/admin/services/sydostjouren', form(sydost.record, sydost.version, { 'coverage.scope': 'national' }))).status).toBe(403);
    expect(JSON.stringify(stored('sydostjouren'))).toBe(before);
    // Adding Vimmerby (0884, inside the area): fine.
    expect((await kalle.post('/admin/services/sydostjouren', form(sydost.record, sydost.version, { 'coverage.kommuner': [...kommuner, '0884'] }))).status).toBe(303);
    expect((stored('sydostjouren').record.coverage as { kommuner: string[] }).kommuner).toContain('0884');

    const national = stored('kvinnofridslinjen');
    expect((await kalle.post('/admin/services/kvinnofridslinjen', form(national.record, national.version, { 'name.sv': 'x' }))).status).toBe(403);

    const newInArea = form(stored(VANDELA).record, 0, { id: 'vimmerby-ny-jour', 'name.sv': 'Ny jour i Vimmerby', 'coverage.kommuner': ['0884'] });
    expect((await kalle.post('/admin/services/new', newInArea)).status).toBe(303);
    expect(server.app.directory.repository.get('vimmerby-ny-jour')?.updatedBy).toBe('kalle');
    const outside = form(stored(VANDELA).record, 0, { id: 'kalmar-ny-jour', 'coverage.kommuner': ['0880'] });
    expect((await kalle.post('/admin/services/new', outside)).status).toBe(403);
    expect(server.app.directory.repository.get('kalmar-ny-jour')).toBeUndefined();
  });

  it('staff read statistics only; authorizeStats tells the statistics pages who may see what', async () => {
    const home = await stina.get('/admin');
    expect(home.status).toBe(200);
    expect(home.text).toContain('href="/stats"');
    expect((await stina.get(`/admin/services/${VANDELA}`)).status).toBe(403);
    const asRequest = (c: StaffClient) => ({ headers: { cookie: c.cookieHeader }, app: server.app.express }) as never;
    expect(authorizeStats(asRequest(stina))).toEqual({ name: 'stina', role: 'staff', scope: { lan: ['08'], kommuner: [] } });
    expect(authorizeStats(asRequest(admin))).toEqual({ name: 'anna', role: 'admin', scope: { all: true } });
    expect(authorizeStats(asRequest(vera))).toBeUndefined();
    expect(authorizeStats(asRequest(new StaffClient(server.url)))).toBeUndefined();
  });
});

describe('cross-site requests', () => {
  it('refuses a form posted from another site, whatever the cookie', async () => {
    const s = stored(VANDELA);
    const body = encodeForm(form(s.record, s.version, { 'name.sv': 'Kapad' }));
    const attempts: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, {}];
    for (const headers of attempts) {
      const r = await fetch(`${server.url}/admin/services/${VANDELA}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader, ...headers }, body });
      expect(r.status, JSON.stringify(headers)).toBe(403);
    }
    const login = await fetch(`${server.url}/admin/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' }, body: `name=anna&password=${encodeURIComponent(PASSWORD)}` });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    expect(stored(VANDELA)).toEqual(s);
  });
});

describe('escaping', () => {
  it('shows a name with <script> and "><img onerror> as text in the admin, and unchanged (plain text) in the chat', async () => {
    const s = stored('vastervik-socialtjanst');
    const name = '<script>alert(1)</script> Socialtjänsten';
    const description = '"><img src=x onerror=alert(2)> beskrivning';
    expect((await admin.post('/admin/services/vastervik-socialtjanst', form(s.record, s.version, { 'name.sv': name, 'description.sv': description }))).status).toBe(303);
    for (const path of ['/admin', '/admin/services/vastervik-socialtjanst', '/admin/services/vastervik-socialtjanst/history']) {
      const page = (await admin.get(path)).text;
      expect(page, path).not.toContain('<script>alert');
      expect(page, path).not.toContain('<img src=x');
      expect(page, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect((await admin.get('/admin/services/vastervik-socialtjanst')).text).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');

    const chat = await cardsFor('0883');
    const card = chat.transcript.flatMap((a) => a.attachments ?? []).map((a) => a.content).find((c) => c.title.includes('Socialtjänsten'));
    expect(card?.title).toBe(name);
    expect(card?.text).toContain(description);
  });
});

describe('safe saving', () => {
  it('a save over a newer version shows both versions and overwrites nothing', async () => {
    const s = stored('tjejjouren-vandela');
    const first = await admin.post('/admin/services/tjejjouren-vandela', form(s.record, s.version, { 'description.sv': 'Först sparad' }));
    expect(first.status).toBe(303);
    const afterFirst = stored('tjejjouren-vandela');
    const second = await admin.post('/admin/services/tjejjouren-vandela', form(s.record, s.version, { 'description.sv': 'Andra försöket' }));
    expect(second.status).toBe(409);
    expect(second.text).toContain('Någon annan har sparat under tiden');
    expect(second.text).toContain('Först sparad');
    expect(second.text).toContain('Andra försöket');
    expect(second.text).toContain(`name="version" value="${afterFirst.version}"`);
    expect(stored('tjejjouren-vandela')).toEqual(afterFirst);
  });

  it('keeps every change as history and restores an earlier version as a new one', async () => {
    const s = stored('kvinnohuset-orebro');
    const original = s.record;
    await admin.post('/admin/services/kvinnohuset-orebro', form(original, s.version, { 'name.sv': 'Namn två' }));
    await admin.post('/admin/services/kvinnohuset-orebro', form(stored('kvinnohuset-orebro').record, s.version + 1, { 'name.sv': 'Namn tre' }));
    const history = server.app.directory.repository.history('kvinnohuset-orebro');
    expect(history.map((h) => [h.version, h.action, h.by])).toEqual([
      [1, 'seed', 'shipped data'],
      [2, 'update', 'anna'],
      [3, 'update', 'anna'],
    ]);
    expect(history[2]!.before?.name.sv).toBe('Namn två');
    const page = await admin.get('/admin/services/kvinnohuset-orebro/history');
    expect(page.text).toContain('Återställ version 1');
    const restored = await admin.post('/admin/services/kvinnohuset-orebro/restore', { restore: '1', version: '3' });
    expect(restored.status).toBe(303);
    expect(stored('kvinnohuset-orebro').record).toEqual(original);
    expect(stored('kvinnohuset-orebro').version).toBe(4);
    // A restore from a stale page is a conflict, not an overwrite.
    expect((await admin.post('/admin/services/kvinnohuset-orebro/restore', { restore: '2', version: '3' })).status).toBe(409);
    expect(stored('kvinnohuset-orebro').record).toEqual(original);
  });

  it('"verified today" sets lastVerified to today (the app clock) and nothing else', async () => {
    const s = stored('hultsfred-vimmerby-kvinnojour');
    expect((await admin.post('/admin/services/hultsfred-vimmerby-kvinnojour/verify', { version: String(s.version) })).status).toBe(303);
    const after = stored('hultsfred-vimmerby-kvinnojour');
    expect(after.record).toEqual({ ...s.record, lastVerified: '2026-11-24' });
    expect(server.app.directory.repository.history('hultsfred-vimmerby-kvinnojour').at(-1)?.action).toBe('verify');
  });

  it('explains a wrong phone next to its field and saves nothing; the chat uses a saved change at once', async () => {
    const s = stored('kvinnojouren-maggan');
    const bad = await admin.post('/admin/services/kvinnojouren-maggan', form(s.record, s.version, { 'phones.0.number': '0586-12', 'web': 'http://example.se' }));
    expect(bad.status).toBe(400);
    expect(unescape(bad.text)).toContain('”0586-12” är inget giltigt svenskt nummer');
    expect(bad.text).toContain('id="f-phones_0_number-error"');
    expect(bad.text).toContain('id="f-web-error"');
    expect(stored('kvinnojouren-maggan')).toEqual(s);

    const chat = async () => (await cardsFor('1883')).cards.find((x) => x.title.includes('Maggan'));
    const ok = await admin.post('/admin/services/kvinnojouren-maggan', form(s.record, s.version, { 'hours.type': 'always' }));
    expect(ok.status).toBe(303);
    expect((await chat())?.subtitle).toBe('Öppet dygnet runt');
  });

  it('answers bad input with a page and changes nothing', async () => {
    const s = stored(VANDELA);
    const noVersion = form(s.record, s.version);
    noVersion.delete('version');
    expect((await admin.post(`/admin/services/${VANDELA}`, noVersion)).status).toBe(400);
    expect((await admin.get('/admin/services/NOT_AN_ID')).status).toBe(404);
    const huge = await admin.post(`/admin/services/${VANDELA}`, { version: String(s.version), 'name.sv': 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.text).not.toMatch(/at .*\.ts:\d+/);
    expect(stored(VANDELA)).toEqual(s);
  });
});

describe('import, export and the audit log', () => {
  const upload = (c: StaffClient, name: string, text: string, op: 'check' | 'import') => {
    const body = new FormData();
    body.set('file', new File([text], name));
    body.set('op', op);
    return fetch(`${server.url}/admin/import`, { method: 'POST', body, headers: { cookie: c.cookieHeader, origin: server.url } });
  };

  it('exports the directory and imports it with the same validation and messages as the command line', async () => {
    const exported = await admin.get('/admin/export?format=csv&delimiter=semicolon');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment; filename="vagvisaren-2026-11-24.csv"/);
    // (fetch's text() drops the byte-order mark that tells Excel the file is UTF-8)
    const csv = exported.text;
    expect(csv).toBe(exportCsv(server.app.directory.repository.all().map((x) => x.record), ';').replace(/^\uFEFF/, ''));

    const broken = csv.replace('+46707782190', '0480-12');
    const expected = parseImport(broken, 'katalog.csv');
    const checked = server.app.directory.checkImport(expected.ok ? expected.inputs : []);
    const lines = describeIssues(checked.ok ? [] : checked.issues, true);
    expect(lines.length).toBeGreaterThan(0);
    const before = JSON.stringify(server.app.directory.repository.all());
    const refused = await upload(admin, 'katalog.csv', broken, 'import');
    expect(refused.status).toBe(400);
    const text = unescape(await refused.text());
    for (const line of lines) expect(text).toContain(line);
    expect(JSON.stringify(server.app.directory.repository.all())).toBe(before);

    const json = (await admin.get('/admin/export?format=json')).text;
    expect((await upload(admin, 'katalog.json', json, 'check')).status).toBe(200);
    const imported = await upload(admin, 'katalog.json', json.replace('"Sara-syster, Örebro"', '"Sara-syster i Örebro"'), 'import');
    expect(imported.status).toBe(200);
    expect(stored('sara-syster-orebro').updatedBy).toBe('import from katalog.json (anna)');
    const vera = new StaffClient(server.url);
    await vera.login('vera');
    expect((await upload(vera, 'katalog.json', json, 'import')).status).toBe(403);
  });

  it('the audit log names staff accounts and actions only', async () => {
    const page = await admin.get('/admin/audit');
    expect(page.status).toBe(200);
    const { entries } = server.app.admin.audit.page(0, 10_000);
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['login', 'login-failed', 'login-locked', 'logout', 'password-set', 'setup-link', 'user-create', 'user-disable', 'service-update', 'service-create', 'service-verify', 'service-restore', 'import', 'export']) expect(actions, a).toContain(a);
    const accounts = new Set([...server.app.admin.users.all().map((u) => u.name), '(unknown account)']);
    for (const e of entries) expect(accounts, JSON.stringify(e)).toContain(e.actor);
    const all = JSON.stringify(entries);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('vv_staff');
  });
});

describe('pages and headers', () => {
  it('serves /admin with a strict CSP, no framing, no caching, and no inline script or style', async () => {
    for (const path of ['/admin/login', '/admin', `/admin/services/${VANDELA}`]) {
      const r = await (path === '/admin/login' ? new StaffClient(server.url) : admin).get(path);
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      for (const d of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp, path).toContain(d);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(r.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('switches to English and back', async () => {
    const c = new StaffClient(server.url);
    await c.login('vera');
    expect((await c.get('/admin')).text).toContain('<html lang="sv" dir="ltr">');
    expect((await c.post('/admin/language', { locale: 'en', back: '/admin' })).status).toBe(303);
    const en = await c.get('/admin');
    expect(en.text).toContain('<html lang="en" dir="ltr">');
    expect(en.text).toContain('<h1>Services</h1>');
    // Every language of the chat is in the menu, by its own name; Arabic turns the page right to left.
    const options = [...en.text.matchAll(/<option value="([\w-]+)" lang="[\w-]+" dir="(\w+)"/g)].map((m) => m[1]);
    expect(options).toEqual([...server.app.texts.locales]);
    expect(en.text).toContain('<option value="fa" lang="fa" dir="rtl">فارسی</option>');
    await c.post('/admin/language', { locale: 'ar', back: '/admin' });
    expect((await c.get('/admin')).text).toContain('<html lang="ar" dir="rtl">');
    await c.post('/admin/language', { locale: 'xx', back: '/admin' });
    expect((await c.get('/admin')).text).toContain('<html lang="sv" dir="ltr">');
  });
});

describe('the languages of the chat', () => {
  it('shows every signed-in user which locales await review, drafts first, with who reviewed the others', async () => {
    const c = new StaffClient(server.url);
    await c.login('stina');
    const r = await c.get('/admin/languages');
    expect(r.status).toBe(200);
    const drafted = [...server.app.texts.bundles.values()].filter((b) => b.meta.status === 'drafted');
    expect(r.text).toContain(`${drafted.length} språk väntar på granskning.`);
    const rows = [...r.text.matchAll(/<tr class="(\w+)"><th scope="row"><span lang="([\w-]+)" dir="(\w+)">/g)].map((m) => ({ status: m[1], locale: m[2], dir: m[3] }));
    expect(rows).toHaveLength(13);
    expect(rows.map((x) => x.status)).toEqual([...rows.map((x) => x.status)].sort((a, b) => ['drafted', 'reviewed', 'source'].indexOf(a!) - ['drafted', 'reviewed', 'source'].indexOf(b!)));
    expect(rows.find((x) => x.locale === 'ar')).toMatchObject({ status: 'drafted', dir: 'rtl' });
    expect(rows.find((x) => x.locale === 'sv')).toMatchObject({ status: 'source', dir: 'ltr' });
    expect(r.text).toContain('href="/admin/languages" aria-current="page"');
    expect((await new StaffClient(server.url).get('/admin/languages')).status).toBe(303);
  });
});
