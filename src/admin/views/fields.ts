/**
 * Form controls with labels, hints and errors wired for screen readers (label for, aria-describedby,
 * aria-invalid), reading their values from the form state. Every control registers its field name,
 * so that an error can be placed at the nearest field that exists (a first rendering pass collects
 * the names, see `resolveErrors`).
 */
import type { TFunction } from 'i18next';
import type { Geo } from '../../geo/kommuner.js';
import { LOCALES, type Locale } from '../../i18n/locales.js';
import type { FormValues } from '../form.js';
import { attr, html, type Html } from '../html.js';

export function fieldId(key: string): string {
  return `f-${key.replace(/\./g, '_')}`;
}

export interface InputOptions {
  type?: 'text' | 'url' | 'email' | 'tel' | 'date' | 'time' | 'number' | 'password';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'tel' | 'url' | 'email';
  readonly?: boolean;
  lang?: string;
  size?: 'short' | 'medium' | 'long';
  min?: number;
  max?: number;
}

export class Fields {
  readonly keys = new Set<string>();

  constructor(
    readonly values: FormValues,
    readonly t: TFunction,
    private readonly errors: ReadonlyMap<string, string[]> = new Map(),
    /** Fields shown but not changeable by this user: rendered as text with hidden inputs. */
    readonly locked: ReadonlySet<string> = new Set(),
  ) {}

  value(key: string): string {
    return this.values.get(key)?.[0] ?? '';
  }

  list(key: string): string[] {
    return this.values.get(key) ?? [];
  }

  errs(key: string): string[] {
    this.keys.add(key);
    return this.errors.get(key) ?? [];
  }

