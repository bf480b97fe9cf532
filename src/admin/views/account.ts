/**
 * Signing in and setting a password through a one-time link.
 */
import { MIN_PASSWORD_LENGTH } from '../password.js';
import { html, type Html } from '../html.js';
import { page, type Notice, type View } from './layout.js';

export function loginPage(v: View, o: { name: string; next: string }, notice?: Notice): Html {
  const t = v.t;
  return page(
    v,
    t('admin:login.title'),
    html`<h1>${t('admin:login.title')}</h1>
<form method="post" action="/admin/login" class="narrow">
  <input type="hidden" name="next" value="${o.next}">
  <div class="field"><label for="name">${t('admin:login.name')}</label><input id="name" name="name" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${o.name}"></div>
  <div class="field"><label for="password">${t('admin:login.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
  <div class="actions"><button type="submit" class="primary">${t('admin:login.submit')}</button></div>
</form>
<p class="hint">${t('admin:login.help')}</p>`,
    notice,
  );
}

export function setupPage(v: View, o: { name: string; token: string }, notice?: Notice): Html {
  const t = v.t;
  return page(
    v,
    t('admin:setup.title'),
    html`<h1>${t('admin:setup.title')}</h1>
<p>${t('admin:setup.intro', { name: o.name })}</p>
<form method="post" action="/admin/setup/${o.token}" class="narrow">
  <input type="text" name="name" value="${o.name}" autocomplete="username" readonly hidden>
  <div class="field"><label for="password">${t('admin:setup.password')}</label>
    <p class="hint" id="password-hint">${t('admin:setup.rules', { min: MIN_PASSWORD_LENGTH })}</p>
    <input id="password" name="password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" aria-describedby="password-hint"></div>
  <div class="field"><label for="confirm">${t('admin:setup.confirm')}</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required></div>
  <div class="actions"><button type="submit" class="primary">${t('admin:setup.submit')}</button></div>
</form>`,
    notice,
  );
}
