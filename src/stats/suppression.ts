/**
 * Small-number protection for published counts: primary suppression of counts 1 … T−1 (shown as
 * "<T"), complementary suppression so that no hidden number can be worked out from the numbers
 * that are shown, and an auditor that checks it. Pure: numbers in, marks out.
 *
 * The model. A publication is a set of cells (counts) and equations between them (parent = Σ
 * children): row and column totals, a month as the sum of its weeks, a län as the sum of its
 * kommuner, identities the conversation flow makes true. Some cells are never published but are
 * fixed by published ones ("implied", e.g. completed − contacts shown); they are protected too.
 *
 * What an attacker knows (and the auditor assumes): every shown number; that "<T" is 0 … T−1;
 * that a complementary cell ("..") is at least T (such complements are only chosen among shown
 * counts of T or more); that every count is a whole number ≥ 0; every equation.
 *
 * The auditor finds a hidden number that is exposed, i.e. determined exactly, in two ways:
 * 1. Bounds propagation: every equation narrows the range of each unknown cell from the ranges of
 *    the others, repeated over all equations until nothing changes. This is single-equation
 *    differencing (row total minus the shown cells), chained across tables: a complement worked
 *    out from one table is used in the next.
 * 2. Linear algebra: a cell is exposed if some combination of equations isolates it (the "bridge"
 *    between two suppressed cycles of a table that no single row or column gives away). Computed by
 *    elimination modulo two primes near 2^26 (a cell fixed over the rationals is fixed modulo a
 *    prime unless the prime divides a particular minor: the chance is negligible; a false alarm
 *    only hides one more cell).
 * It does not solve the integer programme that combines both (ranges narrowed by a combination of
 * several equations at once), and it knows only the equations it is given.
 *
 * Zeros. A true 0 is shown as 0: that nobody in a kommun chose something says nothing about a
 * person. Two exceptions, both shown as "<T" (which is true): a zero chosen as a complement (the
 * cheapest complement there is: it loses no count), and a zero inside a breakdown of a group that
 * is itself "<T", so a small group's answers are never shown as all alike ("all 3 chose X").
 * Because any "<T" may be such a zero, "<T" tells an attacker 0 … T−1, never "at least 1".
 *
 * Time consistency. Cells are settled slice by slice (a slice is one period, see cube.ts), and a
 * slice's marks depend only on its own counts and the slices before it. Only periods that are
 * over are published, so their counts and their marks never change afterwards: the same cell is
 * hidden in every view, for every user, now and later, and two views cannot be subtracted.
 */

export type Mark = 'shown' | 'small' | 'hidden' | 'implied' | 'withheld';

export interface Cell {
  /** The true count. */
  value: number;
  /** false: never published (implied by other cells). */
  published: boolean;
  /** Settling order: a cell's equations never reach into a later slice. */
  slice: number;
}

export interface Equation {
  parent: number;
  children: number[];
  /** A breakdown of a group by category (zeros inside a small group are hidden, see above). */
  category?: boolean;
}

export interface Problem {
  cells: Cell[];
  equations: Equation[];
  /** Counts 1 … threshold−1 are small. */
  threshold: number;
}

export interface AuditResult {
  /** Cells whose hidden value an attacker can determine exactly, ascending. */
  exposed: number[];
  /** false if propagation was cut short (never seen; the result is then not a proof). */
  complete: boolean;
}

const INF = Number.POSITIVE_INFINITY;

/** The cells an equation touches. */
const cellsOf = (e: Equation) => [e.parent, ...e.children];

/** Which equations touch each cell. */
export function incidence(problem: Problem): number[][] {
  const out: number[][] = problem.cells.map(() => []);
  problem.equations.forEach((e, i) => {
    for (const c of cellsOf(e)) out[c]!.push(i);
  });
  return out;
}

/**
 * Whether an attacker must not learn this cell exactly: a count 1 … T−1, or a zero that hides
 * the breakdown of a small group (`inSmallGroup`). A zero hidden as a complement is no secret:
 * if it is worked out, the cell it protects is checked again on its own.
 */
export function isSensitive(cell: Cell, mark: Mark, threshold: number, inSmallGroup = false): boolean {
  if (mark === 'shown' || mark === 'hidden') return false;
  if (cell.value >= 1 && cell.value < threshold) return true;
  return mark === 'small' && cell.value === 0 && inSmallGroup;
}

