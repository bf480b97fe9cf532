/**
 * The contact card exactly as the chat shows it right now: the same presentation (presentCard and
 * cardContent, which the bot's hero cards use), the same open-now status from the app's clock, in
 * Swedish and English.
 */
import type { TFunction } from 'i18next';
import { DayCursor, hoursStatus } from '../../directory/hours.js';
import { cardContent, presentCard } from '../../directory/present.js';
import type { ContactCard } from '../../directory/route.js';
import type { ServiceRecord } from '../../directory/schema.js';
import { toStockholm, type ClosedDays } from '../../directory/time.js';
import type { Texts } from '../../i18n/bundle.js';
import { html, safeHref, type Html } from '../html.js';
import type { UiLocale } from './layout.js';

export function previewCard(record: ServiceRecord, now: Date, closedDays: ClosedDays): ContactCard {
  const cursor = new DayCursor(toStockholm(now), closedDays);
  return { source: { type: 'record', record }, kind: record.kind, status: hoursStatus(record.hours, cursor), local: record.coverage.scope === 'local', score: 0 };
}

export function preview(
  t: TFunction,
  texts: Texts,
  record: ServiceRecord,
  deps: { now: Date; closedDays: ClosedDays; kommunName: (code: string) => string },
  o: { unsaved: boolean },
): Html {
  const card = previewCard(record, deps.now, deps.closedDays);
  const cards = (['sv', 'en'] as UiLocale[]).map((locale) => {
    const ct = texts.t(locale);
    const view = presentCard(card, ct, locale, deps.kommunName);
    const c = cardContent(view, ct);
    return html`<article class="card" lang="${locale}">
  <p class="card-lang">${t(`admin:language.${locale}`)}</p>
  <h3 lang="${view.lang}">${c.title}</h3>
  <p class="card-status ${card.status.state}" lang="${locale}">${c.subtitle}</p>
  ${c.text ? html`<p>${c.text}</p>` : ''}
  ${c.buttons.length ? html`<ul class="card-buttons" lang="${locale}">${c.buttons.map((b) => html`<li><a href="${safeHref(b.value)}">${b.title}</a></li>`)}</ul>` : ''}
</article>`;
  });
  const hidden = record.status !== 'verified';
  return html`<section class="preview" aria-labelledby="preview-heading">
  <h2 id="preview-heading">${o.unsaved ? t('admin:preview.unsavedTitle') : t('admin:preview.title')}</h2>
  <p class="hint">${t('admin:preview.explain')}</p>
  ${hidden ? html`<p class="notice info">${t('admin:preview.notShown', { status: t(`admin:status.${record.status}`) })}</p>` : ''}
  <div class="cards">${cards}</div>
</section>`;
}
