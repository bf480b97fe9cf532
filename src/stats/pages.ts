/**
 * The body of the /stats page, inside the admin's frame (admin/index.ts, staffFrame): no script
 * needed. Every chart is inline SVG with the same numbers in a table beside it; suppressed numbers
 * are shown as "<5" or ".." in both. Styles are in the admin's stylesheet ("Statistics").
 */
import type { TFunction } from 'i18next';
import { escapeHtml as esc } from '../admin/html.js';
import type { Geo } from '../geo/kommuner.js';
import type { Texts } from '../i18n/bundle.js';
import type { Locale } from '../i18n/locales.js';
import { monthDates, WEEK_KEY } from './calendar.js';
import type { Area, Table, Value, View } from './view.js';

export type UiLocale = Locale;

export interface PageContext {
  t: TFunction;
  locale: UiLocale;
  geo: Geo;
  threshold: number;
}

export function shown(v: Value, threshold: number): string {
  if (v.mark === 'shown') return String(v.value);
  return v.mark === 'small' ? `<${threshold}` : '..';
}

export function areaName(area: Area | { code: string; level: string }, c: Pick<PageContext, 't' | 'geo'>): string {
  if (area.level === 'sweden') return c.t('stats:filters.sweden');
  if (area.level === 'lan') return c.t('stats:filters.lan', { name: c.geo.lanByCode(area.code)?.name ?? area.code });
  return c.geo.kommun(area.code)?.name ?? area.code;
}

/** The label of a row of a table. */
export function rowLabel(table: Table['id'], key: string, c: Pick<PageContext, 't'>, texts?: Texts): string {
  if (table === 'trend') {
    const m = WEEK_KEY.exec(key);
    return m ? c.t('stats:weekLabel', { week: Number(m[2]), year: m[1] }) : key;
  }
  if (table === 'hours') {
    const [d, h] = key.slice('hour.'.length).split('-');
    return `${c.t(`stats:weekdays.${d}`)} ${h}:00`;
  }
  if (table === 'languages' && key.startsWith('language.')) return texts?.meta(key.slice(9) as never)?.nativeName ?? key.slice(9);
  return c.t(`stats:counters.${key}`);
}

const BAR_H = 22;

function barChart(table: Table, title: string, c: PageContext): string {
  const max = Math.max(1, ...table.rows.map((r) => (r.value.mark === 'shown' ? r.value.value : 0)));
  const width = 320;
  const h = table.rows.length * BAR_H + 4;
  const bars = table.rows
    .map((r, i) => {
      const y = i * BAR_H + 2;
      const v = r.value;
      const w = v.mark === 'shown' ? Math.round((v.value / max) * (width - 60)) : 0;
      const bar = v.mark === 'shown' ? `<rect x="0" y="${y}" width="${w}" height="${BAR_H - 6}" fill="#1f5f8b"></rect>` : `<rect x="0" y="${y}" width="18" height="${BAR_H - 6}" fill="#ffffff" stroke="#595959" stroke-dasharray="3 2"></rect>`;
      const x = v.mark === 'shown' ? w + 6 : 24;
      return `${bar}<text x="${x}" y="${y + BAR_H - 9}" font-size="13" fill="#1a1a1a">${esc(shown(v, c.threshold))}</text>`;
    })
    .join('');
  return `<svg class="stats-chart" role="img" aria-label="${esc(c.t('stats:chartOf', { title }))}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}">${bars}</svg>`;
}

function columnChart(table: Table, title: string, c: PageContext): string {
  const max = Math.max(1, ...table.rows.map((r) => (r.value.mark === 'shown' ? r.value.value : 0)));
  const colW = 16;
  const h = 160;
  const width = Math.max(120, table.rows.length * colW + 8);
  const cols = table.rows
    .map((r, i) => {
      const x = i * colW + 4;
      const v = r.value;
      if (v.mark !== 'shown') return `<rect x="${x}" y="${h - 24}" width="${colW - 4}" height="20" fill="#ffffff" stroke="#595959" stroke-dasharray="3 2"></rect>`;
      const bh = Math.round((v.value / max) * (h - 10));
      return `<rect x="${x}" y="${h - bh}" width="${colW - 4}" height="${bh}" fill="#1f5f8b"></rect>`;
    })
    .join('');
  return `<svg class="stats-chart" role="img" aria-label="${esc(c.t('stats:chartOf', { title }))}" viewBox="0 0 ${width} ${h}" width="${width}" height="${h}">${cols}</svg>`;
}

