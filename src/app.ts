/**
 * The composition root: builds every capability from the configuration and mounts it on one
 * Express app. Storage is chosen here and nowhere else.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import { authorizeStats, createAdmin, STAFF_AUTH, type AdminModule } from './admin/index.js';
import type { Config } from './config.js';
import { buildConversation, type Conversation } from './conversation/build.js';
import { mountChannel } from './conversation/botframework/channel.js';
import { acceptLanguages, chatRouter } from './conversation/http.js';
import type { Flow } from './conversation/flow/schema.js';
import { loadRoutingTable } from './directory/routing-table.js';
import { DirectoryService } from './directory/service.js';
import type { ServiceRecord } from './directory/schema.js';
import { loadGeo, type Geo } from './geo/kommuner.js';
import { KommunMatcher } from './geo/kommun-match.js';
import { errorHandler, notFound } from './http/errors.js';
import { loadLocaleBundles, Texts } from './i18n/bundle.js';
import { direction, negotiateLocale } from './i18n/locales.js';
import { rateLimit } from './http/rate-limit.js';
import { CounterSink } from './stats/counter-sink.js';
import { statsRouter } from './stats/routes.js';
import { LowdbCountersRepository } from './storage/counters-repository.js';
import { MemoryConversationStore, type ConversationStore } from './storage/conversation-store.js';
import { LowdbDirectoryRepository } from './storage/directory-repository.js';
import { dataFile } from './storage/json-db.js';
import { acquireLock } from './storage/lock.js';
import { widgetRouter } from './widget/routes.js';

export interface AppOptions {
  config: Config;
  /** The clock (tests fix it). */
  now?: () => Date;
  /** Keep everything in memory, write nothing (tests). */
  inMemory?: boolean;
  /** Extra routes mounted before the 404 handler (the benchmarks' comparison endpoints). */
  mount?: (app: Express) => void;
  /** Replace shipped data (tests). */
  shippedDirectory?: () => ServiceRecord[];
  flows?: Map<string, Flow>;
  texts?: Texts;
  /** scrypt cost for staff passwords (tests lower it; the default is strong). */
  scryptN?: number;
}

export interface App {
  express: Express;
  config: Config;
  geo: Geo;
  texts: Texts;
  directory: DirectoryService;
  conversation: Conversation;
  conversations: ConversationStore;
  stats: CounterSink;
  statsStore: LowdbCountersRepository;
  admin: AdminModule;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const dataDir = options.inMemory ? undefined : config.dataDir;

  // One writer per data folder (lowdb): a second server or a command-line import must wait.
  const lock = dataDir ? acquireLock(dataDir) : undefined;
  const geo = loadGeo();
  const kommuner = KommunMatcher.load(geo);
  const texts = options.texts ?? new Texts(loadLocaleBundles());
  const repo = await LowdbDirectoryRepository.open(dataFile(dataDir, 'directory.json'), { now });
  const directory = await DirectoryService.open({ repo, geo, table: loadRoutingTable(), ...(options.shippedDirectory ? { shipped: options.shippedDirectory } : {}) });
  const conversations = new MemoryConversationStore({ ttlMs: config.conversationTtlMs, maxEntries: config.maxConversations, now: () => now().getTime() });
  const statsStore = await LowdbCountersRepository.open(dataFile(dataDir, 'stats.json'));
  const stats = new CounterSink(statsStore, geo, { flushMs: config.statsFlushMs }).start();
  const conversation = buildConversation({
    texts,
    geo,
    kommuner,
    directory,
    store: conversations,
    stats,
    maxConversations: config.maxConversations,
    now,
    ...(options.flows ? { flows: options.flows } : {}),
  });

  const admin = await createAdmin({ config, geo, texts, directory, now, dataDir, ...(options.scryptN ? { scryptN: options.scryptN } : {}) });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);
  app.use(
    helmet({
      // The widget script and the chat API are used from kommun pages on other origins.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  const limiter = rateLimit({
    limit: config.chatRateLimitPerMinute,
    windowMs: 60_000,
    now: () => now().getTime(),
    refuse: (req, retryAfter) => {
      const locale = negotiateLocale(acceptLanguages(req.get('accept-language')));
      return {
        error: 'rate_limited',
        message: `Too many requests from this network. Try again in ${retryAfter} seconds. In an emergency, call 112.`,
        conversationId: null,
        locale,
        dir: direction(locale),
        activities: [{ type: 'message', text: texts.t(locale)('chat:system.busy'), textFormat: 'plain', locale }],
      };
    },
  });
  app.use(chatRouter(conversation.service, config.allowedOrigins, limiter));
  app.use(widgetRouter({ texts, geo, config }));
  const statsPages = statsRouter({
    store: statsStore,
    geo,
    texts,
    now,
    authorize: authorizeStats,
    threshold: config.smallCountThreshold,
    graceMs: config.statsFlushMs + 60_000,
  });
  app.use(statsPages);
  if (config.microsoftApp) mountChannel(app, config.microsoftApp, conversation.runtime.bot);
  // Staff only; nothing on the help-seekers' pages links here.
  app.locals[STAFF_AUTH] = admin.auth;
  app.use('/admin', admin.router);
  options.mount?.(app);
  app.use(notFound);
  app.use(errorHandler);

  return {
    express: app,
    config,
    geo,
    texts,
    directory,
    conversation,
    conversations,
    stats,
    statsStore,
    admin,
    async close() {
      await stats.close();
      await statsPages.close();
      await repo.flush();
      await admin.close();
      await conversations.close();
      lock?.release();
    },
  };
}
