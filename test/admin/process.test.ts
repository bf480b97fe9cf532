/**
 * A fresh install, as an operator does it: create the first admin on the command line (there is no
 * default password), start the server, open the one-time link. The command refuses while the server
 * owns the data folder. Then many saves through HTTP, a SIGKILL in the middle of them, and the data
 * files are whole: they parse, validate, have their backups, and the server starts on them again.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordToForm } from '../../src/admin/form.js';
import { validateRecords } from '../../src/directory/validate.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { paths } from '../../src/paths.js';
import { LowdbDirectoryRepository } from '../../src/storage/directory-repository.js';
import { LowdbUserStore } from '../../src/storage/user-store.js';
import { StaffClient } from '../helpers/admin.js';
import { startProcess, type ServerProcess } from '../helpers/process.js';

const run = promisify(execFile);
const PASSWORD = 'tre små grisar bygger hus av halm';
const RECORDS = ['kvinnojouren-vandela', 'sydostjouren', 'orebro-socialjour'];

let dataDir: string;
let server: ServerProcess | undefined;

const admin = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], { cwd: paths.root, env: { ...process.env, DATA_DIR: dataDir, PORT: '3978' } });

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vv-admin-'));
});
afterAll(async () => {
  if (server?.child.exitCode === null) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a fresh install', () => {
  let link: string;
  let acknowledged: Map<string, number>;

  it('creates the first admin on the command line and prints a one-time link', async () => {
    const { stdout } = await admin('create-user', '--role', 'admin', '--name', 'forsta');
    link = /http:\/\/localhost:3978(\/admin\/setup\/[A-Za-z0-9_-]+)/.exec(stdout)![1]!;
    expect(link).toBeTruthy();
    const users = JSON.parse(readFileSync(join(dataDir, 'users.json'), 'utf8'));
    expect(users.users).toHaveLength(1);
    expect(users.users[0]).toMatchObject({ name: 'forsta', roles: ['admin'] });
    expect(users.users[0].passwordHash).toBeUndefined();
    expect(JSON.stringify(users)).not.toContain(link.split('/').pop());
    expect(statSync(join(dataDir, 'users.json')).mode & 0o077).toBe(0);
  });

  it('refuses to write while the server runs, and says what to do', async () => {
    server = await startProcess({ DATA_DIR: dataDir });
    const refused = await admin('create-user', '--role', 'admin', '--name', 'andra').catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/The server is running \(pid \d+\).*Stop the server.*let an existing admin create the user/s);
  });

  it('sets the password through the link with the strong scrypt cost, and signs in', async () => {
    const c = new StaffClient(server!.url);
    expect((await c.post(link, { password: PASSWORD, confirm: PASSWORD })).status).toBe(303);
    expect((await c.get('/admin')).status).toBe(200);
    const fresh = new StaffClient(server!.url);
    await fresh.login('forsta', PASSWORD);
    expect((await fresh.get('/admin/users')).status).toBe(200);
    const stored = JSON.parse(readFileSync(join(dataDir, 'users.json'), 'utf8')).users[0];
    expect(stored.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it('survives a SIGKILL in the middle of many saves', async () => {
    const c = new StaffClient(server!.url);
    await c.login('forsta', PASSWORD);
    const exported = JSON.parse((await c.get('/admin/export?format=json')).text) as { services: { id: string }[] };
    acknowledged = new Map();
    let saves = 0;
    let killed = false;
    const loop = async (id: string) => {
      const record = exported.services.find((s) => s.id === id)!;
      let version = Number(/name="version" value="(\d+)"/.exec((await c.get(`/admin/services/${id}`)).text)![1]);
      for (let n = 1; !killed; n++) {
        const values = recordToForm(record as never);
        values.set('description.sv', [`sparning ${n}`]);
        values.set('version', [String(version)]);
        let r;
        try {
          r = await c.post(`/admin/services/${id}`, values);
        } catch {
          return; // the server is gone
        }
        expect(r.status).toBe(303);
        acknowledged.set(id, n);
        version++;
        if (++saves === 45) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(RECORDS.map(loop));
    expect(await new Promise((resolve) => (server!.child.exitCode !== null || server!.child.signalCode ? resolve(true) : server!.child.on('exit', () => resolve(true))))).toBe(true);
    expect(server!.child.signalCode).toBe('SIGKILL');
    expect(saves).toBeGreaterThanOrEqual(45);

    // Every data file parses and has the expected content.
    const file = join(dataDir, 'directory.json');
    const repo = await LowdbDirectoryRepository.open(file);
    const records = repo.all().map((s) => s.record);
    expect(validateRecords(records.map((input) => ({ input, file: 'directory.json' })), loadGeo()).ok).toBe(true);
    for (const id of RECORDS) {
      const n = Number(/sparning (\d+)/.exec(repo.get(id)!.record.description!.sv)![1]);
      expect(n, id).toBeGreaterThanOrEqual(acknowledged.get(id)!);
    }
    // The last ten versions are kept; a kill while they shift may leave one number empty until the next write.
    const backups = Array.from({ length: 10 }, (_, i) => `${file}.${i + 1}`).filter((f) => existsSync(f));
    expect(backups.length).toBeGreaterThanOrEqual(9);
    for (const backup of backups) await LowdbDirectoryRepository.open(backup);
    await LowdbUserStore.open(join(dataDir, 'users.json'));
    JSON.parse(readFileSync(join(dataDir, 'audit.json'), 'utf8'));
  });

  it('starts again on the same data folder (the dead lock is taken over) and keeps the saves', async () => {
    server = await startProcess({ DATA_DIR: dataDir });
    const c = new StaffClient(server.url);
    await c.login('forsta', PASSWORD);
    const page = await c.get('/admin/services/kvinnojouren-vandela');
    expect(page.text).toContain('sparning');
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
