/**
 * npm run i18n -- <command>
 *
 *   status                 every locale: its name, whether it is reviewed, and what is missing
 *   check [locale…]        compare locales with Swedish (keys, plural forms, placeholders, empty texts)
 *   export <locale> [--out FILE]   the locale's texts beside the Swedish ones, as CSV for a translator
 *   import FILE [--reviewed-by NAME --reviewed-on YYYY-MM-DD]   read a translator's CSV back (all or nothing)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLocaleBundles, LocaleMeta, NAMESPACES } from '../i18n/bundle.js';
import { exportLocaleCsv, importLocaleCsv } from '../i18n/exchange.js';
import { isLocale, LOCALES, type Locale } from '../i18n/locales.js';
import { checkLocale } from '../i18n/parity.js';
import { paths } from '../paths.js';

const USAGE = `usage: npm run i18n -- status
       npm run i18n -- check [locale…]
       npm run i18n -- export <locale> [--out FILE]
       npm run i18n -- import FILE [--reviewed-by NAME --reviewed-on YYYY-MM-DD]`;

const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function main(args: string[]): number {
  const [command, ...rest] = args;
  const bundles = loadLocaleBundles();
  const sv = bundles.find((b) => b.locale === 'sv')!;

  if (command === 'status' || command === 'check') {
    const wanted = rest.filter(isLocale);
    let bad = 0;
    for (const b of bundles) {
      if (b.locale === 'sv' || (wanted.length && !wanted.includes(b.locale))) continue;
      const problems = checkLocale(sv, b);
      bad += problems.length;
      const review = b.meta.status === 'reviewed' ? `reviewed by ${b.meta.reviewedBy ?? '?'} on ${b.meta.reviewedOn ?? '?'}` : 'AWAITS REVIEW (drafted)';
      process.stdout.write(`${b.locale.padEnd(8)} ${b.meta.nativeName.padEnd(30)} ${review}${problems.length ? `, ${problems.length} problem(s)` : ''}\n`);
      if (command === 'check') for (const p of problems) process.stdout.write(`   ${p}\n`);
    }
    for (const l of LOCALES) if (!bundles.some((b) => b.locale === l)) process.stdout.write(`${l.padEnd(8)} (no folder yet)\n`);
    return command === 'check' && bad ? 1 : 0;
  }

  if (command === 'export') {
    const locale = rest[0];
    if (!locale || !isLocale(locale) || locale === 'sv') return fail(`export needs a locale other than sv\n${USAGE}`);
    const csv = exportLocaleCsv(sv, bundles.find((b) => b.locale === locale), locale);
    const out = option(rest, '--out');
    if (out) {
      writeFileSync(out, csv);
      process.stderr.write(`wrote ${out}\n`);
    } else process.stdout.write(csv);
    return 0;
  }

  if (command === 'import') {
    const file = rest.find((a) => !a.startsWith('--') && a !== option(rest, '--reviewed-by') && a !== option(rest, '--reviewed-on'));
    if (!file) return fail(USAGE);
    const text = readFileSync(file, 'utf8').replace(/^(?:\s*\n|>[^\n]*\n)+/, '');
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const locale = header.split(/[,;]/)[2]?.trim() as Locale;
    const existing = bundles.find((b) => b.locale === locale);
    const reviewedBy = option(rest, '--reviewed-by');
    const reviewedOn = option(rest, '--reviewed-on');
    const meta = LocaleMeta.safeParse({
      ...(existing?.meta ?? { nativeName: locale, englishName: locale, status: 'drafted' }),
      ...(reviewedBy ? { status: 'reviewed', reviewedBy, reviewedOn: reviewedOn ?? new Date().toISOString().slice(0, 10) } : {}),
    });
    if (!meta.success) return fail(`--reviewed-on must be a date written YYYY-MM-DD`);
    const result = importLocaleCsv(text, sv, meta.data, isLocale);
    if (!result.ok) return fail(`${result.problems.join('\n')}\nNothing was changed.`);
    const folder = join(paths.locales, result.locale);
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
    for (const ns of NAMESPACES) {
      const strings = result.namespaces[ns];
      if (strings) writeFileSync(join(folder, `${ns}.json`), `${visibleJson(strings)}\n`);
    }
    writeFileSync(join(folder, 'meta.json'), `${JSON.stringify(meta.data, null, 2)}\n`);
    process.stderr.write(`imported ${result.locale}${reviewedBy ? `, marked reviewed by ${reviewedBy}` : ''}\n`);
    return 0;
  }

  return fail(USAGE);
}

/** JSON with invisible direction marks and isolates (and zero-width spaces) written as \\u escapes, so reviewers see them. */
function visibleJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

process.exit(main(process.argv.slice(2)));
