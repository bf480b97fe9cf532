/**
 * The benchmark server: Vägvisaren as `npm start` runs it, plus two comparison endpoints in the same
 * process and behind the same middleware, so that ratios compare like with like:
 *   POST /bench/express        a bare Express JSON endpoint
 *   POST /bench/botframework   the Bot Framework echo-bot sample, through botbuilder's CloudAdapter
 * Never mounted in the product: CloudAdapter without credentials would post to any serviceUrl.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const app = await createApp({
  config: loadConfig({ ...process.env, CHAT_RATE_LIMIT_PER_MINUTE: '10000000', MAX_CONVERSATIONS: '10000000' }),
  mount: (server) => {
    server.post('/bench/express', express.json({ limit: '4kb' }), (req, res) => {
      res.json({ ok: true, echo: (req.body as { text?: string } | undefined)?.text ?? null });
    });
    // Memory and live conversations, after a full garbage collection (needs --expose-gc), for npm run load.
    server.get('/bench/memory', async (_req, res) => {
      const gc = (globalThis as { gc?: () => void }).gc;
      for (let i = 0; i < 3; i++) gc?.();
      const { heapUsed, rss } = process.memoryUsage();
      res.json({ heapUsed, rss, live: await app.conversations.size(), gc: !!gc });
    });
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const bot = new EchoBot();
    server.post('/bench/botframework', express.json({ limit: '32kb' }), (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  },
});
const listener = app.express.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ event: 'listening', port: (listener.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  listener.close();
  void app.close().then(() => process.exit(0));
});
