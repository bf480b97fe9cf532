/**
 * The edit form of a service record as plain form fields, and back.
 *
 * Every field of a record has a form field whose name is its path ("name.sv", "phones.0.number",
 * "hours.weekly.fri.1.to"), so a schema error at a path belongs to the field of the same name. Lists
 * (phones, intervals, sources …) are rows; an empty row is dropped, so the rows the form showed and
 * the items of the record can differ: `rows` remembers which row each item came from.
 *
 * recordToForm → formToInput gives back the same record (tested with every shipped record).
 */
import * as z from 'zod';
import { LOCALES } from '../i18n/locales.js';
import { formatSwedishPhone } from '../directory/phone.js';
import { ServiceRecord, WEEKDAYS, type Interval, type LocalizedText, type OpeningHours, type Phone, type Weekday } from '../directory/schema.js';

/** Every field as its list of values (a single field has one). */
export type FormValues = Map<string, string[]>;

/** For each list of the record ("phones", "hours.exceptions.2.intervals"), the form row of each item. */
export type RowMap = Map<string, number[]>;

// ── record → form ───────────────────────────────────────────────────────────────────────────────

export function recordToForm(r: ServiceRecord): FormValues {
  const v: FormValues = new Map();
  const set = (key: string, value: string | number | boolean | undefined) => {
    if (value === undefined || value === '') return;
    v.set(key, [typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)]);
  };
  const setList = (key: string, values: readonly string[] | undefined) => {
    if (values?.length) v.set(key, [...values]);
  };
  const setText = (key: string, text: LocalizedText | undefined) => {
    for (const l of LOCALES) set(`${key}.${l}`, text?.[l]);
  };
  const setIntervals = (key: string, list: readonly Interval[]) =>
    list.forEach((iv, i) => {
      set(`${key}.${i}.from`, iv.from);
      set(`${key}.${i}.to`, iv.to);
    });
  const setPhones = (key: string, phones: readonly Phone[]) =>
    phones.forEach((p, i) => {
      set(`${key}.${i}.number`, formatSwedishPhone(p.number));
      set(`${key}.${i}.display`, p.display);
      setText(`${key}.${i}.label`, p.label);
      set(`${key}.${i}.hiddenOnBill`, p.hiddenOnBill);
    });

  set('id', r.id);
  set('kind', r.kind);
  set('status', r.status);
  setText('name', r.name);
  setText('description', r.description);
  set('organisation.id', r.organisation.id);
  set('organisation.name', r.organisation.name);
  setPhones('phones', r.phones);
  setPhones('sms', r.sms);
  set('web', r.web);
  set('chat', r.chat);
  set('email', r.email);
  set('visitingAddress', r.visitingAddress);
  if (r.providesShelter) set('providesShelter', 'yes');
  set('coverage.scope', r.coverage.scope);
  if (r.coverage.scope === 'local') {
    setList('coverage.kommuner', r.coverage.kommuner);
    setList('coverage.lan', r.coverage.lan);
  }
  setList('serves.genders', r.serves.genders);
  setList('serves.roles', r.serves.roles);
  set('serves.minAge', r.serves.minAge);
  set('serves.maxAge', r.serves.maxAge);
  setList('situations', r.situations);
  setList('needs', r.needs);
  setList('unsuitableFor', r.unsuitableFor);
  setList('forWho', r.forWho);
  set('eligibility.substanceUse', r.eligibility.substanceUse);
  set('eligibility.wheelchairAccessible', r.eligibility.wheelchairAccessible);
  set('eligibility.pets', r.eligibility.pets);
  set('eligibility.entry', r.eligibility.entry);
  setText('eligibility.notes', r.eligibility.notes);
  set('languages', r.languages.join(' '));
  set('interpreter', r.interpreter);
  hoursToForm(r.hours, set, setText, setIntervals);
  set('afterHours.serviceId', r.afterHours?.serviceId);
  setText('afterHours.note', r.afterHours?.note);
  r.sources.forEach((s, i) => {
    for (const k of ['url', 'document', 'lines', 'confirms', 'published', 'seen'] as const) set(`sources.${i}.${k}`, s[k]);
  });
  set('lastVerified', r.lastVerified);
  set('verificationNotes', r.verificationNotes);
  return v;
}

function hoursToForm(
  hours: OpeningHours | null,
  set: (key: string, value: string | undefined) => void,
  setText: (key: string, text: LocalizedText | undefined) => void,
  setIntervals: (key: string, list: readonly Interval[]) => void,
): void {
  if (!hours) return set('hours.type', 'unknown');
  set('hours.type', hours.type);
  if (hours.type !== 'weekly') return;
  for (const d of WEEKDAYS) setIntervals(`hours.weekly.${d}`, hours.weekly[d] ?? []);
  if (typeof hours.holidays === 'string') set('hours.holidays', hours.holidays);
  else {
    set('hours.holidays', 'special');
    setIntervals('hours.holidays', hours.holidays);
  }
  hours.exceptions.forEach((e, i) => {
    set(`hours.exceptions.${i}.date`, e.date);
    setIntervals(`hours.exceptions.${i}.intervals`, e.intervals);
    setText(`hours.exceptions.${i}.note`, e.note);
  });
}

