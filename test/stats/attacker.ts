/**
 * An attacker by brute force, independent of the auditor: every whole-number assignment of the
 * hidden cells that agrees with what is shown, with what the marks say ("<T" is 0 … T−1, ".." is
 * at least T, everything is ≥ 0) and with every equation. For small
 * problems only; a cap on cell values may only remove solutions, so "two values remain" stays true.
 */
import type { Mark, Problem } from '../../src/stats/suppression.js';

export function feasibleValues(problem: Problem, marks: readonly Mark[], options: { cap?: number; maxSolutions?: number } = {}): Map<number, Set<number>> {
  const { cells, equations, threshold: T } = problem;
  const cap = options.cap ?? cells.reduce((s, c) => s + c.value, 0);
  const maxSolutions = options.maxSolutions ?? 200_000;
  const domain = (i: number): [number, number] => {
    switch (marks[i]) {
      case 'shown':
        return [cells[i]!.value, cells[i]!.value];
      case 'small':
        return [0, T - 1];
      case 'hidden':
        return [T, cap];
      default:
        return [0, cap];
    }
  };
  const unknown = cells.map((_, i) => i).filter((i) => marks[i] !== 'shown');
  const value = new Map<number, number>();
  cells.forEach((c, i) => marks[i] === 'shown' && value.set(i, c.value));
  const out = new Map<number, Set<number>>(unknown.map((i) => [i, new Set<number>()]));
  let solutions = 0;

  const inDomain = (i: number, v: number) => {
    const [lo, hi] = domain(i);
    return v >= lo && v <= hi;
  };
  /** Fills cells forced by an equation with one unknown left; false on a contradiction. */
  const propagate = (assigned: number[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of equations) {
        const all = [e.parent, ...e.children];
        const open = all.filter((c) => !value.has(c));
        if (open.length > 1) continue;
        const sumChildren = e.children.reduce((s, c) => s + (value.get(c) ?? 0), 0);
        if (open.length === 0) {
          if (value.get(e.parent) !== sumChildren) return false;
          continue;
        }
        const c = open[0]!;
        const v = c === e.parent ? sumChildren : value.get(e.parent)! - sumChildren;
        if (!inDomain(c, v)) return false;
        value.set(c, v);
        assigned.push(c);
        changed = true;
      }
    }
    return true;
  };

  const search = (k: number) => {
    if (solutions >= maxSolutions) throw new Error('too many solutions for brute force');
    while (k < unknown.length && value.has(unknown[k]!)) k++;
    if (k === unknown.length) {
      solutions++;
      for (const i of unknown) out.get(i)!.add(value.get(i)!);
      return;
    }
    const i = unknown[k]!;
    const [lo, hi] = domain(i);
    for (let v = lo; v <= hi; v++) {
      const assigned = [i];
      value.set(i, v);
      if (propagate(assigned)) search(k + 1);
      for (const a of assigned) value.delete(a);
    }
  };
  const initial: number[] = [];
  if (propagate(initial)) search(0);
  return out;
}
