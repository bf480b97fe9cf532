/**
 * The small-number protection as a pure module: no hidden number can be recovered from what is
 * published, checked both by the auditor and by a brute-force attacker that knows nothing of it.
 */
import { describe, expect, it } from 'vitest';
import { audit, linearlyDetermined, suppress, type Cell, type Equation, type Mark, type Problem } from '../../src/stats/suppression.js';
import { feasibleValues } from './attacker.js';

/** A table with row totals, column totals and a grand total, as one publication. */
function table(rows: number[][], threshold = 5, slice = 0, offset = 0) {
  const cells: Cell[] = [];
  const equations: Equation[] = [];
  const at = (value: number) => cells.push({ value, published: true, slice }) - 1 + offset;
  const grid = rows.map((r) => r.map(at));
  const rowTotals = rows.map((r) => at(r.reduce((a, b) => a + b, 0)));
  const colTotals = rows[0]!.map((_, j) => at(rows.reduce((a, r) => a + r[j]!, 0)));
  const grand = at(rows.flat().reduce((a, b) => a + b, 0));
  grid.forEach((r, i) => equations.push({ parent: rowTotals[i]!, children: r }));
  colTotals.forEach((c, j) => equations.push({ parent: c, children: grid.map((r) => r[j]!) }));
  equations.push({ parent: grand, children: rowTotals }, { parent: grand, children: colTotals });
  return { problem: { cells, equations, threshold } as Problem, grid, rowTotals, colTotals, grand };
}

/** Every sensitive cell keeps at least two possible values for the brute-force attacker. */
function expectProtected(problem: Problem, marks: Mark[]) {
  const feasible = feasibleValues(problem, marks);
  for (const [i, values] of feasible) {
    const c = problem.cells[i]!;
    expect(values.has(c.value), `cell ${i}: the truth must be feasible`).toBe(true);
    // A count 1 … T−1 that is not shown must keep two possible values. A zero hidden as a
    // complement may be worked out: that nobody chose something is no secret (suppression.ts).
    const sensitive = marks[i] !== 'hidden' && c.value > 0 && c.value < problem.threshold;
    if (sensitive) expect(values.size, `cell ${i} (${c.value}) is pinned`).toBeGreaterThan(1);
  }
}