/** Children of category equations whose group is "<T". */
function smallGroupMembers(problem: Problem, marks: readonly Mark[], eqs: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (const ei of eqs) {
    const e = problem.equations[ei]!;
    if (e.category && marks[e.parent] === 'small') for (const c of e.children) out.add(c);
  }
  return out;
}

/**
 * Checks a publication: which hidden cells can be determined exactly. `scope`: the equations to
 * consider (default all); it must be closed, i.e. hold every equation of each unknown cell in it.
 * `primes`: for the linear check (none: bounds only, which the solver uses while it still finds
 * something that way).
 */
export function audit(problem: Problem, marks: readonly Mark[], scope?: readonly number[], primes: readonly number[] = PRIMES): AuditResult {
  const { cells, equations, threshold: T } = problem;
  const eqs = scope ?? equations.map((_, i) => i);
  // Local numbering of the cells in scope.
  const local = new Map<number, number>();
  const ids: number[] = [];
  for (const ei of eqs) for (const c of cellsOf(equations[ei]!)) if (!local.has(c)) local.set(c, ids.push(c) - 1);
  const lo = new Float64Array(ids.length);
  const hi = new Float64Array(ids.length);
  ids.forEach((c, i) => {
    switch (marks[c]) {
      case 'shown':
        lo[i] = hi[i] = cells[c]!.value;
        break;
      case 'small':
        lo[i] = 0;
        hi[i] = T - 1;
        break;
      case 'hidden':
        lo[i] = T;
        hi[i] = INF;
        break;
      default:
        lo[i] = 0;
        hi[i] = INF;
    }
  });
  const unknown = (c: number) => marks[c] !== 'shown';

  // 1. Bounds propagation over the equations, until nothing changes.
  const byCell = new Map<number, number[]>();
  for (const ei of eqs) for (const c of cellsOf(equations[ei]!)) if (unknown(c)) (byCell.get(c) ?? byCell.set(c, []).get(c)!).push(ei);
  const queue: number[] = eqs.filter((ei) => cellsOf(equations[ei]!).some(unknown));
  const queued = new Set(queue);
  let budget = 200 * (queue.length + 10);
  const tighten = (c: number, newLo: number, newHi: number) => {
    const i = local.get(c)!;
    if (newLo > lo[i]! || newHi < hi[i]!) {
      lo[i] = Math.max(lo[i]!, newLo);
      hi[i] = Math.min(hi[i]!, newHi);
      if (lo[i]! > hi[i]!) throw new Error(`suppression: inconsistent equations at cell ${c}`);
      for (const ei of byCell.get(c) ?? []) if (!queued.has(ei)) queued.add(ei), queue.push(ei);
    }
  };
  let head = 0;
  while (head < queue.length && budget-- > 0) {
    const ei = queue[head++]!;
    queued.delete(ei);
    const { parent, children } = equations[ei]!;
    let sumLo = 0;
    let sumHi = 0;
    let infinite = 0;
    for (const c of children) {
      const i = local.get(c)!;
      sumLo += lo[i]!;
      if (hi[i] === INF) infinite++;
      else sumHi += hi[i]!;
    }
    tighten(parent, sumLo, infinite ? INF : sumHi);
    const p = local.get(parent)!;
    for (const c of children) {
      if (!unknown(c)) continue;
      const i = local.get(c)!;
      const own = hi[i] === INF;
      const othersHi = infinite - (own ? 1 : 0) > 0 ? INF : sumHi - (own ? 0 : hi[i]!);
      const othersLo = sumLo - lo[i]!;
      tighten(c, lo[p]! - othersHi, hi[p]! - othersLo);
    }
  }
  const complete = head === queue.length;

  const grouped = smallGroupMembers(problem, marks, eqs);
  const sensitive = (c: number) => isSensitive(cells[c]!, marks[c]!, T, grouped.has(c));
  const exposed = new Set<number>();
  ids.forEach((c, i) => {
    if (unknown(c) && lo[i] === hi[i] && sensitive(c)) exposed.add(c);
  });

  // 2. Linear algebra: cells that a combination of equations isolates.
  if (primes.length) for (const c of linearlyDetermined(problem, marks, eqs, primes)) if (sensitive(c)) exposed.add(c);

  return { exposed: [...exposed].sort((a, b) => a - b), complete };
}

// ── linear determinacy ─────────────────────────────────────────────────────────────────────────

const PRIMES = [67_108_859, 67_108_837];

function inverse(a: number, p: number): number {
  let [r0, r1, s0, s1] = [a, p, 1, 0];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % p) + p) % p;
}

