/**
 * Staff accounts (admins only): the list, creating a user, changing roles and area, disabling, and
 * a new one-time set-up link.
 */
import type { Geo } from '../../geo/kommuner.js';
import type { FormValues } from '../form.js';
import { html, type Html } from '../html.js';
import type { StaffUser } from '../model.js';
import { errorSummary, Fields, kommunPicker, resolveErrors } from './fields.js';
import { dateTime, page, type Notice, type View } from './layout.js';

export const ACCESS = ['none', 'volunteer', 'coordinator', 'admin'] as const;
export type Access = (typeof ACCESS)[number];

export function userForm(v: View, o: { geo: Geo; organisations: readonly { id: string; name: string }[]; values: FormValues; issues: readonly { key: string; text: string }[]; action: string; isNew: boolean; submit: string }): Html {
  const t = v.t;
  const render = (f: Fields) => html`
  ${o.isNew ? f.input('name', t('admin:users.name'), { hint: t('admin:users.nameHint'), required: true, size: 'medium', autocomplete: 'off' }) : ''}
  ${f.radios(
    'access',
    t('admin:users.access'),
    ACCESS.map((a) => [a, t(`admin:users.accessValue.${a}`)] as const),
  )}
  ${f.checkbox('stats', t('admin:users.stats'), t('admin:users.statsHint'))}
  ${f.select('organisation', t('admin:users.organisation'), o.organisations.map((x) => [x.id, `${x.name} (${x.id})`] as const), { empty: t('admin:users.noOrganisation'), hint: t('admin:users.organisationHint') })}
  ${f.fieldset(
    'area',
    t('admin:users.area'),
    html`${f.checkboxes('area.lan', t('admin:coverage.lan'), o.geo.lan.map((l) => [l.code, l.name] as const), { className: 'columns' })}
    ${kommunPicker(f, o.geo, 'area.kommuner', t('admin:coverage.kommuner'), t('admin:users.kommunerHint'))}`,
    { hint: t('admin:users.areaHint') },
  )}`;
  const probe = new Fields(o.values, t);
  render(probe);
  const { byKey, summary } = resolveErrors(probe.keys, o.issues);
  return html`${errorSummary(t, summary)}<form method="post" action="${o.action}" class="user-form" novalidate>${render(new Fields(o.values, t, byKey))}<div class="actions"><button type="submit" class="primary">${o.submit}</button></div></form>`;
}

export function userState(v: View, u: StaffUser, nowMs: number): string {
  if (u.disabled) return v.t('admin:users.state.disabled');
  if (u.lockedUntil && Date.parse(u.lockedUntil) > nowMs) return v.t('admin:users.state.locked', { until: dateTime(u.lockedUntil) });
  if (!u.passwordHash) return v.t('admin:users.state.pending');
  return v.t('admin:users.state.active');
}

export function userScope(v: View, geo: Geo, u: StaffUser): string {
  const parts: string[] = [];
  if (u.organisation) parts.push(u.organisation.name);
  const area = [...u.area.lan.map((c) => geo.lanByCode(c)?.name ?? c), ...u.area.kommuner.map((c) => geo.kommun(c)?.name ?? c)];
  if (area.length) parts.push(area.join(', '));
  return parts.join(' · ') || (u.roles.includes('admin') ? v.t('admin:users.everything') : '–');
}

export function rolesText(v: View, u: { roles: readonly string[] }): string {
  return u.roles.map((r) => v.t(`admin:users.role.${r}`)).join(', ');
}

export function usersPage(v: View, o: { geo: Geo; users: readonly StaffUser[]; nowMs: number; form: Html; link?: { name: string; url: string } | undefined }, notice?: Notice): Html {
  const t = v.t;
  return page(
    v,
    t('admin:users.title'),
    html`<h1>${t('admin:users.title')}</h1>
${o.link ? setupLinkBox(v, o.link) : ''}
<table class="users">
  <caption class="visually-hidden">${t('admin:users.caption')}</caption>
  <thead><tr><th scope="col">${t('admin:users.name')}</th><th scope="col">${t('admin:users.roles')}</th><th scope="col">${t('admin:users.scope')}</th><th scope="col">${t('admin:users.stateLabel')}</th></tr></thead>
  <tbody>${o.users.map(
    (u) => html`<tr><th scope="row"><a href="/admin/users/${u.id}">${u.name}</a></th><td data-label="${t('admin:users.roles')}">${rolesText(v, u)}</td><td data-label="${t('admin:users.scope')}">${userScope(v, o.geo, u)}</td><td data-label="${t('admin:users.stateLabel')}">${userState(v, u, o.nowMs)}</td></tr>`,
  )}</tbody>
</table>
<h2>${t('admin:users.create')}</h2>
${o.form}`,
    notice,
  );
}

export function setupLinkBox(v: View, link: { name: string; url: string }): Html {
  return html`<div class="notice ok setup-link" role="status">
  <p>${v.t('admin:users.linkFor', { name: link.name })}</p>
  <p><label for="setup-link">${v.t('admin:users.link')}</label><input id="setup-link" type="text" readonly value="${link.url}" class="copy"></p>
  <p class="hint">${v.t('admin:users.linkHint')}</p>
</div>`;
}

export function userPage(v: View, o: { geo: Geo; user: StaffUser; nowMs: number; form: Html; isSelf: boolean; link?: { name: string; url: string } | undefined }, notice?: Notice): Html {
  const t = v.t;
  const u = o.user;
  return page(
    v,
    u.name,
    html`<p class="crumbs"><a href="/admin/users">${t('admin:users.title')}</a></p>
<h1>${u.name}</h1>
<p class="meta">${rolesText(v, u)} · ${userState(v, u, o.nowMs)} · ${t('admin:users.created', { at: dateTime(u.createdAt), by: u.createdBy })}</p>
${o.link ? setupLinkBox(v, o.link) : ''}
<div class="record-actions">
  <form method="post" action="/admin/users/${u.id}/link" class="inline"><button type="submit">${t('admin:users.newLink')}</button></form>
  ${o.isSelf ? '' : html`<form method="post" action="/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}" class="inline"><button type="submit">${t(u.disabled ? 'admin:users.enable' : 'admin:users.disable')}</button></form>`}
</div>
<h2>${t('admin:users.edit')}</h2>
${o.form}`,
    notice,
  );
}
