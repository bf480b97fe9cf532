/**
 * Engine replies → Bot Framework Activities in the person's language: texts, questions with
 * suggested actions (imBack buttons), and contacts as hero cards with tel: buttons and the
 * structured contact in channelData for richer clients.
 */
import { ActionTypes, ActivityTypes, CardFactory, InputHints, type Activity, type Attachment, type CardAction } from 'botbuilder-core';
import type { Directory } from '../../directory/directory.js';
import { cardContent, presentCard, type ContactView } from '../../directory/present.js';
import type { ContactCard } from '../../directory/route.js';
import type { Geo } from '../../geo/kommuner.js';
import type { Texts } from '../../i18n/bundle.js';
import { direction, type Locale } from '../../i18n/locales.js';
import type { Label, Reply } from '../engine.js';

export interface RenderDeps {
  texts: Texts;
  geo: Geo;
  directory: () => Directory;
}

const FROM = { id: 'vagvisaren', name: 'Vägvisaren', role: 'bot' };

function message(text: string, locale: Locale, extra: Partial<Activity> = {}): Partial<Activity> {
  return { type: ActivityTypes.Message, from: FROM, text, textFormat: 'plain', locale, inputHint: InputHints.AcceptingInput, ...extra };
}

function heroCard(view: ContactView, texts: Texts, locale: Locale): Attachment {
  const card = cardContent(view, texts.t(locale));
  const buttons: CardAction[] = card.buttons.map((b) => ({ type: b.type === 'call' ? ActionTypes.Call : ActionTypes.OpenUrl, title: b.title, value: b.value }));
  return CardFactory.heroCard(card.title, card.text, undefined, buttons, { subtitle: card.subtitle });
}

export class Renderer {
  constructor(private readonly deps: RenderDeps) {}

  #label(label: Label, locale: Locale): string {
    return 'key' in label ? this.deps.texts.t(label.locale ?? locale)(label.key, label.params) : label.text;
  }

  #kommunName = (code: string): string => this.deps.geo.kommun(code)?.name ?? code;

  /** The structured contact for one routed card. */
  view(card: ContactCard, locale: Locale): ContactView {
    return presentCard(card, this.deps.texts.t(locale), locale, this.#kommunName);
  }

  #cards(cards: ContactCard[], locale: Locale): Partial<Activity> {
    const views = cards.map((c) => this.view(c, locale));
    return message('', locale, {
      text: undefined,
      attachmentLayout: 'list',
      attachments: views.map((v) => heroCard(v, this.deps.texts, locale)),
      channelData: { contacts: views },
    });
  }

  render(replies: readonly Reply[], locale: Locale): Partial<Activity>[] {
    const t = this.deps.texts.t(locale);
    const out: Partial<Activity>[] = [];
    for (const reply of replies) {
      switch (reply.type) {
        case 'text': {
          const lng = reply.locale ?? locale;
          out.push(message(this.deps.texts.t(lng)(reply.key, reply.params), lng));
          break;
        }
        case 'question': {
          const lng = reply.locale ?? locale;
          out.push(
            message(this.deps.texts.t(lng)(reply.key, reply.params), lng, {
              inputHint: InputHints.ExpectingInput,
              suggestedActions: {
                to: [],
                actions: reply.choices.map((c) => ({ type: ActionTypes.ImBack, title: this.#label(c.label, lng), value: c.value })),
              },
            }),
          );
          break;
        }
        case 'emergency': {
          const record = this.deps.directory().national.find((r) => r.kind === 'emergency');
          if (record) out.push(this.#cards([{ source: { type: 'record', record }, kind: 'emergency', status: { state: 'always' }, local: false, score: 0, reason: 'emergency' }], locale));
          break;
        }
        case 'contacts': {
          const { result, kommun } = reply;
          const count = result.cards.length;
          out.push(message(kommun ? t('chat:result.intro', { kommun: this.#kommunName(kommun), count }) : t('chat:result.introNational', { count }), locale));
          if (kommun && !result.localMatched) out.push(message(t('chat:result.noLocal', { kommun: this.#kommunName(kommun) }), locale));
          else if (result.afterHours) out.push(message(t('chat:result.afterHours'), locale));
          out.push(this.#cards(result.cards, locale));
          break;
        }
      }
    }
    return out;
  }
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
  return direction(locale);
}