/**
 * Unknown cells fixed by the equations alone: e_c lies in the row space of the equations
 * restricted to unknown cells. Reduced row echelon form, kept reduced as rows arrive.
 */
function determinedModulo(rows: Map<number, number>[], p: number): Set<number> {
  const pivots = new Map<number, Map<number, number>>(); // pivot column → row (pivot coefficient 1)
  const holders = new Map<number, Set<number>>(); // column → pivot columns whose row holds it
  const hold = (col: number, pivot: number) => (holders.get(col) ?? holders.set(col, new Set()).get(col)!).add(pivot);
  const release = (col: number, pivot: number) => holders.get(col)?.delete(pivot);
  /** row −= factor × other, in place (mod p). */
  const subtract = (row: Map<number, number>, other: Map<number, number>, factor: number, pivotOfRow?: number) => {
    for (const [col, v] of other) {
      const next = (((row.get(col) ?? 0) - factor * v) % p + p) % p;
      if (next === 0) {
        if (row.delete(col) && pivotOfRow !== undefined) release(col, pivotOfRow);
      } else {
        if (!row.has(col) && pivotOfRow !== undefined) hold(col, pivotOfRow);
        row.set(col, next);
      }
    }
  };
  for (const input of rows) {
    const row = new Map(input);
    for (const col of [...row.keys()]) {
      const f = row.get(col);
      const pivotRow = pivots.get(col);
      if (f !== undefined && pivotRow) subtract(row, pivotRow, f);
    }
    if (row.size === 0) continue;
    const pivot = Math.min(...row.keys());
    const inv = inverse(row.get(pivot)!, p);
    for (const [col, v] of row) row.set(col, (v * inv) % p);
    // Keep the other rows reduced: clear the new pivot column from them.
    for (const other of [...(holders.get(pivot) ?? [])]) {
      const otherRow = pivots.get(other)!;
      subtract(otherRow, row, otherRow.get(pivot)!, other);
    }
    pivots.set(pivot, row);
    for (const col of row.keys()) hold(col, pivot);
  }
  const out = new Set<number>();
  for (const [col, row] of pivots) if (row.size === 1) out.add(col);
  return out;
}

export function linearlyDetermined(problem: Problem, marks: readonly Mark[], scope?: readonly number[], primes: readonly number[] = PRIMES): Set<number> {
  const eqs = scope ?? problem.equations.map((_, i) => i);
  const rows: Map<number, number>[] = [];
  for (const ei of eqs) {
    const { parent, children } = problem.equations[ei]!;
    const row = new Map<number, number>();
    if (marks[parent] !== 'shown') row.set(parent, 1);
    for (const c of children) if (marks[c] !== 'shown') row.set(c, (row.get(c) ?? 0) - 1);
    if (row.size) rows.push(row);
  }
  const out = new Set<number>();
  for (const p of primes) {
    const modRows = rows.map((r) => new Map([...r].map(([c, v]) => [c, ((v % p) + p) % p])));
    for (const c of determinedModulo(modRows, p)) out.add(c);
  }
  return out;
}

// ── the solver ─────────────────────────────────────────────────────────────────────────────────

export interface Suppressed {
  marks: Mark[];
  /** Slices that could not be protected cell by cell and are withheld whole (never seen so far). */
  withheld: number[];
  /** The exposed cells that made each withheld slice so (for diagnosis). */
  unprotectable: number[];
}

/**
 * Marks every cell: counts 1 … T−1 small, zeros inside small groups small, then complements chosen
 * among the current slice's shown counts (smallest first, so a zero where one will do) until the
 * auditor finds nothing. If a slice cannot be protected that way, none of its cells is published.
 */
