/**
 * The bot (an ActivityHandler running the triage dialog) and the runtime the chat API calls.
 * The runtime is the boundary: it takes plain inputs, builds the Activity, runs the turn through
 * the in-process adapter and returns the reply Activities and what the turn means for statistics.
 */
import { randomUUID } from 'node:crypto';
import { ActivityHandlerBase, ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { negotiateLocale, type Locale } from '../../i18n/locales.js';
import type { ConversationStore } from '../../storage/conversation-store.js';
import type { Engine } from '../engine.js';
import { ExpiringBotStorage } from './bot-storage.js';
import { conversationKey, DialogStateStore } from './dialog-state.js';
import { LocalAdapter } from './local-adapter.js';
import type { Renderer } from './render.js';
import { OUTCOME, TriageDialog, type Instance, type StartOptions, type TurnOutcome } from './triage-dialog.js';

/** The channel id of our own chat API (and the widget). */
export const LOCAL_CHANNEL = 'vagvisaren';
const START_EVENT = 'vagvisaren/start';
const DIALOG_ID = 'triage';
/** botbuilder-dialogs' own (unexported) turn-state key for the state manager's configuration. */
const STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * The bot: starts the triage dialog on our start event, continues it on messages. Built on
 * ActivityHandlerBase (the lean form of ActivityHandler, without its per-turn event chain).
 */
export class TriageBot extends ActivityHandlerBase {
  /** The memory scopes and path resolvers of botbuilder-dialogs' state manager, built once (see #context). */
  #stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    private readonly dialogState: DialogStateStore,
    private readonly dialogs: DialogSet,
  ) {
    super();
  }

  /**
   * A DialogContext for this turn. botbuilder-dialogs builds its memory scopes anew on every turn (a
   * service collection, a dependency graph and a zod check per registered component), a good part of
   * the cost of a turn; they hold no state of their own, so the first turn's set is handed to every
   * later turn through the turn state key that the SDK itself uses to share them within a turn.
   */
  async #context(context: TurnContext): Promise<DialogContext> {
    if (this.#stateConfiguration) context.turnState.set(STATE_CONFIGURATION_KEY, this.#stateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.#stateConfiguration ??= dc.state.configuration;
    return dc;
  }

  protected override async onEventActivity(context: TurnContext): Promise<void> {
    if (context.activity.name !== START_EVENT) return;
    const dc = await this.#context(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(DIALOG_ID, context.activity.value as StartOptions);
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    const dc = await this.#context(context);
    const result = await dc.continueDialog();
    if (result.status !== DialogTurnStatus.empty) return;
    // On our own channel a message without a dialog means the conversation expired; on a Bot
    // Framework channel (Teams, Web Chat via Azure) it is simply the first message.
    const local = context.activity.channelId === LOCAL_CHANNEL;
    const options: StartOptions = {
      locale: negotiateLocale([context.activity.locale ?? '']),
      ...(local ? { expired: true, text: context.activity.text ?? '' } : {}),
    };
    await dc.beginDialog(DIALOG_ID, options);
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    const outcome = context.turnState.get(OUTCOME) as TurnOutcome | undefined;
    await this.dialogState.save(context, outcome?.ended ?? false);
  }
}

export interface BotTurn {
  activities: Partial<Activity>[];
  outcome: TurnOutcome;
}

/** What the chat API needs from the bot, in plain terms. */
export interface BotRuntime {
  start(conversationId: string, options: StartOptions): Promise<BotTurn>;
  message(conversationId: string, input: { text?: string; value?: string; locale?: Locale }): Promise<BotTurn>;
  exists(conversationId: string): Promise<boolean>;
  /** Wipes a conversation; for one that existed, what its end means for statistics. */
  end(conversationId: string): Promise<TurnOutcome | undefined>;
  /** For a Bot Framework channel adapter (see channel.ts). */
  readonly bot: TriageBot;
}

/** The parts of a reply a client uses; routing fields (serviceUrl, conversation, replyToId …) stay inside. */
const CLIENT_FIELDS = ['type', 'from', 'text', 'textFormat', 'locale', 'inputHint', 'suggestedActions', 'attachmentLayout', 'attachments', 'channelData'] as const;
function forClient(activity: Partial<Activity>): Partial<Activity> {
  const out: Partial<Activity> = {};
  for (const field of CLIENT_FIELDS) if (activity[field] !== undefined) (out as Record<string, unknown>)[field] = activity[field];
  return out;
}

export function createBotRuntime(deps: { engine: Engine; renderer: Renderer; store: ConversationStore }): BotRuntime {
  const storage = new ExpiringBotStorage(deps.store);
  const dialogState = new DialogStateStore(storage);
  const dialogs = new DialogSet(dialogState);
  dialogs.add(new TriageDialog(DIALOG_ID, deps.engine, deps.renderer));
  const bot = new TriageBot(dialogState, dialogs);
  const adapter = new LocalAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };

  const key = (conversationId: string) => conversationKey(LOCAL_CHANNEL, conversationId);
  const base = (conversationId: string): Partial<Activity> => ({
    id: randomUUID(),
    channelId: LOCAL_CHANNEL,
    serviceUrl: 'urn:vagvisaren:local',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'visitor', name: '', role: 'user' },
    recipient: { id: 'vagvisaren', name: 'Vägvisaren', role: 'bot' },
  });

  async function run(activity: Partial<Activity>): Promise<BotTurn> {
    let outcome: TurnOutcome | undefined;
    const activities = await adapter.process(activity, async (context) => {
      await bot.run(context);
      outcome = context.turnState.get(OUTCOME) as TurnOutcome | undefined;
    });
    return {
      activities: activities.filter((a) => a.type === ActivityTypes.Message).map(forClient),
      outcome: outcome ?? { events: [], ended: false, locale: 'sv', kommun: undefined, siteKommun: undefined },
    };
  }

  return {
    bot,
    start: (conversationId, options) => run({ ...base(conversationId), type: ActivityTypes.Event, name: START_EVENT, value: options, locale: options.locale }),
    message: (conversationId, input) =>
      run({
        ...base(conversationId),
        type: ActivityTypes.Message,
        // No text at all (a language picked from a menu) must not read as an empty answer.
        ...(input.value !== undefined ? { value: { choice: input.value }, text: input.value } : input.text !== undefined ? { text: input.text } : {}),
        ...(input.locale ? { locale: input.locale, channelData: { locale: input.locale } } : {}),
      }),
    exists: (conversationId) => deps.store.has(key(conversationId)),
    end: async (conversationId) => {
      const k = key(conversationId);
      const item = (await storage.read([k]))[k] as { dialogState?: DialogState } | undefined;
      const conv = (item?.dialogState?.dialogStack[0]?.state as Instance | undefined)?.conv;
      if (!(await deps.store.delete(k)) || !conv) return undefined;
      return { events: [{ type: 'exit' }], ended: true, locale: conv.locale, kommun: conv.answers.kommun, siteKommun: conv.siteKommun };
    },
  };
}
