/**
 * Finding the kommun a person means from what she types: "Orebro", "malmo", "Region Gotland",
 * "Stockholms stad", "Upplands Vasby", a postal code ("702 10"), a postort ("Visby"), or a name with a
 * typo ("Norrköpng"). A name that fits several kommuner ("Habo": Habo or Håbo) gives candidates to
 * choose from, never a guess.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { editDistance, normalize, tokens } from '../i18n/normalize.js';
import { paths } from '../paths.js';
import type { Geo } from './kommuner.js';

export type KommunMatch = { kind: 'match'; code: string } | { kind: 'candidates'; codes: string[] } | { kind: 'none' };

/** Words around a kommun name that carry no meaning for matching, in the languages people use. */
const STRUCTURAL = new Set(['kommun', 'kommune', 'kommuner', 'stad', 'staden', 'region', 'municipality', 'city', 'lan', 'county']);

/** Names people use that no rule derives from the official short name. */
const EXTRA_ALIASES: Record<string, string> = {
  gothenburg: '1480',
  falu: '2080',
  'stockholm city': '0180',
};

const MAX_CANDIDATES = 5;

const PostalFile = z.object({ codes: z.record(z.string().regex(/^\d{5}$/), z.string().regex(/^\d{4}$/)) });
const OrterFile = z.object({ orter: z.record(z.string(), z.array(z.string().regex(/^\d{4}$/)).min(1)) });

function addTo(map: Map<string, Set<string>>, key: string, code: string): void {
  if (!key) return;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(code);
}

export class KommunMatcher {
  readonly #names = new Map<string, Set<string>>();
  readonly #orter = new Map<string, Set<string>>();
  readonly #postal: ReadonlyMap<string, string>;
  /** Kommuner by the first three digits of postal codes, for codes missing from the extract. */
  readonly #postalArea = new Map<string, Set<string>>();
  readonly #nameList: { norm: string; code: string }[] = [];

  constructor(
    readonly geo: Geo,
    postal: ReadonlyMap<string, string> = new Map(),
    orter: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    this.#postal = postal;
    for (const [code, kommun] of postal) addTo(this.#postalArea, code.slice(0, 3), kommun);
    for (const k of geo.kommuner) {
      const n = normalize(k.name);
      const forms = [n, `${n}s`, `region ${n}`, `${n} kommun`, `${n}s kommun`, `${n} stad`, `${n}s stad`];
      for (const f of forms) addTo(this.#names, f, k.code);
      this.#nameList.push({ norm: n, code: k.code });
    }
    for (const [alias, code] of Object.entries(EXTRA_ALIASES)) if (geo.kommun(code)) addTo(this.#names, normalize(alias), code);
    for (const [ort, codes] of orter) for (const code of codes) if (geo.kommun(code)) addTo(this.#orter, normalize(ort), code);
  }

  static load(geo: Geo): KommunMatcher {
    const postal = PostalFile.parse(JSON.parse(readFileSync(join(paths.geo, 'postnummer.json'), 'utf8')));
    const orter = OrterFile.parse(JSON.parse(readFileSync(join(paths.geo, 'orter.json'), 'utf8')));
    return new KommunMatcher(geo, new Map(Object.entries(postal.codes)), new Map(Object.entries(orter.orter)));
  }

  match(input: string): KommunMatch {
    const norm = normalize(input);
    if (!norm) return { kind: 'none' };

    const digits = norm.replace(/ /g, '');
    if (/^\d{5}$/.test(digits)) {
      const code = this.#postal.get(digits);
      if (code) return { kind: 'match', code };
      // The extract lacks about 18 % of codes; neighbours in the same area point to the kommun.
      const area = this.#postalArea.get(digits.slice(0, 3));
      return area ? this.#result([...area]) : { kind: 'none' };
    }
    if (/^\d{4}$/.test(digits)) return this.geo.kommun(digits) ? { kind: 'match', code: digits } : { kind: 'none' };

    const words = tokens(norm);
    const core = words.filter((w) => !STRUCTURAL.has(w)).join(' ');
    for (const key of new Set([norm, core])) {
      const exact = this.#lookup(this.#names, key) ?? this.#lookup(this.#orter, key);
      if (exact) return exact;
    }
    if (!core) return { kind: 'none' };

    // A kommun name somewhere inside a longer message ("vi bor i Nybro sedan i år").
    const inside = new Set<string>();
    const coreWords = tokens(core);
    for (let n = 3; n >= 1; n--)
      for (let i = 0; i + n <= coreWords.length; i++) for (const code of this.#names.get(coreWords.slice(i, i + n).join(' ')) ?? []) inside.add(code);
    if (inside.size && coreWords.length > 1) return this.#result([...inside]);

    // The start of a name ("upplands" → Upplands Väsby, Upplands-Bro).
    if (core.length >= 3) {
      const starts = this.#nameList.filter((n) => n.norm.startsWith(core) && n.norm !== core).map((n) => n.code);
      if (starts.length === 1 && core.length >= 5) return { kind: 'match', code: starts[0]! };
      if (starts.length) return { kind: 'candidates', codes: starts.slice(0, MAX_CANDIDATES) };
    }

    return this.#fuzzy(core);
  }

  #lookup(map: Map<string, Set<string>>, key: string): KommunMatch | undefined {
    const codes = map.get(key);
    if (!codes) return undefined;
    return this.#result([...codes]);
  }

  #result(codes: string[]): KommunMatch {
    if (codes.length === 1) return { kind: 'match', code: codes[0]! };
    return { kind: 'candidates', codes: codes.slice(0, MAX_CANDIDATES) };
  }

  /** Names within a few typos; one clear winner is taken, several are offered. */
  #fuzzy(core: string): KommunMatch {
    const allowance = core.length >= 10 ? 3 : core.length >= 7 ? 2 : core.length >= 4 ? 1 : 0;
    if (!allowance) return { kind: 'none' };
    const scored: { code: string; d: number }[] = [];
    for (const { norm, code } of this.#nameList) {
      const d = editDistance(core, norm, allowance);
      if (d <= allowance) scored.push({ code, d });
    }
    if (!scored.length) {
      for (const [ort, codes] of this.#orter) {
        if (Math.abs(ort.length - core.length) > allowance) continue;
        const d = editDistance(core, ort, allowance);
        if (d <= allowance) for (const code of codes) scored.push({ code, d });
      }
    }
    if (!scored.length) return { kind: 'none' };
    scored.sort((a, b) => a.d - b.d);
    const best = scored[0]!.d;
    const top = [...new Set(scored.filter((s) => s.d === best).map((s) => s.code))];
    if (top.length === 1 && best <= Math.max(1, allowance - 1)) return { kind: 'match', code: top[0]! };
    return { kind: 'candidates', codes: [...new Set(scored.map((s) => s.code))].slice(0, MAX_CANDIDATES) };
  }
}