  #described(key: string, hint: string | undefined, errs: string[]): Html {
    const ids = [hint ? `${fieldId(key)}-hint` : '', errs.length ? `${fieldId(key)}-error` : ''].filter(Boolean).join(' ');
    return html`${ids ? html` aria-describedby="${ids}"` : ''}${errs.length ? html` aria-invalid="true"` : ''}`;
  }

  #hintAndErrors(key: string, hint: string | undefined, errs: string[]): Html {
    return html`${hint ? html`<p class="hint" id="${fieldId(key)}-hint">${hint}</p>` : ''}${errs.length ? html`<p class="error" id="${fieldId(key)}-error">${errs.map((e, i) => html`${i ? html`<br>` : ''}<span class="visually-hidden">${this.t('admin:form.errorPrefix')}</span> ${e}`)}</p>` : ''}`;
  }

  input(key: string, label: string, o: InputOptions = {}): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    const readonly = o.readonly || this.locked.has(key);
    return html`<div class="field ${o.size ?? ''}${errs.length ? ' has-error' : ''}">
  <label for="${id}">${label}${o.required ? html` <span class="req">${this.t('admin:form.required')}</span>` : ''}</label>
  ${this.#hintAndErrors(key, o.hint, errs)}
  <input id="${id}" name="${key}" type="${o.type ?? 'text'}" value="${this.value(key)}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : html` autocomplete="off"`}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.lang ? html` lang="${o.lang}"` : ''}${o.min !== undefined ? html` min="${o.min}"` : ''}${o.max !== undefined ? html` max="${o.max}"` : ''}${attr('readonly', !!readonly)}${attr('required', !!o.required && !readonly)}${this.#described(key, o.hint, errs)}>
</div>`;
  }

  textarea(key: string, label: string, o: { hint?: string; rows?: number; lang?: string; required?: boolean } = {}): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    return html`<div class="field long${errs.length ? ' has-error' : ''}">
  <label for="${id}">${label}${o.required ? html` <span class="req">${this.t('admin:form.required')}</span>` : ''}</label>
  ${this.#hintAndErrors(key, o.hint, errs)}
  <textarea id="${id}" name="${key}" rows="${o.rows ?? 3}"${o.lang ? html` lang="${o.lang}"` : ''}${attr('required', !!o.required)}${this.#described(key, o.hint, errs)}>${this.value(key)}</textarea>
</div>`;
  }

  select(key: string, label: string, options: readonly (readonly [string, string])[], o: { hint?: string; empty?: string } = {}): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    const current = this.value(key);
    if (this.locked.has(key)) {
      const shown = options.find(([v]) => v === current)?.[1] ?? current;
      return html`<div class="field"><p class="label" id="${id}">${label}</p>${this.#hintAndErrors(key, o.hint, errs)}<p class="locked">${shown}</p><input type="hidden" name="${key}" value="${current}"></div>`;
    }
    return html`<div class="field${errs.length ? ' has-error' : ''}">
  <label for="${id}">${label}</label>
  ${this.#hintAndErrors(key, o.hint, errs)}
  <select id="${id}" name="${key}"${this.#described(key, o.hint, errs)}>
    ${o.empty !== undefined ? html`<option value=""${attr('selected', current === '')}>${o.empty}</option>` : ''}
    ${options.map(([value, text]) => html`<option value="${value}"${attr('selected', value === current)}>${text}</option>`)}
  </select>
</div>`;
  }

  /** unknown / yes / no. */
  triState(key: string, label: string, hint?: string): Html {
    return this.select(key, label, [['yes', this.t('admin:form.yes')], ['no', this.t('admin:form.no')]], { empty: this.t('admin:form.unknown'), ...(hint ? { hint } : {}) });
  }

  radios(key: string, legend: string, options: readonly (readonly [string, string])[], o: { hint?: string } = {}): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    const current = this.value(key);
    if (this.locked.has(key)) {
      const shown = options.find(([v]) => v === current)?.[1] ?? current;
      return html`<div class="field"><p class="label" id="${id}">${legend}</p>${this.#hintAndErrors(key, o.hint, errs)}<p class="locked">${shown}</p><input type="hidden" name="${key}" value="${current}"></div>`;
    }
    return html`<fieldset class="field radios${errs.length ? ' has-error' : ''}" id="${id}"${this.#described(key, o.hint, errs)}>
  <legend>${legend}</legend>
  ${this.#hintAndErrors(key, o.hint, errs)}
  ${options.map(([value, text], i) => html`<div class="choice"><input type="radio" id="${id}-${i}" name="${key}" value="${value}"${attr('checked', value === current)}><label for="${id}-${i}">${text}</label></div>`)}
</fieldset>`;
  }

  checkboxes(key: string, legend: string, options: readonly (readonly [string, string])[], o: { hint?: string; className?: string } = {}): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    const chosen = new Set(this.list(key));
    if (this.locked.has(key)) {
      const shown = options.filter(([v]) => chosen.has(v)).map(([, text]) => text);
      return html`<div class="field"><p class="label" id="${id}">${legend}</p>${this.#hintAndErrors(key, o.hint, errs)}<p class="locked">${shown.length ? shown.join(', ') : '–'}</p>${[...chosen].map((v) => html`<input type="hidden" name="${key}" value="${v}">`)}</div>`;
    }
    return html`<fieldset class="field checks ${o.className ?? ''}${errs.length ? ' has-error' : ''}" id="${id}"${this.#described(key, o.hint, errs)}>
  <legend>${legend}</legend>
  ${this.#hintAndErrors(key, o.hint, errs)}
  <div class="options">${options.map(([value, text], i) => html`<div class="choice"><input type="checkbox" id="${id}-${i}" name="${key}" value="${value}"${attr('checked', chosen.has(value))}><label for="${id}-${i}">${text}</label></div>`)}</div>
</fieldset>`;
  }

  checkbox(key: string, label: string, hint?: string): Html {
    const errs = this.errs(key);
    const id = fieldId(key);
    return html`<div class="field choice single${errs.length ? ' has-error' : ''}">
  <input type="checkbox" id="${id}" name="${key}" value="yes"${attr('checked', this.value(key) === 'yes')}${this.#described(key, hint, errs)}>
  <label for="${id}">${label}</label>
  ${this.#hintAndErrors(key, hint, errs)}
</div>`;
  }

  /**
   * Text in several languages: Swedish (required where the record needs it) and English in view,
   * the other languages folded away unless one of them has text or an error.
   */
  localized(key: string, legend: string, o: { multiline?: boolean; required?: boolean; hint?: string; languageName: (l: Locale) => string }): Html {
    const errs = this.errs(key);
    const one = (l: Locale) => {
      const label = o.languageName(l);
      return o.multiline ? this.textarea(`${key}.${l}`, label, { lang: l, rows: 3, required: !!o.required && l === 'sv' }) : this.input(`${key}.${l}`, label, { lang: l, size: 'long', required: !!o.required && l === 'sv' });
    };
    const others = LOCALES.filter((l) => l !== 'sv' && l !== 'en');
    const open = others.some((l) => this.value(`${key}.${l}`) !== '' || this.errors.has(`${key}.${l}`));
    return html`<fieldset class="field localized${errs.length ? ' has-error' : ''}" id="${fieldId(key)}">
  <legend>${legend}</legend>
  ${this.#hintAndErrors(key, o.hint, errs)}
  ${one('sv')}${one('en')}
  <details${attr('open', open)}><summary>${this.t('admin:form.otherLanguages')}</summary>${others.map(one)}</details>
</fieldset>`;
  }

  fieldset(key: string, legend: string, content: Html, o: { hint?: string; className?: string } = {}): Html {
    const errs = this.errs(key);
    return html`<fieldset class="group ${o.className ?? ''}${errs.length ? ' has-error' : ''}" id="${fieldId(key)}">
  <legend>${legend}</legend>
  ${this.#hintAndErrors(key, o.hint, errs)}
  ${content}
</fieldset>`;
  }
}

