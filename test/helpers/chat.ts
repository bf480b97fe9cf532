/**
 * A conversation held through the HTTP API, as a client would: start, type, press buttons.
 */
export interface Activity {
  type: string;
  text?: string;
  locale?: string;
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
  attachments?: { contentType: string; content: { title: string; subtitle?: string; text?: string; buttons?: { type: string; title: string; value: string }[] } }[];
  channelData?: { contacts?: { id: string; kind: string; name: string; phones: { tel: string; display: string }[] }[] };
}

export interface ChatResponse {
  status: number;
  conversationId: string | null;
  locale: string;
  dir: string;
  activities: Activity[];
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

export class Chat {
  id: string | null = null;
  last: ChatResponse | undefined;
  /** Every activity of the conversation so far. */
  readonly transcript: Activity[] = [];

  constructor(readonly url: string) {}

  async #send(body: Record<string, unknown>): Promise<ChatResponse> {
    const { status, json } = await post(this.url, { ...(this.id ? { conversationId: this.id } : {}), ...body });
    if (!json) throw new Error(`not JSON (status ${status})`);
    this.last = { status, ...json };
    this.id = json.conversationId;
    this.transcript.push(...json.activities);
    return this.last!;
  }

  start(extra: Record<string, unknown> = {}): Promise<ChatResponse> {
    this.id = null;
    return this.#send({ type: 'start', ...extra });
  }
  say(text: string, extra: Record<string, unknown> = {}): Promise<ChatResponse> {
    return this.#send({ text, ...extra });
  }
  press(value: string): Promise<ChatResponse> {
    return this.#send({ value });
  }

  /** The texts of the last answer. */
  get texts(): string[] {
    return (this.last?.activities ?? []).map((a) => a.text ?? '').filter(Boolean);
  }
  /** The buttons offered by the last answer, as [value, title]. */
  get choices(): { value: string; title: string }[] {
    const withActions = [...(this.last?.activities ?? [])].reverse().find((a) => a.suggestedActions);
    return withActions?.suggestedActions?.actions.map((a) => ({ value: a.value, title: a.title })) ?? [];
  }
  get choiceValues(): string[] {
    return this.choices.map((c) => c.value);
  }
  /** Contact cards of the last answer, in order. */
  get cards(): NonNullable<Activity['attachments']>[number]['content'][] {
    return (this.last?.activities ?? []).flatMap((a) => (a.attachments ?? []).map((x) => x.content));
  }
  get contacts(): NonNullable<NonNullable<Activity['channelData']>['contacts']> {
    return (this.last?.activities ?? []).flatMap((a) => a.channelData?.contacts ?? []);
  }
}
