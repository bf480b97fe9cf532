/**
 * The pure parts of the admin: escaping, passwords, scopes, the order of the list, sessions and
 * the validation messages in Swedish and English.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WindowCounter } from '../../src/admin/auth.js';
import { diffRecords } from '../../src/admin/diff.js';
import { parseForm, recordToForm } from '../../src/admin/form.js';
import { escapeHtml, html, raw, safeHref } from '../../src/admin/html.js';
import { issueText } from '../../src/admin/messages.js';
import { ROLES, roleProblem, type Principal } from '../../src/admin/model.js';
import { PasswordHasher, passwordProblem } from '../../src/admin/password.js';
import { Scope } from '../../src/admin/scope.js';
import { decodeSession, encodeSession } from '../../src/admin/session.js';
import { byAttention, glance } from '../../src/admin/status.js';
import { LIST_FILTERS } from '../../src/admin/views/services.js';
import { ROLES as SERVICE_ROLES, STATUSES, type ServiceRecord } from '../../src/directory/schema.js';
import { loadShippedRecords } from '../../src/directory/service.js';
import { GENDER, NEEDS, SITUATIONS, WHO } from '../../src/domain/answers.js';
import { paths } from '../../src/paths.js';
import { AUDIT_ACTIONS } from '../../src/storage/audit-log.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { loadLocaleBundles, Texts } from '../../src/i18n/bundle.js';
import { rec } from '../directory/fixtures.js';

const geo = loadGeo();
const shipped = loadShippedRecords(geo);
const byId = (id: string) => shipped.find((r) => r.id === id)!;
const texts = new Texts(loadLocaleBundles());

describe('html', () => {
  it('escapes every value and keeps only fragments', () => {
    const name = '<script>alert(1)</script>';
    const attr = '"><img src=x onerror=alert(1)>';
    const out = html`<p title="${attr}">${name}</p>${html`<b>${'&'}</b>`}${[1, '<i>', null, undefined, false]}`.value;
    expect(out).toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p><b>&amp;</b>1&lt;i&gt;');
    expect(escapeHtml("'`")).toBe('&#39;&#96;');
    expect(html`${raw('<br>')}`.value).toBe('<br>');
  });

  it('lets only harmless link targets through', () => {
    expect(safeHref('tel:+4620505050')).toBe('tel:+4620505050');
    expect(safeHref('https://example.se/a')).toBe('https://example.se/a');
    expect(safeHref('/admin/users')).toBe('/admin/users');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example', 'http://example.se']) expect(safeHref(bad), bad).toBe('#');
  });
});

describe('passwords', () => {
  it('hashes with scrypt, verifies, and refuses a wrong or malformed one', async () => {
    const hasher = new PasswordHasher(2 ** 10);
    const hash = await hasher.hash('en lång och ovanlig mening');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.verify('en lång och ovanlig mening', hash)).toBe(true);
    expect(await hasher.verify('en lång och ovanlig menin', hash)).toBe(false);
    expect(await hasher.verify('x', 'scrypt$1024$8$1$abc')).toBe(false);
    expect(await hasher.verify('x', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${'A'.repeat(43)}`)).toBe(false);
    expect(await hasher.verify('x', undefined)).toBe(false);
    expect(new PasswordHasher().N).toBe(2 ** 17);
  });

  it.each([
    ['kort', 'tooShort'],
    ['elva tecken', 'tooShort'],
    ['x'.repeat(201), 'tooLong'],
    ['passwordpassword', 'common'],
    ['Lösenord2026!!', 'common'],
    ['!!Sommar2025!!', 'common'],
    ['qwerty123456', 'common'],
    ['1q2w3e4r5t6y', 'common'],
    ['anna.svensson-2026', 'containsName'],
    ['aaaaaaaaaaaa', 'pattern'],
    ['abababababab', 'pattern'],
    ['345678901234', 'pattern'],
    ['zyxwvutsrqpo', 'pattern'],
    ['tre små grisar bygger hus', undefined],
    ['8475!#92,,38', undefined],
  ])('"%s" → %s', (password, problem) => {
    expect(passwordProblem(password, 'anna.svensson')).toBe(problem);
  });
});

describe('sessions', () => {
  it('accepts its own cookie until it expires, and nothing forged or altered', () => {
    const key = Buffer.alloc(32, 7);
    const value = encodeSession(key, { u: 'user1', v: 3, exp: 2000 });
    expect(decodeSession(key, value, 1000)).toEqual({ u: 'user1', v: 3, exp: 2000 });
    expect(decodeSession(key, value, 2000)).toBeUndefined();
    expect(decodeSession(Buffer.alloc(32, 8), value, 1000)).toBeUndefined();
    const [payload, mac] = value.split('.');
    const other = Buffer.from(JSON.stringify({ u: 'admin', v: 3, exp: 2000 })).toString('base64url');
    expect(decodeSession(key, `${other}.${mac}`, 1000)).toBeUndefined();
    expect(decodeSession(key, `${payload}.${mac}.x`, 1000)).toBeUndefined();
    expect(decodeSession(key, 'garbage', 1000)).toBeUndefined();
  });

  it('counts attempts per key in a window and forgets them after it', () => {
    const c = new WindowCounter(1000, 3);
    expect(c.add('a', 0)).toBe(1);
    expect(c.add('a', 500)).toBe(2);
    expect(c.count('a', 999)).toBe(2);
    expect(c.count('a', 1000)).toBe(0);
    c.add('b', 0);
    c.add('c', 0);
    // Full: expired keys make room; nothing grows past the limit.
    expect(c.add('d', 1500)).toBe(1);
    expect(c.count('d', 1500)).toBe(1);
  });
});

describe('scopes', () => {
  const principal = (p: Partial<Principal>): Principal => ({ id: 'x', name: 'x', roles: [], area: { lan: [], kommuner: [] }, ...p });
  const volunteer = new Scope(principal({ roles: ['volunteer'], organisation: { id: 'kvinnojouren-vandela', name: 'Vändela' } }), geo);
  const coordinator = new Scope(principal({ roles: ['coordinator', 'staff'], area: { lan: [], kommuner: ['0883', '0884'] } }), geo);
  const lanCoordinator = new Scope(principal({ roles: ['coordinator'], area: { lan: ['08'], kommuner: [] } }), geo);
  const staff = new Scope(principal({ roles: ['staff'], area: { lan: ['08'], kommuner: [] } }), geo);
  const admin = new Scope(principal({ roles: ['admin'] }), geo);
  const withCoverage = (r: ServiceRecord, kommuner: string[], lan: string[] = []): ServiceRecord => ({ ...r, coverage: { scope: 'local', kommuner, lan } });

  it('a volunteer: own organisation only; content yes, coverage, organisation and kind no; no new records', () => {
    const own = byId('kvinnojouren-vandela');
    expect(volunteer.canView(own)).toBe(true);
    expect(volunteer.canView(byId('kvinnojouren-kalmar'))).toBe(false);
    expect(volunteer.checkChange(own, { ...own, name: { sv: 'Nytt namn' }, status: 'inactive' })).toBeUndefined();
    expect(volunteer.checkChange(own, withCoverage(own, ['0883', '0880']))).toBe('volunteerCoverage');
    expect(volunteer.checkChange(own, { ...own, organisation: { id: 'annan', name: 'Annan' } })).toBe('volunteerOrganisation');
    expect(volunteer.checkChange(own, { ...own, kind: 'helpline' })).toBe('volunteerKind');
    expect(volunteer.checkChange(byId('kvinnojouren-kalmar'), byId('kvinnojouren-kalmar'))).toBe('notInScope');
    expect(volunteer.checkChange(undefined, own)).toBe('cannotCreate');
    expect(volunteer.canCreate).toBe(false);
  });

  it('a coordinator: services touching the area; coverage outside it unchanged; national for admins', () => {
    const sydost = byId('sydostjouren'); // Kalmar län and Karlskrona, with Västervik
    const kommuner = (sydost.coverage as { kommuner: string[] }).kommuner;
    expect(coordinator.canView(sydost)).toBe(true);
    expect(coordinator.canView(byId('kalmar-socialtjanst'))).toBe(false);
    expect(coordinator.canView(byId('kvinnofridslinjen'))).toBe(false);
    expect(coordinator.checkChange(sydost, withCoverage(sydost, [...kommuner, '0884']))).toBeUndefined();
    expect(coordinator.checkChange(sydost, withCoverage(sydost, kommuner.filter((k) => k !== '0883')))).toBeUndefined();
    expect(coordinator.checkChange(sydost, withCoverage(sydost, kommuner.filter((k) => k !== '1080')))).toBe('coverageOutsideArea');
    // The same kommuner written as a whole län is the same coverage outside the area.
    const lanWide = withCoverage(sydost, ['0883'], ['08']);
    expect(lanCoordinator.checkChange(withCoverage(sydost, geo.kommunerInLan('08').map((k) => k.code)), lanWide)).toBeUndefined();
    expect(coordinator.checkChange(sydost, { ...sydost, coverage: { scope: 'national' } })).toBe('nationalAdminOnly');
    expect(coordinator.checkChange(byId('kvinnofridslinjen'), byId('kvinnofridslinjen'))).toBe('nationalAdminOnly');
    expect(coordinator.checkChange(undefined, withCoverage(sydost, ['0884']))).toBeUndefined();
    expect(coordinator.checkChange(undefined, withCoverage(sydost, ['0884', '0880']))).toBe('coverageOutsideArea');
    // A coordinator of the whole län may change Sydostjouren's coverage in the län, not Karlskrona.
    expect(lanCoordinator.checkChange(sydost, withCoverage(sydost, ['0880', '1080']))).toBeUndefined();
    expect(lanCoordinator.checkChange(sydost, withCoverage(sydost, ['0880']))).toBe('coverageOutsideArea');
  });

  it('staff have no directory role; admins may do everything', () => {
    expect(staff.role).toBeUndefined();
    expect(staff.canView(byId('kvinnojouren-vandela'))).toBe(false);
    expect(staff.checkChange(undefined, byId('kvinnojouren-vandela'))).toBe('noDirectoryRole');
    expect(admin.checkChange(byId('kvinnofridslinjen'), { ...byId('kvinnofridslinjen'), coverage: { scope: 'local', kommuner: ['0880'], lan: [] } })).toBeUndefined();
  });

  it('checks role combinations', () => {
    const none = { lan: [], kommuner: [] };
    expect(roleProblem(['admin'], none, undefined)).toBeUndefined();
    expect(roleProblem(['admin', 'staff'], { lan: ['08'], kommuner: [] }, undefined)).toBe('adminAlone');
    expect(roleProblem(['coordinator', 'volunteer'], { lan: ['08'], kommuner: [] }, { id: 'a' })).toBe('coordinatorOrVolunteer');
    expect(roleProblem(['coordinator'], none, undefined)).toBe('areaRequired');
    expect(roleProblem(['staff'], none, undefined)).toBe('areaRequired');
    expect(roleProblem(['volunteer', 'staff'], { lan: ['08'], kommuner: [] }, undefined)).toBe('organisationRequired');
    expect(roleProblem(['volunteer', 'staff'], { lan: ['08'], kommuner: [] }, { id: 'a' })).toBeUndefined();
    expect(roleProblem([], none, undefined)).toBe('noRole');
  });
});

describe('the list', () => {
  it('puts stale verified records first, then unverified, then fresh, then inactive; oldest first', () => {
    const today = '2026-11-24';
    const mk = (id: string, status: ServiceRecord['status'], lastVerified: string) => ({ record: rec({ id, kind: 'kvinnojour', status, lastVerified, coverage: { scope: 'local', kommuner: ['0880'] } }) });
    const rows = [mk('fresh', 'verified', '2026-11-01'), mk('inactive', 'inactive', '2020-01-01'), mk('unverified-new', 'unverified', '2026-11-20'), mk('stale', 'verified', '2026-08-01'), mk('unverified-old', 'unverified', '2025-01-01'), mk('staler', 'verified', '2026-01-01')]
      .map((r) => ({ ...r, glance: glance(r.record, today, 90) }))
      .sort(byAttention);
    expect(rows.map((r) => r.record.id)).toEqual(['staler', 'stale', 'unverified-old', 'unverified-new', 'fresh', 'inactive']);
    expect(rows[0]!.glance).toMatchObject({ stale: true, days: 327 });
    expect(glance(rows[4]!.record, today, 90).stale).toBe(false);
    expect(glance(rows[5]!.record, today, 90).stale).toBe(false);
  });
});

describe('validation messages', () => {
  it('every message the schema can give a form is translated into Swedish and English', () => {
    const base = byId('kvinnojouren-vandela');
    const formWith = (changes: Record<string, string | string[]>) => {
      const values = recordToForm(base);
      for (const [k, v] of Object.entries(changes)) values.set(k, typeof v === 'string' ? [v] : v);
      const parsed = parseForm(values);
      if (parsed.ok) throw new Error('expected errors');
      return parsed.issues;
    };
    // Field errors; the record-wide rules run only on a record whose fields are right.
    const fields = formWith({
      'phones.0.number': '+45 12 34 56 78',
      web: 'http://example.se',
      'hours.weekly.mon.0.from': '25:00',
      'hours.weekly.tue.0.to': '20:00',
      'sources.0.url': 'ftp://x',
      'sources.1.published': 'förra året',
      'sources.9.lines': 'L1',
      'serves.minAge': 'tjugo',
      languages: 'svenska',
      email: 'inte en adress',
      lastVerified: '24/11/2026',
      'name.sv': '',
      'organisation.id': 'Vändela',
      'serves.genders': [],
    });
    const record = formWith({
      'phones.0.display': '020-50 50 50',
      'hours.exceptions.0.date': '2026-12-24',
      'hours.exceptions.0.intervals.0.from': '10:00',
      'hours.exceptions.0.intervals.0.to': '12:00',
      'hours.exceptions.0.intervals.1.from': '11:00',
      'hours.exceptions.0.intervals.1.to': '13:00',
      visitingAddress: 'Storgatan 1',
      'serves.minAge': '30',
      'serves.maxAge': '20',
    });
    // (an overlap in the week hides one on a date: one at a time)
    const week = formWith({ 'hours.weekly.wed.1.from': '21:00', 'hours.weekly.wed.1.to': '23:00' });
    expect(week.map((i) => i.key)).toEqual(['hours.weekly.wed']);
    expect(fields.map((i) => i.key)).toEqual(
      expect.arrayContaining(['phones.0.number', 'web', 'hours.weekly.mon.0.from', 'hours.weekly.tue.0', 'sources.0.url', 'sources.1.published', 'sources.9', 'serves.minAge', 'languages.0', 'email', 'lastVerified', 'name.sv', 'organisation.id', 'serves.genders']),
    );
    expect(record.map((i) => i.key)).toEqual(expect.arrayContaining(['phones.0.display', 'hours.exceptions.0', 'visitingAddress', 'serves.minAge']));
    for (const locale of ['sv', 'en'] as const) {
      const t = texts.t(locale);
      for (const { key, issue } of [...fields, ...record, ...week]) {
        const text = issueText(t, issue);
        expect(text, `${key}: ${issue.message}`).not.toBe(issue.message);
        expect(text).not.toMatch(/admin:|issue\./);
      }
      for (const message of ['id "x" is used twice (also in store)', '"9999" is not a kommun code', 'no service has the id "nej"', 'no verified national emergency record (112): the chat cannot run without it', 'still points to x'])
        expect(issueText(t, { code: 'custom', message })).not.toBe(message);
    }
  });

  it('a field-by-field difference of two versions', () => {
    const a = byId('kvinnojouren-vandela');
    const b = { ...a, name: { ...a.name, sv: 'Ny' }, phones: [...a.phones, { number: '+4620505050' }] };
    expect(diffRecords(a, b)).toEqual([
      { path: 'name.sv', before: a.name.sv, after: 'Ny' },
      { path: 'phones[1].number', before: undefined, after: '+4620505050' },
    ]);
    expect(diffRecords(null, a).length).toBeGreaterThan(10);
  });
});

describe('words', () => {
  it('every admin text the code asks for exists in Swedish and English', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const literal = new Set<string>();
    for (const f of files(join(paths.root, 'src', 'admin'))) for (const m of readFileSync(f, 'utf8').matchAll(/['`](admin:[\w.-]+)['`]/g)) literal.add(m[1]!);
    const dynamic = [
      ...AUDIT_ACTIONS.map((a) => `admin:audit.actionName.${a}`),
      ...['seed', 'create', 'update', 'verify', 'restore', 'import', 'delete'].map((a) => `admin:history.action.${a}`),
      ...[...STATUSES, 'stale'].map((s) => `admin:status.${s}`),
      ...LIST_FILTERS.map((x) => `admin:list.filter.${x}`),
      ...['invalid', 'locked', 'throttled'].map((x) => `admin:login.${x}`),
      ...['tooShort', 'tooLong', 'common', 'containsName', 'pattern'].map((x) => `admin:password.${x}`),
      ...['generic', 'noDirectoryRole', 'notInScope', 'nationalAdminOnly', 'coverageOutsideArea', 'volunteerCoverage', 'volunteerOrganisation', 'volunteerKind', 'cannotCreate', 'adminOnly', 'disableSelf'].map((x) => `admin:forbidden.${x}`),
      ...['saved', 'created', 'verified', 'restored', 'unchanged', 'deleted', 'userSaved', 'enabled', 'disabled'].map((x) => `admin:done.${x}`),
      ...['none', 'volunteer', 'coordinator', 'admin'].map((x) => `admin:users.accessValue.${x}`),
      ...['adminAlone', 'coordinatorOrVolunteer', 'areaRequired', 'organisationRequired', 'noRole'].map((x) => `admin:users.problem.${x}`),
      ...ROLES.map((r) => `admin:users.role.${r}`),
      ...GENDER.filter((g) => g !== 'unsaid').map((g) => `admin:gender.${g}`),
      ...SERVICE_ROLES.map((r) => `admin:role.${r}`),
      ...WHO.map((w) => `admin:who.${w}`),
      ...SITUATIONS.map((s) => `admin:situation.${s}`),
      ...NEEDS.map((n) => `admin:need.${n}`),
      'admin:language.sv',
      'admin:language.en',
      'admin:eligibility.entryValue.open',
      'admin:eligibility.entryValue.decision',
    ];
    const keys = [...literal].filter((k) => !/\.$/.test(k) && !['admin:gender', 'admin:role', 'admin:who', 'admin:situation', 'admin:need', 'admin:status', 'admin:eligibility.entryValue'].includes(k));
    expect(keys.length).toBeGreaterThan(200);
    for (const locale of ['sv', 'en'] as const) for (const key of [...keys, ...dynamic]) expect(texts.has(locale, key), `${locale} ${key}`).toBe(true);
  });
});
