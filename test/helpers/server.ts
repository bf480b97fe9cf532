/**
 * A Vägvisaren server for tests: everything in memory, a clock the test controls, a random port.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';

export class TestClock {
  constructor(public ms: number) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

export interface TestServer {
  url: string;
  app: App;
  clock: TestClock;
  close(): Promise<void>;
}

/** A weekday, late morning: office hours, most services open. */
export const WEEKDAY_MORNING = '2026-11-24T09:30:00Z';

export async function startServer(options: { env?: Record<string, string>; at?: string } & Partial<AppOptions> = {}): Promise<TestServer> {
  const clock = new TestClock(Date.parse(options.at ?? WEEKDAY_MORNING));
  // Tests send hundreds of requests a second from one address; the rate limit has its own tests.
  const config: Config = loadConfig({ CHAT_RATE_LIMIT_PER_MINUTE: '100000', ...options.env });
  // A low scrypt cost keeps tests fast; the server's default is the strong one.
  const app = await createApp({ inMemory: true, now: clock.now, scryptN: 2 ** 10, ...options, config });
  const server: Server = await new Promise((resolve) => {
    const s = app.express.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    clock,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.close();
    },
  };
}
