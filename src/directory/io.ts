/**
 * The directory as files: JSON (the shipped format) and CSV (one row per service, for
 * spreadsheets). Export and import are inverses: exporting and importing gives the same records.
 *
 * CSV cells are plain where people edit them (names, kommun codes, web addresses) and use a
 * compact syntax for opening hours ("mon-fri 08:00-16:30; sat 10:00-14:00; holidays closed;
 * 2026-12-24 closed") and phones (one number per line). Where the compact form would lose
 * something (a phone label, a note on a date) the cell holds JSON instead; sources are JSON.
 */
import { LOCALES, type Locale } from '../i18n/locales.js';
import { parseCsv, writeCsv } from '../formats/csv.js';
import { formatSwedishPhone } from './phone.js';
import { WEEKDAYS, type OpeningHours, type Phone, type ServiceRecord, type Weekday } from './schema.js';
import { formatIssue, type DirectoryIssue } from './validate.js';

export type ImportInput = { input: unknown; file: string; row: number };
export type ParseResult = { ok: true; inputs: ImportInput[] } | { ok: false; issues: DirectoryIssue[] };

/** npm prints "> pkg@version script" lines on stdout; a file made with `npm run directory -- export > f` starts with them. */
function withoutNpmBanner(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^(?:\s*\n|>[^\n]*\n)+/, '');
}

// ── JSON ────────────────────────────────────────────────────────────────────────────────────────

export function exportJson(records: readonly ServiceRecord[], about = 'Exported from Vägvisaren.'): string {
  return `${JSON.stringify({ about, services: records }, null, 2)}\n`;
}

export function parseJsonImport(text: string, file: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(withoutNpmBanner(text));
  } catch (e) {
    return { ok: false, issues: [{ file, field: '(file)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  const services = Array.isArray(json) ? json : (json as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) return { ok: false, issues: [{ file, field: 'services', message: 'must be a list of service records ({"services": [...]})' }] };
  return { ok: true, inputs: services.map((input, row) => ({ input, file, row })) };
}

// ── CSV cells ───────────────────────────────────────────────────────────────────────────────────

class CellError extends Error {}

const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);
const yesNo = (v: string): boolean | undefined => {
  const t = v.trim().toLowerCase();
  if (t === '') return undefined;
  if (['yes', 'ja', 'true', '1'].includes(t)) return true;
  if (['no', 'nej', 'false', '0'].includes(t)) return false;
  throw new CellError('must be yes or no (or empty)');
};
const json = (v: string): unknown => {
  try {
    return JSON.parse(v);
  } catch {
    throw new CellError('is not valid JSON');
  }
};

const DAY_INDEX = new Map(WEEKDAYS.map((d, i) => [d, i]));
const INTERVAL = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

function intervals(text: string): { from: string; to: string }[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = s.replace(/[–—]/g, '-').replace(/\s/g, '').match(INTERVAL);
      if (!m) throw new CellError(`"${s}" is not an interval like 08:00-16:30`);
      return { from: m[1]!, to: m[2]! };
    });
}

function days(text: string): Weekday[] {
  const out: Weekday[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.trim().toLowerCase().split('-') as [string, string | undefined];
    const from = DAY_INDEX.get(a as Weekday);
    const to = b === undefined ? from : DAY_INDEX.get(b as Weekday);
    if (from === undefined || to === undefined || to < from) throw new CellError(`"${part.trim()}" is not a day or range of days (mon … sun, e.g. mon-fri)`);
    for (let i = from; i <= to; i++) out.push(WEEKDAYS[i]!);
  }
  return out;
}

/** "mon-fri 08:00-16:30; sat 10:00-14:00; holidays closed; 2026-12-24 closed" or "always" or "" (unknown). */
export function parseHours(cell: string): unknown {
  const text = cell.trim();
  if (!text) return null;
  if (text.startsWith('{')) return json(text);
  if (text.toLowerCase() === 'always') return { type: 'always' };
  const weekly: Partial<Record<Weekday, { from: string; to: string }[]>> = {};
  let holidays: unknown = 'closed';
  const exceptions: unknown[] = [];
  for (const segment of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [head, ...rest] = segment.split(/\s+/);
    const tail = rest.join(' ');
    if (head === 'holidays') holidays = tail === 'closed' || tail === 'normal' ? tail : intervals(tail);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(head!)) exceptions.push({ date: head, intervals: tail === 'closed' ? [] : intervals(tail) });
    else for (const d of days(head!)) weekly[d] = [...(weekly[d] ?? []), ...intervals(tail)];
  }
  return { type: 'weekly', weekly, holidays, exceptions };
}

