/**
 * Assembles the conversation: words and flows (validated), matchers, the engine, the Bot
 * Framework runtime and the chat service. Start-up fails here, with a message naming the file and
 * the step, when a flow or a locale is broken.
 */
import type { DirectoryService } from '../directory/service.js';
import type { Geo } from '../geo/kommuner.js';
import type { KommunMatcher } from '../geo/kommun-match.js';
import type { Texts } from '../i18n/bundle.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import type { StatsSink } from '../stats/sink.js';
import type { ConversationStore } from '../storage/conversation-store.js';
import { createBotRuntime, type BotRuntime } from './botframework/bot.js';
import { Renderer } from './botframework/render.js';
import { Engine } from './engine.js';
import type { Flow } from './flow/schema.js';
import { FlowError, loadFlows } from './flow/validate.js';
import { Matchers } from './matching/matchers.js';
import { ChatService } from './service.js';

export interface ConversationDeps {
  texts: Texts;
  geo: Geo;
  kommuner: KommunMatcher;
  directory: DirectoryService;
  store: ConversationStore;
  stats: StatsSink;
  maxConversations: number;
  now?: () => Date;
  /** Flows already loaded (tests); otherwise read from dialogs/. */
  flows?: Map<string, Flow>;
}

export interface Conversation {
  engine: Engine;
  runtime: BotRuntime;
  service: ChatService;
  renderer: Renderer;
}

export function buildConversation(deps: ConversationDeps): Conversation {
  const flows = deps.flows ?? loadFlows(deps.texts);
  const flow = flows.get('triage');
  if (!flow) throw new Error('dialogs/: no flow with id "triage"');
  const now = deps.now ?? (() => new Date());
  const languageNames = new Map<Locale, string>(LOCALES.filter((l) => deps.texts.meta(l)).map((l) => [l, deps.texts.meta(l)!.nativeName]));
  const matchers = new Matchers(flow, deps.texts);
  if (matchers.problems.length) throw new FlowError(matchers.problems);
  const engine = new Engine({
    flow,
    matchers,
    geo: deps.geo,
    kommuner: deps.kommuner,
    route: (answers) => deps.directory.route(answers, now()),
    languageNames,
  });
  const renderer = new Renderer({ texts: deps.texts, geo: deps.geo, directory: () => deps.directory.current() });
  const runtime = createBotRuntime({ engine, renderer, store: deps.store });
  const service = new ChatService(runtime, deps.stats, {
    maxConversations: deps.maxConversations,
    liveConversations: () => deps.store.size(),
    now,
    busyText: (locale) => deps.texts.t(locale)('chat:system.busy'),
  });
  return { engine, runtime, service, renderer };
}
