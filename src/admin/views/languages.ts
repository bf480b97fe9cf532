/**
 * Which languages the chat speaks and which of them still await a human review (issue 5): every
 * locale's `meta.json`, as translators and `npm run i18n -- import --reviewed-by` leave it.
 */
import type { LocaleMeta } from '../../i18n/bundle.js';
import type { Locale } from '../../i18n/locales.js';
import { direction } from '../../i18n/locales.js';
import { html, type Html } from '../html.js';
import { page, type View } from './layout.js';

export interface LocaleStatus {
  locale: Locale;
  meta: LocaleMeta;
}

export function languagesPage(v: View, locales: readonly LocaleStatus[]): Html {
  const t = v.t;
  const awaiting = locales.filter((l) => l.meta.status === 'drafted').length;
  // Drafts first: they are what needs doing.
  const order = { drafted: 0, reviewed: 1, source: 2 } as const;
  const rows = [...locales].sort((a, b) => order[a.meta.status] - order[b.meta.status]);
  return page(
    v,
    t('admin:languages.title'),
    html`<h1>${t('admin:languages.title')}</h1>
<p>${t('admin:languages.intro')}</p>
<p><strong>${awaiting ? t('admin:languages.awaiting', { count: awaiting }) : t('admin:languages.allReviewed')}</strong></p>
<div class="table-scroll"><table class="languages">
  <caption class="visually-hidden">${t('admin:languages.caption')}</caption>
  <thead><tr><th scope="col">${t('admin:languages.language')}</th><th scope="col">${t('admin:languages.code')}</th><th scope="col">${t('admin:languages.status')}</th><th scope="col">${t('admin:languages.reviewedBy')}</th><th scope="col">${t('admin:languages.reviewedOn')}</th></tr></thead>
  <tbody>${rows.map(
    ({ locale, meta }) =>
      html`<tr class="${meta.status}"><th scope="row"><span lang="${locale}" dir="${direction(locale)}">${meta.nativeName}</span> (${meta.englishName})</th><td><code>${locale}</code></td><td><span class="badge ${meta.status === 'drafted' ? 'unverified' : 'verified'}">${t(`admin:languages.statusName.${meta.status}`)}</span></td><td>${meta.reviewedBy ?? ''}</td><td>${meta.reviewedOn ?? ''}</td></tr>`,
  )}</tbody>
</table></div>`,
  );
}
