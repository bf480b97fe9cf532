/**
 * Starts Vägvisaren: `npm start`. Configuration comes from environment variables (see README).
 */
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { FlowError } from './conversation/flow/validate.js';
import { DirectoryError } from './directory/service.js';
import { LocaleLoadError } from './i18n/bundle.js';
import { log } from './log.js';
import { StoreFileError } from './storage/json-db.js';
import { LockedError } from './storage/lock.js';

const STARTUP_ERRORS = [ConfigError, FlowError, DirectoryError, LocaleLoadError, StoreFileError, LockedError];

async function main(): Promise<void> {
  let app;
  try {
    const config = loadConfig();
    app = await createApp({ config });
  } catch (e) {
    if (STARTUP_ERRORS.some((E) => e instanceof E)) {
      process.stderr.write(`Vägvisaren cannot start.\n${(e as Error).message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const { config } = app;
  const server: Server = app.express.listen(config.port, config.host ?? '0.0.0.0', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info('listening', { port, url: `http://localhost:${port}/` });
  });
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close();
    server.closeIdleConnections();
    void app.close().then(
      () => process.exit(0),
      (e) => {
        log.error('stop_failed', e);
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main().catch((e) => {
  log.error('start_failed', e);
  process.exit(1);
});
