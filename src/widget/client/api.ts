/**
 * The widget talks to one server only: the one it was loaded from. No cookies go either way
 * (`credentials: 'omit'`), nothing is cached, and no Referer tells the server which page she was on.
 */
import type { WidgetConfig } from '../contract.js';

export interface CardAction {
  type: string;
  title: string;
  value: string;
}
export interface ContactPhone {
  display: string;
  tel: string;
}
export interface Contact {
  name: string;
  status: string;
  state: 'open' | 'closed' | 'always' | 'unknown';
  description?: string;
  serves?: string;
  note?: string;
  phones: ContactPhone[];
  /** The language of the name; the description's may differ (descriptionLang). */
  lang: string;
  descriptionLang?: string;
}
export interface Activity {
  type: string;
  text?: string;
  locale?: string;
  suggestedActions?: { actions: CardAction[] };
  attachments?: { contentType: string; content: { title?: string; subtitle?: string; text?: string; buttons?: CardAction[] } }[];
  channelData?: { contacts?: Contact[] };
}
export interface ChatReply {
  conversationId: string | null;
  locale: string;
  dir: 'ltr' | 'rtl';
  activities: Activity[];
}
export interface ChatRequest {
  conversationId?: string;
  type?: 'start';
  text?: string;
  value?: string;
  locale?: string;
  languages?: string[];
  kommun?: string;
}

const INIT: RequestInit = { mode: 'cors', credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' };

/** The browser's languages as the API accepts them. */
export function browserLanguages(): string[] {
  const list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return list.filter((l) => typeof l === 'string' && l.length <= 35).slice(0, 20);
}

export async function fetchConfig(origin: string, lang: string | undefined): Promise<WidgetConfig> {
  const q = new URLSearchParams({ languages: browserLanguages().join(',') });
  if (lang) q.set('lang', lang);
  const res = await fetch(`${origin}/widget/config?${q}`, INIT);
  if (!res.ok) throw new Error(`config ${res.status}`);
  return (await res.json()) as WidgetConfig;
}

/** One turn. Resolves to the reply (also for 503 "busy", which carries words to show), or rejects. */
export async function postChat(origin: string, body: ChatRequest): Promise<ChatReply> {
  const res = await fetch(`${origin}/api/chat`, { ...INIT, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => undefined)) as ChatReply | undefined;
  if (!json || !Array.isArray(json.activities)) throw new Error(`chat ${res.status}`);
  return json;
}

/** Asks the server to forget the conversation; survives the page going away. */
export function endChat(origin: string, conversationId: string): void {
  const url = `${origin}/api/chat/${encodeURIComponent(conversationId)}/end`;
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
  } catch {
    // fall through to fetch
  }
  void fetch(url, { ...INIT, method: 'POST', keepalive: true }).catch(() => undefined);
}
