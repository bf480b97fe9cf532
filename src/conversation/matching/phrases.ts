/**
 * Finding keyword phrases in typed text. A phrase is one or more words; a word may end in `*`
 * (any ending: "kniv*" matches "kniven", "knivar") or start with `*` (any beginning, for
 * languages that attach prepositions and articles to the word).
 */
import { editDistance, normalize, tokens, typoAllowance } from '../../i18n/normalize.js';

interface WordPattern {
  text: string;
  prefix: boolean; // text followed by anything
  suffix: boolean; // anything followed by text
}

interface Phrase {
  words: WordPattern[];
  /** The phrase as written, for weighting longer, more specific matches higher. */
  weight: number;
  tag: string;
}

/**
 * One written word may normalise to several ("can't" → can t, "icke-binär" → icke binar): the
 * wildcard marks stay on the outer ends.
 */
function compileWord(word: string): WordPattern[] {
  const suffix = word.startsWith('*');
  const prefix = word.endsWith('*');
  const parts = tokens(normalize(word.replace(/^\*|\*$/g, '')));
  return parts.map((text, i) => ({ text, suffix: suffix && i === 0, prefix: prefix && i === parts.length - 1 }));
}

function wordMatches(p: WordPattern, token: string): boolean {
  if (p.prefix && p.suffix) return token.includes(p.text);
  if (p.prefix) return token.startsWith(p.text);
  if (p.suffix) return token.endsWith(p.text);
  return token === p.text;
}

export interface PhraseHit {
  tag: string;
  weight: number;
  /** The whole input was exactly this phrase. */
  whole: boolean;
}

/** A set of tagged phrases compiled for fast matching against many inputs. */
export class PhraseSet {
  /** Phrases that normalise to nothing (only punctuation): reported at start-up. */
  readonly unusable: string[] = [];
  readonly #byFirst = new Map<string, Phrase[]>();
  readonly #wild: Phrase[] = [];

  constructor(entries: Iterable<{ tag: string; phrase: string }>) {
    for (const { tag, phrase } of entries) {
      const words = phrase.trim().split(/\s+/).filter(Boolean).flatMap(compileWord);
      if (!words.length) {
        this.unusable.push(phrase);
        continue;
      }
      const compiled: Phrase = { words, weight: normalize(phrase).length, tag };
      const first = compiled.words[0]!;
      if (first.prefix || first.suffix) this.#wild.push(compiled);
      else {
        const list = this.#byFirst.get(first.text) ?? [];
        list.push(compiled);
        this.#byFirst.set(first.text, list);
      }
    }
  }

  get size(): number {
    let n = this.#wild.length;
    for (const l of this.#byFirst.values()) n += l.length;
    return n;
  }

  /** Every phrase found in the (already tokenised) input, best first. */
  find(input: readonly string[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const at = (phrase: Phrase, start: number) => {
      if (start + phrase.words.length > input.length) return;
      for (let k = 0; k < phrase.words.length; k++) if (!wordMatches(phrase.words[k]!, input[start + k]!)) return;
      hits.push({ tag: phrase.tag, weight: phrase.weight, whole: start === 0 && phrase.words.length === input.length });
    };
    for (let i = 0; i < input.length; i++) {
      for (const phrase of this.#byFirst.get(input[i]!) ?? []) at(phrase, i);
      for (const phrase of this.#wild) at(phrase, i);
    }
    return hits.sort((a, b) => Number(b.whole) - Number(a.whole) || b.weight - a.weight);
  }

  /**
   * Single-word phrases within a typo or two of a typed word (long words in Latin or Cyrillic script
   * only: in Arabic script one letter changes a short word into another everyday word).
   */
  findFuzzy(input: readonly string[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    for (const token of input) {
      if (!/^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]+$/u.test(token)) continue;
      const allowance = typoAllowance(token.length);
      if (!allowance) continue;
      for (const list of this.#byFirst.values())
        for (const phrase of list) {
          if (phrase.words.length !== 1) continue;
          const word = phrase.words[0]!.text;
          if (typoAllowance(word.length) === 0) continue;
          if (editDistance(token, word, allowance) <= allowance) hits.push({ tag: phrase.tag, weight: phrase.weight, whole: input.length === 1 });
        }
    }
    return hits;
  }
}

export function tokenize(text: string): string[] {
  return tokens(normalize(text));
}
