/**
 * The keyword lists of every shipped locale, checked against each other: danger words must fire on
 * danger and never on an ordinary answer, a button label or a place name; every phrase must be
 * usable; commands and answers must be recognised.
 */
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/conversation/flow/validate.js';
import { Matchers } from '../../src/conversation/matching/matchers.js';
import { PhraseSet, tokenize } from '../../src/conversation/matching/phrases.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { loadLocaleBundles, Texts } from '../../src/i18n/bundle.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../../src/paths.js';

const texts = new Texts(loadLocaleBundles());
const flow = loadFlows(texts).get('triage')!;
const matchers = new Matchers(flow, texts);
const geo = loadGeo();
const orter = Object.keys((JSON.parse(readFileSync(join(paths.geo, 'orter.json'), 'utf8')) as { orter: Record<string, string[]> }).orter);

describe('phrases', () => {
  it('wildcards and words with apostrophes or hyphens', () => {
    const set = new PhraseSet([
      { tag: 'a', phrase: 'kniv*' },
      { tag: 'b', phrase: "can't breathe" },
      { tag: 'c', phrase: '*hunna' },
      { tag: 'd', phrase: 'icke-binär' },
    ]);
    expect(set.unusable).toEqual([]);
    expect(set.find(tokenize('han har knivar')).map((h) => h.tag)).toEqual(['a']);
    expect(set.find(tokenize('I CAN’T BREATHE')).map((h) => h.tag)).toEqual(['b']);
    expect(set.find(tokenize("i can't breathe")).map((h) => h.tag)).toEqual(['b']);
    expect(set.find(tokenize('wahunna')).map((h) => h.tag)).toEqual(['c']);
    expect(set.find(tokenize('icke binär')).map((h) => h.tag)).toEqual(['d']);
    expect(new PhraseSet([{ tag: 'x', phrase: '!!' }]).unusable).toEqual(['!!']);
  });

  it('every keyword phrase of every shipped locale can match something', () => {
    expect(matchers.problems).toEqual([]);
  });
});

describe('danger words', () => {
  it.each(texts.locales)('fire in %s on its own danger phrases', (locale) => {
    for (const phrase of texts.list(locale, 'match:dangerWords')) {
      const typed = phrase.replace(/\*/g, '');
      expect(matchers.danger(locale, `nu ${typed} hjälp`), `${locale}: "${phrase}"`).toBe(true);
    }
  });

  it('fire on English with apostrophes ("he\'s here", "I can\'t breathe")', () => {
    expect(matchers.danger('en', "he's here")).toBe(true);
    expect(matchers.danger('en', "I can't breathe")).toBe(true);
  });

  it('never fire on a kommun name or postort, alone or as "jag bor i …" (in any chat language)', () => {
    const places = [...geo.kommuner.map((k) => k.name), ...orter];
    for (const locale of texts.locales) {
      const fired = places.filter((p) => matchers.danger(locale, p) || matchers.danger(locale, `jag bor i ${p}`) || matchers.danger(locale, `I live in ${p}`));
      expect(fired, locale).toEqual([]);
    }
  });

  it('never fire on a button label or an answer keyword (except the danger question\'s "yes")', () => {
    for (const locale of texts.locales) {
      const t = texts.t(locale);
      const fired: string[] = [];
      for (const [stepId, step] of Object.entries(flow.steps))
        for (const choice of step.choices ?? []) {
          if (stepId === 'danger' && choice.value === 'yes') continue;
          const words = [t(`chat:${choice.label}`), ...texts.list(locale, `match:answers.${stepId}.${choice.value}`)];
          for (const w of words) if (matchers.danger(locale, w)) fired.push(`${stepId}.${choice.value}: "${w}"`);
        }
      expect(fired, locale).toEqual([]);
    }
  });

  it('do not fire on ordinary sentences about the past', () => {
    for (const s of ['han slog mig förra året', 'jag är inte i fara just nu', 'he used to hit me', 'min dotter', 'jag bor i Knivsta', 'vi bor i Vapnö']) expect(matchers.danger('sv', s), s).toBe(false);
  });
});

describe('commands and answers in every locale', () => {
  it.each(texts.locales)('%s: each command word is recognised as the whole message', (locale) => {
    for (const name of ['restart', 'exit', 'language', 'help'] as const)
      for (const phrase of texts.list(locale, `match:commands.${name}`)) expect(matchers.command(locale, phrase), `${locale} "${phrase}"`).toBe(name);
  });

  it.each(texts.locales)('%s: each button label selects its own answer', (locale) => {
    const t = texts.t(locale);
    for (const [stepId, step] of Object.entries(flow.steps))
      for (const choice of step.choices ?? []) expect(matchers.choice(stepId, locale, t(`chat:${choice.label}`)), `${locale} ${stepId} "${t(`chat:${choice.label}`)}"`).toEqual({ kind: 'match', value: choice.value });
  });
});
