/**
 * Understanding typed answers. Compiled once from the flow and the locales:
 *  - choices: "ja", "Nej", "2", "mig själv", "myself" select the matching answer of the step;
 *  - commands: "börja om", "avsluta", "språk", "hjälp" (and their translations) at any step;
 *  - danger words: in every language at once, because a person may type in her own language
 *    whatever language the chat is set to.
 */
import type { Texts } from '../../i18n/bundle.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locales.js';
import { normalize, tokens } from '../../i18n/normalize.js';
import type { Command, Flow } from '../flow/schema.js';
import { PhraseSet, type PhraseHit } from './phrases.js';

export type ChoiceMatch = { kind: 'match'; value: string } | { kind: 'ambiguous'; values: string[] } | { kind: 'none' };

const COMMAND_NAMES: Command[] = ['restart', 'exit', 'language', 'help'];
const KOMMUN_ANSWERS = ['yes', 'no', 'unsaid'] as const;
export type KommunAnswer = (typeof KOMMUN_ANSWERS)[number];

/** Picks the one best tag among hits, or reports a tie between different tags. */
function decide(hits: PhraseHit[]): ChoiceMatch {
  if (!hits.length) return { kind: 'none' };
  const best = hits[0]!;
  const rivals = hits.filter((h) => h.whole === best.whole && h.weight === best.weight && h.tag !== best.tag);
  if (rivals.length) return { kind: 'ambiguous', values: [best.tag, ...new Set(rivals.map((r) => r.tag))] };
  return { kind: 'match', value: best.tag };
}

export class Matchers {
  readonly #choices = new Map<string, PhraseSet>(); // `${locale}|${step}`
  readonly #commands = new Map<Locale, Map<string, Command>>();
  readonly #kommunAnswers = new Map<Locale, PhraseSet>();
  readonly #fillers = new Map<Locale, PhraseSet>();
  readonly #danger: PhraseSet;
  readonly #dangerFuzzy = new Map<Locale, PhraseSet>();
  readonly #locales: Locale[];
  /** Keyword phrases that cannot match anything (only punctuation): start-up refuses them. */
  readonly problems: string[] = [];

