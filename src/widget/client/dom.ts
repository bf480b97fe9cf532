/**
 * A tiny element builder. Text always goes in as text (never as HTML), and no `style` attribute is
 * ever set: the host page's Content-Security-Policy may forbid inline styles.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) el.removeAttribute(k);
    else el.setAttribute(k, v === true ? '' : v);
  }
}

/** Visually hidden, still read by screen readers. */
export const vh = (text: string): HTMLSpanElement => h('span', { class: 'vh' }, text);

// Phone numbers and times stay left-to-right inside right-to-left text ("020-50 50 50" would
// otherwise read "50 50 020-50" in Arabic).
const NUMBER = /\+?\d[\d\s-]*\d/g;
export function bidiText(text: string, dir: 'ltr' | 'rtl'): Child[] {
  if (dir !== 'rtl') return [text];
  const out: Child[] = [];
  let last = 0;
  for (const m of text.matchAll(NUMBER)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(h('bdi', { dir: 'ltr' }, m[0]));
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
