/**
 * The chat as a help-seeker sees it: a launcher button and a panel on a kommun page (or the panel
 * filling the standalone page), in two shadow roots so that the page's CSS and ours cannot touch
 * each other. The conversation lives only in this page's memory: a reload starts afresh.
 */
import type { WidgetConfig } from '../contract.js';
import { browserLanguages, endChat, fetchConfig, postChat, type Activity, type CardAction, type ChatRequest, type Contact } from './api.js';
import { bidiText, h, setAttrs, vh, type Child } from './dom.js';
import { coverPage, exitAddress, leaveTo, uncoverPage } from './exit.js';
import { shiftWatcher } from './shift.js';

export interface WidgetOptions {
  /** The server the script came from: the only one the widget talks to. */
  origin: string;
  /** `float`: launcher and panel over a kommun page; `page`: the panel fills the standalone page. */
  mode: 'float' | 'page';
  kommun?: string | undefined;
  lang?: string | undefined;
  exitUrl?: string | undefined;
  side: 'right' | 'left';
  /** Where the panel goes in `page` mode. */
  mount?: Element | null | undefined;
}

type Dir = 'ltr' | 'rtl';
type Choice = { actions: CardAction[]; lang: string; dir: Dir; labelledBy: string };

export async function startWidget(o: WidgetOptions): Promise<void> {
  let cfg: WidgetConfig;
  try {
    cfg = await fetchConfig(o.origin, o.lang);
  } catch {
    return; // no server, no chat: the kommun page stays as it is
  }
  const exitUrl = exitAddress(o.exitUrl, cfg.exitUrl);
  const s = (key: string): string => cfg.strings[key] ?? '';
  const dirOf = (code: string, fallback: Dir = 'ltr'): Dir => cfg.languages.find((l) => l.code === code)?.dir ?? fallback;
  const page = o.mode === 'page';

  // ── state (memory only) ─────────────────────────────────────────────────────────────────────
  let conversationId: string | null = null;
  let started = false;
  let busy = false;
  let exiting = false;
  let choices: Choice | null = null;
  let ids = 0;
  const nextId = () => `vv-${++ids}`;

  // ── hosts ───────────────────────────────────────────────────────────────────────────────────
  const host = (tag: string, part: string): [HTMLElement, ShadowRoot] => {
    const el = document.createElement(tag);
    el.setAttribute('data-part', part);
    if (part === 'chat') el.setAttribute('data-mode', o.mode);
    return [el, el.attachShadow({ mode: 'open' })];
  };
  const [skipHost, skipRoot] = host('vagvisaren-exit', 'skip');
  const [chatHost, chatRoot] = host('vagvisaren-chat', 'chat');
  document.body.prepend(skipHost);
  if (page && o.mount) o.mount.append(chatHost);
  else document.body.append(chatHost);
  // On the top layer a host page's banner cannot cover the exit, whatever its z-index.
  const lift = (el: HTMLElement) => {
    if (typeof el.showPopover !== 'function') return;
    el.popover = 'manual';
    el.showPopover();
  };
  lift(skipHost);
  if (!page) lift(chatHost);

  /** Our stylesheet, from our own origin; the content shows once it has loaded. */
  const styled = (root: ShadowRoot, content: HTMLElement) => {
    content.hidden = true;
    const link = h('link', { rel: 'stylesheet', href: `${o.origin}/widget.css` });
    link.addEventListener('load', () => (content.hidden = false), { once: true });
    root.replaceChildren(link, content);
  };

  // ── elements (built by mount(), again after a back/forward-cache restore) ───────────────────
  let el!: ReturnType<typeof build>;

  function build() {
    const heading = page ? 'h1' : 'h2';
    const skip = h('a', { class: 'skip', href: exitUrl, rel: 'nofollow noreferrer' });
    const launcher = page ? null : h('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'vv-panel' });
    const title = h(heading, { id: 'vv-title', class: 'title', tabindex: '-1' });
    const subtitle = h('p', { class: 'subtitle' });
    const dots = h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i'));
    const exit = h('a', { class: 'exit', href: exitUrl, rel: 'nofollow noreferrer' });
    const minimize = page ? null : h('button', { class: 'minimize', type: 'button' });
    const langToggle = h('button', { class: 'lang-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'vv-langs' });
    const langList = h('ul', { id: 'vv-langs', class: 'langs', hidden: true });
    const aboutSummary = h('summary');
    const about = h('details', { class: 'about' }, aboutSummary, h('p'), h('p'), h('p'));
    const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions' });
    const choiceBox = h('div', { class: 'choices' });
    const writing = h('p', { class: 'writing', hidden: true });
    const inputLabel = h('label', { class: 'vh', for: 'vv-input' });
    const input = h('input', { id: 'vv-input', class: 'input', type: 'text', maxlength: '500', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'send', dir: 'auto' });
    const send = h('button', { class: 'send', type: 'submit' });
    const form = h('form', { class: 'composer' }, inputLabel, input, send);
    const scroll = h('div', { class: 'scroll' }, about, log, choiceBox, writing);
    const panel = h(
      page ? 'div' : 'section',
      { id: 'vv-panel', class: 'panel', 'aria-labelledby': 'vv-title', hidden: !page },
      h(
        'header',
        { class: 'bar' },
        h('div', { class: 'bar__row' }, h('div', { class: 'bar__name' }, title, subtitle), exit),
        h('div', { class: 'bar__row bar__row--tools' }, langToggle, minimize),
        langList,
      ),
      scroll,
      form,
    );
    const status = h('p', { class: 'vh', role: 'status' });
    const root = h('div', { class: `vv vv--${o.mode} vv--${o.side}` }, launcher, panel, status);
    return { skip, launcher, title, subtitle, exit, dots, minimize, langToggle, langList, about, aboutSummary, log, choiceBox, writing, inputLabel, input, send, form, scroll, panel, status, root };
  }

  function mount() {
    el = build();
    styled(skipRoot, el.skip);
    styled(chatRoot, el.root);
    for (const a of [el.skip, el.exit]) a.addEventListener('click', (e) => (e.preventDefault(), exitNow()));
    el.launcher?.addEventListener('click', open);
    el.minimize?.addEventListener('click', minimize);
    el.langToggle.addEventListener('click', () => showLanguages(el.langToggle.getAttribute('aria-expanded') !== 'true'));
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = el.input.value.trim();
      if (!text || busy) return;
      el.input.value = '';
      void say({ text }, text, 'keep');
    });
    applyStrings();
    if (page) startChat();
  }

  function applyStrings() {
    // The panel is laid out in the conversation's direction; its own words carry the language
    // they are in (Swedish until a language has widget texts), each message its own.
    const dir = cfg.dir;
    setAttrs(el.root, { lang: cfg.stringsLocale, dir });
    setAttrs(el.skip, { lang: cfg.stringsLocale, dir: dirOf(cfg.stringsLocale) });
    el.skip.replaceChildren(vh(`${s('exit.hiddenPrefix')} `), s('exit.skipLink'));
    el.launcher?.replaceChildren(s('launcher.open'));
    el.title.textContent = s('panel.title');
    el.subtitle.textContent = s('panel.subtitle');
    el.exit.replaceChildren(vh(`${s('exit.hiddenPrefix')} `), s('exit.button'), el.dots);
    if (el.minimize) {
      el.minimize.textContent = s('panel.minimize');
      el.minimize.setAttribute('aria-label', s('panel.minimizeLabel'));
    }
    el.langToggle.textContent = s('language.button');
    el.langList.replaceChildren(
      ...cfg.languages.map((l) => {
        const b = h('button', { type: 'button', class: 'lang', lang: l.code, dir: l.dir, 'aria-current': l.code === cfg.locale ? 'true' : null }, l.name);
        b.addEventListener('click', () => {
          showLanguages(false);
          el.langToggle.focus();
          void chooseLanguage(l.code);
        });
        return h('li', null, b);
      }),
    );
    el.aboutSummary.textContent = s('exit.aboutTitle');
    const [does, doesNot, priv] = [...el.about.querySelectorAll('p')];
    does!.textContent = s('exit.aboutDoes');
    doesNot!.textContent = s('exit.aboutDoesNot');
    priv!.textContent = s('exit.aboutPrivate');
    el.log.setAttribute('aria-label', s('log.label'));
    el.writing.textContent = s('writing');
    el.inputLabel.textContent = s('input.label');
    el.input.placeholder = s('input.placeholder');
    el.send.textContent = s('input.send');
    if (page) {
      document.documentElement.lang = cfg.stringsLocale;
      document.documentElement.dir = dir;
      if (s('page.title')) document.title = s('page.title');
    }
  }

  function showLanguages(show: boolean) {
    el.langList.hidden = !show;
    el.langToggle.setAttribute('aria-expanded', String(show));
  }

  // ── opening and closing ─────────────────────────────────────────────────────────────────────
  function open() {
    el.panel.hidden = false;
    el.launcher!.hidden = true;
    el.launcher!.setAttribute('aria-expanded', 'true');
    el.title.focus();
    if (!started) startChat();
  }
  function minimize() {
    el.panel.hidden = true;
    el.launcher!.hidden = false;
    el.launcher!.setAttribute('aria-expanded', 'false');
    el.launcher!.focus();
  }

  // ── the conversation ───────────────────────────────────────────────────────────────────────
  function startChat() {
    started = true;
    void say({ type: 'start' }, null, 'first');
  }

  async function chooseLanguage(code: string) {
    await loadStrings(code);
    if (conversationId) await say({ locale: code }, null, 'keep');
  }

  async function loadStrings(code: string) {
    if (code === cfg.locale) return;
    try {
      cfg = await fetchConfig(o.origin, code);
    } catch {
      return; // the words stay as they were
    }
    if (!exiting) applyStrings();
  }

  /**
   * One turn. `focus`: `new` moves focus to the answer (after a button, which is gone), `first`
   * does so only when focus is still on the title (opening), `keep` leaves it (typing).
   */
  async function say(body: ChatRequest, shown: string | null, focus: 'new' | 'first' | 'keep') {
    if (busy) return;
    busy = true;
    if (shown !== null) {
      const mine = h('div', { class: 'msg msg--me' }, h('p', null, vh(`${s('log.you')} `), h('span', { dir: 'auto' }, shown)));
      el.log.append(mine);
      if (focus === 'new') focusOn(mine);
      scrollTo(mine);
    }
    const offered = choices;
    showChoices(null);
    el.writing.hidden = false;
    const request: ChatRequest = conversationId
      ? { conversationId, ...body }
      : // A new conversation (or one she ended by typing "avsluta") carries the page's kommun and language.
        { ...body, locale: cfg.locale, languages: browserLanguages(), ...(o.kommun ? { kommun: o.kommun } : {}) };
    let reply;
    try {
      reply = await postChat(o.origin, request);
    } catch {
      reply = undefined;
    }
    busy = false;
    if (exiting) {
      if (reply?.conversationId) endChat(o.origin, reply.conversationId);
      return;
    }
    el.writing.hidden = true;
    if (!reply) {
      const error = h('div', { class: 'msg msg--error' }, h('p', null, ...bidiText(s('error.network'), cfg.dir)));
      el.log.append(error);
      showChoices(offered);
      if (focus === 'new') focusOn(error);
      scrollTo(error);
      return;
    }
    conversationId = reply.conversationId;
    if (reply.locale !== cfg.locale) void loadStrings(reply.locale);
    const first = render(reply.activities, reply.locale, reply.dir);
    if (!first) return;
    scrollTo(first);
    const active = chatRoot.activeElement;
    if (focus === 'new' || (focus === 'first' && (active === el.title || active === null))) focusOn(first);
  }

  function render(activities: Activity[], replyLocale: string, replyDir: Dir): HTMLElement | null {
    let first: HTMLElement | null = null;
    for (const a of activities) {
      const lang = a.locale ?? replyLocale;
      const dir = dirOf(lang, lang === replyLocale ? replyDir : 'ltr');
      const added: HTMLElement[] = [];
      let id = '';
      if (a.text) {
        id = nextId();
        added.push(h('div', { id, class: 'msg msg--bot', lang, dir }, h('p', null, ...bidiText(a.text, dir))));
      }
      if (a.attachments?.length) added.push(cards(a, lang, dir));
      for (const x of added) {
        el.log.append(x);
        first ??= x;
      }
      if (a.suggestedActions?.actions?.length) showChoices({ actions: a.suggestedActions.actions, lang, dir, labelledBy: id });
    }
    return first;
  }

  function showChoices(c: Choice | null) {
    choices = c;
    if (!c) {
      el.choiceBox.replaceChildren();
      el.choiceBox.removeAttribute('role');
      return;
    }
    setAttrs(el.choiceBox, { role: 'group', lang: c.lang, dir: c.dir, 'aria-labelledby': c.labelledBy || null, 'aria-label': c.labelledBy ? null : s('log.choices') });
    el.choiceBox.replaceChildren(
      ...c.actions.map((a) => {
        const b = h('button', { type: 'button', class: 'choice' }, ...bidiText(a.title, c.dir));
        b.addEventListener('click', () => void say({ value: a.value }, a.title, 'new'));
        return b;
      }),
    );
  }

  function cards(a: Activity, lang: string, dir: Dir): HTMLElement {
    const contacts = a.channelData?.contacts ?? [];
    const level = page ? 'h2' : 'h3';
    return h(
      'div',
      { class: 'cards', lang, dir },
      ...(a.attachments ?? []).map((att, i) => {
        const card = att.content;
        const c: Contact | undefined = contacts[i];
        const nameLang = c?.lang ?? lang;
        const state = c?.state ?? 'unknown';
        const lines: Child[] = c
          ? [
              c.description && h('p', { lang: c.descriptionLang ?? nameLang, dir: dirOf(c.descriptionLang ?? nameLang) }, c.description),
              c.serves && h('p', null, ...bidiText(c.serves, dir)),
              c.note && h('p', null, ...bidiText(c.note, dir)),
            ]
          : [card.text && h('p', null, ...bidiText(card.text, dir))];
        const actions = (card.buttons ?? []).map((b) => action(b, dir)).filter((x): x is HTMLAnchorElement => x !== null);
        return h(
          'article',
          { class: 'card' },
          h(level, { class: 'card__name', lang: nameLang, dir: dirOf(nameLang) }, c?.name ?? card.title ?? ''),
          h('p', { class: `badge badge--${state === 'always' ? 'open' : state}` }, ...bidiText(c?.status ?? card.subtitle ?? '', dir)),
          ...lines,
          actions.length ? h('p', { class: 'card__actions' }, ...actions) : null,
        );
      }),
    );
  }

  /** Only tel:, sms:, mailto: and https: links; anything else is not shown. */
  function action(b: CardAction, dir: Dir): HTMLAnchorElement | null {
    const url = String(b.value ?? '');
    if (/^tel:/i.test(url)) return h('a', { class: 'call', href: url }, ...bidiText(b.title, dir));
    if (/^(sms|mailto):/i.test(url)) return h('a', { class: 'link', href: url }, ...bidiText(b.title, dir));
    if (/^https:\/\//i.test(url)) return h('a', { class: 'link', href: url, target: '_blank', rel: 'noopener noreferrer' }, b.title);
    return null;
  }

  function focusOn(target: HTMLElement) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  }

  /** Scrolls the conversation (never the host page) so that `target` starts at the top. */
  function scrollTo(target: HTMLElement) {
    const box = el.scroll;
    const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - 8);
  }

  // ── leaving ────────────────────────────────────────────────────────────────────────────────
  function exitNow() {
    if (exiting) return;
    exiting = true;
    coverPage(s('exit.loading'));
    if (conversationId) endChat(o.origin, conversationId);
    conversationId = null;
    started = false;
    choices = null;
    skipRoot.replaceChildren();
    chatRoot.replaceChildren();
    leaveTo(exitUrl);
  }

  const shift = shiftWatcher({
    onPress: (n) => {
      el.status.textContent = s(n === 1 ? 'exit.pressTwoMoreTimes' : 'exit.pressOneMoreTime');
      lights(n);
    },
    onExpire: () => {
      el.status.textContent = s('exit.timedOut');
      lights(0);
    },
    onClear: () => (el.status.textContent = ''),
    onExit: exitNow,
  });
  function lights(n: number) {
    el.dots.classList.toggle('dots--on', n > 0);
    [...el.dots.children].forEach((d, i) => d.classList.toggle('on', i < n));
  }
  document.addEventListener('keyup', (e) => shift.keyup(e), true);

  // A page shown again from the back/forward cache must not stay blank and unusable.
  window.addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    uncoverPage();
    shift.reset();
    if (exiting) {
      exiting = false;
      mount();
    } else lights(0);
  });

  mount();
}
