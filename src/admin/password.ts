/**
 * Staff passwords: scrypt from node:crypto with strong parameters, stored as a self-describing
 * string, and a policy that refuses short and common passwords.
 *
 * N = 2^17, r = 8, p = 1 (OWASP's minimum for scrypt) takes about 0.7 s and 128 MiB per hash on a
 * small server; at most two hashes run at once so that a burst of logins cannot exhaust memory.
 * Tests inject a lower N; verification reads the parameters from the stored string.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../paths.js';

export const STRONG_SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
/** A stored string with a larger N is refused rather than computed (it would take minutes). */
const MAX_N = 2 ** 20;

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Runs at most `limit` tasks at once. */
class Gate {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    try {
      return await task();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

export class PasswordHasher {
  readonly #gate = new Gate(2);
  /** A hash to verify against when the account does not exist, so that timing does not tell. */
  #dummy: Promise<string> | undefined;

  constructor(readonly N: number = STRONG_SCRYPT_N) {
    if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > MAX_N) throw new Error('scrypt N must be a power of two from 2^10 to 2^20');
  }

  #derive(password: string, salt: Buffer, length: number, N: number, r: number, p: number): Promise<Buffer> {
    return this.#gate.run(() => scrypt(password.normalize('NFKC'), salt, length, { N, r, p, maxmem: 256 * N * r }));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await this.#derive(password, salt, KEY_BYTES, this.N, R, P);
    return `scrypt$${this.N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  /** False for a wrong password, a malformed stored string, or no stored string at all. */
  async verify(password: string, stored: string | undefined): Promise<boolean> {
    if (stored === undefined) {
      this.#dummy ??= this.hash('not a password of anyone');
      await this.verify(password, await this.#dummy);
      return false;
    }
    const [alg, n, r, p, salt, key] = stored.split('$');
    const N = Number(n);
    if (alg !== 'scrypt' || !salt || !key || !Number.isInteger(Math.log2(N)) || N > MAX_N || Number(r) !== R || Number(p) !== P) return false;
    const expected = Buffer.from(key, 'base64url');
    if (expected.length < 16) return false;
    const actual = await this.#derive(password, Buffer.from(salt, 'base64url'), expected.length, N, R, P);
    return timingSafeEqual(actual, expected);
  }
}

// ── policy ──────────────────────────────────────────────────────────────────────────────────────

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsName' | 'pattern';

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(paths.data, 'common-passwords.txt'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim().normalize('NFKC').toLowerCase())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/** "abcabcabcabc", "121212121212", "aaaaaaaaaaaa", "123456789012", "zyxwvutsrqpo". */
function isPattern(pw: string): boolean {
  const chars = [...pw];
  for (let len = 1; len <= 4; len++) {
    const unit = chars.slice(0, len).join('');
    if (chars.length > len && unit.repeat(Math.ceil(chars.length / len)).startsWith(pw)) return true;
  }
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = codes.slice(1).map((c, i) => c - codes[i]!);
  // Runs of digits wrap around: 7890 1234 is one sequence.
  const seq = (d: number) => steps.every((s, i) => s === d || (/\d/.test(chars[i]!) && s === -9 * d));
  return seq(1) || seq(-1);
}

/** Why a new password is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, accountName: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  const stem = lower.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '');
  if (list.has(lower) || list.has(stem) || list.has(lower.replace(/[^\p{L}\p{N}]/gu, ''))) return 'common';
  const name = accountName.normalize('NFKC').toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return 'containsName';
  if (isPattern(lower)) return 'pattern';
  return undefined;
}
