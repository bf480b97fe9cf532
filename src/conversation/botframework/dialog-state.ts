/**
 * The dialog stack of one conversation, read once and written once per turn through the botbuilder
 * `Storage` interface. (botbuilder's ConversationState does the same, but stringifies and hashes
 * the whole state three times a turn to find out whether it changed; the stack changes on every
 * turn anyway.)
 */
import type { StatePropertyAccessor, Storage, TurnContext } from 'botbuilder-core';
import type { DialogState } from 'botbuilder-dialogs';

const CACHE = Symbol('vagvisaren.dialog-state');
interface Cached {
  key: string;
  eTag?: string;
  state: DialogState | undefined;
  deleted?: boolean;
}

/** The storage key of a conversation: the same form botbuilder's ConversationState uses. */
export function conversationKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}

export class DialogStateStore implements StatePropertyAccessor<DialogState> {
  constructor(private readonly storage: Storage) {}

  async #load(context: TurnContext): Promise<Cached> {
    let cached = context.turnState.get(CACHE) as Cached | undefined;
    if (!cached) {
      const key = conversationKey(context.activity.channelId, context.activity.conversation.id);
      const item = (await this.storage.read([key]))[key] as { dialogState?: DialogState; eTag?: string } | undefined;
      cached = { key, state: item?.dialogState, ...(item?.eTag ? { eTag: item.eTag } : {}) };
      context.turnState.set(CACHE, cached);
    }
    return cached;
  }

  async get(context: TurnContext, defaultValue?: DialogState): Promise<DialogState> {
    const cached = await this.#load(context);
    if (cached.state === undefined && defaultValue !== undefined) cached.state = structuredClone(defaultValue);
    return cached.state as DialogState;
  }

  async set(context: TurnContext, value: DialogState): Promise<void> {
    (await this.#load(context)).state = value;
  }

  async delete(context: TurnContext): Promise<void> {
    const cached = await this.#load(context);
    cached.state = undefined;
    cached.deleted = true;
  }

  /** Writes the turn's state (or deletes it when the conversation ended). */
  async save(context: TurnContext, ended: boolean): Promise<void> {
    const cached = context.turnState.get(CACHE) as Cached | undefined;
    if (!cached) return;
    if (ended || cached.deleted || !cached.state) await this.storage.delete([cached.key]);
    else await this.storage.write({ [cached.key]: { dialogState: cached.state, eTag: cached.eTag ?? '*' } });
  }
}
