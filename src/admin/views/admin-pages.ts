/**
 * Pages for admins only: the audit log, and import and export of the whole directory.
 */
import type { AuditEntry } from '../../storage/audit-log.js';
import { html, type Html } from '../html.js';
import { dateTime, page, type Notice, type View } from './layout.js';

export const AUDIT_PAGE_SIZE = 100;

export function auditPage(v: View, o: { entries: readonly AuditEntry[]; total: number; pageNo: number }): Html {
  const t = v.t;
  const pages = Math.max(1, Math.ceil(o.total / AUDIT_PAGE_SIZE));
  return page(
    v,
    t('admin:audit.title'),
    html`<h1>${t('admin:audit.title')}</h1>
<p>${t('admin:audit.intro')}</p>
<div class="table-scroll"><table class="audit">
  <caption class="visually-hidden">${t('admin:audit.caption')}</caption>
  <thead><tr><th scope="col">${t('admin:audit.at')}</th><th scope="col">${t('admin:audit.actor')}</th><th scope="col">${t('admin:audit.action')}</th><th scope="col">${t('admin:audit.target')}</th><th scope="col">${t('admin:audit.detail')}</th></tr></thead>
  <tbody>${o.entries.map((e) => html`<tr><td>${dateTime(e.at)}</td><td>${e.actor}</td><td>${t(`admin:audit.actionName.${e.action}`)}</td><td>${e.target ?? ''}</td><td>${e.detail ?? ''}</td></tr>`)}</tbody>
</table></div>
<nav aria-label="${t('admin:audit.pages')}" class="pager">
  ${o.pageNo > 1 ? html`<a href="/admin/audit?page=${o.pageNo - 1}">${t('admin:audit.newer')}</a>` : ''}
  <span>${t('admin:audit.pageOf', { page: o.pageNo, pages })}</span>
  ${o.pageNo < pages ? html`<a href="/admin/audit?page=${o.pageNo + 1}">${t('admin:audit.older')}</a>` : ''}
</nav>`,
  );
}

export function directoryPage(v: View, o: { count: number; problems?: readonly string[] | undefined }, notice?: Notice): Html {
  const t = v.t;
  return page(
    v,
    t('admin:io.title'),
    html`<h1>${t('admin:io.title')}</h1>
<section aria-labelledby="export-h"><h2 id="export-h">${t('admin:io.export')}</h2>
<p>${t('admin:io.exportIntro', { count: o.count })}</p>
<ul class="links">
  <li><a href="/admin/export?format=json">${t('admin:io.exportJson')}</a></li>
  <li><a href="/admin/export?format=csv&amp;delimiter=semicolon">${t('admin:io.exportCsvExcel')}</a></li>
  <li><a href="/admin/export?format=csv">${t('admin:io.exportCsv')}</a></li>
</ul></section>
<section aria-labelledby="import-h"><h2 id="import-h">${t('admin:io.import')}</h2>
<p>${t('admin:io.importIntro')}</p>
${
  o.problems?.length
    ? html`<div class="error-summary" role="alert" tabindex="-1"><h3>${t('admin:io.problems', { count: o.problems.length })}</h3><ul class="plain">${o.problems.slice(0, 200).map((p) => html`<li><code>${p}</code></li>`)}</ul>${o.problems.length > 200 ? html`<p>${t('admin:io.more', { count: o.problems.length - 200 })}</p>` : ''}<p>${t('admin:io.nothingChanged')}</p></div>`
    : ''
}
<form method="post" action="/admin/import" enctype="multipart/form-data" class="narrow">
  <div class="field"><label for="file">${t('admin:io.file')}</label><p class="hint" id="file-hint">${t('admin:io.fileHint')}</p><input id="file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required aria-describedby="file-hint"></div>
  <div class="actions">
    <button type="submit" name="op" value="check">${t('admin:io.check')}</button>
    <button type="submit" name="op" value="import" class="primary">${t('admin:io.importButton')}</button>
  </div>
</form></section>`,
    notice,
  );
}
