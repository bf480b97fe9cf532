/**
 * Open-loop latency: whole triage conversations offered at a fixed rate, requests evenly spaced
 * (every 2 ms at 500 turns/s), whether or not earlier answers have come back, so a stalled server
 * shows up in the figures instead of slowing the load down. `p50`…`max` are measured from the
 * moment a request was due (no coordinated omission); `lagP99` is how late this process itself
 * sent requests (timers, its own garbage collection), which is part of those figures; `serverP99`
 * is measured from the actual send, for comparison.
 *
 * autocannon's `overallRate` is not used for this: it sends each connection's share of a second
 * in a burst at the start of the second, so its latencies measure the burst's queue (p50 of
 * several ms even against a 404 page).
 *
 * Run in its own process: `tsx bench/open-loop.ts '{"url":…,"rate":500,"durationSeconds":10}'`
 * prints the result as JSON.
 */
import { Agent, request } from 'node:http';
import { CONVERSATION } from './conversation-load.js';

export interface OpenLoopOptions {
  url: string;
  /** Offered turns per second. */
  rate: number;
  durationSeconds: number;
  /** Conversations held at once; each sends its next turn when it is idle and a turn is due. */
  conversations?: number;
}

export interface OpenLoopResult {
  offered: number;
  completed: number;
  /** Turns that were due while every conversation was still waiting (the server fell behind). */
  dropped: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  serverP50: number;
  serverP99: number;
  lagP99: number;
  errors: number;
}

interface Conversation {
  id: string | null;
  n: number;
  turn: number;
}

const KOMMUNER = ['0880', '0862', '1880', '2380', '0581', '0484', '0180', '1480', '0980', '2062'];

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const { hostname, port } = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256, noDelay: true } as ConstructorParameters<typeof Agent>[0]);
  const idle: Conversation[] = Array.from({ length: o.conversations ?? 256 }, (_, n) => ({ id: null, n, turn: 0 }));
  const latencies: number[] = [];
  const fromSend: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let dropped = 0;
  let offered = 0;

  const send = (c: Conversation, due: number) => {
    const sent = performance.now();
    lags.push(sent - due);
    const body = JSON.stringify(c.turn === 0 ? { type: 'start', ...(c.id ? { conversationId: c.id } : {}), kommun: KOMMUNER[c.n % KOMMUNER.length], languages: ['sv'] } : CONVERSATION[c.turn]!.body(c.id, c.n, () => ''));
    const req = request({ host: hostname, port, path: '/api/chat', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const now = performance.now();
        latencies.push(now - due);
        fromSend.push(now - sent);
        if (res.statusCode === 200) {
          c.id = (JSON.parse(Buffer.concat(chunks).toString()) as { conversationId: string }).conversationId;
          c.turn = (c.turn + 1) % CONVERSATION.length;
        } else errors++;
        idle.push(c);
      });
    });
    req.on('error', () => {
      errors++;
      idle.push(c);
    });
    req.end(body);
  };

  const interval = 1000 / o.rate;
  const start = performance.now();
  const end = start + o.durationSeconds * 1000;
  let next = start;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Fire every turn that is due (timers are coarse: several may be due at once).
      while (next <= now && next < end) {
        offered++;
        const c = idle.shift();
        if (c) send(c, next);
        else dropped++;
        next += interval;
      }
      if (next >= end) return resolve();
      setTimeout(tick, Math.max(0, Math.min(1, next - performance.now())));
    };
    tick();
  });
  // Let the last answers come in.
  const deadline = performance.now() + 5000;
  while (latencies.length + errors < offered - dropped && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  agent.destroy();
  const quantile = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 100) / 100;
  };
  const at = quantile(latencies);
  const server = quantile(fromSend);
  return { offered, completed: latencies.length, dropped, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), serverP50: server(0.5), serverP99: server(0.99), lagP99: quantile(lags)(0.99), errors };
}

if (process.argv[1]?.endsWith('open-loop.ts')) {
  const options = JSON.parse(process.argv[2] ?? '{}') as OpenLoopOptions;
  openLoop(options).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}