/** A small deterministic random generator (tests must be repeatable). */
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('primary and complementary suppression', () => {
  it('a row with a single small cell: the cell is "<5" and a complement makes the totals useless', () => {
    const t = table([
      [7, 2, 9],
      [8, 6, 5],
    ]);
    const { marks } = suppress(t.problem);
    expect(marks[t.grid[0]![1]!]).toBe('small');
    // Alone in its row and column it would be a subtraction away; now each has a second hidden cell.
    const hiddenIn = (cells: number[]) => cells.filter((c) => marks[c] !== 'shown').length;
    expect(hiddenIn(t.grid[0]!)).toBeGreaterThanOrEqual(2);
    expect(hiddenIn(t.grid.map((r) => r[1]!))).toBeGreaterThanOrEqual(2);
    expect(audit(t.problem, marks).exposed).toEqual([]);
    expectProtected(t.problem, marks);
  });

  it('the auditor finds the single hidden cell of a naive publication, and the attacker agrees', () => {
    const t = table([
      [7, 2, 9],
      [8, 6, 5],
    ]);
    const naive: Mark[] = t.problem.cells.map((c) => (c.value > 0 && c.value < 5 ? 'small' : 'shown'));
    expect(audit(t.problem, naive).exposed).toEqual([t.grid[0]![1]!]);
    expect(feasibleValues(t.problem, naive).get(t.grid[0]![1]!)).toEqual(new Set([2]));
  });

  it('a hidden total is no protection when its parts are shown', () => {
    const t = table([[3, 9, 8]]);
    const marks: Mark[] = t.problem.cells.map(() => 'shown');
    marks[t.grid[0]![0]!] = 'small';
    marks[t.rowTotals[0]!] = 'hidden';
    // The column of the small cell is a one-row column: its total is the cell itself.
    expect(audit(t.problem, marks).exposed).toContain(t.grid[0]![0]!);
  });

  it('a complement is known to be at least 5, and the auditor uses that', () => {
    // 7 = "<5" + "..": the complement is ≥ 5, so the small cell is 0 … 2 — not pinned.
    const cells: Cell[] = [7, 2, 5].map((value) => ({ value, published: true, slice: 0 }));
    const problem: Problem = { cells, threshold: 5, equations: [{ parent: 0, children: [1, 2] }] };
    const marks: Mark[] = ['shown', 'small', 'hidden'];
    expect(audit(problem, marks).exposed).toEqual([]);
    expectProtected(problem, marks);
    // 5 = "<5" + "..": the range closes on 0. The attacker learns that nobody was there, which
    // is no secret (a zero is shown as 0 anyway), and the auditor does not count it as exposed.
    cells[0]!.value = 5;
    cells[1]!.value = 0;
    expect(feasibleValues(problem, marks).get(1)).toEqual(new Set([0]));
    expect(audit(problem, marks).exposed).toEqual([]);
    // The same closing range on a count of 2 is an exposure.
    cells[0]!.value = 7;
    cells[1]!.value = 2;
    cells[2]!.value = 5;
    const tight: Problem = { ...problem, equations: [{ parent: 0, children: [1, 2] }] };
    expect(audit(tight, ['shown', 'small', 'shown']).exposed).toEqual([1]);
  });

  it('a small total split into small cells is protected: "<5" may be 0, so four "<5" need not be 1 each', () => {
    // A län with 4, as 1 + 1 + 1 + 1 over four kommuner and 0 in a fifth.
    const t = table([[1, 1, 1, 1, 0]]);
    const { marks } = suppress(t.problem);
    expect(audit(t.problem, marks).exposed).toEqual([]);
    expectProtected(t.problem, marks);
  });

  it('a cell that only a combination of equations isolates (a bridge between two hidden cycles) is found', () => {
    // Rows r0–r3, columns c0–c3. Hidden: a cycle in r0,r1 × c0,c1; another in r2,r3 × c2,c3; and r0c2,
    // the bridge. Every row and column has two or more hidden cells, yet r0c2 =
    // (r0 + r1 − c0 − c1) over the hidden cells.
    const rows = [
      [6, 7, 3, 9],
      [8, 5, 9, 9],
      [9, 9, 6, 7],
      [9, 9, 8, 5],
    ];
    const t = table(rows);
    const marks: Mark[] = t.problem.cells.map(() => 'shown');
    for (const [i, j] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
    ] as const)
      marks[t.grid[i]![j]!] = 'hidden';
    marks[t.grid[0]![2]!] = 'small';
    const bridge = t.grid[0]![2]!;
    // No single equation has fewer than two hidden cells …
    for (const e of t.problem.equations) {
      const hidden = [e.parent, ...e.children].filter((c) => marks[c] !== 'shown').length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    // … yet the bridge is determined, and the auditor says so.
    expect(linearlyDetermined(t.problem, marks).has(bridge)).toBe(true);
    expect(audit(t.problem, marks).exposed).toContain(bridge);
    // The solver does not leave such a pattern.
    const solved = suppress(t.problem).marks;
    expect(audit(t.problem, solved).exposed).toEqual([]);
  });

  it('zeros inside a small group are hidden too, so a small group is never shown as all alike', () => {
    const cells: Cell[] = [3, 3, 0, 0].map((value) => ({ value, published: true, slice: 0 }));
    const problem: Problem = { cells, threshold: 5, equations: [{ parent: 0, children: [1, 2, 3], category: true }] };
    const { marks } = suppress(problem);
    expect(marks).toEqual(['small', 'small', 'small', 'small']);
    expect(audit(problem, marks).exposed).toEqual([]);
    expectProtected(problem, marks);
    // Outside a small group a zero stays 0.
    const big: Problem = { cells: [9, 9, 0].map((value) => ({ value, published: true, slice: 0 })), threshold: 5, equations: [{ parent: 0, children: [1, 2], category: true }] };
    expect(suppress(big).marks).toEqual(['shown', 'shown', 'shown']);
  });

  it('an implied count (a difference nobody publishes) is protected like a published one', () => {
    // completed = contacts + finish (never published): 12 = 10 + 2 would give away "2 stopped after 112".
    const cells: Cell[] = [
      { value: 12, published: true, slice: 0 },
      { value: 10, published: true, slice: 0 },
      { value: 2, published: false, slice: 0 },
    ];
    const problem: Problem = { cells, threshold: 5, equations: [{ parent: 0, children: [1, 2], category: true }] };
    expect(audit(problem, ['shown', 'shown', 'implied']).exposed).toEqual([2]);
    const { marks } = suppress(problem);
    expect(marks.filter((m) => m === 'hidden')).toHaveLength(1);
    expect(audit(problem, marks).exposed).toEqual([]);
    expectProtected(problem, marks);
  });
});