/** Places every error at the nearest field the form has (its own, else a parent's), in form order. */
export function resolveErrors(keys: ReadonlySet<string>, issues: readonly { key: string; text: string }[]): { byKey: Map<string, string[]>; summary: { key: string; text: string }[] } {
  const byKey = new Map<string, string[]>();
  const summary: { key: string; text: string }[] = [];
  for (const { key, text } of issues) {
    let k = key;
    while (k && !keys.has(k)) k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '';
    const at = k || 'form';
    const list = byKey.get(at) ?? [];
    if (!list.includes(text)) list.push(text);
    byKey.set(at, list);
    if (!summary.some((s) => s.key === at && s.text === text)) summary.push({ key: at, text });
  }
  const order = [...keys];
  summary.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return { byKey, summary };
}

export function errorSummary(t: TFunction, summary: readonly { key: string; text: string }[]): Html {
  if (!summary.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
  <h2>${t('admin:form.errorSummary', { count: summary.length })}</h2>
  <ul>${summary.map((s) => html`<li><a href="#${s.key === 'form' ? 'main' : fieldId(s.key)}">${s.text}</a></li>`)}</ul>
</div>`;
}

/** A searchable choice of kommuner, grouped by län (the search box needs JavaScript; the list does not). */
export function kommunPicker(f: Fields, geo: Geo, key: string, legend: string, hint: string): Html {
  const t = f.t;
  const errs = f.errs(key);
  const chosen = new Set(f.list(key));
  const id = fieldId(key);
  const name = (code: string) => geo.kommun(code)?.name ?? code;
  if (f.locked.has(key))
    return html`<div class="field"><p class="label">${legend}</p><p class="locked">${[...chosen].map(name).join(', ') || '–'}</p>${[...chosen].map((c) => html`<input type="hidden" name="${key}" value="${c}">`)}</div>`;
  return html`<fieldset class="field kommun-picker${errs.length ? ' has-error' : ''}" id="${id}" aria-describedby="${id}-hint${errs.length ? ` ${id}-error` : ''}" data-picker>
  <legend>${legend}</legend>
  <p class="hint" id="${id}-hint">${hint}</p>
  ${errs.length ? html`<p class="error" id="${id}-error">${errs.join(' ')}</p>` : ''}
  <p class="chosen" data-chosen>${t('admin:coverage.chosen')}: <span>${[...chosen].map(name).join(', ') || '–'}</span></p>
  <div class="search" data-search hidden>
    <label for="${id}-search">${t('admin:coverage.search')}</label>
    <input type="search" id="${id}-search" autocomplete="off" data-search-input>
  </div>
  ${geo.lan.map((lan) => {
    const kommuner = geo.kommunerInLan(lan.code).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    const count = kommuner.filter((k) => chosen.has(k.code)).length;
    return html`<details class="lan-group"${attr('open', count > 0)}>
    <summary>${lan.name}${count ? html` <span class="count">(${t('admin:coverage.chosenCount', { count })})</span>` : ''}</summary>
    <div class="options">${kommuner.map((k) => html`<div class="choice" data-name="${k.name.toLowerCase()}"><input type="checkbox" id="${id}-${k.code}" name="${key}" value="${k.code}"${attr('checked', chosen.has(k.code))}><label for="${id}-${k.code}">${k.name}</label></div>`)}</div>
  </details>`;
  })}
</fieldset>`;
}

