/**
 * botbuilder's `Storage` over our `ConversationStore`, so that conversation state expires and can
 * be wiped (botbuilder's own MemoryStorage keeps every conversation for ever). Optimistic
 * concurrency with eTags, as botbuilder expects; the eTag is kept in front of the JSON so that
 * checking it costs no parse.
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';
import type { ConversationStore } from '../../storage/conversation-store.js';

function split(stored: string): { eTag: string; json: string } {
  const cut = stored.indexOf('\n');
  return { eTag: stored.slice(0, cut), json: stored.slice(cut + 1) };
}

export class ExpiringBotStorage implements Storage {
  #etag = 0;
  constructor(private readonly store: ConversationStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = await this.store.get(key);
      if (stored === undefined) continue;
      const { eTag, json } = split(stored);
      items[key] = { ...(JSON.parse(json) as StoreItem), eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...rest } = item as StoreItem;
      if (eTag && eTag !== '*') {
        const current = await this.store.get(key);
        if (current !== undefined && split(current).eTag !== eTag) throw new Error('eTag conflict for a conversation');
      }
      await this.store.set(key, `${++this.#etag}\n${JSON.stringify(rest)}`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(key);
  }
}
