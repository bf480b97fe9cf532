/**
 * The 290 kommuner and 21 län, with SCB codes, from the shipped `data/geo/kommuner.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { paths } from '../paths.js';

const GeoFile = z.strictObject({
  source: z.string(),
  license: z.string(),
  retrieved: z.string(),
  lan: z.array(z.strictObject({ code: z.string().regex(/^\d{2}$/), name: z.string(), short: z.string() })).length(21),
  kommuner: z.array(z.strictObject({ code: z.string().regex(/^\d{4}$/), name: z.string().min(1), lan: z.string().regex(/^\d{2}$/) })).length(290),
});

export interface Kommun {
  code: string;
  name: string;
  lan: string;
}
export interface Lan {
  code: string;
  name: string;
  short: string;
}

export class Geo {
  readonly kommuner: readonly Kommun[];
  readonly lan: readonly Lan[];
  readonly #byCode: Map<string, Kommun>;
  readonly #lanByCode: Map<string, Lan>;

  constructor(kommuner: readonly Kommun[], lan: readonly Lan[]) {
    this.kommuner = kommuner;
    this.lan = lan;
    this.#byCode = new Map(kommuner.map((k) => [k.code, k]));
    this.#lanByCode = new Map(lan.map((l) => [l.code, l]));
  }

  kommun(code: string): Kommun | undefined {
    return this.#byCode.get(code);
  }
  lanOf(code: string): Lan | undefined {
    const k = this.#byCode.get(code);
    return k ? this.#lanByCode.get(k.lan) : undefined;
  }
  lanByCode(code: string): Lan | undefined {
    return this.#lanByCode.get(code);
  }
  kommunerInLan(lan: string): Kommun[] {
    return this.kommuner.filter((k) => k.lan === lan);
  }
}

let cached: Geo | undefined;
/** Loads and validates the shipped file once. */
export function loadGeo(file = join(paths.geo, 'kommuner.json')): Geo {
  if (cached && file === join(paths.geo, 'kommuner.json')) return cached;
  const parsed = GeoFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  const geo = new Geo(parsed.kommuner, parsed.lan);
  for (const k of geo.kommuner) if (!geo.lanByCode(k.lan)) throw new Error(`${file}: kommun ${k.code} names an unknown län ${k.lan}`);
  cached = geo;
  return geo;
}
