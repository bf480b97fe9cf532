/**
 * Property-based tests of the admin's forms and the directory import: whatever a browser or an
 * attacker posts — odd values in every field of the edit form, random form bodies, random files to
 * import — the answer is a page (never a 5xx or a stack trace), a refused form changes nothing, and
 * the server keeps serving the chat.
 *
 * FUZZ_RUNS raises the number of runs (`npm run fuzz` uses 2000).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordToForm } from '../../src/admin/form.js';
import { parseImport } from '../../src/directory/io.js';
import { addUser, StaffClient, type Reply } from '../helpers/admin.js';
import { startServer, type TestServer } from '../helpers/server.js';

const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 150) / 3);
const RECORD = 'kvinnojouren-kalmar';
let server: TestServer;
let admin: StaffClient;

beforeAll(async () => {
  server = await startServer();
  await addUser(server.app, { name: 'anna', roles: ['admin'] });
  admin = new StaffClient(server.url);
  await admin.login('anna');
});
afterAll(() => server.close());

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u200f', '\ufeff', '\ud800', '\udfff', '𝕏', '<', '"', '&', '%', '+'), maxLength: 40 }),
  fc.constantFrom('', ' ', '-1', '1e309', 'NaN', '99999999999999999999', '25:61', '0000-00-00', 'javascript:alert(1)', 'http://example.com', '../../etc/passwd', '__proto__'),
);

const directoryState = () => JSON.stringify(server.app.directory.repository.all());

/** A page, never a crash: an expected status, HTML, no stack frames. */
function expectPage(r: Reply, allowed: readonly number[]): void {
  expect(allowed).toContain(r.status);
  expect(r.status).toBeLessThan(500);
  if (r.status !== 303) expect(r.headers.get('content-type')).toMatch(/text\/html/);
  expect(r.text).not.toMatch(/\n\s+at [\w.<>]+ \(/);
}

async function stillServes(): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect((await admin.get('/admin')).status).toBe(200);
}

describe('fuzzing the admin', () => {
  it('odd values in any field of the edit form: a save or a clear refusal, and a refusal changes nothing', async () => {
    const fields = [...recordToForm(server.app.directory.repository.get(RECORD)!.record).keys()];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...fields), anyText), fc.array(anyText, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 6 }),
        fc.subarray(fields, { maxLength: 4 }),
        fc.constantFrom('save', 'preview', 'add-phone', 'nonsense'),
        async (changes, dropped, op) => {
          const stored = server.app.directory.repository.get(RECORD)!;
          const values = recordToForm(stored.record);
          for (const k of dropped) values.delete(k);
          for (const [k, v] of changes) values.set(k, v);
          values.set('version', [String(stored.version)]);
          values.set('op', [op]);
          const before = directoryState();
          const r = await admin.post(`/admin/services/${RECORD}`, values);
          expectPage(r, [200, 303, 400, 403, 409, 413]);
          if (r.status !== 303) expect(directoryState()).toBe(before);
          // Whatever was saved is a valid record that the chat can show.
          expect(server.app.directory.repository.get(RECORD)).toBeDefined();
        },
      ),
      { numRuns: RUNS },
    );
    await stillServes();
  });

  it('random form bodies to every form, signed in or not', async () => {
    const paths = ['/admin/login', '/admin/services/new', `/admin/services/${RECORD}`, `/admin/services/${RECORD}/verify`, `/admin/services/${RECORD}/restore`, '/admin/users', '/admin/setup/x', '/admin/language', '/admin/services/%00/verify'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.boolean(),
        fc.oneof(fc.dictionary(anyText, anyText, { maxKeys: 8 }).map((d) => new URLSearchParams(Object.entries(d)).toString()), anyText, fc.string({ unit: 'binary', maxLength: 3000 })),
        async (path, signedIn, body) => {
          const before = directoryState();
          const users = JSON.stringify(server.app.admin.users.all().map((u) => [u.id, u.name, u.roles]));
          const client = signedIn ? admin : new StaffClient(server.url);
          const res = await fetch(`${server.url}${path}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'sec-fetch-site': 'same-origin', ...(signedIn ? { cookie: client.cookieHeader } : {}) },
            body,
          });
          const r: Reply = { status: res.status, text: await res.text(), headers: res.headers, location: res.headers.get('location') };
          expectPage(r, [200, 303, 400, 401, 403, 404, 409, 413, 429]);
          // A well-formed form can create a service or a user; anything refused changes nothing.
          if (r.status !== 303) {
            expect(directoryState()).toBe(before);
            expect(JSON.stringify(server.app.admin.users.all().map((u) => [u.id, u.name, u.roles]))).toBe(users);
          }
        },
      ),
      { numRuns: RUNS },
    );
    await stillServes();
  });

  it('random files to import: a list of problems or an import, never a crash; a refused file changes nothing', async () => {
    const exported = (await admin.get('/admin/export?format=json')).text;
    const file = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }).map((v) => ({ name: 'katalog.json', text: JSON.stringify(v) })),
      fc.array(fc.array(anyText, { maxLength: 8 }), { maxLength: 6 }).map((rows) => ({ name: 'katalog.csv', text: rows.map((r) => r.join(',')).join('\n') })),
      // The real export with a slice cut out or garbage put in: nearly valid files are the interesting ones.
      fc.tuple(fc.nat(exported.length), fc.nat(200), anyText).map(([at, cut, put]) => ({ name: 'katalog.json', text: exported.slice(0, at) + put + exported.slice(at + cut) })),
    );
    await fc.assert(
      fc.asyncProperty(file, fc.constantFrom('check', 'import'), async ({ name, text }, op) => {
        expect(() => parseImport(text, name)).not.toThrow();
        const before = directoryState();
        const body = new FormData();
        body.set('file', new File([text], name));
        body.set('op', op);
        const res = await fetch(`${server.url}/admin/import`, { method: 'POST', body, headers: { cookie: admin.cookieHeader, origin: server.url } });
        const r: Reply = { status: res.status, text: await res.text(), headers: res.headers, location: null };
        expectPage(r, [200, 400, 413]);
        if (r.status !== 200 || op === 'check') expect(directoryState()).toBe(before);
      }),
      { numRuns: RUNS },
    );
    await stillServes();
  });
});
