/**
 * Validation of whole directories: each record against the schema, then the references between
 * records and to the kommun list. Used for the shipped files at start-up, for imports and for the
 * admin's saves, so that every way in applies the same rules.
 */
import * as z from 'zod';
import type { Geo } from '../geo/kommuner.js';
import { ServiceRecord } from './schema.js';

export interface DirectoryIssue {
  /** File name, or "import" / "form". */
  file: string;
  /** Index of the record in its file (the row, for CSV). */
  row?: number;
  /** Record id when known. */
  id?: string;
  /** Dotted path of the field. */
  field: string;
  message: string;
}

export type DirectoryResult = { ok: true; services: ServiceRecord[] } | { ok: false; issues: DirectoryIssue[] };

function pathString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(record)';
}

export function zodIssues(error: z.ZodError, where: { file: string; row?: number; id?: string }): DirectoryIssue[] {
  return error.issues.map((i) => ({ ...where, field: pathString(i.path), message: i.message }));
}

/** Validates one record in isolation (shape and per-record rules). */
export function parseRecord(input: unknown, where: { file: string; row?: number }): { ok: true; record: ServiceRecord } | { ok: false; issues: DirectoryIssue[] } {
  const id = typeof input === 'object' && input && 'id' in input && typeof input.id === 'string' ? input.id : undefined;
  const parsed = ServiceRecord.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, { ...where, ...(id ? { id } : {}) }) };
  return { ok: true, record: parsed.data };
}

/** Checks what no single record can check: unique ids, known kommuner and län, after-hours links. */
export function crossCheck(records: readonly { record: ServiceRecord; file: string; row?: number }[], geo: Geo): DirectoryIssue[] {
  const issues: DirectoryIssue[] = [];
  const seen = new Map<string, string>();
  for (const { record, file, row } of records) {
    const where = { file, ...(row !== undefined ? { row } : {}), id: record.id };
    const previous = seen.get(record.id);
    if (previous !== undefined) issues.push({ ...where, field: 'id', message: `id "${record.id}" is used twice (also in ${previous})` });
    seen.set(record.id, file);
    if (record.coverage.scope === 'local') {
      record.coverage.kommuner.forEach((code, i) => {
        if (!geo.kommun(code)) issues.push({ ...where, field: `coverage.kommuner[${i}]`, message: `"${code}" is not a kommun code` });
      });
      record.coverage.lan.forEach((code, i) => {
        if (!geo.lanByCode(code)) issues.push({ ...where, field: `coverage.lan[${i}]`, message: `"${code}" is not a län code` });
      });
    }
  }
  for (const { record, file, row } of records) {
    const target = record.afterHours?.serviceId;
    if (target !== undefined && !seen.has(target))
      issues.push({ file, ...(row !== undefined ? { row } : {}), id: record.id, field: 'afterHours.serviceId', message: `no service has the id "${target}"` });
  }
  return issues;
}

/** Validates a set of records (from one import, or all shipped files together). */
export function validateRecords(inputs: readonly { input: unknown; file: string; row?: number }[], geo: Geo): DirectoryResult {
  const issues: DirectoryIssue[] = [];
  const good: { record: ServiceRecord; file: string; row?: number }[] = [];
  for (const { input, file, row } of inputs) {
    const parsed = parseRecord(input, { file, ...(row !== undefined ? { row } : {}) });
    if (parsed.ok) good.push({ record: parsed.record, file, ...(row !== undefined ? { row } : {}) });
    else issues.push(...parsed.issues);
  }
  issues.push(...crossCheck(good, geo));
  return issues.length ? { ok: false, issues } : { ok: true, services: good.map((g) => g.record) };
}

export function formatIssue(i: DirectoryIssue): string {
  const at = [i.file, i.row !== undefined ? `row ${i.row}` : undefined, i.id ? `id ${i.id}` : undefined].filter(Boolean).join(', ');
  return `${at}: ${i.field}: ${i.message}`;
}