export function suppress(problem: Problem): Suppressed {
  const { cells, equations, threshold: T } = problem;
  const marks: Mark[] = cells.map((c) => (c.published ? 'shown' : 'implied'));
  const touches = incidence(problem);
  const eqSlice = equations.map((e) => Math.max(...cellsOf(e).map((c) => cells[c]!.slice)));
  const slices = [...new Set(cells.map((c) => c.slice))].sort((a, b) => a - b);
  const inSlice = new Map<number, number[]>();
  cells.forEach((c, i) => (inSlice.get(c.slice) ?? inSlice.set(c.slice, []).get(c.slice)!).push(i));
  const withheld: number[] = [];
  const unprotectable: number[] = [];
  /** A cell that is a part of a total shown as 0: it is 0, and everybody knows it. */
  const underShownZero = (c: number) => touches[c]!.some((ei) => {
    const e = equations[ei]!;
    return e.parent !== c && marks[e.parent] === 'shown' && cells[e.parent]!.value === 0;
  });
  const categoryEqs = new Map<number, Equation[]>();
  equations.forEach((e, i) => e.category && (categoryEqs.get(eqSlice[i]!) ?? categoryEqs.set(eqSlice[i]!, []).get(eqSlice[i]!)!).push(e));

  for (const s of slices) {
    const own = inSlice.get(s)!;
    for (const i of own) if (marks[i] === 'shown' && cells[i]!.value > 0 && cells[i]!.value < T) marks[i] = 'small';
    // Zeros inside a small group (repeated: a hidden zero may itself be a group). Not a zero that
    // a shown total of 0 gives away anyway (nobody in the län chose it: nobody in its kommuner did).
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of categoryEqs.get(s) ?? [])
        if (marks[e.parent] === 'small' && cells[e.parent]!.slice === s)
          for (const c of e.children)
            if (marks[c] === 'shown' && cells[c]!.slice === s && !underShownZero(c)) {
              marks[c] = 'small';
              changed = true;
            }
    }

    const isCandidate = (i: number) => marks[i] === 'shown' && cells[i]!.published && cells[i]!.slice === s;
    for (let round = 0; ; round++) {
      const scope = componentOf(own, marks, equations, touches, eqSlice, s);
      if (!scope.length) break;
      // Cheap bounds first; the linear check once they find nothing.
      let { exposed } = audit(problem, marks, scope, []);
      if (!exposed.length) exposed = audit(problem, marks, scope).exposed;
      if (!exposed.length) break;
      const chosen = new Set<number>();
      let stuck = false;
      for (const x of exposed) {
        const c = nearestCandidate(x, marks, equations, touches, eqSlice, s, isCandidate, cells, chosen);
        if (c === undefined) {
          stuck = true;
          unprotectable.push(x);
        } else chosen.add(c);
      }
      if (stuck || round > own.length) {
        for (const i of own) if (cells[i]!.published) marks[i] = 'withheld';
        withheld.push(s);
        break;
      }
      for (const c of chosen) marks[c] = cells[c]!.value === 0 ? 'small' : 'hidden';
    }
  }
  return { marks, withheld, unprotectable };
}

/** The equations (up to slice s) connected through unknown cells to the equations of slice s's cells. */
function componentOf(own: readonly number[], marks: readonly Mark[], equations: readonly Equation[], touches: number[][], eqSlice: readonly number[], s: number): number[] {
  const seen = new Set<number>();
  const stack: number[] = [];
  const visitCell = (c: number) => {
    for (const ei of touches[c]!) if (eqSlice[ei]! <= s && !seen.has(ei)) seen.add(ei), stack.push(ei);
  };
  for (const c of own) visitCell(c);
  while (stack.length) {
    const ei = stack.pop()!;
    for (const c of cellsOf(equations[ei]!)) if (marks[c] !== 'shown') visitCell(c);
  }
  return [...seen];
}

/**
 * The complement for an exposed cell: the smallest shown count of the current slice in an equation
 * with it, or failing that in the nearest equation reached through other unknown cells.
 */
function nearestCandidate(
  x: number,
  marks: readonly Mark[],
  equations: readonly Equation[],
  touches: number[][],
  eqSlice: readonly number[],
  s: number,
  isCandidate: (i: number) => boolean,
  cells: readonly Cell[],
  already: ReadonlySet<number>,
): number | undefined {
  const seenEq = new Set<number>();
  const seenCell = new Set<number>([x]);
  let frontier = [x];
  while (frontier.length) {
    const layer: number[] = [];
    let best: number | undefined;
    for (const c of frontier)
      for (const ei of touches[c]!) {
        if (eqSlice[ei]! > s || seenEq.has(ei)) continue;
        seenEq.add(ei);
        for (const d of cellsOf(equations[ei]!)) {
          if (already.has(d)) return d; // one new complement may serve several exposures
          if (isCandidate(d) && (best === undefined || cells[d]!.value < cells[best]!.value || (cells[d]!.value === cells[best]!.value && d < best))) best = d;
          if (marks[d] !== 'shown' && !seenCell.has(d)) seenCell.add(d), layer.push(d);
        }
      }
    if (best !== undefined) return best;
    frontier = layer;
  }
  return undefined;
}
