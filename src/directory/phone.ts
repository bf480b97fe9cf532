/**
 * Swedish phone numbers: parse what a person typed or a source printed, store E.164, show the
 * Swedish national form. Emergency and short numbers (112, 114 14, 116 xxx, 1177) have no E.164
 * form and are kept as they are dialled.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const SHORT_NUMBERS = /^(112|11414|1177|116\d{3})$/;

export type PhoneParse = { ok: true; number: string } | { ok: false; reason: 'not-a-number' | 'not-swedish' | 'invalid' };

/** Normalises "020-50 50 50", "+46 20 50 50 50", "0205050 50" → "+4620505050"; "114 14" → "11414". */
export function parseSwedishPhone(input: string): PhoneParse {
  const compact = input.replace(/[\s\-–()./]/g, '');
  if (SHORT_NUMBERS.test(compact)) return { ok: true, number: compact };
  if (!/^\+?\d{5,15}$/.test(compact)) return { ok: false, reason: 'not-a-number' };
  if (compact.startsWith('+') && !compact.startsWith('+46')) return { ok: false, reason: 'not-swedish' };
  if (compact.startsWith('00') && !compact.startsWith('0046')) return { ok: false, reason: 'not-swedish' };
  const parsed = parsePhoneNumberFromString(compact.replace(/^0046/, '+46'), 'SE');
  if (!parsed || parsed.country !== 'SE' || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, number: parsed.number };
}

/** True for a stored number: E.164 Swedish or a known short number. */
export function isStoredPhone(value: string): boolean {
  if (SHORT_NUMBERS.test(value)) return true;
  if (!/^\+46\d{6,12}$/.test(value)) return false;
  const parsed = parsePhoneNumberFromString(value);
  return !!parsed && parsed.country === 'SE' && parsed.isValid();
}

const formatted = new Map<string, string>();

/** "+4620505050" → "020-50 50 50"; "11414" → "114 14"; "116111" → "116 111". (Memoised: cards show the same few numbers all day.) */
export function formatSwedishPhone(stored: string): string {
  let out = formatted.get(stored);
  if (out === undefined) {
    out = formatUncached(stored);
    if (formatted.size < 10_000) formatted.set(stored, out);
  }
  return out;
}

function formatUncached(stored: string): string {
  if (stored === '11414') return '114 14';
  if (/^116\d{3}$/.test(stored)) return `116 ${stored.slice(3)}`;
  if (SHORT_NUMBERS.test(stored)) return stored;
  const parsed = parsePhoneNumberFromString(stored);
  return parsed ? parsed.formatNational() : stored;
}

/** The value of a `tel:` link. */
export function telUri(stored: string): string {
  return `tel:${stored}`;
}
