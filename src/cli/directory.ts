/**
 * npm run directory -- <command>
 *
 *   export [--format json|csv] [--delimiter ';'] [--out FILE]   the whole directory (default JSON to stdout)
 *   import FILE [--dry-run]                                      replace the directory with FILE (.json or .csv)
 *   validate FILE…                                               check files without changing anything
 *
 * Import validates everything first and changes nothing unless the whole file is valid; the write
 * is atomic. It refuses while the server runs (one writer per data folder): import through the
 * admin then, or stop the server.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig, ConfigError } from '../config.js';
import { describeIssues, exportCsv, exportJson, parseImport, type ImportInput } from '../directory/io.js';
import { loadRoutingTable } from '../directory/routing-table.js';
import { DirectoryError, DirectoryService } from '../directory/service.js';
import { validateRecords, type DirectoryIssue } from '../directory/validate.js';
import { loadGeo } from '../geo/kommuner.js';
import { LowdbDirectoryRepository } from '../storage/directory-repository.js';
import { dataFile, StoreFileError } from '../storage/json-db.js';
import { acquireLock, LockedError } from '../storage/lock.js';

const USAGE = `usage: npm run directory -- export [--format json|csv] [--delimiter ';'] [--out FILE]
       npm run directory -- import FILE [--dry-run]
       npm run directory -- validate FILE...
(use "npm run --silent directory -- export > FILE", or --out, so that npm's own lines stay out of the file)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function describe(issues: readonly DirectoryIssue[], csv: boolean): string {
  return describeIssues(issues, csv).join('\n');
}

function read(path: string): { inputs: ImportInput[] } | { issues: DirectoryIssue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { issues: [{ file: basename(path), field: '(file)', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` }] };
  }
  const parsed = parseImport(text, basename(path));
  return parsed.ok ? { inputs: parsed.inputs } : { issues: parsed.issues };
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const config = loadConfig();
  const geo = loadGeo();

  if (command === 'validate') {
    if (!rest.length) return fail(USAGE);
    const inputs: ImportInput[] = [];
    const issues: DirectoryIssue[] = [];
    for (const path of rest.filter((a) => !a.startsWith('--'))) {
      const r = read(path);
      if ('issues' in r) issues.push(...r.issues);
      else inputs.push(...r.inputs);
    }
    const result = validateRecords(inputs, geo);
    if (!result.ok) issues.push(...result.issues);
    if (issues.length) return fail(describe(issues, rest.some((p) => p.endsWith('.csv'))));
    process.stderr.write(`${inputs.length} records: all valid\n`);
    return 0;
  }

  const repo = await LowdbDirectoryRepository.open(dataFile(config.dataDir, 'directory.json'));

  if (command === 'export') {
    const directory = await DirectoryService.open({ repo, geo, table: loadRoutingTable() });
    const format = option(rest, '--format') ?? (option(rest, '--out')?.endsWith('.csv') ? 'csv' : 'json');
    if (format !== 'json' && format !== 'csv') return fail(`--format must be json or csv\n${USAGE}`);
    const delimiter = option(rest, '--delimiter') === ';' ? ';' : ',';
    const records = directory.repository.all().map((s) => s.record);
    const text = format === 'csv' ? exportCsv(records, delimiter) : exportJson(records, `Exported from Vägvisaren on ${new Date().toISOString().slice(0, 10)}: ${records.length} services.`);
    const out = option(rest, '--out');
    if (out) {
      writeFileSync(out, text);
      process.stderr.write(`${records.length} services written to ${out}\n`);
    } else process.stdout.write(text);
    return 0;
  }

  if (command === 'import') {
    const path = rest.find((a) => !a.startsWith('--'));
    if (!path) return fail(USAGE);
    const r = read(path);
    const csv = path.toLowerCase().endsWith('.csv');
    if ('issues' in r) return fail(describe(r.issues, csv));
    if (rest.includes('--dry-run')) {
      const result = validateRecords(r.inputs, geo);
      if (!result.ok) return fail(describe(result.issues, csv));
      process.stderr.write(`${result.services.length} records are valid; nothing was changed (--dry-run)\n`);
      return 0;
    }
    const lock = acquireLock(config.dataDir);
    try {
      const directory = await DirectoryService.open({ repo, geo, table: loadRoutingTable() });
      const result = await directory.replaceAll(r.inputs, `import from ${basename(path)} (command line)`);
      await repo.flush();
      if (!result.ok) return fail(`${describe(result.issues, csv)}\nNothing was changed.`);
      process.stderr.write(`imported ${result.count} services from ${basename(path)}\n`);
      return 0;
    } finally {
      lock.release();
    }
  }

  return fail(USAGE);
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof LockedError) process.stderr.write(`The server is running (pid ${e.pid}) and owns the data folder. Import through the admin (/admin), or stop the server first.\n`);
    else if (e instanceof ConfigError || e instanceof DirectoryError || e instanceof StoreFileError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
