/**
 * An in-process Bot Framework adapter: runs one turn and returns its replies, instead of posting
 * them to a channel. With `deliveryMode: expectReplies`, TurnContext buffers every reply.
 */
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder-core';

export class LocalAdapter extends BotAdapter {
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, { ...activity, deliveryMode: 'expectReplies' });
    try {
      await this.runMiddleware(context, logic);
      return context.bufferedReplyActivities;
    } finally {
      context.turnState.clear();
    }
  }

  // There is no channel to send to: every reply of this adapter goes back in the HTTP response.
  override async sendActivities(_context: TurnContext, _activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    throw new Error('LocalAdapter does not send proactively');
  }
  override async updateActivity(): Promise<void> {
    throw new Error('LocalAdapter cannot update activities');
  }
  override async deleteActivity(): Promise<void> {
    throw new Error('LocalAdapter cannot delete activities');
  }
  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('LocalAdapter cannot continue conversations');
  }
}
