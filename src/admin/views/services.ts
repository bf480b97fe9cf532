/**
 * The pages of the directory: the list (what needs attention first), a record's edit page with its
 * preview, the conflict page, and the history with restore.
 */
import type { ServiceRecord } from '../../directory/schema.js';
import type { Geo } from '../../geo/kommuner.js';
import { kommunerOf } from '../../directory/directory.js';
import type { HistoryEntry, StoredService } from '../../storage/directory-repository.js';
import { diffRecords, type FieldChange } from '../diff.js';
import { attr, html, type Html } from '../html.js';
import type { Glance } from '../status.js';
import { dateTime, page, type Notice, type View } from './layout.js';

export const LIST_FILTERS = ['all', 'attention', 'stale', 'unverified', 'verified', 'inactive'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export function badges(v: View, g: Glance): Html {
  return html`<span class="badge ${g.status}">${v.t(`admin:status.${g.status}`)}</span>${g.stale ? html` <span class="badge stale">${v.t('admin:status.stale')}</span>` : ''}`;
}

function area(v: View, geo: Geo, r: ServiceRecord): string {
  if (r.coverage.scope === 'national') return v.t('admin:coverage.national');
  const lan = r.coverage.lan.map((c) => geo.lanByCode(c)?.name ?? c);
  const kommuner = r.coverage.kommuner.map((c) => geo.kommun(c)?.name ?? c);
  const all = [...lan, ...kommuner];
  return all.length > 3 ? v.t('admin:list.areaMore', { names: all.slice(0, 3).join(', '), count: all.length - 3 }) : all.join(', ');
}

export function listPage(
  v: View,
  o: {
    geo: Geo;
    rows: readonly { stored: StoredService; glance: Glance }[];
    total: number;
    q: string;
    filter: ListFilter;
    staleAfterDays: number;
    canCreate: boolean;
    counts: { attention: number };
  },
  notice?: Notice,
): Html {
  const t = v.t;
  return page(
    v,
    t('admin:list.title'),
    html`<h1>${t('admin:list.title')}</h1>
<p>${t('admin:list.intro', { count: o.total, days: o.staleAfterDays })} ${o.counts.attention ? html`<strong>${t('admin:list.attention', { count: o.counts.attention })}</strong>` : t('admin:list.allGood')}</p>
${o.canCreate ? html`<p><a class="button" href="/admin/services/new">${t('admin:list.new')}</a></p>` : ''}
<form method="get" action="/admin" class="filters" role="search">
  <div class="field medium"><label for="q">${t('admin:list.search')}</label><input id="q" name="q" type="search" value="${o.q}"></div>
  <div class="field"><label for="filter">${t('admin:list.show')}</label><select id="filter" name="filter">${LIST_FILTERS.map((x) => html`<option value="${x}"${attr('selected', x === o.filter)}>${t(`admin:list.filter.${x}`)}</option>`)}</select></div>
  <button type="submit">${t('admin:list.apply')}</button>
</form>
${
  o.rows.length
    ? html`<table class="services">
  <caption class="visually-hidden">${t('admin:list.caption')}</caption>
  <thead><tr><th scope="col">${t('admin:list.name')}</th><th scope="col">${t('admin:field.kind')}</th><th scope="col">${t('admin:list.area')}</th><th scope="col">${t('admin:field.status')}</th><th scope="col">${t('admin:field.lastVerified')}</th></tr></thead>
  <tbody>${o.rows.map(
    ({ stored, glance }) => html`<tr class="rank-${glance.rank}">
    <th scope="row"><a href="/admin/services/${stored.record.id}">${stored.record.name.sv}</a><span class="org">${stored.record.organisation.name}</span></th>
    <td data-label="${t('admin:field.kind')}">${t(`directory:kind.${stored.record.kind}`)}</td>
    <td data-label="${t('admin:list.area')}">${area(v, o.geo, stored.record)}</td>
    <td data-label="${t('admin:field.status')}">${badges(v, glance)}</td>
    <td data-label="${t('admin:field.lastVerified')}">${stored.record.lastVerified} <span class="ago">(${t('admin:list.daysAgo', { count: glance.days })})</span></td>
  </tr>`,
  )}</tbody>
</table>`
    : html`<p>${t('admin:list.none')}</p>`
}`,
    notice,
  );
}

/** A table of changed fields: field, one version, the other. */
export function changesTable(v: View, changes: readonly FieldChange[], heads: [string, string]): Html {
  if (!changes.length) return html`<p>${v.t('admin:history.noChanges')}</p>`;
  return html`<div class="table-scroll"><table class="changes">
  <thead><tr><th scope="col">${v.t('admin:history.field')}</th><th scope="col">${heads[0]}</th><th scope="col">${heads[1]}</th></tr></thead>
  <tbody>${changes.map((c) => html`<tr><th scope="row"><code>${c.path}</code></th><td>${c.before === undefined ? html`<span class="none">–</span>` : c.before}</td><td>${c.after === undefined ? html`<span class="none">–</span>` : c.after}</td></tr>`)}</tbody>
</table></div>`;
}

export function recordHeader(v: View, o: { stored: StoredService; glance: Glance; geo: Geo; canDelete: boolean }): Html {
  const t = v.t;
  const r = o.stored.record;
  const kommuner = kommunerOf(r, o.geo).size;
  return html`<p class="crumbs"><a href="/admin">${t('admin:nav.services')}</a></p>
<h1>${r.name.sv}</h1>
<p class="meta">${badges(v, o.glance)} · ${t(`directory:kind.${r.kind}`)} · ${r.coverage.scope === 'national' ? t('admin:coverage.national') : t('admin:edit.kommunCount', { count: kommuner })} · ${t('admin:edit.version', { version: o.stored.version, at: dateTime(o.stored.updatedAt), by: o.stored.updatedBy })}</p>
<div class="record-actions">
  <form method="post" action="/admin/services/${r.id}/verify" class="inline">
    <input type="hidden" name="version" value="${o.stored.version}">
    <button type="submit">${t('admin:edit.verifyToday')}</button>
  </form>
  <a href="/admin/services/${r.id}/history">${t('admin:edit.history')}</a>
  ${o.canDelete ? html`<a href="/admin/services/${r.id}/delete">${t('admin:edit.delete')}</a>` : ''}
</div>
<p class="hint">${t('admin:edit.verifyHint', { date: r.lastVerified })}</p>`;
}

export function conflictIntro(v: View, theirs: StoredService, mine: ServiceRecord | undefined): Html {
  const t = v.t;
  return html`<div class="notice error" role="alert">
  <h2>${t('admin:conflict.title')}</h2>
  <p>${t('admin:conflict.explain', { by: theirs.updatedBy, at: dateTime(theirs.updatedAt), version: theirs.version })}</p>
  <p>${t('admin:conflict.choose')}</p>
  <p><a href="/admin/services/${theirs.record.id}">${t('admin:conflict.discard')}</a></p>
</div>
<h2>${t('admin:conflict.differences')}</h2>
${mine ? changesTable(v, diffRecords(theirs.record, mine), [t('admin:conflict.theirs', { version: theirs.version }), t('admin:conflict.mine')]) : html`<p>${t('admin:conflict.mineInvalid')}</p>`}`;
}

export function historyPage(v: View, o: { stored: StoredService; entries: readonly HistoryEntry[]; canRestore: boolean }, notice?: Notice): Html {
  const t = v.t;
  const r = o.stored.record;
  const entries = [...o.entries].reverse();
  return page(
    v,
    t('admin:history.title', { name: r.name.sv }),
    html`<p class="crumbs"><a href="/admin">${t('admin:nav.services')}</a> › <a href="/admin/services/${r.id}">${r.name.sv}</a></p>
<h1>${t('admin:history.title', { name: r.name.sv })}</h1>
<p>${t('admin:history.intro')}</p>
<ol class="history" reversed>
${entries.map((e, i) => {
  const current = e.version === o.stored.version;
  return html`<li>
  <h2>${t('admin:history.entry', { version: e.version, at: dateTime(e.at), by: e.by })} <span class="badge action">${t(`admin:history.action.${e.action}`)}</span>${current ? html` <span class="badge current">${t('admin:history.current')}</span>` : ''}</h2>
  <details${attr('open', i === 0)}><summary>${t('admin:history.showChanges')}</summary>${changesTable(v, diffRecords(e.before, e.after), [t('admin:history.before'), t('admin:history.after')])}</details>
  ${
    o.canRestore && !current && e.after
      ? html`<form method="post" action="/admin/services/${r.id}/restore" class="inline">
    <input type="hidden" name="restore" value="${e.version}">
    <input type="hidden" name="version" value="${o.stored.version}">
    <button type="submit">${t('admin:history.restore', { version: e.version })}</button>
  </form>`
      : ''
  }
</li>`;
})}
</ol>`,
    notice,
  );
}
