/**
 * The directory as the router sees it: every record, and the verified ones indexed by the kommun
 * they serve. Built once per change of the data (a save in the admin, an import), so that a
 * routing decision only looks up a kommun.
 */
import type { Geo } from '../geo/kommuner.js';
import type { RoutingTable } from './routing-table.js';
import type { ServiceRecord } from './schema.js';

export class Directory {
  readonly records: readonly ServiceRecord[];
  readonly national: readonly ServiceRecord[];
  readonly #local = new Map<string, ServiceRecord[]>();
  readonly #byId: Map<string, ServiceRecord>;

  constructor(
    records: readonly ServiceRecord[],
    readonly geo: Geo,
    readonly table: RoutingTable,
  ) {
    this.records = records;
    this.#byId = new Map(records.map((r) => [r.id, r]));
    const shown = records.filter((r) => r.status === 'verified');
    this.national = shown.filter((r) => r.coverage.scope === 'national');
    for (const r of shown) {
      if (r.coverage.scope !== 'local') continue;
      for (const code of kommunerOf(r, geo)) {
        let list = this.#local.get(code);
        if (!list) this.#local.set(code, (list = []));
        list.push(r);
      }
    }
  }

  /** Verified local services that serve the kommun. */
  local(kommun: string): readonly ServiceRecord[] {
    return this.#local.get(kommun) ?? [];
  }

  byId(id: string): ServiceRecord | undefined {
    return this.#byId.get(id);
  }
}

/** The kommun codes a local record covers, with whole län expanded. */
export function kommunerOf(record: ServiceRecord, geo: Geo): Set<string> {
  const codes = new Set<string>();
  if (record.coverage.scope !== 'local') return codes;
  for (const k of record.coverage.kommuner) codes.add(k);
  for (const lan of record.coverage.lan) for (const k of geo.kommunerInLan(lan)) codes.add(k.code);
  return codes;
}
