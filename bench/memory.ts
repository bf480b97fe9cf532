/**
 * Memory per idle conversation: heap after starting N conversations (each waiting at its first
 * question), per conversation, and that expiry gives it back. Run with --expose-gc.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { setQuiet } from '../src/log.js';
import { newConversationId } from '../src/conversation/service.js';

setQuiet(true);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
};

let clock = Date.parse('2026-11-24T09:30:00Z');
const app = await createApp({ config: loadConfig({ MAX_CONVERSATIONS: '1000000', CONVERSATION_TTL_MINUTES: '20' }), inMemory: true, now: () => new Date(clock) });
const results: Record<string, number> = {};
for (const n of (process.argv[2] ?? '10000,100000').split(',').map(Number)) {
  const before = settle();
  for (let i = 0; i < n; i++) await app.conversation.runtime.start(newConversationId(), { locale: 'sv', siteKommun: '0880' });
  const after = settle();
  const live = await app.conversations.size();
  results[`bytesPerConversation_${n}`] = Math.round((after - before) / n);
  results[`live_${n}`] = live;
  clock += 21 * 60_000; // past the idle expiry
  const released = settle();
  await app.conversations.size(); // sweeps
  const swept = settle();
  results[`liveAfterExpiry_${n}`] = await app.conversations.size();
  results[`heapReturnedPct_${n}`] = Math.round((100 * (after - swept)) / Math.max(1, after - before));
  void released;
}
process.stdout.write(`${JSON.stringify(results)}\n`);
await app.close();
process.exit(0);
