/**
 * botbuilder's `Storage` over our `ConversationStore`, so that conversation state expires and can
 * be wiped (botbuilder's own MemoryStorage keeps every conversation for ever). Optimistic
 * concurrency with eTags, as botbuilder expects.
 */
import type { Storage, StoreItems } from 'botbuilder-core';
import type { ConversationStore } from '../../storage/conversation-store.js';

export class ExpiringBotStorage implements Storage {
  #etag = 0;
  constructor(private readonly store: ConversationStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const json = await this.store.get(key);
      if (json !== undefined) items[key] = JSON.parse(json);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const eTag = (item as { eTag?: string }).eTag;
      if (eTag && eTag !== '*') {
        const current = await this.store.get(key);
        if (current !== undefined && (JSON.parse(current) as { eTag?: string }).eTag !== eTag) throw new Error(`eTag conflict for a conversation`);
      }
      await this.store.set(key, JSON.stringify({ ...item, eTag: String(++this.#etag) }));
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) await this.store.delete(key);
  }
}
