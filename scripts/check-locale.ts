/**
 * Checks translated locales against Swedish: `npx tsx scripts/check-locale.ts <folder>…`, where each
 * folder holds meta.json, chat.json, match.json, directory.json … of one locale and is named after it
 * (e.g. tmp/locales/ar). Exit code 1 when anything is wrong. (`npm run i18n -- check` does the same
 * for the shipped locales.)
 */
import { basename, dirname } from 'node:path';
import { loadLocaleBundles } from '../src/i18n/bundle.js';
import { isLocale } from '../src/i18n/locales.js';
import { checkLocale } from '../src/i18n/parity.js';

const [sv] = loadLocaleBundles(undefined, ['sv']);
let bad = 0;
for (const folder of process.argv.slice(2)) {
  const locale = basename(folder);
  if (!isLocale(locale)) {
    console.error(`${folder}: "${locale}" is not a supported locale`);
    bad++;
    continue;
  }
  try {
    const [bundle] = loadLocaleBundles(dirname(folder), [locale]);
    const problems = checkLocale(sv!, bundle!);
    for (const p of problems) console.error(p);
    bad += problems.length;
    if (!problems.length) console.log(`${folder}: ok (${locale})`);
  } catch (e) {
    console.error((e as Error).message);
    bad++;
  }
}
process.exit(bad ? 1 : 0);
