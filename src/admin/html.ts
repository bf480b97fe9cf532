/**
 * HTML that escapes by default. Every value put into an `html` template is escaped, so a record
 * name like `<script>` or `"><img onerror=…>` is shown as text; only other `html` fragments
 * (and `raw`, used for nothing but fixed markup) go in as they are. Attributes are always quoted.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Values of a template: text is escaped, fragments are kept, lists are joined, nothing-values vanish. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Fixed markup only; never a value that came from a request or the data. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** `true` gives the attribute, `false` nothing: attr('checked', isChecked). */
export function attr(name: string, on: boolean): Html {
  return on ? new Html(` ${name}`) : new Html('');
}

/**
 * A link target that can do no harm: our own paths, and https, tel, sms and mailto. Anything else
 * (javascript:, data:, protocol-relative //host) becomes "#".
 */
export function safeHref(url: string): string {
  if (/^\/(?![/\\])/.test(url)) return url;
  try {
    const u = new URL(url);
    return ['https:', 'tel:', 'sms:', 'mailto:'].includes(u.protocol) ? u.href : '#';
  } catch {
    return '#';
  }
}