/** Form values from a parsed urlencoded body (one value or several per name). */
export function formFromBody(body: unknown): FormValues {
  const v: FormValues = new Map();
  if (body && typeof body === 'object')
    for (const [k, value] of Object.entries(body as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]).filter((x): x is string => typeof x === 'string');
      if (list.length) v.set(k, list);
    }
  return v;
}

// ── form → record input ─────────────────────────────────────────────────────────────────────────

/** How many rows a list has in the form: one more than the highest index used. */
export function rowCount(values: FormValues, list: string): number {
  const prefix = `${list}.`;
  let n = 0;
  for (const key of values.keys()) {
    if (!key.startsWith(prefix)) continue;
    const m = /^(\d+)(\.|$)/.exec(key.slice(prefix.length));
    if (m && values.get(key)!.some((x) => x.trim() !== '')) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, 200);
}

export interface FormInput {
  input: Record<string, unknown>;
  rows: RowMap;
}

export function formToInput(values: FormValues): FormInput {
  const rows: RowMap = new Map();
  const one = (key: string): string | undefined => {
    const x = values.get(key)?.[0]?.trim();
    return x === undefined || x === '' ? undefined : x;
  };
  const many = (key: string): string[] => (values.get(key) ?? []).map((x) => x.trim()).filter(Boolean);
  const text = (key: string): Record<string, string> | undefined => {
    const out: Record<string, string> = {};
    for (const l of LOCALES) {
      const x = one(`${key}.${l}`);
      if (x !== undefined) out[l] = x;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const yesNo = (key: string): boolean | string | undefined => {
    const x = one(key);
    return x === 'yes' ? true : x === 'no' ? false : x;
  };
  const int = (key: string): number | string | undefined => {
    const x = one(key);
    return x !== undefined && /^\d{1,3}$/.test(x) ? Number(x) : x;
  };
  /** Items of a list from its non-empty rows, remembering the row of each item. */
  const list = <T>(inputPath: string, formPath: string, read: (formRow: string, inputRow: string) => T | undefined): T[] => {
    const out: T[] = [];
    const map: number[] = [];
    const n = rowCount(values, formPath);
    for (let i = 0; i < n; i++) {
      const item = read(`${formPath}.${i}`, `${inputPath}.${out.length}`);
      if (item === undefined) continue;
      map.push(i);
      out.push(item);
    }
    rows.set(inputPath, map);
    return out;
  };
  const intervals = (path: string, formPath = path) =>
    list(path, formPath, (row) => {
      const from = one(`${row}.from`);
      const to = one(`${row}.to`);
      return from === undefined && to === undefined ? undefined : { from: from ?? '', to: to ?? '' };
    });
  const phones = (key: string) =>
    list(key, key, (row) => {
      const number = one(`${row}.number`);
      const display = one(`${row}.display`);
      const label = text(`${row}.label`);
      const hiddenOnBill = yesNo(`${row}.hiddenOnBill`);
      if (number === undefined && display === undefined && label === undefined && hiddenOnBill === undefined) return undefined;
      return { number: number ?? '', ...(display !== undefined ? { display } : {}), ...(label ? { label } : {}), ...(hiddenOnBill !== undefined ? { hiddenOnBill } : {}) };
    });

  const input: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) input[key] = value;
  };
  put('id', one('id'));
  put('kind', one('kind'));
  put('status', one('status'));
  input.name = text('name') ?? {};
  put('description', text('description'));
  input.organisation = { id: one('organisation.id') ?? '', name: one('organisation.name') ?? '' };
  input.phones = phones('phones');
  input.sms = phones('sms');
  put('web', one('web'));
  put('chat', one('chat'));
  put('email', one('email'));
  put('visitingAddress', one('visitingAddress'));
  input.providesShelter = one('providesShelter') === 'yes';
  input.coverage = one('coverage.scope') === 'national' ? { scope: 'national' } : { scope: 'local', kommuner: many('coverage.kommuner'), lan: many('coverage.lan') };
  const serves: Record<string, unknown> = { genders: many('serves.genders'), roles: many('serves.roles') };
  if (one('serves.minAge') !== undefined) serves.minAge = int('serves.minAge');
  if (one('serves.maxAge') !== undefined) serves.maxAge = int('serves.maxAge');
  input.serves = serves;
  for (const key of ['situations', 'needs', 'forWho'] as const) if (many(key).length) input[key] = many(key);
  input.unsuitableFor = many('unsuitableFor');
  const eligibility: Record<string, unknown> = {};
  for (const key of ['substanceUse', 'wheelchairAccessible', 'pets'] as const) if (yesNo(`eligibility.${key}`) !== undefined) eligibility[key] = yesNo(`eligibility.${key}`);
  if (one('eligibility.entry') !== undefined) eligibility.entry = one('eligibility.entry');
  if (text('eligibility.notes')) eligibility.notes = text('eligibility.notes');
  input.eligibility = eligibility;
  const languages = (one('languages') ?? '').split(/[\s,]+/).filter(Boolean);
  input.languages = languages.length ? languages : ['sv'];
  put('interpreter', yesNo('interpreter'));

  const type = one('hours.type') ?? 'unknown';
  if (type === 'unknown') input.hours = null;
  else if (type === 'always') input.hours = { type: 'always' };
  else {
    const weekly: Partial<Record<Weekday, unknown>> = {};
    for (const d of WEEKDAYS) {
      const list = intervals(`hours.weekly.${d}`);
      if (list.length) weekly[d] = list;
    }
    const mode = one('hours.holidays') ?? 'closed';
    const holidays = mode === 'special' ? intervals('hours.holidays') : mode;
    const exceptions = list('hours.exceptions', 'hours.exceptions', (row, inputRow) => {
      const date = one(`${row}.date`);
      const note = text(`${row}.note`);
      const ivs = intervals(`${inputRow}.intervals`, `${row}.intervals`);
      if (date === undefined && note === undefined && !ivs.length) {
        rows.delete(`${inputRow}.intervals`);
        return undefined;
      }
      return { date: date ?? '', intervals: ivs, ...(note ? { note } : {}) };
    });
    input.hours = { type, weekly, holidays, exceptions };
  }

  const afterService = one('afterHours.serviceId');
  const afterNote = text('afterHours.note');
  if (afterService !== undefined || afterNote) input.afterHours = { ...(afterService !== undefined ? { serviceId: afterService } : {}), ...(afterNote ? { note: afterNote } : {}) };

  input.sources = list('sources', 'sources', (row) => {
    const s: Record<string, string> = {};
    for (const k of ['url', 'document', 'lines', 'confirms', 'published', 'seen'] as const) {
      const x = one(`${row}.${k}`);
      if (x !== undefined) s[k] = x;
    }
    return Object.keys(s).length ? s : undefined;
  });
  put('lastVerified', one('lastVerified'));
  put('verificationNotes', one('verificationNotes'));
  return { input, rows };
}

