/**
 * The frame of every admin page: language, title, navigation, sign-out, language switch. No inline
 * script or style (the CSP forbids them): one stylesheet and one small script from our own origin.
 */
import type { TFunction } from 'i18next';
import { toStockholm } from '../../directory/time.js';
import { html, type Html } from '../html.js';
import type { Principal } from '../model.js';
import { direction, LOCALES, type Locale } from '../../i18n/locales.js';
import { directoryRole } from '../scope.js';

/** The staff pages speak every language of the chat; Swedish is the default. */
export type UiLocale = Locale;
export const UI_LOCALES: readonly UiLocale[] = LOCALES;

export interface View {
  t: TFunction;
  locale: UiLocale;
  /** The path of this page (for the language switch and the current menu item). */
  path: string;
  principal?: Principal | undefined;
  /** Each language by its own name, for the language menu. */
  languages: readonly { code: UiLocale; name: string }[];
}

export interface Notice {
  kind: 'ok' | 'error' | 'info';
  text: string;
}

function nav(v: View): Html {
  const p = v.principal;
  if (!p) return html``;
  const role = directoryRole(p);
  const admin = role === 'admin';
  const items: [string, string][] = [
    ...(role ? ([['/admin', v.t('admin:nav.services')]] as [string, string][]) : []),
    ...(admin ? ([['/admin/users', v.t('admin:nav.users')], ['/admin/directory', v.t('admin:nav.importExport')], ['/admin/audit', v.t('admin:nav.audit')]] as [string, string][]) : []),
    ...(admin || p.roles.includes('staff') ? ([['/stats', v.t('admin:nav.stats')]] as [string, string][]) : []),
    ['/admin/languages', v.t('admin:nav.languages')],
  ];
  const current = (href: string) => (href === '/admin' ? v.path === '/admin' || v.path.startsWith('/admin/services') : v.path.startsWith(href));
  return html`<nav aria-label="${v.t('admin:nav.label')}"><ul>${items.map(([href, label]) => html`<li><a href="${href}"${current(href) ? html` aria-current="page"` : ''}>${label}</a></li>`)}</ul></nav>`;
}

/** A menu of languages and a button: works without JavaScript. */
function languageSwitch(v: View): Html {
  return html`<form method="post" action="/admin/language" class="inline language">
    <input type="hidden" name="back" value="${v.path}">
    <label for="staff-language" class="visually-hidden">${v.t('admin:language.label')}</label>
    <select id="staff-language" name="locale">${v.languages.map((l) => html`<option value="${l.code}" lang="${l.code}" dir="${direction(l.code)}"${l.code === v.locale ? ' selected' : ''}>${l.name}</option>`)}</select>
    <button type="submit">${v.t('admin:language.change')}</button>
  </form>`;
}

export function page(v: View, title: string, body: Html, notice?: Notice): Html {
  return html`<!doctype html>
<html lang="${v.locale}" dir="${direction(v.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} – ${v.t('admin:product')}</title>
<link rel="icon" href="/admin/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/admin/assets/admin.css">
<script src="/admin/assets/admin.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${v.t('admin:skip')}</a>
<header class="top">
  <p class="brand">${v.t('admin:product')}</p>
  ${nav(v)}
  <div class="account">
    ${v.principal ? html`<span class="who">${v.t('admin:signedInAs', { name: v.principal.name })}</span>` : ''}
    ${languageSwitch(v)}
    ${v.principal ? html`<form method="post" action="/admin/logout" class="inline"><button type="submit">${v.t('admin:logout')}</button></form>` : ''}
  </div>
</header>
<main id="main" tabindex="-1">
${notice ? html`<div class="notice ${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}"><p>${notice.text}</p></div>` : ''}
${body}
</main>
</body>
</html>`;
}

/** A page that only says something (403, 404, a used link …). */
export function messagePage(v: View, title: string, text: string, link?: { href: string; label: string }): Html {
  return page(v, title, html`<h1>${title}</h1><p>${text}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`);
}

/** 2026-11-24T09:30:00.000Z → "2026-11-24 10:30" in Swedish time. */
export function dateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = toStockholm(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.date} ${pad(Math.floor(local.minutes / 60))}:${pad(local.minutes % 60)}`;
}
