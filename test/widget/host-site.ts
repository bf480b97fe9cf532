/**
 * A stand-in kommun website on its own origin (another loopback port), for embedding the widget as
 * a kommun would. A real server rather than Playwright routing: Chromium's local-network rules only
 * let a page on loopback load scripts from the (loopback) test server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

export interface HostSite {
  origin: string;
  /** Serves `page` at `path` (replacing what was there). */
  set(path: string, page: HostPage): void;
  close(): Promise<void>;
}

export async function hostSite(): Promise<HostSite> {
  const pages = new Map<string, HostPage>();
  const server: Server = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]!);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // "localhost", not 127.0.0.1: a different origin from the test server, on the same loopback.
    origin: `http://localhost:${port}`,
    set: (path, page) => void pages.set(path, page),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
