/**
 * The live directory: the stored records, the routing index built from them, and every way the
 * records change (seed, admin saves, imports). Each change is validated as a whole and re-indexes
 * at once, so the bot uses the new data on its next turn without a restart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Answers } from '../domain/answers.js';
import type { Geo } from '../geo/kommuner.js';
import { paths } from '../paths.js';
import type { ChangeAction, DirectoryRepository, SaveResult } from '../storage/directory-repository.js';
import { Directory } from './directory.js';
import { route, type RouteResult } from './route.js';
import type { RoutingTable } from './routing-table.js';
import { DirectoryFile, type ServiceRecord } from './schema.js';
import { ClosedDays } from './time.js';
import { crossCheck, formatIssue, validateRecords, zodIssues, type DirectoryIssue } from './validate.js';

export class DirectoryError extends Error {
  constructor(readonly issues: DirectoryIssue[]) {
    super(`The contact directory is not valid:\n  - ${issues.slice(0, 50).map(formatIssue).join('\n  - ')}${issues.length > 50 ? `\n  … and ${issues.length - 50} more` : ''}`);
  }
}

/** Reads and validates every shipped file in data/directory. */
export function loadShippedRecords(geo: Geo, dir = paths.directory): ServiceRecord[] {
  const inputs: { input: unknown; file: string; row: number }[] = [];
  const issues: DirectoryIssue[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = basename(name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, name), 'utf8'));
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
  const result = validateRecords(inputs, geo);
  if (!result.ok) issues.push(...result.issues);
  if (issues.length) throw new DirectoryError(issues);
  return result.ok ? result.services : [];
}

/** The directory must always be able to give 112 and 114 14. */
function checkEssentials(records: readonly ServiceRecord[]): DirectoryIssue[] {
  const issues: DirectoryIssue[] = [];
  const verifiedNational = (kind: ServiceRecord['kind']) => records.some((r) => r.kind === kind && r.status === 'verified' && r.coverage.scope === 'national');
  if (!verifiedNational('emergency')) issues.push({ file: 'directory', field: 'kind', message: 'no verified national emergency record (112): the chat cannot run without it' });
  if (!verifiedNational('polis')) issues.push({ file: 'directory', field: 'kind', message: 'no verified national police record (114 14)' });
  return issues;
}

type Listener = (directory: Directory) => void;

export class DirectoryService {
  #directory: Directory;
  readonly #listeners: Listener[] = [];
  readonly closedDays = new ClosedDays();

  private constructor(
    private readonly repo: DirectoryRepository,
    private readonly geo: Geo,
    private readonly table: RoutingTable,
  ) {
    this.#directory = this.#build();
  }

  /** Opens the store; on a fresh install, fills it from the shipped files. */
  static async open(options: { repo: DirectoryRepository; geo: Geo; table: RoutingTable; shipped?: () => ServiceRecord[] }): Promise<DirectoryService> {
    const { repo, geo } = options;
    if (repo.isEmpty()) {
      const records = (options.shipped ?? (() => loadShippedRecords(geo)))();
      const problems = checkEssentials(records);
      if (problems.length) throw new DirectoryError(problems);
      await repo.replaceAll(records, 'shipped data', 'seed');
    } else {
      const stored = repo.all().map((s) => ({ record: s.record, file: 'store' }));
      const problems = [...crossCheck(stored, geo), ...checkEssentials(stored.map((s) => s.record))];
      if (problems.length) throw new DirectoryError(problems);
    }
    return new DirectoryService(repo, geo, options.table);
  }

  #build(): Directory {
    return new Directory(
      this.repo.all().map((s) => s.record),
      this.geo,
      this.table,
    );
  }

  #changed(): void {
    this.#directory = this.#build();
    for (const l of this.#listeners) l(this.#directory);
  }

  current(): Directory {
    return this.#directory;
  }

  onChange(listener: Listener): void {
    this.#listeners.push(listener);
  }

  route(answers: Answers, now: Date): RouteResult {
    return route(this.#directory, answers, now, this.closedDays);
  }

  get repository(): DirectoryRepository {
    return this.repo;
  }

  /**
   * Saves one record after checking it against the rest of the directory (ids, kommuner,
   * after-hours links, 112 still there). Nothing changes when anything is wrong.
   */
  async save(record: ServiceRecord, expectedVersion: number, by: string, action: ChangeAction = 'update'): Promise<SaveResult | { ok: false; issues: DirectoryIssue[] }> {
    const others = this.repo.all().filter((s) => s.record.id !== record.id).map((s) => ({ record: s.record, file: 'store' }));
    const issues = [...crossCheck([...others, { record, file: 'form' }], this.geo).filter((i) => i.id === record.id), ...checkEssentials([...others.map((o) => o.record), record])];
    if (issues.length) return { ok: false, issues };
    const result = await this.repo.save(record, expectedVersion, by, action);
    if (result.ok) this.#changed();
    return result;
  }

  async remove(id: string, expectedVersion: number, by: string): Promise<SaveResult | { ok: false; issues: DirectoryIssue[] }> {
    const rest = this.repo.all().filter((s) => s.record.id !== id).map((s) => s.record);
    const issues = checkEssentials(rest);
    const dangling = rest.filter((r) => r.afterHours?.serviceId === id).map((r) => ({ file: 'store', id: r.id, field: 'afterHours.serviceId', message: `still points to ${id}` }));
    if (issues.length || dangling.length) return { ok: false, issues: [...issues, ...dangling] };
    const result = await this.repo.remove(id, expectedVersion, by);
    if (result.ok) this.#changed();
    return result;
  }

  /** Checks an import without changing anything: the same rules as `replaceAll`. */
  checkImport(inputs: readonly { input: unknown; file: string; row?: number }[]): { ok: true; services: ServiceRecord[] } | { ok: false; issues: DirectoryIssue[] } {
    const result = validateRecords(inputs, this.geo);
    if (!result.ok) return result;
    const essentials = checkEssentials(result.services);
    return essentials.length ? { ok: false, issues: essentials } : result;
  }

  /** Replaces the whole directory with validated input (an import). All or nothing. */
  async replaceAll(inputs: readonly { input: unknown; file: string; row?: number }[], by: string): Promise<{ ok: true; count: number } | { ok: false; issues: DirectoryIssue[] }> {
    const result = this.checkImport(inputs);
    if (!result.ok) return result;
    await this.repo.replaceAll(result.services, by, 'import');
    this.#changed();
    return { ok: true, count: result.services.length };
  }
}
