/**
 * A contact card as a person reads it, in her language: name, open-now status, numbers in Swedish
 * form with tel: links, and who the service is for. Shared by the chat and the admin preview so
 * that the preview is exactly what the bot shows.
 */
import type { TFunction } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js';
import type { HoursStatus, Moment } from './hours.js';
import { formatSwedishPhone, telUri } from './phone.js';
import type { ContactCard } from './route.js';
import { WEEKDAYS, type LocalizedText, type Phone, type ServiceKind, type ServiceRecord } from './schema.js';

export interface PhoneView {
  /** As stored: E.164 or a short number. */
  number: string;
  /** Swedish form: "020-50 50 50". */
  display: string;
  tel: string;
  label?: string;
  hiddenOnBill?: boolean;
}

export interface ContactView {
  id: string;
  kind: ServiceKind;
  name: string;
  /** The open-now status in words. */
  status: string;
  state: HoursStatus['state'];
  description?: string;
  /** Who it is for, in words ("För kvinnor."). */
  serves?: string;
  note?: string;
  phones: PhoneView[];
  sms: PhoneView[];
  web?: string;
  chat?: string;
  email?: string;
  local: boolean;
  lastVerified?: string;
  /** The language of the name (Swedish when a record has no translation: names are what people hear on the phone). */
  lang: Locale;
  /** The language of the description, which is more often translated than the name. */
  descriptionLang?: Locale;
}

export function localized(text: LocalizedText | undefined, locale: Locale): { text: string; lang: Locale } | undefined {
  if (!text) return undefined;
  const own = text[locale];
  if (own) return { text: own, lang: locale };
  // Easy Swedish reads plain Swedish better than nothing.
  return { text: text.sv, lang: DEFAULT_LOCALE };
}

