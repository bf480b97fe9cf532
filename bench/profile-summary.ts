/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package.
 *   npx tsx bench/profile-summary.ts CPU.*.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const top = Number(process.argv[3] ?? 30);
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  if (!t) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '').replace(/.*\/work\/main\//, '');
  const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const pkg = file.includes('node_modules/') ? file.split('node_modules/').pop()!.split('/').slice(0, file.split('node_modules/').pop()!.startsWith('@') ? 2 : 1).join('/') : file.startsWith('node:') || !file ? `(${functionName || 'native'})`.slice(0, 40) : file.startsWith('dist') || file.startsWith('src') ? 'vagvisaren' : file;
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
console.log(`total ${(total / 1e6).toFixed(2)} s sampled\n\nby package:`);
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(t), k);
console.log('\nby function (self):');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(t), k);
