/**
 * The edit form of a service record: every field, in sections a volunteer recognises, usable
 * without JavaScript (empty rows to fill in, "add" buttons that redraw the form without saving).
 */
import { GENDER, NEEDS, SITUATIONS, WHO } from '../../domain/answers.js';
import { ROLES, SERVICE_KINDS, STATUSES, WEEKDAYS } from '../../directory/schema.js';
import type { Geo } from '../../geo/kommuner.js';
import type { Locale } from '../../i18n/locales.js';
import { rowCount, type FormValues } from '../form.js';
import { html, type Html } from '../html.js';
import { errorSummary, Fields, kommunPicker, resolveErrors } from './fields.js';
import type { View } from './layout.js';

/** Lists of rows, how many rows the schema allows, and whether the form has an "add" button for them. */
export const ROW_LISTS = { phones: 8, sms: 4, sources: 30, 'hours.exceptions': 100 } as const;
export type RowList = keyof typeof ROW_LISTS;
const MAX_INTERVALS = 6;

export interface ServiceFormState {
  values: FormValues;
  /** The stored version this form changes (0 for a new record). */
  version: number;
  isNew: boolean;
  issues: readonly { key: string; text: string }[];
  /** Fields this user may see but not change. */
  locked: ReadonlySet<string>;
  /** The list whose "add" button was pressed: it gets one more empty row. */
  adding?: RowList | undefined;
}

export interface ServiceFormContext {
  v: View;
  geo: Geo;
  /** Every record, for the after-hours choice. */
  services: readonly { id: string; name: string }[];
  action: string;
  /** Shown above the buttons (a conflict's warning). */
  saveLabel: string;
}