export function formatHours(hours: OpeningHours | null): string {
  if (!hours) return '';
  if (hours.type === 'always') return 'always';
  if (hours.exceptions.some((e) => e.note)) return JSON.stringify(hours);
  const iv = (list: readonly { from: string; to: string }[]) => list.map((i) => `${i.from}-${i.to}`).join(', ');
  const parts: string[] = [];
  // Runs of consecutive days with the same intervals: "mon-fri 08:00-16:30".
  let start = 0;
  while (start < 7) {
    const same = iv(hours.weekly[WEEKDAYS[start]!] ?? []);
    let end = start;
    while (end + 1 < 7 && iv(hours.weekly[WEEKDAYS[end + 1]!] ?? []) === same) end++;
    if (same) parts.push(`${WEEKDAYS[start]}${end > start ? `-${WEEKDAYS[end]}` : ''} ${same}`);
    start = end + 1;
  }
  parts.push(`holidays ${typeof hours.holidays === 'string' ? hours.holidays : iv(hours.holidays)}`);
  for (const e of hours.exceptions) parts.push(`${e.date} ${e.intervals.length ? iv(e.intervals) : 'closed'}`);
  return parts.join('; ');
}

/** One number per line, or JSON when a phone has a label, a display form or a bill note. */
export function parsePhones(cell: string): unknown {
  const text = cell.trim();
  if (!text) return [];
  if (text.startsWith('[')) return json(text);
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((number) => ({ number }));
}

export function formatPhones(phones: readonly Phone[]): string {
  if (!phones.length) return '';
  if (phones.some((p) => p.label || p.display || p.hiddenOnBill !== undefined)) return JSON.stringify(phones);
  return phones.map((p) => formatSwedishPhone(p.number)).join('\n');
}

// ── CSV columns ─────────────────────────────────────────────────────────────────────────────────

interface Column {
  name: string;
  get: (r: ServiceRecord) => string;
  /** Puts the cell's value into the record being built; throws CellError with a reason. */
  set?: (input: Record<string, any>, cell: string) => void;
}

const optional = (value: string | undefined) => value ?? '';
const setIf = (input: Record<string, any>, key: string, value: unknown) => {
  if (value !== undefined && value !== '') input[key] = value;
};
const localized = (field: 'name' | 'description', locale: Locale): Column => ({
  name: `${field}_${locale}`,
  get: (r) => optional(r[field]?.[locale]),
  set: (input, cell) => {
    if (!cell.trim()) return;
    input[field] = { ...(input[field] ?? {}), [locale]: cell.trim() };
  },
});

