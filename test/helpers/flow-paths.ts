/**
 * Every distinct route through a flow: at each question, one answer per distinct next step, until
 * an end. The kommun question is answered with a marker the test replaces by typing a kommun.
 */
import type { Flow } from '../../src/conversation/flow/schema.js';

export const KOMMUN = '<kommun>';
export interface PathStep {
  step: string;
  value: string;
}

export function flowPaths(flow: Flow): PathStep[][] {
  const paths: PathStep[][] = [];
  const walk = (id: string, path: PathStep[], seen: Set<string>) => {
    const step = flow.steps[id]!;
    if (step.end) {
      paths.push(path);
      return;
    }
    if (seen.has(id)) return;
    const next = new Set(seen).add(id);
    if (step.input === 'kommun') return walk(step.next!, [...path, { step: id, value: KOMMUN }], next);
    if (!step.choices) return walk(step.next!, path, next);
    const byTarget = new Map<string, string>();
    for (const c of step.choices) if ('next' in c && !byTarget.has(c.next)) byTarget.set(c.next, c.value);
    for (const [target, value] of byTarget) walk(target, [...path, { step: id, value }], next);
  };
  walk(flow.start, [], new Set());
  return paths;
}

/** The answers that lead from the start to a step (the first route that passes it). */
export function routeTo(flow: Flow, stepId: string): PathStep[] {
  for (const path of flowPaths(flow)) {
    const i = path.findIndex((p) => p.step === stepId);
    if (i >= 0) return path.slice(0, i);
  }
  throw new Error(`no route reaches ${stepId}`);
}
