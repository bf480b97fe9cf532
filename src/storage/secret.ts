/**
 * A secret key kept in the data folder (e.g. the key that signs staff session cookies): generated
 * once with 32 random bytes, readable only by the server's user (mode 0600). Without a data folder
 * (tests) a fresh random key lives in memory.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { StoreFileError } from './json-db.js';

const BYTES = 32;

export function loadOrCreateSecret(file: string | undefined): Buffer {
  if (!file) return randomBytes(BYTES);
  try {
    writeFileSync(file, randomBytes(BYTES).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // A copied file may have lost its mode: tighten it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length < BYTES) throw new StoreFileError(`${file} does not hold a key of ${BYTES} bytes; delete it and a new one is made (every staff session then ends).`);
  return key;
}