export const CSV_COLUMNS: readonly Column[] = [
  { name: 'id', get: (r) => r.id, set: (i, c) => setIf(i, 'id', c.trim()) },
  { name: 'kind', get: (r) => r.kind, set: (i, c) => setIf(i, 'kind', c.trim()) },
  { name: 'status', get: (r) => r.status, set: (i, c) => setIf(i, 'status', c.trim()) },
  { name: 'last_verified', get: (r) => r.lastVerified, set: (i, c) => setIf(i, 'lastVerified', c.trim()) },
  { name: 'organisation_id', get: (r) => r.organisation.id, set: (i, c) => (i.organisation = { ...(i.organisation ?? {}), id: c.trim() }) },
  { name: 'organisation_name', get: (r) => r.organisation.name, set: (i, c) => (i.organisation = { ...(i.organisation ?? {}), name: c.trim() }) },
  ...LOCALES.map((l) => localized('name', l)),
  ...LOCALES.map((l) => localized('description', l)),
  { name: 'phones', get: (r) => formatPhones(r.phones), set: (i, c) => (i.phones = parsePhones(c)) },
  { name: 'sms', get: (r) => formatPhones(r.sms), set: (i, c) => (i.sms = parsePhones(c)) },
  { name: 'web', get: (r) => optional(r.web), set: (i, c) => setIf(i, 'web', c.trim()) },
  { name: 'chat', get: (r) => optional(r.chat), set: (i, c) => setIf(i, 'chat', c.trim()) },
  { name: 'email', get: (r) => optional(r.email), set: (i, c) => setIf(i, 'email', c.trim()) },
  { name: 'visiting_address', get: (r) => optional(r.visitingAddress), set: (i, c) => setIf(i, 'visitingAddress', c.trim()) },
  { name: 'provides_shelter', get: (r) => (r.providesShelter ? 'yes' : 'no'), set: (i, c) => setIf(i, 'providesShelter', yesNo(c)) },
  {
    name: 'coverage',
    get: (r) => (r.coverage.scope === 'national' ? 'national' : r.coverage.kommuner.join(' ')),
    set: (i, c) => {
      const v = c.trim();
      i.coverage = v === 'national' ? { scope: 'national' } : { scope: 'local', kommuner: list(v), lan: i.coverage?.lan ?? [] };
    },
  },
  {
    name: 'coverage_lan',
    get: (r) => (r.coverage.scope === 'local' ? r.coverage.lan.join(' ') : ''),
    set: (i, c) => {
      if (!list(c).length) return;
      if (i.coverage?.scope === 'national') throw new CellError('a national service covers no län (leave empty)');
      i.coverage = { scope: 'local', kommuner: i.coverage?.kommuner ?? [], lan: list(c) };
    },
  },
  { name: 'serves_genders', get: (r) => r.serves.genders.join(' '), set: (i, c) => list(c).length && (i.serves = { ...(i.serves ?? {}), genders: list(c) }) },
  { name: 'serves_roles', get: (r) => r.serves.roles.join(' '), set: (i, c) => list(c).length && (i.serves = { ...(i.serves ?? {}), roles: list(c) }) },
  { name: 'min_age', get: (r) => optional(r.serves.minAge?.toString()), set: (i, c) => c.trim() && (i.serves = { ...(i.serves ?? {}), minAge: Number(c) }) },
  { name: 'max_age', get: (r) => optional(r.serves.maxAge?.toString()), set: (i, c) => c.trim() && (i.serves = { ...(i.serves ?? {}), maxAge: Number(c) }) },
  { name: 'for_who', get: (r) => optional(r.forWho?.join(' ')), set: (i, c) => list(c).length && (i.forWho = list(c)) },
  { name: 'situations', get: (r) => optional(r.situations?.join(' ')), set: (i, c) => list(c).length && (i.situations = list(c)) },
  { name: 'needs', get: (r) => optional(r.needs?.join(' ')), set: (i, c) => list(c).length && (i.needs = list(c)) },
  { name: 'unsuitable_for', get: (r) => r.unsuitableFor.join(' '), set: (i, c) => (i.unsuitableFor = list(c)) },
  { name: 'eligibility', get: (r) => (Object.keys(r.eligibility).length ? JSON.stringify(r.eligibility) : ''), set: (i, c) => c.trim() && (i.eligibility = json(c)) },
  { name: 'languages', get: (r) => r.languages.join(' '), set: (i, c) => list(c).length && (i.languages = list(c)) },
  { name: 'interpreter', get: (r) => (r.interpreter === undefined ? '' : r.interpreter ? 'yes' : 'no'), set: (i, c) => setIf(i, 'interpreter', yesNo(c)) },
  { name: 'hours', get: (r) => formatHours(r.hours), set: (i, c) => (i.hours = parseHours(c)) },
  { name: 'after_hours_service', get: (r) => optional(r.afterHours?.serviceId), set: (i, c) => c.trim() && (i.afterHours = { ...(i.afterHours ?? {}), serviceId: c.trim() }) },
  { name: 'after_hours_note', get: (r) => (r.afterHours?.note ? JSON.stringify(r.afterHours.note) : ''), set: (i, c) => c.trim() && (i.afterHours = { ...(i.afterHours ?? {}), note: json(c) }) },
  { name: 'sources', get: (r) => JSON.stringify(r.sources), set: (i, c) => (i.sources = c.trim() ? json(c) : []) },
  { name: 'verification_notes', get: (r) => optional(r.verificationNotes), set: (i, c) => setIf(i, 'verificationNotes', c.trim()) },
];