  constructor(
    readonly flow: Flow,
    readonly texts: Texts,
  ) {
    this.#locales = texts.locales;
    const dangerEntries: { tag: string; phrase: string }[] = [];
    for (const locale of this.#locales) {
      const t = texts.t(locale);
      for (const [stepId, step] of Object.entries(flow.steps)) {
        if (!step.choices) continue;
        const entries = step.choices.flatMap((c) => [
          { tag: c.value, phrase: t(c.label) },
          ...texts.list(locale, `match:answers.${stepId}.${c.value}`).map((phrase) => ({ tag: c.value, phrase })),
        ]);
        this.#choices.set(`${locale}|${stepId}`, new PhraseSet(entries));
      }
      const commands = new Map<string, Command>();
      for (const name of COMMAND_NAMES) for (const phrase of texts.list(locale, `match:commands.${name}`)) commands.set(normalize(phrase), name);
      this.#commands.set(locale, commands);
      this.#kommunAnswers.set(
        locale,
        new PhraseSet(KOMMUN_ANSWERS.flatMap((a) => texts.list(locale, `match:kommun.${a}`).map((phrase) => ({ tag: a, phrase })))),
      );
      this.#fillers.set(locale, new PhraseSet(texts.list(locale, 'match:kommun.fillers').map((phrase) => ({ tag: 'filler', phrase }))));
      const danger = texts.list(locale, 'match:dangerWords').map((phrase) => ({ tag: locale, phrase }));
      dangerEntries.push(...danger);
      this.#dangerFuzzy.set(locale, new PhraseSet(danger));
    }
    this.#danger = new PhraseSet(dangerEntries);
    const report = (where: string, set: PhraseSet | undefined) => {
      for (const phrase of set?.unusable ?? []) this.problems.push(`${where}: "${phrase}" has no letters or digits to match`);
    };
    for (const [key, set] of this.#choices) {
      const [locale, stepId] = key.split('|');
      report(`locales/${locale}/match.json answers.${stepId}`, set);
    }
    for (const locale of this.#locales) {
      report(`locales/${locale}/match.json dangerWords`, this.#dangerFuzzy.get(locale));
      report(`locales/${locale}/match.json kommun`, this.#kommunAnswers.get(locale));
      report(`locales/${locale}/match.json kommun.fillers`, this.#fillers.get(locale));
    }
  }

  /** The locales to try for a person reading `locale`: her own first, then one her script suggests, then Swedish and English. */
  #tiers(locale: Locale, also?: Locale): Locale[] {
    return [...new Set<Locale>([locale, ...(also ? [also] : []), DEFAULT_LOCALE, 'en'])].filter((l) => this.#locales.includes(l));
  }

  choice(stepId: string, locale: Locale, input: string, also?: Locale): ChoiceMatch {
    const step = this.flow.steps[stepId];
    const choices = step?.choices;
    if (!choices) return { kind: 'none' };
    const trimmed = input.trim();
    const byValue = choices.find((c) => c.value.toLowerCase() === trimmed.toLowerCase());
    if (byValue) return { kind: 'match', value: byValue.value };
    const norm = normalize(trimmed);
    if (/^\d{1,2}$/.test(norm)) {
      const chosen = choices[Number(norm) - 1];
      return chosen ? { kind: 'match', value: chosen.value } : { kind: 'none' };
    }
    const words = tokens(norm);
    if (!words.length) return { kind: 'none' };
    for (const tier of this.#tiers(locale, also)) {
      const set = this.#choices.get(`${tier}|${stepId}`);
      if (!set) continue;
      const exact = decide(set.find(words));
      if (exact.kind !== 'none') return exact;
    }
    const fuzzy = this.#choices.get(`${locale}|${stepId}`);
    return fuzzy ? decide(fuzzy.findFuzzy(words)) : { kind: 'none' };
  }

  /** A command typed as the whole message ("börja om", "exit"), in her language, Swedish or English. */
  command(locale: Locale, input: string): Command | undefined {
    const norm = normalize(input);
    if (!norm) return undefined;
    for (const tier of this.#tiers(locale)) {
      const hit = this.#commands.get(tier)?.get(norm);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Whether the text contains danger words of any language (or a near miss in her own). */
  danger(locale: Locale, input: string): boolean {
    const words = tokens(normalize(input));
    if (!words.length) return false;
    if (this.#danger.find(words).length) return true;
    return (this.#dangerFuzzy.get(locale)?.findFuzzy(words).length ?? 0) > 0;
  }

  /** "ja" / "nej" / "vill inte säga" to "Do you live in X?" and on the typed kommun question. */
  kommunAnswer(locale: Locale, input: string): KommunAnswer | undefined {
    const words = tokens(normalize(input));
    for (const tier of this.#tiers(locale)) {
      const d = decide(this.#kommunAnswers.get(tier)?.find(words).filter((h) => h.whole) ?? []);
      if (d.kind === 'match') return d.value as KommunAnswer;
    }
    return undefined;
  }

  /** Removes filler words ("jag bor i", "kommun") so that the kommun name remains. */
  stripFillers(locale: Locale, input: string): string {
    let words = tokens(normalize(input));
    for (const tier of this.#tiers(locale)) {
      const set = this.#fillers.get(tier);
      if (!set) continue;
      for (let guard = 0; guard < 4; guard++) {
        const shorter = removeFillerAtEdge(words, set);
        if (shorter.length === words.length) break;
        words = shorter;
      }
    }
    return words.join(' ');
  }
}

/** Removes the longest filler phrase at the start or the end, always leaving one word. */
function removeFillerAtEdge(words: string[], set: PhraseSet): string[] {
  for (let len = Math.min(4, words.length - 1); len >= 1; len--) {
    if (set.find(words.slice(0, len)).some((h) => h.whole)) return words.slice(len);
    if (set.find(words.slice(words.length - len)).some((h) => h.whole)) return words.slice(0, words.length - len);
  }
  return words;
}