function phoneView(p: Phone, locale: Locale): PhoneView {
  const label = localized(p.label, locale)?.text;
  return {
    number: p.number,
    display: p.display ?? formatSwedishPhone(p.number),
    tel: telUri(p.number),
    ...(label ? { label } : {}),
    ...(p.hiddenOnBill !== undefined ? { hiddenOnBill: p.hiddenOnBill } : {}),
  };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "closes 17:00", "opens tomorrow 08:00", "opens Monday 08:00" — midnight reads as 24:00 of the day before. */
function momentWords(t: TFunction, m: Moment, today: string, tomorrow: string, other: string): string {
  let { dayOffset, weekday, minutes } = m;
  if (minutes === 0 && dayOffset > 0) {
    dayOffset -= 1;
    weekday = (weekday + 6) % 7;
    minutes = 1440;
  }
  const time = minutes === 1440 ? '24:00' : clock(minutes);
  if (dayOffset === 0) return t(today, { time });
  if (dayOffset === 1) return t(tomorrow, { time });
  return t(other, { time, day: t(`directory:weekday.${WEEKDAYS[weekday]}`) });
}

export function statusWords(t: TFunction, card: Pick<ContactCard, 'status' | 'kind' | 'likely'>): string {
  const s = card.status;
  switch (s.state) {
    case 'always':
      return t('directory:status.always');
    case 'open':
      return momentWords(t, s.closes, 'directory:status.openUntil', 'directory:status.openUntilTomorrow', 'directory:status.openUntilDay');
    case 'closed':
      return s.opens ? momentWords(t, s.opens, 'directory:status.opensToday', 'directory:status.opensTomorrow', 'directory:status.opensDay') : t('directory:status.closed');
    case 'unknown':
      if (card.kind === 'socialtjanst') return t('directory:status.officeHours');
      if (card.kind === 'socialjour') return t('directory:status.afterOfficeHours');
      return t('directory:status.unknown');
  }
}

function servesWords(t: TFunction, r: ServiceRecord): string | undefined {
  const parts: string[] = [];
  const g = r.serves.genders;
  if (g.length === 1) parts.push(t({ woman: 'directory:serves.women', man: 'directory:serves.men', 'trans-nonbinary': 'directory:serves.transNonbinary' }[g[0]!]));
  if (r.serves.maxAge !== undefined) parts.push(t('directory:serves.underAge', { age: r.serves.maxAge + 1 }));
  else if (r.serves.minAge !== undefined) parts.push(t('directory:serves.fromAge', { age: r.serves.minAge }));
  return parts.length ? parts.join(' ') : undefined;
}

export function presentCard(card: ContactCard, t: TFunction, locale: Locale, kommunName: (code: string) => string): ContactView {
  const status = statusWords(t, card);
  const base = { kind: card.kind, status, state: card.status.state, local: card.local };
  const src = card.source;
  if (src.type === 'kommun-socialtjanst') {
    return {
      ...base,
      id: 'kommun-socialtjanst',
      name: src.kommun ? t('directory:fallback.socialtjanst.name', { kommun: kommunName(src.kommun) }) : t('directory:fallback.socialtjanst.nameNoKommun'),
      note: t('directory:fallback.socialtjanst.text'),
      phones: [],
      sms: [],
      lang: locale,
    };
  }
  if (src.type === 'socialjour-via-polis') {
    return {
      ...base,
      id: 'socialjour-via-polis',
      name: t('directory:fallback.socialjour.name'),
      note: src.kommun ? t('directory:fallback.socialjour.text', { kommun: kommunName(src.kommun) }) : t('directory:fallback.socialjour.textNoKommun'),
      phones: src.police.phones.map((p) => phoneView(p, locale)),
      sms: [],
      lastVerified: src.police.lastVerified,
      lang: locale,
    };
  }
  const r = src.record;
  const name = localized(r.name, locale)!;
  const description = localized(r.description, locale);
  const serves = servesWords(t, r);
  const hidden = r.phones.some((p) => p.hiddenOnBill) ? t('directory:hiddenOnBill') : undefined;
  const note = [card.reason === 'after-hours' ? t('directory:afterHoursNote') : undefined, hidden].filter(Boolean).join(' ');
  return {
    ...base,
    id: r.id,
    name: name.text,
    ...(description ? { description: description.text, descriptionLang: description.lang } : {}),
    ...(serves ? { serves } : {}),
    ...(note ? { note } : {}),
    phones: r.phones.map((p) => phoneView(p, locale)),
    sms: r.sms.map((p) => phoneView(p, locale)),
    ...(r.web ? { web: r.web } : {}),
    ...(r.chat ? { chat: r.chat } : {}),
    ...(r.email ? { email: r.email } : {}),
    lastVerified: r.lastVerified,
    lang: name.lang,
  };
}

export interface CardButton {
  /** Bot Framework action types: "call" (tel:) or "openUrl". */
  type: 'call' | 'openUrl';
  title: string;
  value: string;
}

/** What a contact card shows, in order: the chat's hero card and the admin's preview both use it. */
export function cardContent(view: ContactView, t: TFunction): { title: string; subtitle: string; text: string; buttons: CardButton[] } {
  const buttons: CardButton[] = [
    ...view.phones.map((p): CardButton => ({ type: 'call', title: t('directory:button.call', { number: p.display }), value: p.tel })),
    ...view.sms.map((p): CardButton => ({ type: 'openUrl', title: t('directory:button.sms', { number: p.display }), value: `sms:${p.number}` })),
    ...(view.chat ? [{ type: 'openUrl', title: t('directory:button.chat'), value: view.chat } as CardButton] : []),
    ...(view.web ? [{ type: 'openUrl', title: t('directory:button.web'), value: view.web } as CardButton] : []),
    ...(view.email ? [{ type: 'openUrl', title: t('directory:button.email'), value: `mailto:${view.email}` } as CardButton] : []),
  ];
  return { title: view.name, subtitle: view.status, text: [view.description, view.serves, view.note].filter(Boolean).join(' '), buttons };
}