export function exportCsv(records: readonly ServiceRecord[], delimiter: ',' | ';' = ','): string {
  return writeCsv([CSV_COLUMNS.map((c) => c.name), ...records.map((r) => CSV_COLUMNS.map((c) => c.get(r)))], delimiter);
}

/** Rows are counted as a spreadsheet shows them: the header is row 1, the first service row 2. */
export function parseCsvImport(text: string, file: string): ParseResult {
  const { rows } = parseCsv(withoutNpmBanner(text));
  const [header, ...body] = rows;
  if (!header) return { ok: false, issues: [{ file, field: '(file)', message: 'the file is empty' }] };
  const names = header.map((h) => h.trim());
  const byName = new Map(CSV_COLUMNS.map((c) => [c.name, c]));
  const issues: DirectoryIssue[] = [];
  names.forEach((n) => {
    if (!byName.has(n)) issues.push({ file, row: 1, field: n || '(empty header)', message: 'is not a known column' });
  });
  for (const required of ['id', 'kind', 'status', 'last_verified', 'name_sv', 'coverage', 'sources']) if (!names.includes(required)) issues.push({ file, row: 1, field: required, message: 'column is missing' });
  if (issues.length) return { ok: false, issues };

  const inputs: ImportInput[] = [];
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length > names.length) issues.push({ file, row, field: '(row)', message: `has ${cells.length} cells but the header has ${names.length}` });
    const input: Record<string, any> = {};
    names.forEach((name, i) => {
      try {
        byName.get(name)!.set?.(input, cells[i] ?? '');
      } catch (e) {
        if (e instanceof CellError) issues.push({ file, row, ...(input.id ? { id: input.id } : {}), field: name, message: e.message });
        else throw e;
      }
    });
    inputs.push({ input, file, row });
  });
  return issues.length ? { ok: false, issues } : { ok: true, inputs };
}

/** Picks the parser by file name or content. */
export function parseImport(text: string, file: string): ParseResult {
  const body = withoutNpmBanner(text).trimStart();
  if (file.toLowerCase().endsWith('.csv') || (!body.startsWith('{') && !body.startsWith('['))) return parseCsvImport(text, file);
  return parseJsonImport(text, file);
}

/** The CSV column a schema error belongs to ("name.sv" → name_sv, "phones[0].number" → phones). */
export function csvColumnOf(field: string): string {
  const [head, second] = field.split(/[.[]/);
  const nested: Record<string, Record<string, string>> = {
    organisation: { id: 'organisation_id', name: 'organisation_name' },
    coverage: { kommuner: 'coverage', lan: 'coverage_lan', scope: 'coverage' },
    serves: { genders: 'serves_genders', roles: 'serves_roles', minAge: 'min_age', maxAge: 'max_age' },
    afterHours: { serviceId: 'after_hours_service', note: 'after_hours_note' },
  };
  if ((head === 'name' || head === 'description') && second) return `${head}_${second}`;
  if (head && second && nested[head]?.[second]) return nested[head][second]!;
  const flat: Record<string, string> = {
    lastVerified: 'last_verified',
    visitingAddress: 'visiting_address',
    providesShelter: 'provides_shelter',
    forWho: 'for_who',
    unsuitableFor: 'unsuitable_for',
    verificationNotes: 'verification_notes',
    afterHours: 'after_hours_service',
  };
  return flat[head ?? ''] ?? head ?? field;
}

/** Import problems as the command line and the admin show them: with CSV column names for a CSV file. */
export function describeIssues(issues: readonly DirectoryIssue[], csv: boolean): string[] {
  return issues.map((i) => formatIssue(csv && i.field !== '(file)' && i.field !== '(row)' ? { ...i, field: csvColumnOf(i.field) === i.field ? i.field : `${csvColumnOf(i.field)} (${i.field})` } : i));
}
