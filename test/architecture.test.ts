/**
 * Boundaries the team agreed on, checked on every run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../src/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|mts|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}
const src = sources(join(paths.root, 'src')).map((file) => ({ file: relative(paths.root, file), text: readFileSync(file, 'utf8') }));
const imports = (text: string, pkg: RegExp) => [...text.matchAll(/from\s+'([^']+)'/g)].some((m) => pkg.test(m[1]!));

describe('architecture', () => {
  it('only src/conversation/botframework/ imports the Bot Framework SDK (frozen since 2025-12-31)', () => {
    const outside = src.filter((f) => imports(f.text, /^botbuilder(-core|-dialogs)?$|^botframework-/)).map((f) => f.file).filter((f) => !f.startsWith('src/conversation/botframework/'));
    expect(outside).toEqual([]);
    expect(src.some((f) => f.file.startsWith('src/conversation/botframework/') && imports(f.text, /^botbuilder-dialogs$/))).toBe(true);
  });

  it('only src/storage/ knows that lowdb is the store', () => {
    expect(src.filter((f) => imports(f.text, /^lowdb/)).map((f) => f.file).filter((f) => !f.startsWith('src/storage/'))).toEqual([]);
  });

  it('nothing in src/ touches browser storage or cookies meant for help-seekers', () => {
    const hits = src.filter((f) => /\b(localStorage|sessionStorage|indexedDB)\b|document\.cookie/.test(f.text)).map((f) => f.file);
    expect(hits).toEqual([]);
  });

  it('nothing logs with console (the logger carries no user text by construction)', () => {
    expect(src.filter((f) => /\bconsole\.(log|info|debug|warn|error)\(/.test(f.text) && !f.file.startsWith('src/cli/')).map((f) => f.file)).toEqual([]);
  });

  it('botbuilder MemoryStorage, which never forgets, is not used', () => {
    expect(src.filter((f) => /new MemoryStorage\b|import [^;]*\bMemoryStorage\b/.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('the project stands alone: no code or test reads the team\'s shared reference folder', () => {
    // The folder's name is put together here so that this test does not itself mention it.
    const shared = ['..', 'shared'].join('/');
    const tests = sources(join(paths.root, 'test')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const mentions = [...src, ...tests].filter((f) => f.text.includes(`${shared}/`) || f.text.includes(`'${shared.slice(3)}/`));
    expect(mentions.map((f) => f.file)).toEqual([]);
  });
});
