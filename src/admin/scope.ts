/**
 * Who may see and change which records. Pure functions, checked on the server for every request.
 *
 * - An admin may do everything.
 * - A coordinator works on the local services that serve at least one kommun of their area (their
 *   kommuner, and every kommun of their län). A shared service (a jour for five kommuner, a
 *   socialjour spanning two län) can be edited by the coordinator of any kommun it serves, but its
 *   coverage outside the coordinator's area stays as it is: they may add or remove only their own
 *   kommuner. National services (112, the national lines) are for admins only.
 * - A volunteer works on the records of their own organisation. What a record is (its kind), whose
 *   it is (the organisation id) and where it serves (coverage) are set by a coordinator or an admin;
 *   a volunteer changes everything else, including the status.
 * - Creating records: admins and coordinators (inside their area). Deleting: admins only; everyone
 *   else marks a service inactive, which keeps it in the history.
 * - `staff` alone gives no access to the directory.
 */
import { kommunerOf } from '../directory/directory.js';
import type { Coverage, ServiceRecord } from '../directory/schema.js';
import type { Geo } from '../geo/kommuner.js';
import type { Area, Principal } from './model.js';

export type DirectoryRole = 'admin' | 'coordinator' | 'volunteer';

export function directoryRole(p: Principal): DirectoryRole | undefined {
  if (p.roles.includes('admin')) return 'admin';
  if (p.roles.includes('coordinator')) return 'coordinator';
  if (p.roles.includes('volunteer')) return 'volunteer';
  return undefined;
}

/** The kommun codes of an area, with whole län expanded. */
export function areaKommuner(area: Area, geo: Geo): Set<string> {
  const codes = new Set(area.kommuner);
  for (const lan of area.lan) for (const k of geo.kommunerInLan(lan)) codes.add(k.code);
  return codes;
}

export type Forbidden =
  | 'noDirectoryRole'
  | 'notInScope'
  | 'nationalAdminOnly'
  | 'coverageOutsideArea'
  | 'volunteerCoverage'
  | 'volunteerOrganisation'
  | 'volunteerKind'
  | 'cannotCreate'
  | 'adminOnly';

export class Scope {
  readonly role: DirectoryRole | undefined;
  readonly #area: Set<string>;

  constructor(
    readonly principal: Principal,
    private readonly geo: Geo,
  ) {
    this.role = directoryRole(principal);
    this.#area = areaKommuner(principal.area, geo);
  }

  #touches(record: ServiceRecord): boolean {
    if (record.coverage.scope !== 'local') return false;
    for (const k of kommunerOf(record, this.geo)) if (this.#area.has(k)) return true;
    return false;
  }

  /** Whether the user may see (and so try to change) this record. */
  canView(record: ServiceRecord): boolean {
    switch (this.role) {
      case 'admin':
        return true;
      case 'coordinator':
        return this.#touches(record);
      case 'volunteer':
        return record.organisation.id === this.principal.organisation?.id;
      default:
        return false;
    }
  }

  get canCreate(): boolean {
    return this.role === 'admin' || this.role === 'coordinator';
  }

  get isAdmin(): boolean {
    return this.role === 'admin';
  }

  /** The kommuner outside the user's area that a coverage reaches ("*" stands for national). */
  #outside(coverage: Coverage): string {
    if (coverage.scope === 'national') return '*';
    const codes = kommunerOf({ coverage } as ServiceRecord, this.geo);
    return [...codes].filter((k) => !this.#area.has(k)).sort().join(' ');
  }

  /**
   * Why the user may not replace `before` (undefined for a new record) by `after`, or undefined
   * when they may.
   */
  checkChange(before: ServiceRecord | undefined, after: ServiceRecord): Forbidden | undefined {
    switch (this.role) {
      case undefined:
        return 'noDirectoryRole';
      case 'admin':
        return undefined;
      case 'coordinator': {
        if (before && !this.canView(before)) return before.coverage.scope === 'national' ? 'nationalAdminOnly' : 'notInScope';
        if (after.coverage.scope === 'national') return 'nationalAdminOnly';
        const outsideBefore = before ? this.#outside(before.coverage) : '';
        if (this.#outside(after.coverage) !== outsideBefore) return 'coverageOutsideArea';
        return undefined;
      }
      case 'volunteer': {
        if (!before) return 'cannotCreate';
        if (!this.canView(before)) return 'notInScope';
        if (after.organisation.id !== before.organisation.id) return 'volunteerOrganisation';
        if (after.kind !== before.kind) return 'volunteerKind';
        if (!sameCoverage(after.coverage, before.coverage)) return 'volunteerCoverage';
        return undefined;
      }
    }
  }
}

/** The same coverage, whatever the order of the codes. */
export function sameCoverage(a: Coverage, b: Coverage): boolean {
  const key = (c: Coverage) => (c.scope === 'national' ? 'national' : `${[...c.kommuner].sort().join(' ')}|${[...c.lan].sort().join(' ')}`);
  return key(a) === key(b);
}