// ── errors at their fields ──────────────────────────────────────────────────────────────────────

/** The form field of a record path: items of lists are moved to the row they came from. */
export function formKey(path: readonly PropertyKey[], rows: RowMap): string {
  const out: string[] = [];
  const inputPath: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') out.push(String(rows.get(inputPath.join('.'))?.[seg] ?? seg));
    else out.push(String(seg));
    inputPath.push(String(seg));
  }
  return out.join('.');
}

/** "coverage.kommuner[2]" (a DirectoryIssue field) → ["coverage", "kommuner", 2]. */
export function parseFieldPath(field: string): PropertyKey[] {
  if (field === '(record)') return [];
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface FieldIssue {
  /** The form field the issue belongs to. */
  key: string;
  /** The zod issue (for translation) or a plain message. */
  issue: Pick<z.core.$ZodIssue, 'code' | 'message'> & { origin?: string; minimum?: unknown; expected?: unknown; format?: string };
}

export type FormParse = { ok: true; record: ServiceRecord } | { ok: false; issues: FieldIssue[] };

export function parseForm(values: FormValues): FormParse & { rows: RowMap } {
  const { input, rows } = formToInput(values);
  const parsed = ServiceRecord.safeParse(input);
  if (parsed.success) return { ok: true, record: parsed.data, rows };
  return { ok: false, rows, issues: parsed.error.issues.map((issue) => ({ key: formKey(issue.path, rows), issue: issue as FieldIssue['issue'] })) };
}

// ── keeping the stored order ────────────────────────────────────────────────────────────────────

/**
 * Check boxes come back in the order of the form, not of the record. When a list holds the same
 * values as before, keep the stored order, so that an unchanged form changes nothing.
 */
export function keepStoredOrder(before: ServiceRecord, after: ServiceRecord): ServiceRecord {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => !!a && !!b && a.length === b.length && [...a].sort().join() === [...b].sort().join();
  const pick = <T extends readonly string[] | undefined>(old: T, next: T): T => (same(old, next) ? old : next);
  const out: ServiceRecord = { ...after, serves: { ...after.serves, genders: pick(before.serves.genders, after.serves.genders), roles: pick(before.serves.roles, after.serves.roles) } };
  out.unsuitableFor = pick(before.unsuitableFor, after.unsuitableFor);
  if (after.situations) out.situations = pick(before.situations, after.situations);
  if (after.needs) out.needs = pick(before.needs, after.needs);
  if (after.forWho) out.forWho = pick(before.forWho, after.forWho);
  if (after.coverage.scope === 'local' && before.coverage.scope === 'local')
    out.coverage = { scope: 'local', kommuner: pick(before.coverage.kommuner, after.coverage.kommuner), lan: pick(before.coverage.lan, after.coverage.lan) };
  return out;
}
