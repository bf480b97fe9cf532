import { describe, expect, it } from 'vitest';
import { loadGeo } from '../../src/geo/kommuner.js';
import { KommunMatcher } from '../../src/geo/kommun-match.js';

const geo = loadGeo();
const matcher = KommunMatcher.load(geo);

describe('the shipped kommun list', () => {
  it('has all 290 kommuner in 21 län, each with a four-digit SCB code', () => {
    expect(geo.kommuner).toHaveLength(290);
    expect(geo.lan).toHaveLength(21);
    expect(new Set(geo.kommuner.map((k) => k.code)).size).toBe(290);
    expect(geo.kommun('0880')).toEqual({ code: '0880', name: 'Kalmar', lan: '08' });
    expect(geo.lanOf('2380')?.name).toBe('Jämtlands län');
  });
});

// [typed, expected]: one code means a confident match; several mean "offer these"; [] means none.
const table: [string, string[]][] = [
  // Plain names, any case, with or without diacritics
  ['Örebro', ['1880']],
  ['Orebro', ['1880']],
  ['ÖREBRO', ['1880']],
  ['malmo', ['1280']],
  ['Malmö', ['1280']],
  ['Göteborg', ['1480']],
  ['goteborg', ['1480']],
  ['Gothenburg', ['1480']],
  ['Östersund', ['2380']],
  ['Emmaboda', ['0862']],
  ['Norrköping', ['0581']],
  ['Linkoping', ['0580']],
  ['Upplands Vasby', ['0114']],
  ['Upplands-Bro', ['0139']],
  ['Malung', ['2023']],
  ['Åre', ['2321']],
  ['Are', ['2321']],
  ['Ale', ['1440']],
  ['Mora', ['2062']],
  ['Nora', ['1884']],
  ['Lund', ['1281']],
  // Official forms
  ['Gotland', ['0980']],
  ['Region Gotland', ['0980']],
  ['Stockholms stad', ['0180']],
  ['Stockholm', ['0180']],
  ['Göteborgs Stad', ['1480']],
  ['Malmö stad', ['1280']],
  ['Västerås stad', ['1980']],
  ['Falu kommun', ['2080']],
  ['Kalmar kommun', ['0880']],
  ['Linköpings kommun', ['0580']],
  ['Örebro län', ['1880']],
  // Typos
  ['Norrköpng', ['0581']],
  ['Östersnd', ['2380']],
  ['ostersun', ['2380']],
  ['Vimerby', ['0884']],
  ['Eskilstuan', ['0484']],
  ['Hultsfredd', ['0860']],
  // Postal codes and postorter
  ['392 31', ['0880']],
  ['39231', ['0880']],
  ['702 10', ['1880']], // missing from the extract, but its neighbours are all in Örebro
  ['Visby', ['0980']],
  ['Bergkvara', ['0834']],
  ['Bålsta', ['0305']],
  // In a sentence (fillers removed by the conversation; the matcher finds a name inside)
  ['vi bor i Nybro nu', ['0881']],
  // Ambiguous: offer the candidates
  ['Habo', ['0305', '0643']],
  ['Håbo', ['0305', '0643']],
  ['upplands', ['0114', '0139']],
  // Nothing
  ['Atlantis', []],
  ['', []],
  ['!!!', []],
  ['12', []],
  ['99999', []],
];

describe('kommun matching', () => {
  it('has a table of at least 40 cases', () => expect(table.length).toBeGreaterThanOrEqual(40));

  it.each(table)('"%s" → %j', (input, expected) => {
    const result = matcher.match(input);
    if (expected.length === 0) expect(result).toEqual({ kind: 'none' });
    else if (expected.length === 1) expect(result).toEqual({ kind: 'match', code: expected[0] });
    else {
      expect(result.kind).toBe('candidates');
      expect(result.kind === 'candidates' && [...result.codes].sort()).toEqual([...expected].sort());
    }
  });

  it('matches every kommun by its own name', () => {
    for (const k of geo.kommuner) expect(matcher.match(k.name), k.name).toMatchObject({ kind: expect.stringMatching(/match|candidates/) });
    const unique = geo.kommuner.filter((k) => matcher.match(k.name).kind === 'match');
    // Only names that read alike without diacritics (Habo/Håbo) need a choice.
    expect(unique.length).toBeGreaterThanOrEqual(286);
  });
});
