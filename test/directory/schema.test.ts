/**
 * Bad records are refused with a clear message; good ones are normalised.
 */
import { describe, expect, it } from 'vitest';
import { formatSwedishPhone, parseSwedishPhone } from '../../src/directory/phone.js';
import { ServiceRecord } from '../../src/directory/schema.js';
import { validateRecords } from '../../src/directory/validate.js';
import { loadGeo } from '../../src/geo/kommuner.js';

const geo = loadGeo();
const good = {
  id: 'kvinnojouren-test',
  kind: 'kvinnojour',
  name: { sv: 'Kvinnojouren Test' },
  organisation: { id: 'kvinnojouren-test', name: 'Kvinnojouren Test' },
  phones: [{ number: '0480-45 00 00' }],
  coverage: { scope: 'local', kommuner: ['0880'] },
  hours: { type: 'weekly', weekly: { fri: [{ from: '16:00', to: '01:00' }] } },
  sources: [{ url: 'https://example.org/jouren', seen: '2026-11-23' }],
  lastVerified: '2026-11-23',
  status: 'verified',
};
const errors = (input: unknown) => {
  const r = ServiceRecord.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('phone numbers', () => {
  it('normalises Swedish forms to E.164 and shows them in Swedish form', () => {
    expect(parseSwedishPhone('020-50 50 50')).toEqual({ ok: true, number: '+4620505050' });
    expect(parseSwedishPhone('+46 19 21 10 00')).toEqual({ ok: true, number: '+4619211000' });
    expect(parseSwedishPhone('0046 8 123 456 78')).toEqual({ ok: true, number: '+46812345678' });
    expect(parseSwedishPhone('114 14')).toEqual({ ok: true, number: '11414' });
    expect(formatSwedishPhone('+4620505050')).toBe('020-50 50 50');
    expect(formatSwedishPhone('+46480450000')).toBe('0480-45 00 00');
    expect(formatSwedishPhone('11414')).toBe('114 14');
    expect(formatSwedishPhone('116111')).toBe('116 111');
  });
});

describe('service records', () => {
  it('a good record passes and its phone is stored as E.164', () => {
    const r = ServiceRecord.parse(good);
    expect(r.phones[0]!.number).toBe('+46480450000');
    expect(r.hours).toMatchObject({ holidays: 'closed', exceptions: [] });
  });

  it.each([
    [{ phones: [{ number: '+1 202 555 0100' }] }, /phones\.0\.number: .*not a Swedish number/],
    [{ phones: [{ number: '0480-12' }] }, /phones\.0\.number: .*not a valid Swedish number/],
    [{ phones: [{ number: 'ring oss' }] }, /phones\.0\.number: .*not a phone number/],
    [{ web: 'http://kvinnojour.example.se' }, /web: must be an https:\/\/ address/],
    [{ chat: 'javascript:alert(1)' }, /chat: must be an https:\/\/ address/],
    [{ hours: { type: 'weekly', weekly: { mon: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '14:00' }] } } }, /opening hours overlap: mon 08:00–12:00 and mon 11:00–14:00/],
    [{ hours: { type: 'weekly', weekly: { fri: [{ from: '16:00', to: '02:00' }], sat: [{ from: '01:00', to: '03:00' }] } } }, /opening hours overlap: fri 16:00–02:00 and sat 01:00–03:00/],
    [{ hours: { type: 'weekly', weekly: { mon: [{ from: '8:00', to: '25:00' }] } } }, /must be a time written HH:MM/],
    [{ visitingAddress: 'Storgatan 1, Kalmar' }, /visitingAddress: .*never have an address/],
    [{ sources: [] }, /sources: every record names at least one source/],
    [{ lastVerified: '23/11/2026' }, /lastVerified: must be a date/],
    [{ name: { en: 'Only English' } }, /name\.sv/],
    [{ coverage: { scope: 'local' } }, /coverage: a local service covers at least one kommun or län/],
    [{ phones: [], web: undefined }, /phones: a verified service needs at least one way to reach it/],
    [{ serves: { genders: ['woman'], minAge: 20, maxAge: 12 } }, /serves\.minAge: minAge is above maxAge/],
    [{ kind: 'shelter' }, /kind/],
    [{ addressOfShelter: 'x' }, /Unrecognized key/],
  ])('refuses %j', (change, message) => {
    expect(errors({ ...good, ...change }).join('\n')).toMatch(message);
  });

  it('refuses an unknown kommun code, a duplicated id and an after-hours link to nothing, across records', () => {
    const r = validateRecords(
      [
        { input: { ...good, coverage: { scope: 'local', kommuner: ['0880', '9999'] } }, file: 'a.json', row: 0 },
        { input: { ...good, afterHours: { serviceId: 'no-such-service' } }, file: 'b.json', row: 3 },
      ],
      geo,
    );
    expect(r.ok).toBe(false);
    const text = !r.ok ? r.issues.map((i) => `${i.file} row ${i.row}: ${i.field}: ${i.message}`) : [];
    expect(text).toEqual([
      'a.json row 0: coverage.kommuner[1]: "9999" is not a kommun code',
      'b.json row 3: id: id "kvinnojouren-test" is used twice (also in a.json)',
      'b.json row 3: afterHours.serviceId: no service has the id "no-such-service"',
    ]);
  });
});
