/**
 * What changed between two versions of a record, field by field: for the history, the conflict
 * page and restoring.
 */

/** { a: { b: [1, 2] } } → "a.b[0]" = "1", "a.b[1]" = "2". */
export function flattenRecord(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (!value.length && prefix) out.set(prefix, '');
    value.forEach((v, i) => flattenRecord(v, `${prefix}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenRecord(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && prefix) out.set(prefix, value === null ? '' : String(value));
  return out;
}

export interface FieldChange {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const a = flattenRecord(before);
  const b = flattenRecord(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => a.get(p) !== b.get(p)).map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}
