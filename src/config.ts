/**
 * Configuration from environment variables, validated at start. A wrong value stops the start with
 * a message that names the variable (secrets are never echoed).
 */
import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import { paths } from './paths.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

const Env = z.object({
  PORT: int(0, 65535).default(3978),
  HOST: z.preprocess(blankToUndefined, z.string().optional()),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default(paths.defaultDataDir)),
  CONVERSATION_TTL_MINUTES: int(1, 24 * 60).default(20),
  MAX_CONVERSATIONS: int(10, 10_000_000).default(100_000),
  EXIT_URL: z.preprocess(blankToUndefined, httpsUrl.default('https://www.smhi.se/')),
  ALLOWED_ORIGINS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('*')
      .transform((v, ctx) => {
        if (v.trim() === '*') return '*' as const;
        const list = v.split(',').map((s) => s.trim()).filter(Boolean);
        for (const o of list)
          if (!/^https?:\/\/[^/\s]+$/.test(o)) ctx.addIssue({ code: 'custom', message: `"${o}" is not an origin like https://www.kommun.se (no path, no trailing slash)` });
        return list;
      }),
  ),
  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('false')
      .transform((v, ctx): boolean | number | string => {
        if (v === 'false') return false;
        if (v === 'true') return true;
        if (/^\d+$/.test(v)) return Number(v);
        if (/^(loopback|linklocal|uniquelocal)$/.test(v)) return v;
        ctx.addIssue({ code: 'custom', message: 'must be false, true, a number of proxy hops, or loopback/linklocal/uniquelocal' });
        return false;
      }),
  ),
  CHAT_RATE_LIMIT_PER_MINUTE: int(1, 100_000_000).default(120),
  STATS_FLUSH_SECONDS: int(1, 3600).default(60),
  STATS_MIN_COUNT: int(2, 100).default(5),
  STALE_AFTER_DAYS: int(1, 3650).default(90),
  ADMIN_SESSION_HOURS: int(1, 24 * 30).default(8),
  PUBLIC_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s):// address' }).optional()),
  MICROSOFT_APP_ID: z.preprocess(blankToUndefined, z.string().optional()),
  MICROSOFT_APP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
  MICROSOFT_APP_TENANT_ID: z.preprocess(blankToUndefined, z.string().optional()),
  MICROSOFT_APP_TYPE: z.preprocess(blankToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
});

const SECRET = new Set(['MICROSOFT_APP_PASSWORD']);

export interface Config {
  port: number;
  host: string | undefined;
  /** Everything the server writes at run time. */
  dataDir: string;
  conversationTtlMs: number;
  maxConversations: number;
  exitUrl: string;
  allowedOrigins: '*' | string[];
  trustProxy: boolean | number | string;
  chatRateLimitPerMinute: number;
  statsFlushMs: number;
  /** Counts from 1 to this − 1 are shown as "<N" (STATS_MIN_COUNT). */
  smallCountThreshold: number;
  staleAfterDays: number;
  adminSessionMs: number;
  publicUrl: string | undefined;
  microsoftApp: { appId: string; password: string; tenantId?: string; type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' } | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '');
      const got = env[name];
      const shown = got === undefined || SECRET.has(name) ? '' : ` (got "${got.slice(0, 60)}")`;
      return `${name}: ${i.message}${shown}`;
    });
    throw new ConfigError(`Configuration error:\n  - ${lines.join('\n  - ')}`);
  }
  const e = parsed.data;
  if ((e.MICROSOFT_APP_ID === undefined) !== (e.MICROSOFT_APP_PASSWORD === undefined) && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI')
    throw new ConfigError('Configuration error:\n  - MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD must be set together (or neither)');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(paths.root, e.DATA_DIR),
    conversationTtlMs: e.CONVERSATION_TTL_MINUTES * 60_000,
    maxConversations: e.MAX_CONVERSATIONS,
    exitUrl: e.EXIT_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    chatRateLimitPerMinute: e.CHAT_RATE_LIMIT_PER_MINUTE,
    statsFlushMs: e.STATS_FLUSH_SECONDS * 1000,
    smallCountThreshold: e.STATS_MIN_COUNT,
    staleAfterDays: e.STALE_AFTER_DAYS,
    adminSessionMs: e.ADMIN_SESSION_HOURS * 3_600_000,
    publicUrl: e.PUBLIC_URL,
    microsoftApp: e.MICROSOFT_APP_ID
      ? { appId: e.MICROSOFT_APP_ID, password: e.MICROSOFT_APP_PASSWORD ?? '', ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}), type: e.MICROSOFT_APP_TYPE }
      : undefined,
  };
}