describe('periods shown together', () => {
  /** Weeks of a month (slice 0) and the month (slice 1), per row: a weekly trend next to a monthly total. */
  function weeksAndMonth(weeks: number[][]) {
    const cells: Cell[] = [];
    const equations: Equation[] = [];
    const weekCells = weeks.map((row) => row.map((value) => cells.push({ value, published: true, slice: 0 }) - 1));
    const monthCells = weeks.map((row) => cells.push({ value: row.reduce((a, b) => a + b, 0), published: true, slice: 1 }) - 1);
    weekCells.forEach((row, i) => equations.push({ parent: monthCells[i]!, children: row }));
    return { problem: { cells, equations, threshold: 5 } as Problem, weekCells, monthCells };
  }

  it('a week with 2 next to its month total: the month cannot be used to subtract it back', () => {
    const w = weeksAndMonth([[6, 2, 9, 7]]);
    const { marks } = suppress(w.problem);
    expect(marks[w.weekCells[0]![1]!]).toBe('small');
    expect(audit(w.problem, marks).exposed).toEqual([]);
    expectProtected(w.problem, marks);
    // The weeks were settled first and alone: the month, settled later, is the one hidden.
    expect(marks[w.monthCells[0]!]).toBe('hidden');
    expect(w.weekCells[0]!.map((c) => marks[c])).toEqual(['shown', 'small', 'shown', 'shown']);
  });

  it('settling a later period never changes an earlier one (time consistency)', () => {
    const random = rng(7);
    for (let n = 0; n < 30; n++) {
      const weeks = [0, 1, 2].map(() => [0, 1, 2, 3].map(() => Math.floor(random() * 12)));
      const full = weeksAndMonth(weeks);
      const alone: Problem = { cells: full.problem.cells.filter((c) => c.slice === 0), equations: [], threshold: 5 };
      const a = suppress(full.problem).marks;
      const b = suppress(alone).marks;
      expect(full.weekCells.flat().map((c) => a[c])).toEqual(b);
    }
  });
});

describe('random tables', () => {
  it('leave nothing exposed, for the auditor and for the brute-force attacker', () => {
    const random = rng(42);
    let checked = 0;
    for (let n = 0; n < 60; n++) {
      const rows = 2 + Math.floor(random() * 2);
      const cols = 2 + Math.floor(random() * 3);
      const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random() < 0.25 ? 0 : Math.floor(random() * 9))));
      const t = table(values, 3);
      const { marks, withheld } = suppress(t.problem);
      expect(withheld).toEqual([]);
      expect(audit(t.problem, marks).exposed).toEqual([]);
      const unknowns = marks.filter((m) => m !== 'shown').length;
      if (unknowns <= 9) {
        expectProtected(t.problem, marks);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
