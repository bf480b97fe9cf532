/**
 * The thirteen languages: parity with Swedish, the translator's round trip, language choice.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadLocaleBundles, Texts } from '../../src/i18n/bundle.js';
import { exportLocaleCsv, importLocaleCsv, pluralCategories } from '../../src/i18n/exchange.js';
import { direction, isLocale, type Locale, LOCALES, negotiateLocale } from '../../src/i18n/locales.js';
import { checkLocale } from '../../src/i18n/parity.js';
import { parseCsv, writeCsv } from '../../src/formats/csv.js';
import { paths } from '../../src/paths.js';

const bundles = loadLocaleBundles();
const sv = bundles.find((b) => b.locale === 'sv')!;

describe('the shipped locales', () => {
  it('are all thirteen, each with its name in its own script and its review status', () => {
    expect(bundles.map((b) => b.locale).sort()).toEqual([...LOCALES].sort());
    for (const b of bundles) {
      expect(b.meta.nativeName.length).toBeGreaterThan(1);
      if (b.locale !== 'sv') expect(['drafted', 'reviewed']).toContain(b.meta.status);
      if (b.meta.status === 'reviewed') expect(b.meta.reviewedBy && b.meta.reviewedOn).toBeTruthy();
    }
    expect(bundles.find((b) => b.locale === 'ar')!.meta.nativeName).toBe('العربية');
  });

  it.each(bundles.filter((b) => b.locale !== 'sv').map((b) => [b.locale, b] as const))('%s has exactly the keys of Swedish, the same placeholders and no empty text', (_l, bundle) => {
    expect(checkLocale(sv, bundle)).toEqual([]);
  });

  it('the parity check catches what a translator can get wrong', () => {
    const en = bundles.find((b) => b.locale === 'en')!;
    const broken = structuredClone(en);
    const chat = broken.namespaces.chat as any;
    chat.kommun.confirm = 'Do you live in {{municipality}}?';
    chat.welcome.exit = '  ';
    delete chat.end.restart;
    chat.extra = 'not in Swedish';
    expect(checkLocale(sv, broken)).toEqual(
      expect.arrayContaining([
        'locales/en/chat.json: end.restart is missing',
        'locales/en/chat.json: extra is not in Swedish (extra key)',
        'locales/en/chat.json: welcome.exit is empty',
        'locales/en/chat.json: kommun.confirm has placeholders {municipality} but Swedish has {kommun}',
      ]),
    );
  });

  it('plural forms follow each language (Arabic has six)', () => {
    expect(pluralCategories('ar')).toEqual(['few', 'many', 'one', 'two', 'zero', 'other']);
    expect(pluralCategories('sv')).toEqual(['one', 'other']);
    expect(pluralCategories('sv-x-ll')).toEqual(['one', 'other']);
    expect(pluralCategories('tr')).toEqual(['one', 'other']);
    expect(pluralCategories('uk')).toEqual(['few', 'many', 'one', 'other']);
  });

  it('the number of contacts is said in the grammar of each language', () => {
    const texts = new Texts(bundles);
    const intro = (locale: Locale, count: number) => texts.t(locale)('chat:result.introNational', { count }) as string;
    expect(intro('sv', 1)).toMatch(/^Här är ett ställe/);
    expect(intro('sv', 4)).toMatch(/^Här är 4 ställen/);
    // Arabic: two has its own dual form without a number; 3–10 and 11–99 take different noun forms.
    expect(intro('ar', 2)).toMatch(/^هاتان جهتان/);
    expect(intro('ar', 3)).toContain('3 جهات');
    expect(intro('ar', 11)).toContain('11 جهة');
    // Polish: 2–4 "miejsca", 5+ "miejsc"; Ukrainian likewise.
    expect(intro('pl', 3)).toContain('3 miejsca,');
    expect(intro('pl', 5)).toContain('5 miejsc,');
    expect(intro('uk', 21)).toContain('21 місце');
    expect(intro('uk', 25)).toContain('25 місць');
  });

  it('Arabic and Persian are right to left, the others left to right', () => {
    expect(LOCALES.filter((l) => direction(l) === 'rtl')).toEqual(['ar', 'fa']);
  });
});

describe('choosing a language', () => {
  it.each([
    [['sv-SE', 'en'], 'sv'],
    [['en-GB'], 'en'],
    [['de-DE', 'ar-SA'], 'ar'],
    [['prs'], 'fa'],
    [['hr-HR'], 'bs'],
    [['sr-Cyrl-RS'], 'bs'],
    [['so'], 'so'],
    [['ti-ER'], 'ti'],
    [['uk-UA', 'ru'], 'uk'],
    [['sv-x-ll'], 'sv-x-ll'],
    [['de', 'fr'], 'sv'],
    [[], 'sv'],
  ])('%j → %s', (preferred, expected) => expect(negotiateLocale(preferred)).toBe(expected));
});

describe('the translator\'s file (npm run i18n)', () => {
  const ar = bundles.find((b) => b.locale === 'ar')!;

  it('export then import gives the same texts; plural keys come out in the language\'s own forms', () => {
    const csv = exportLocaleCsv(sv, ar, 'ar');
    const rows = parseCsv(csv).rows;
    expect(rows[0]).toEqual(['key', 'sv', 'ar', 'note']);
    expect(rows.find((r) => r[0] === 'chat:danger.question')?.slice(1, 3)).toEqual(['Är du i fara just nu?', (ar.namespaces.chat as any).danger.question]);
    const result = importLocaleCsv(csv, sv, ar.meta, isLocale);
    expect(result.ok && result.namespaces).toEqual(ar.namespaces);
  });

  it('refuses a file with an empty text, a lost placeholder or an unknown key, saying where', () => {
    const rows = parseCsv(exportLocaleCsv(sv, ar, 'ar')).rows;
    const edited = rows.map((r) => [...r]);
    edited.find((r) => r[0] === 'chat:danger.question')![2] = '';
    edited.find((r) => r[0] === 'chat:kommun.confirm')![2] = 'هل تعيش في البلدية؟';
    edited.push(['chat:danger.newKey', 'x', 'y', '']);
    const result = importLocaleCsv(writeCsv(edited), sv, ar.meta, isLocale);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual(
      expect.arrayContaining([
        `row ${edited.length}: "chat:danger.newKey" is not a text of Vägvisaren (keys come from the exported file)`,
        'chat.json: danger.question is empty',
        'chat.json: kommun.confirm has placeholders {} but Swedish has {kommun}',
      ]),
    );
  });

  it('the command line imports into locales/ and records a review', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vv-i18n-'));
    try {
      // A scratch copy of the checkout, so that the import can write its locales/ freely.
      cpSync(paths.root, dir, { recursive: true, filter: (src) => !/node_modules|\.git$|test-output|dist$|var$|tmp$/.test(src) });
      symlinkSync(join(paths.root, 'node_modules'), join(dir, 'node_modules'));
      const run = promisify(execFile);
      const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/i18n.ts', ...args], { cwd: dir });
      await cli('export', 'fi', '--out', join(dir, 'fi.csv'));
      const csv = readFileSync(join(dir, 'fi.csv'), 'utf8').replace('"Oletko vaarassa juuri nyt?"', '"Oletko nyt vaarassa?"').replace(/Oletko vaarassa juuri nyt\?/, 'Oletko nyt vaarassa?');
      writeFileSync(join(dir, 'fi.csv'), csv);
      await cli('import', join(dir, 'fi.csv'), '--reviewed-by', 'Suomalainen Tarkastaja', '--reviewed-on', '2026-11-20');
      const meta = JSON.parse(readFileSync(join(dir, 'locales/fi/meta.json'), 'utf8'));
      expect(meta).toMatchObject({ status: 'reviewed', reviewedBy: 'Suomalainen Tarkastaja', reviewedOn: '2026-11-20' });
      expect(JSON.parse(readFileSync(join(dir, 'locales/fi/chat.json'), 'utf8')).danger.question).toBe('Oletko nyt vaarassa?');
      const status = await cli('status');
      expect(status.stdout).toMatch(/fi\s+Suomi\s+reviewed by Suomalainen Tarkastaja on 2026-11-20/);
      expect(status.stdout).toMatch(/ar\s+العربية\s+AWAITS REVIEW/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