export function languageName(uiLocale: string, t: View['t']): (l: Locale) => string {
  const names = new Intl.DisplayNames([uiLocale], { type: 'language' });
  return (l) => capitalise(l === 'sv-x-ll' ? t('admin:form.easySwedish') : (names.of(l) ?? l));
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export function serviceForm(ctx: ServiceFormContext, state: ServiceFormState): Html {
  // First pass: which fields exist; second: with every error at its field.
  const probe = new Fields(state.values, ctx.v.t, new Map(), state.locked);
  body(ctx, state, probe);
  const { byKey, summary } = resolveErrors(probe.keys, state.issues);
  const f = new Fields(state.values, ctx.v.t, byKey, state.locked);
  const content = body(ctx, state, f);
  return html`${errorSummary(ctx.v.t, summary)}
<form method="post" action="${ctx.action}" class="service-form" novalidate>
  <input type="hidden" name="version" value="${state.version}">
  <div class="actions top-actions">
    <button type="submit" name="op" value="save" class="primary">${ctx.saveLabel}</button>
    <button type="submit" name="op" value="preview">${ctx.v.t('admin:form.preview')}</button>
  </div>
  ${content}
  <div class="actions">
    <button type="submit" name="op" value="save" class="primary">${ctx.saveLabel}</button>
    <button type="submit" name="op" value="preview">${ctx.v.t('admin:form.preview')}</button>
  </div>
</form>`;
}

function rows(f: Fields, list: string, max: number, extra = 0): number {
  return Math.min(max, rowCount(f.values, list) + 1 + extra);
}

function addButton(f: Fields, list: RowList, label: string, shown: number): Html {
  if (shown >= ROW_LISTS[list]) return html``;
  return html`<button type="submit" name="op" value="add:${list}" class="secondary add">${label}</button>`;
}

/** The rows of opening intervals of one list; `group` names the fieldset when the list's own name is taken. */
function intervals(f: Fields, list: string, legend: string, hint?: string, group = list): Html {
  const t = f.t;
  const n = rows(f, list, MAX_INTERVALS);
  const items: Html[] = [];
  for (let i = 0; i < n; i++)
    items.push(
      html`<div class="interval">${f.input(`${list}.${i}.from`, t('admin:hours.from', { n: i + 1 }), { type: 'time', size: 'short' })}${f.input(`${list}.${i}.to`, t('admin:hours.to', { n: i + 1 }), { type: 'time', size: 'short' })}</div>`,
    );
  return f.fieldset(group, legend, html`${items}`, { className: 'intervals', ...(hint ? { hint } : {}) });
}

function phones(f: Fields, ctx: ServiceFormContext, state: ServiceFormState, list: 'phones' | 'sms'): Html {
  const t = f.t;
  const n = rows(f, list, ROW_LISTS[list], state.adding === list ? 1 : 0);
  const items: Html[] = [];
  for (let i = 0; i < n; i++) {
    const row = `${list}.${i}`;
    items.push(
      f.fieldset(
        row,
        t(list === 'phones' ? 'admin:phone.legend' : 'admin:phone.smsLegend', { n: i + 1 }),
        html`<div class="row">${f.input(`${row}.number`, t('admin:phone.number'), { type: 'tel', inputmode: 'tel', hint: t('admin:phone.numberHint'), size: 'medium' })}
        ${f.input(`${row}.display`, t('admin:phone.display'), { hint: t('admin:phone.displayHint'), size: 'medium' })}
        ${f.triState(`${row}.hiddenOnBill`, t('admin:phone.hiddenOnBill'))}</div>
        ${f.localized(`${row}.label`, t('admin:phone.label'), { languageName: languageName(ctx.v.locale, t) })}`,
        { className: 'row-group' },
      ),
    );
  }
  return f.fieldset(list, t(list === 'phones' ? 'admin:section.phones' : 'admin:section.sms'), html`${items}${addButton(f, list, t(list === 'phones' ? 'admin:phone.add' : 'admin:phone.addSms'), n)}`, {
    hint: t('admin:phone.hint'),
  });
}

function body(ctx: ServiceFormContext, state: ServiceFormState, f: Fields): Html {
  const t = f.t;
  const lang = languageName(ctx.v.locale, t);
  const opts = (values: readonly string[], prefix: string) => values.map((x) => [x, t(`${prefix}.${x}`)] as const);
  const weekdays = WEEKDAYS.map((d) => intervals(f, `hours.weekly.${d}`, capitalise(t(`directory:weekday.${d}`))));
  const exceptionRows = rows(f, 'hours.exceptions', ROW_LISTS['hours.exceptions'], state.adding === 'hours.exceptions' ? 1 : 0);
  const exceptions: Html[] = [];
  for (let i = 0; i < exceptionRows; i++) {
    const row = `hours.exceptions.${i}`;
    exceptions.push(
      f.fieldset(
        row,
        t('admin:hours.exceptionLegend', { n: i + 1 }),
        html`${f.input(`${row}.date`, t('admin:hours.date'), { type: 'date', size: 'medium' })}
        ${intervals(f, `${row}.intervals`, t('admin:hours.exceptionIntervals'), t('admin:hours.exceptionIntervalsHint'))}
        ${f.localized(`${row}.note`, t('admin:hours.exceptionNote'), { languageName: lang })}`,
        { className: 'row-group' },
      ),
    );
  }
  const sourceRows = rows(f, 'sources', ROW_LISTS.sources, state.adding === 'sources' ? 1 : 0);
  const sources: Html[] = [];
  for (let i = 0; i < sourceRows; i++) {
    const row = `sources.${i}`;
    sources.push(
      f.fieldset(
        row,
        t('admin:source.legend', { n: i + 1 }),
        html`${f.input(`${row}.url`, t('admin:source.url'), { type: 'url', inputmode: 'url', size: 'long' })}
        ${f.input(`${row}.document`, t('admin:source.document'), { size: 'long' })}
        ${f.input(`${row}.lines`, t('admin:source.lines'), { size: 'medium' })}
        ${f.textarea(`${row}.confirms`, t('admin:source.confirms'), { rows: 2 })}
        <div class="row">${f.input(`${row}.published`, t('admin:source.published'), { hint: t('admin:source.publishedHint'), size: 'short' })}
        ${f.input(`${row}.seen`, t('admin:source.seen'), { type: 'date', size: 'medium' })}</div>`,
        { className: 'row-group' },
      ),
    );
  }

  return html`
<section aria-labelledby="s-basics"><h2 id="s-basics">${t('admin:section.basics')}</h2>
  ${state.isNew ? f.input('id', t('admin:field.id'), { hint: t('admin:field.idHint'), required: true, size: 'medium' }) : html`<input type="hidden" name="id" value="${f.value('id')}">`}
  <div class="row">
    ${f.select('kind', t('admin:field.kind'), opts(SERVICE_KINDS, 'directory:kind'))}
    ${f.select('status', t('admin:field.status'), opts(STATUSES, 'admin:status'), { hint: t('admin:field.statusHint') })}
  </div>
  ${f.localized('name', t('admin:field.name'), { required: true, languageName: lang })}
  ${f.localized('description', t('admin:field.description'), { multiline: true, languageName: lang, hint: t('admin:field.descriptionHint') })}
  <div class="row">
    ${f.input('organisation.id', t('admin:field.organisationId'), { hint: t('admin:field.organisationIdHint'), size: 'medium', required: true })}
    ${f.input('organisation.name', t('admin:field.organisationName'), { size: 'long', required: true })}
  </div>
</section>

<section aria-labelledby="s-contact"><h2 id="s-contact">${t('admin:section.contact')}</h2>
  ${phones(f, ctx, state, 'phones')}
  ${phones(f, ctx, state, 'sms')}
  ${f.input('web', t('admin:field.web'), { type: 'url', inputmode: 'url', hint: t('admin:field.httpsHint'), size: 'long' })}
  ${f.input('chat', t('admin:field.chat'), { type: 'url', inputmode: 'url', hint: t('admin:field.httpsHint'), size: 'long' })}
  ${f.input('email', t('admin:field.email'), { type: 'email', inputmode: 'email', size: 'long' })}
  ${f.input('visitingAddress', t('admin:field.visitingAddress'), { hint: t('admin:field.visitingAddressHint'), size: 'long' })}
  ${f.checkbox('providesShelter', t('admin:field.providesShelter'), t('admin:field.providesShelterHint'))}
</section>

<section aria-labelledby="s-coverage"><h2 id="s-coverage">${t('admin:section.coverage')}</h2>
  ${f.fieldset(
    'coverage',
    t('admin:coverage.legend'),
    html`${f.radios('coverage.scope', t('admin:coverage.scope'), [
      ['local', t('admin:coverage.local')],
      ['national', t('admin:coverage.national')],
    ])}
    ${f.checkboxes('coverage.lan', t('admin:coverage.lan'), ctx.geo.lan.map((l) => [l.code, l.name] as const), { hint: t('admin:coverage.lanHint'), className: 'columns' })}
    ${kommunPicker(f, ctx.geo, 'coverage.kommuner', t('admin:coverage.kommuner'), t('admin:coverage.kommunerHint'))}`,
    { hint: state.locked.has('coverage.kommuner') ? t('admin:coverage.lockedHint') : t('admin:coverage.hint') },
  )}
</section>

<section aria-labelledby="s-serves"><h2 id="s-serves">${t('admin:section.serves')}</h2>
  ${f.checkboxes('serves.genders', t('admin:serves.genders'), opts(GENDER.filter((g) => g !== 'unsaid'), 'admin:gender'))}
  ${f.checkboxes('serves.roles', t('admin:serves.roles'), opts(ROLES, 'admin:role'))}
  <div class="row">
    ${f.input('serves.minAge', t('admin:serves.minAge'), { type: 'number', inputmode: 'numeric', size: 'short', min: 0, max: 120 })}
    ${f.input('serves.maxAge', t('admin:serves.maxAge'), { type: 'number', inputmode: 'numeric', size: 'short', min: 0, max: 120 })}
  </div>
  ${f.checkboxes('forWho', t('admin:serves.forWho'), opts(WHO, 'admin:who'), { hint: t('admin:serves.forWhoHint'), className: 'columns' })}
  ${f.checkboxes('situations', t('admin:serves.situations'), opts(SITUATIONS, 'admin:situation'), { hint: t('admin:serves.situationsHint'), className: 'columns' })}
  ${f.checkboxes('needs', t('admin:serves.needs'), opts(NEEDS, 'admin:need'), { hint: t('admin:serves.needsHint'), className: 'columns' })}
  ${f.checkboxes('unsuitableFor', t('admin:serves.unsuitableFor'), opts(SITUATIONS, 'admin:situation'), { hint: t('admin:serves.unsuitableForHint'), className: 'columns' })}
  ${f.fieldset(
    'eligibility',
    t('admin:eligibility.legend'),
    html`<div class="row">
      ${f.select('eligibility.entry', t('admin:eligibility.entry'), opts(['open', 'decision'], 'admin:eligibility.entryValue'), { empty: t('admin:form.unknown') })}
      ${f.triState('eligibility.substanceUse', t('admin:eligibility.substanceUse'))}
      ${f.triState('eligibility.wheelchairAccessible', t('admin:eligibility.wheelchairAccessible'))}
      ${f.triState('eligibility.pets', t('admin:eligibility.pets'))}
    </div>
    ${f.localized('eligibility.notes', t('admin:eligibility.notes'), { multiline: true, languageName: lang })}`,
  )}
  <div class="row">
    ${f.input('languages', t('admin:field.languages'), { hint: t('admin:field.languagesHint'), size: 'medium' })}
    ${f.triState('interpreter', t('admin:field.interpreter'))}
  </div>
</section>

<section aria-labelledby="s-hours"><h2 id="s-hours">${t('admin:section.hours')}</h2>
  ${f.radios('hours.type', t('admin:hours.type'), [
    ['unknown', t('admin:hours.unknown')],
    ['always', t('admin:hours.always')],
    ['weekly', t('admin:hours.weekly')],
  ])}
  ${f.fieldset('hours.weekly', t('admin:hours.weeklyLegend'), html`<div class="week">${weekdays}</div>`, { hint: t('admin:hours.weeklyHint') })}
  ${f.radios('hours.holidays', t('admin:hours.holidays'), [
    ['closed', t('admin:hours.holidaysClosed')],
    ['normal', t('admin:hours.holidaysNormal')],
    ['special', t('admin:hours.holidaysSpecial')],
  ], { hint: t('admin:hours.holidaysHint') })}
  ${intervals(f, 'hours.holidays', t('admin:hours.holidayIntervals'), t('admin:hours.holidayIntervalsHint'), 'hours.holidayIntervals')}
  ${f.fieldset('hours.exceptions', t('admin:hours.exceptions'), html`${exceptions}${addButton(f, 'hours.exceptions', t('admin:hours.addException'), exceptionRows)}`, { hint: t('admin:hours.exceptionsHint') })}
</section>

<section aria-labelledby="s-after"><h2 id="s-after">${t('admin:section.afterHours')}</h2>
  ${f.select('afterHours.serviceId', t('admin:afterHours.service'), ctx.services.filter((s) => s.id !== f.value('id')).map((s) => [s.id, `${s.name} (${s.id})`] as const), { empty: t('admin:afterHours.none'), hint: t('admin:afterHours.serviceHint') })}
  ${f.localized('afterHours.note', t('admin:afterHours.note'), { multiline: true, languageName: lang })}
</section>

<section aria-labelledby="s-sources"><h2 id="s-sources">${t('admin:section.sources')}</h2>
  ${f.fieldset('sources', t('admin:source.legendAll'), html`${sources}${addButton(f, 'sources', t('admin:source.add'), sourceRows)}`, { hint: t('admin:source.hint') })}
  ${f.input('lastVerified', t('admin:field.lastVerified'), { type: 'date', size: 'medium', required: true })}
  ${f.textarea('verificationNotes', t('admin:field.verificationNotes'), { hint: t('admin:field.verificationNotesHint'), rows: 4 })}
</section>`;
}
