/**
 * Import and export: lossless round trips in JSON and CSV, errors with row and field, and an
 * import that changes nothing unless the whole file is valid.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../src/formats/csv.js';
import { csvColumnOf, exportCsv, exportJson, formatHours, parseHours, parseImport } from '../../src/directory/io.js';
import { OpeningHours } from '../../src/directory/schema.js';
import { loadShippedRecords } from '../../src/directory/service.js';
import { validateRecords } from '../../src/directory/validate.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { paths } from '../../src/paths.js';
import { startProcess } from '../helpers/process.js';

const run = promisify(execFile);
const geo = loadGeo();
const shipped = loadShippedRecords(geo);

function roundTrip(text: string, file: string) {
  const parsed = parseImport(text, file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
  const result = validateRecords(parsed.inputs, geo);
  if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 3)));
  return result.services;
}

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks in cells, CRLF, a BOM and semicolons', () => {
    const text = '\uFEFFa;b;c\r\n"x;y";"he said ""hi""";"two\nlines"\r\n1;;3\n';
    expect(parseCsv(text)).toEqual({ delimiter: ';', rows: [['a', 'b', 'c'], ['x;y', 'he said "hi"', 'two\nlines'], ['1', '', '3']] });
    expect(parseCsv('a,b\n1,2').rows).toEqual([['a', 'b'], ['1', '2']]);
    const rows = [['å', 'a,b', 'q"q', ' lead', 'line\nbreak']];
    expect(parseCsv(writeCsv(rows)).rows).toEqual(rows);
    expect(parseCsv(writeCsv(rows, ';')).rows).toEqual(rows);
  });
});

describe('opening hours in a cell', () => {
  it.each([
    ['mon-fri 08:00-16:30; holidays closed', { type: 'weekly', weekly: { mon: [{ from: '08:00', to: '16:30' }], tue: [{ from: '08:00', to: '16:30' }], wed: [{ from: '08:00', to: '16:30' }], thu: [{ from: '08:00', to: '16:30' }], fri: [{ from: '08:00', to: '16:30' }] }, holidays: 'closed', exceptions: [] }],
    ['fri 16:00-01:00; sat-sun 15:00-01:00; holidays normal', null],
    ['mon 08:30-12:00, 13:00-14:00; holidays 10:00-14:00; 2026-12-24 closed; 2026-12-23 10:00-12:00', null],
    ['always', { type: 'always' }],
    ['', null],
  ])('"%s" reads and writes back the same', (cell, expected) => {
    const parsed = parseHours(cell);
    if (expected) expect(parsed).toEqual(expected);
    const hours = parsed === null ? null : OpeningHours.parse(parsed);
    expect(formatHours(hours)).toBe(cell);
  });

  it.each([
    ['måndag 08:00-16:00', '"måndag" is not a day or range of days (mon … sun, e.g. mon-fri)'],
    ['mon 8-16', '"8-16" is not an interval like 08:00-16:30'],
    ['fri-mon 08:00-16:00', '"fri-mon" is not a day or range of days (mon … sun, e.g. mon-fri)'],
  ])('explains what is wrong with "%s"', (cell, message) => {
    const result = parseImport(`id,kind,status,last_verified,name_sv,coverage,sources,hours\nx,kvinnojour,verified,2026-11-23,X,0880,[],${cell}\n`, 'f.csv');
    expect(!result.ok && result.issues).toEqual([{ file: 'f.csv', row: 2, id: 'x', field: 'hours', message }]);
  });
});

describe('round trips of the whole shipped directory', () => {
  it('JSON export then import gives the same records', () => {
    expect(roundTrip(exportJson(shipped), 'dir.json')).toEqual(shipped);
  });

  it('CSV export then import gives the same records, with commas and with semicolons', () => {
    expect(roundTrip(exportCsv(shipped), 'dir.csv')).toEqual(shipped);
    expect(roundTrip(exportCsv(shipped, ';'), 'dir.csv')).toEqual(shipped);
  });

  it('a file made with "npm run directory -- export > file" (npm\'s own lines on top) imports too', () => {
    const banner = '\n> vagvisaren@0.1.0 directory\n> tsx src/cli/directory.ts export\n\n';
    expect(roundTrip(banner + exportJson(shipped), 'dir.json')).toEqual(shipped);
    expect(roundTrip(banner + exportCsv(shipped), 'dir.csv')).toEqual(shipped);
  });
});

describe('import errors name the row and the field', () => {
  it('a CSV with a bad phone and an http link: spreadsheet row numbers and column names', () => {
    const lines = exportCsv(shipped.filter((r) => !r.afterHours).slice(0, 3)).replace(/^\uFEFF/, '').split('\r\n');
    const header = parseCsv(lines[0]!).rows[0]!;
    const row3 = parseCsv(lines[2]!).rows[0]!;
    row3[header.indexOf('phones')] = '0480-12';
    row3[header.indexOf('web')] = 'http://insecure.example.se';
    lines[2] = writeCsv([row3]).replace(/^\uFEFF/, '').trim();
    const parsed = parseImport(lines.join('\r\n'), 'edit.csv');
    expect(parsed.ok).toBe(true);
    const result = validateRecords(parsed.ok ? parsed.inputs : [], geo);
    expect(result.ok).toBe(false);
    const issues = !result.ok ? result.issues.map((i) => `row ${i.row} ${csvColumnOf(i.field)}: ${i.message}`) : [];
    expect(issues).toEqual(['row 3 phones: "0480-12" is not a valid Swedish number (check the area code and the number of digits)', 'row 3 web: must be an https:// address']);
  });

  it('unknown and missing columns are reported before anything else', () => {
    const result = parseImport('id,kind,colour\nx,kvinnojour,blue\n', 'f.csv');
    expect(!result.ok && result.issues.map((i) => `${i.field}: ${i.message}`)).toEqual(
      expect.arrayContaining(['colour: is not a known column', 'status: column is missing', 'sources: column is missing']),
    );
  });

  it('maps schema paths to CSV columns', () => {
    expect(csvColumnOf('name.sv')).toBe('name_sv');
    expect(csvColumnOf('phones[0].number')).toBe('phones');
    expect(csvColumnOf('serves.minAge')).toBe('min_age');
    expect(csvColumnOf('coverage.kommuner[2]')).toBe('coverage');
    expect(csvColumnOf('lastVerified')).toBe('last_verified');
  });
});

describe('npm run directory (the command line)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vv-cli-'));
  const env = { ...process.env, DATA_DIR: dataDir };
  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/directory.ts', ...args], { cwd: paths.root, env }).then(
    (r) => ({ code: 0, ...r }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exports, refuses a bad import without changing anything, imports a good one', async () => {
    const exported = await cli('export', '--out', join(dataDir, 'all.csv'));
    expect(exported.code).toBe(0);
    const store = join(dataDir, 'directory.json');
    const before = readFileSync(store, 'utf8');

    const bad = readFileSync(join(dataDir, 'all.csv'), 'utf8').replace('sos-112,emergency,verified', 'sos-112,emergency,maybe');
    writeFileSync(join(dataDir, 'bad.csv'), bad);
    const refused = await cli('import', join(dataDir, 'bad.csv'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv, row \d+, id sos-112: status/);
    expect(refused.stderr).toContain('Nothing was changed.');
    expect(readFileSync(store, 'utf8')).toBe(before);

    const good = readFileSync(join(dataDir, 'all.csv'), 'utf8').replace('Nödnummer 112', 'Nödnummer 112 (SOS Alarm)');
    writeFileSync(join(dataDir, 'good.csv'), good);
    const imported = await cli('import', join(dataDir, 'good.csv'));
    expect(imported.stderr).toMatch(/imported \d+ services/);
    const after = JSON.parse(readFileSync(store, 'utf8'));
    expect(after.services.find((s: any) => s.record.id === 'sos-112').record.name.sv).toBe('Nödnummer 112 (SOS Alarm)');
    expect(after.history.at(-1)).toMatchObject({ id: 'sos-112', action: 'import' });
  });

  it('refuses to import while the server runs on the same data folder', async () => {
    const server = await startProcess({ DATA_DIR: dataDir });
    try {
      const refused = await cli('import', join(dataDir, 'all.csv'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/server is running/);
    } finally {
      await server.stop();
    }
  });

  it('validate checks files without a data folder', async () => {
    const ok = await cli('validate', ...['national.json', 'lan-08-kalmar.json'].map((f) => join(paths.directory, f)));
    expect(ok.code).toBe(0);
  });
});
