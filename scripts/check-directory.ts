/**
 * Checks directory JSON files: `npx tsx scripts/check-directory.ts data/directory/*.json`.
 * Prints every problem with its file, record and field; exit code 1 when any.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DirectoryFile } from '../src/directory/schema.js';
import { formatIssue, validateRecords, zodIssues, type DirectoryIssue } from '../src/directory/validate.js';
import { loadGeo } from '../src/geo/kommuner.js';

const files = process.argv.slice(2);
const inputs: { input: unknown; file: string; row: number }[] = [];
const issues: DirectoryIssue[] = [];
for (const path of files) {
  const file = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    issues.push({ file, field: '(file)', message: `not valid JSON: ${(e as Error).message}` });
    continue;
  }
  const shape = DirectoryFile.pick({ $schema: true, about: true }).loose().safeParse(json);
  if (!shape.success) issues.push(...zodIssues(shape.error, { file }));
  const services = (json as { services?: unknown }).services;
  if (!Array.isArray(services)) issues.push({ file, field: 'services', message: 'must be a list of service records' });
  else services.forEach((input, row) => inputs.push({ input, file, row }));
}
const result = validateRecords(inputs, loadGeo());
if (!result.ok) issues.push(...result.issues);
for (const i of issues) console.error(formatIssue(i));
if (issues.length) process.exit(1);
console.log(`${inputs.length} records in ${files.length} file(s): all valid`);