function heatMap(table: Table, title: string, c: PageContext): string {
  const max = Math.max(1, ...table.rows.map((r) => (r.value.mark === 'shown' ? r.value.value : 0)));
  const cell = 14;
  const left = 30;
  const top = 16;
  let out = '';
  for (let h = 0; h < 24; h += 6) out += `<text x="${left + h * cell}" y="11" font-size="10" fill="#1a1a1a">${h}</text>`;
  for (let d = 1; d <= 7; d++) out += `<text x="0" y="${top + (d - 1) * cell + 11}" font-size="10" fill="#1a1a1a">${esc(c.t(`stats:weekdays.${d}`).slice(0, 2))}</text>`;
  table.rows.forEach((r) => {
    const [d, h] = r.key.slice('hour.'.length).split('-').map(Number) as [number, number];
    const x = left + h * cell;
    const y = top + (d - 1) * cell;
    const v = r.value;
    if (v.mark === 'shown') {
      const level = v.value === 0 ? 0 : 0.15 + 0.85 * (v.value / max);
      out += `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="#1f5f8b" fill-opacity="${level.toFixed(2)}" stroke="#d0d7de"></rect>`;
    } else out += `<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="#ffffff" stroke="#8c8c8c" stroke-dasharray="2 1"></rect>`;
  });
  const width = left + 24 * cell;
  const height = top + 7 * cell;
  return `<svg class="stats-chart" role="img" aria-label="${esc(c.t('stats:chartOf', { title }))}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${out}</svg>`;
}

function dataTable(table: Table, title: string, c: PageContext, texts: Texts): string {
  if (table.id === 'hours') {
    const byKey = new Map(table.rows.map((r) => [r.key, r.value]));
    const head = Array.from({ length: 24 }, (_, h) => `<th scope="col">${String(h).padStart(2, '0')}</th>`).join('');
    const body = [1, 2, 3, 4, 5, 6, 7]
      .map((d) => `<tr><th scope="row">${esc(c.t(`stats:weekdays.${d}`))}</th>${Array.from({ length: 24 }, (_, h) => `<td>${esc(shown(byKey.get(`hour.${d}-${String(h).padStart(2, '0')}`)!, c.threshold))}</td>`).join('')}</tr>`)
      .join('');
    return `<div class="stats-scroll" tabindex="0" role="region" aria-label="${esc(title)}"><table class="stats-table heat"><caption>${esc(title)}</caption><thead><tr><th scope="col">${esc(c.t('stats:columns.weekday'))}</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  }
  const first = table.id === 'trend' ? c.t('stats:columns.week') : c.t('stats:columns.category');
  const body = table.rows.map((r) => `<tr><th scope="row">${esc(rowLabel(table.id, r.key, c, texts))}</th><td>${esc(shown(r.value, c.threshold))}</td></tr>`).join('');
  return `<table class="stats-table"><caption>${esc(title)}</caption><thead><tr><th scope="col">${esc(first)}</th><th scope="col">${esc(c.t('stats:columns.count'))}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function section(table: Table, c: PageContext, texts: Texts): string {
  const title = c.t(`stats:tables.${table.id}`);
  const chart = table.id === 'hours' ? heatMap(table, title, c) : table.id === 'trend' ? columnChart(table, title, c) : barChart(table, title, c);
  return `<section class="stats-panel" aria-labelledby="h-${table.id}"><h2 id="h-${table.id}">${esc(title)}</h2><div class="stats-figure">${chart}${dataTable(table, title, c, texts)}</div></section>`;
}

function options(values: { value: string; label: string; lang?: string }[], selected: string): string {
  return values.map((o) => `<option value="${esc(o.value)}"${o.lang ? ` lang="${esc(o.lang)}"` : ''}${o.value === selected ? ' selected' : ''}>${esc(o.label)}</option>`).join('');
}

function monthLabel(month: string, locale: UiLocale): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15));
  // sv-x-ll is Swedish to Intl; en as en-GB writes "October 2026".
  const tag = locale === 'sv-x-ll' ? 'sv-SE' : locale === 'en' ? 'en-GB' : locale;
  return new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A page with only a message (nothing to show, out of scope, bad filters). */
