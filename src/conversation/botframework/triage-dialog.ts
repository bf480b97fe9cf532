/**
 * One Dialog that runs the flow engine. The engine's state is the dialog's instance state, so it
 * is saved and expires with the conversation like any botbuilder dialog.
 */
import type { TurnContext } from 'botbuilder-core';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { eventOnce, type ConversationEvent, type ConversationState, type Engine, type TurnInput, type TurnResult } from '../engine.js';
import type { Locale } from '../../i18n/locales.js';
import type { Renderer } from './render.js';

export interface StartOptions {
  locale: Locale;
  siteKommun?: string;
  /** The person wrote in a conversation that had expired. */
  expired?: boolean;
  /** What she wrote then, checked for danger words only. */
  text?: string;
}

/** What a turn leaves for the runtime besides the replies. */
export interface TurnOutcome {
  events: ConversationEvent[];
  ended: boolean;
  locale: Locale;
  kommun: string | null | undefined;
  /** The kommun of the site that embeds the chat (counts before the kommun question go there). */
  siteKommun: string | undefined;
}
export const OUTCOME = Symbol('vagvisaren.turn-outcome');

export interface Instance {
  conv: ConversationState;
}

export class TriageDialog extends Dialog<StartOptions> {
  constructor(
    id: string,
    private readonly engine: Engine,
    private readonly renderer: Renderer,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: StartOptions): Promise<DialogTurnResult> {
    const locale = options?.locale ?? 'sv';
    const result = this.engine.start({ locale, siteKommun: options?.siteKommun });
    if (options?.expired) {
      const prefix = this.engine.resumeNotice(result.state!, options.text ?? '');
      result.replies.unshift(...prefix.replies);
      result.events.push(...prefix.events);
      result.state!.counted = [...new Set([...(result.state!.counted ?? []), ...prefix.events.map(eventOnce)])];
    }
    return this.#apply(dc, result, undefined, locale);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const instance = dc.activeDialog!.state as Instance;
    const activity = dc.context.activity;
    const input: TurnInput = {};
    if (typeof activity.value === 'object' && activity.value && typeof (activity.value as { choice?: unknown }).choice === 'string') input.value = (activity.value as { choice: string }).choice;
    else if (typeof activity.text === 'string') input.text = activity.text;
    const requested = (activity.channelData as { locale?: Locale } | undefined)?.locale;
    if (requested) input.locale = requested;
    return this.#apply(dc, this.engine.turn(instance.conv, input), instance.conv, instance.conv.locale);
  }

  async #apply(dc: DialogContext, result: TurnResult, previous: ConversationState | undefined, fallbackLocale: Locale): Promise<DialogTurnResult> {
    const locale = result.state?.locale ?? previous?.locale ?? fallbackLocale;
    // After "exit" the state is gone; the counters still need the kommun it had.
    recordOutcome(dc.context, {
      events: result.events,
      ended: result.state === null,
      locale,
      kommun: (result.state ?? previous)?.answers.kommun,
      siteKommun: (result.state ?? previous)?.siteKommun,
    });
    const activities = this.renderer.render(result.replies, locale);
    if (activities.length) await dc.context.sendActivities(activities);
    if (result.state === null) return dc.endDialog();
    (dc.activeDialog!.state as Instance).conv = result.state;
    return Dialog.EndOfTurn;
  }
}

function recordOutcome(context: TurnContext, outcome: TurnOutcome): void {
  context.turnState.set(OUTCOME, outcome);
}
