/**
 * The edit form holds every field of a record: record → form → record gives back the same record,
 * for every shipped record; errors land on the field (and row) they belong to.
 */
import { describe, expect, it } from 'vitest';
import { formToInput, keepStoredOrder, parseForm, recordToForm, type FormValues } from '../../src/admin/form.js';
import { ServiceRecord } from '../../src/directory/schema.js';
import { loadShippedRecords } from '../../src/directory/service.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { rec } from '../directory/fixtures.js';

const shipped = loadShippedRecords(loadGeo());

function edit(values: FormValues, changes: Record<string, string | string[] | undefined>): FormValues {
  const v = new Map(values);
  for (const [k, x] of Object.entries(changes)) {
    if (x === undefined) v.delete(k);
    else v.set(k, Array.isArray(x) ? x : [x]);
  }
  return v;
}

describe('the edit form', () => {
  it('gives back every shipped record unchanged', () => {
    expect(shipped.length).toBeGreaterThan(100);
    for (const record of shipped) {
      const parsed = parseForm(recordToForm(record));
      if (!parsed.ok) throw new Error(`${record.id}: ${JSON.stringify(parsed.issues)}`);
      expect(keepStoredOrder(record, parsed.record), record.id).toEqual(record);
    }
  });

  it('keeps every kind of opening hours, labels in other languages and notes', () => {
    const record = rec({
      id: 'full',
      kind: 'kvinnojour',
      name: { sv: 'Jouren', en: 'The jour', ar: 'ال' },
      description: { sv: 'Beskrivning', fi: 'Kuvaus' },
      phones: [{ number: '0480-45 00 00', label: { sv: 'Jour', so: 'Lambar' }, hiddenOnBill: true }, { number: '020-50 50 50', display: '020-50 50 50' }],
      sms: [{ number: '070-123 45 67' }],
      coverage: { scope: 'local', kommuner: ['0880', '0881'], lan: ['05'] },
      hours: {
        type: 'weekly',
        weekly: { mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '16:30' }], fri: [{ from: '16:00', to: '01:00' }] },
        holidays: [{ from: '10:00', to: '14:00' }],
        exceptions: [{ date: '2026-12-24', intervals: [], note: { sv: 'Stängt på julafton' } }, { date: '2026-12-31', intervals: [{ from: '10:00', to: '12:00' }] }],
      },
      serves: { genders: ['woman'], roles: ['victim', 'relative'], minAge: 18, maxAge: 99 },
      situations: ['physical', 'honour'],
      needs: ['shelter'],
      forWho: ['self'],
      unsuitableFor: ['economic'],
      eligibility: { substanceUse: false, pets: true, entry: 'open', notes: { sv: 'Hund går bra' } },
      languages: ['sv', 'ar'],
      interpreter: true,
      afterHours: { note: { sv: 'Ring 112' } },
      sources: [{ url: 'http://example.se/a', confirms: 'number', published: '2024', seen: '2026-11-01' }, { document: 'Rapport', lines: 'L1-2' }],
      verificationNotes: 'Kolla helgtider',
    });
    const parsed = parseForm(recordToForm(record));
    expect(parsed.ok && parsed.record).toEqual(record);
  });

  it('drops empty rows and puts an error on the row the person filled in', () => {
    const record = shipped.find((r) => r.id === 'kvinnojouren-vandela')!;
    const values = edit(recordToForm(record), {
      // The first row emptied entirely: it is dropped, and the phone of the second row is phones[0].
      'phones.0.number': '',
      'phones.0.display': undefined,
      'phones.0.label.sv': '',
      'phones.0.label.en': undefined,
      'phones.1.number': '0480-12',
      'hours.weekly.tue.0.from': '8:00',
    });
    const parsed = parseForm(values);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.key).sort()).toEqual(['hours.weekly.tue.0.from', 'phones.1.number']);
  });

  it('reads "always", "unknown", a national coverage and a blank spare row', () => {
    const record = shipped.find((r) => r.id === 'kvinnojouren-vandela')!;
    const always = parseForm(edit(recordToForm(record), { 'hours.type': 'always', 'sources.9.url': '' }));
    expect(always.ok && always.record.hours).toEqual({ type: 'always' });
    const unknown = parseForm(edit(recordToForm(record), { 'hours.type': 'unknown' }));
    expect(unknown.ok && unknown.record.hours).toBeNull();
    const national = formToInput(edit(recordToForm(record), { 'coverage.scope': 'national' }));
    expect(national.input.coverage).toEqual({ scope: 'national' });
  });

  it('normalises a phone typed in any Swedish form and explains a wrong one', () => {
    const record = shipped.find((r) => r.id === 'kvinnojouren-vandela')!;
    const ok = parseForm(edit(recordToForm(record), { 'phones.0.number': '+46 70 778 21 90', 'phones.0.display': undefined }));
    expect(ok.ok && ok.record.phones[0]!.number).toBe('+46707782190');
    const bad = parseForm(edit(recordToForm(record), { 'phones.0.number': '+45 12 34 56 78' }));
    expect(!bad.ok && bad.issues.find((i) => i.key === 'phones.0.number')?.issue.message).toBe('"+45 12 34 56 78" is not a Swedish number');
  });

  it('keeps the stored order of check boxes when the values are the same', () => {
    const record = ServiceRecord.parse({ ...shipped.find((r) => r.id === 'kvinnojouren-kalmar')! });
    const reordered = { ...record, coverage: { scope: 'local' as const, kommuner: [...(record.coverage as { kommuner: string[] }).kommuner].sort(), lan: [] } };
    expect(keepStoredOrder(record, reordered).coverage).toEqual(record.coverage);
    const changed = { ...record, coverage: { scope: 'local' as const, kommuner: ['0880'], lan: [] } };
    expect(keepStoredOrder(record, changed).coverage).toEqual(changed.coverage);
  });
});