export function messageBody(c: PageContext, key: string): string {
  return `<h1>${esc(c.t('stats:title'))}</h1><div class="notice info" role="status"><p>${esc(c.t(key))}</p></div>`;
}

export function statsBody(view: View, c: PageContext, texts: Texts): string {
  const areaOptions = view.areas.map((a) => ({ value: a.code, label: a.level === 'kommun' ? `– ${areaName(a, c)}` : areaName(a, c) }));
  const monthOptions = [...view.months].reverse().map((m) => ({ value: m, label: monthLabel(m, c.locale) }));
  const langOptions = [{ value: 'all', label: c.t('stats:filters.allLanguages') }, ...[...texts.bundles.keys()].map((l) => ({ value: l, label: texts.meta(l)?.nativeName ?? l, lang: l }))];
  const csvQuery = new URLSearchParams({ from: view.from, to: view.to, area: view.area.code, lang: view.lang });
  const { first, last } = monthDates(Number(view.to.slice(0, 4)), Number(view.to.slice(5, 7)));
  const notes = [
    view.narrowed ? c.t('stats:notes.narrowed', { month: monthLabel(view.to, c.locale) }) : '',
    view.langIgnored ? c.t('stats:notes.langIgnored') : '',
    c.t('stats:notes.small', { min: c.threshold, max: c.threshold - 1 }),
    c.t('stats:notes.months', { month: monthLabel(view.to, c.locale), first, last }),
  ].filter(Boolean);
  const unmetTitle = c.t('stats:tables.unmet');
  const unmet = view.unmet.length
    ? `<table class="stats-table"><caption>${esc(unmetTitle)}</caption><thead><tr><th scope="col">${esc(c.t('stats:columns.kommun'))}</th><th scope="col">${esc(c.t('stats:columns.given'))}</th><th scope="col">${esc(c.t('stats:columns.unmet'))}</th><th scope="col">${esc(c.t('stats:columns.afterHours'))}</th></tr></thead><tbody>${view.unmet
        .map((u) => `<tr><th scope="row">${esc(c.geo.kommun(u.kommun)?.name ?? u.kommun)}</th><td>${esc(shown(u.given, c.threshold))}</td><td>${esc(shown(u.unmet, c.threshold))}</td><td>${esc(shown(u.afterHours, c.threshold))}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p>${esc(c.t(view.area.level === 'sweden' ? 'stats:notes.nation' : 'stats:notes.range'))}</p>`;
  return `<h1>${esc(c.t('stats:title'))}</h1>
<p>${esc(c.t('stats:intro'))}</p>
<form class="stats-filters" method="get" action="/stats">
<fieldset class="group"><legend>${esc(c.t('stats:filters.legend'))}</legend>
<p><label for="f-from">${esc(c.t('stats:filters.from'))}</label> <select id="f-from" name="from">${options(monthOptions, view.from)}</select></p>
<p><label for="f-to">${esc(c.t('stats:filters.to'))}</label> <select id="f-to" name="to">${options(monthOptions, view.to)}</select></p>
<p><label for="f-area">${esc(c.t('stats:filters.area'))}</label> <select id="f-area" name="area">${options(areaOptions, view.area.code)}</select></p>
<p><label for="f-lang">${esc(c.t('stats:filters.language'))}</label> <select id="f-lang" name="lang">${options(langOptions, view.lang)}</select></p>
<p><button type="submit" class="primary">${esc(c.t('stats:filters.show'))}</button></p>
</fieldset>
</form>
<h2 class="stats-current">${esc(areaName(view.area, c))} · ${esc(c.t('stats:period', { from: monthLabel(view.from, c.locale), to: monthLabel(view.to, c.locale) }))}</h2>
${notes.map((n) => `<p class="stats-note">${esc(n)}</p>`).join('\n')}
<p><a href="/stats/export.csv?${esc(csvQuery.toString())}">${esc(c.t('stats:filters.csv'))}</a></p>
<div class="stats-grid">
${view.tables.map((t) => section(t, c, texts)).join('\n')}
<section class="stats-panel wide" aria-labelledby="h-unmet"><h2 id="h-unmet">${esc(unmetTitle)}</h2>${unmet}</section>
</div>`;
}
