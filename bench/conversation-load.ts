/**
 * Whole triage conversations as autocannon requests: every connection is one virtual person who
 * starts, answers each question (some by button, some by typing), gets contacts, and starts over.
 * Run in its own process (bench/run.ts spawns it) so that the load generator does not share the
 * event loop with the server.
 */
import autocannon, { type Request } from 'autocannon';

/** One conversation: a mix of typed answers and button values, ending with contacts. */
export const CONVERSATION: { body: (id: string | null, i: number, mark: (i: number) => string) => unknown }[] = [
  // Starting again with the old id wipes the previous conversation, so live conversations ≈ connections.
  { body: (id, i) => ({ type: 'start', ...(id ? { conversationId: id } : {}), kommun: KOMMUNER[i % KOMMUNER.length], languages: ['sv-SE', 'sv'] }) },
  { body: (id, i, mark) => ({ conversationId: id, text: `nej ${mark(i)}`.trim() }) },
  { body: (id) => ({ conversationId: id, value: 'self' }) },
  { body: (id, i, mark) => ({ conversationId: id, text: `kvinna ${mark(i)}`.trim() }) },
  { body: (id, i, mark) => ({ conversationId: id, text: `han slår mig ${mark(i)}`.trim() }) },
  { body: (id) => ({ conversationId: id, value: 'talk' }) },
  { body: (id) => ({ conversationId: id, value: 'yes' }) }, // "Do you live in <site kommun>?" → contacts
];
const KOMMUNER = ['0880', '0862', '1880', '2380', '0581', '0484', '0180', '1480', '0980', '2062'];

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  markerPrefix?: string;
  /** End every conversation with the exit button (see conversationRequests). */
  exit?: boolean;
  /** Open loop: offered requests per second across all connections. */
  overallRate?: number;
  path?: string;
}

/**
 * `markerPrefix`: type a unique marker (prefix + conversation number) in every typed answer.
 * `exit`: end each conversation with the exit button, as the soak test does.
 */
export function conversationRequests(path = '/api/chat', markerPrefix?: string, exit = false): Request[] {
  let counter = 0;
  const mark = (i: number) => (markerPrefix ? `${markerPrefix}${i}x` : '');
  const turns = CONVERSATION.map((turn, index): Request => ({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req, context) => {
      const ctx = context as { id?: string | null; n?: number };
      if (index === 0) ctx.n = counter++;
      return { ...req, body: JSON.stringify(turn.body(ctx.id ?? null, ctx.n ?? 0, mark)) };
    },
    onResponse: (status, body, context) => {
      if (status !== 200) return;
      (context as { id?: string | null }).id = (JSON.parse(body) as { conversationId: string | null }).conversationId;
    },
  }));
  if (!exit) return turns;
  // Then she leaves with the exit button, which wipes the conversation. (autocannon forgets each
  // connection's context when it starts the list again, so without this every round leaves a
  // conversation behind until it expires.) An ended conversation has no id: end a made-up one.
  const leave: Request = {
    method: 'POST',
    path,
    setupRequest: (req, context) => ({ ...req, path: `${path}/${(context as { id?: string | null }).id ?? 'x'.repeat(22)}/end`, body: '' }),
  };
  return [...turns, leave];
}

export interface LoadResult {
  requests: number;
  throughput: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  timeouts: number;
}

export async function load(options: LoadOptions, requests: Request[]): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    requests,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  return {
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    // autocannon counts timeouts among its errors.
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count])),
  };
}

// As a child process: `tsx bench/conversation-load.ts '<json options>'` prints the result as JSON.
if (process.argv[1]?.endsWith('conversation-load.ts')) {
  const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions & { kind?: 'conversation' | 'echo' | 'bare' };
  const requests: Request[] =
    options.kind === 'echo'
      ? [{ method: 'POST', path: options.path ?? '/bench/botframework', headers: { 'content-type': 'application/json' }, body: JSON.stringify(echoActivity()) }]
      : options.kind === 'bare'
        ? [{ method: 'POST', path: options.path ?? '/bench/express', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'nej' }) }]
        : conversationRequests(options.path, options.markerPrefix, options.exit);
  load(options, requests).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
}

export function echoActivity(): unknown {
  return {
    type: 'message',
    id: 'bench',
    text: 'nej',
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    conversation: { id: 'bench-conversation' },
    from: { id: 'visitor' },
    recipient: { id: 'bot' },
  };
}
