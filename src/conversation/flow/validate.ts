/**
 * Loading and checking flows. A flow that would strand a person — an answer that leads nowhere, a
 * text missing in one language, a step nobody can reach, a path that never ends — stops the
 * start with a message that names the file and the step.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ANSWER_SLOTS } from '../../domain/answers.js';
import type { Texts } from '../../i18n/bundle.js';
import { paths } from '../../paths.js';
import { FlowFile, stepInput, type Flow, type Line, type Step } from './schema.js';

export class FlowError extends Error {
  constructor(readonly problems: string[]) {
    super(`The conversation flow cannot be used:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Texts the engine itself uses (commands, re-asks, kommun questions …), needed in every locale. */
export const BUILTIN_KEYS = [
  'chat:system.notUnderstood',
  'chat:system.restarted',
  'chat:system.expired',
  'chat:system.exited',
  'chat:system.help',
  'chat:system.languageQuestion',
  'chat:system.languageChanged',
  'chat:system.languageOffer',
  'chat:system.stay',
  'chat:system.busy',
  'chat:system.error',
  'chat:danger.interrupt',
  'chat:danger.cannotSpeak',
  'chat:kommun.confirm',
  'chat:kommun.question',
  'chat:kommun.yes',
  'chat:kommun.no',
  'chat:kommun.unsaid',
  'chat:kommun.candidates',
  'chat:kommun.noneOfThese',
  'chat:kommun.notFound',
  'chat:kommun.chosen',
  'chat:result.intro',
  'chat:result.introNational',
  'chat:result.noLocal',
  'chat:result.afterHours',
  'match:dangerWords',
  'match:commands.restart',
  'match:commands.exit',
  'match:commands.language',
  'match:commands.help',
  'match:kommun.yes',
  'match:kommun.no',
  'match:kommun.unsaid',
  'match:kommun.fillers',
] as const;

const lineKey = (line: Line): string => (typeof line === 'string' ? line : line.key);

/** Checks a parsed flow against itself and the shipped locales; returns every problem found. */
export function checkFlow(flow: Flow, file: string, texts: Texts): string[] {
  const problems: string[] = [];
  const at = (step: string, msg: string) => problems.push(`${file}: step "${step}": ${msg}`);
  const steps = flow.steps;
  const exists = (id: string) => Object.hasOwn(steps, id);

  if (!exists(flow.start)) problems.push(`${file}: start "${flow.start}" is not a step`);

  for (const [id, step] of Object.entries(steps)) {
    const input = stepInput(step);
    if (input === 'choice' && !step.ask) at(id, 'has choices but no question (ask)');
    if (input === 'kommun' && step.choices) at(id, 'asks for a kommun and cannot also have choices');
    if (input === 'kommun' && step.slot !== 'kommun') at(id, 'asks for a kommun, so its slot must be kommun');
    if (input !== 'kommun' && step.slot === 'kommun') at(id, 'records a kommun but does not ask for one (input: kommun)');
    if (input !== 'choice' && !step.end && !step.next) at(id, 'has no choices, so it needs next (or end: true)');
    if (input === 'choice' && step.next) at(id, 'has choices, so each choice says what comes next, not the step');
    if (step.ask && input === 'none') at(id, 'asks a question but offers no choices');
    if (step.next && !exists(step.next)) at(id, `next "${step.next}" is not a step`);
    if (step.notes && step.show !== 'contacts') at(id, 'has notes but shows no contacts');

    const values = new Set<string>();
    for (const choice of step.choices ?? []) {
      if (values.has(choice.value)) at(id, `the value "${choice.value}" is used by two choices`);
      values.add(choice.value);
      if ('next' in choice && !exists(choice.next)) at(id, `choice "${choice.value}" leads to "${choice.next}", which is not a step`);
      if (step.slot && step.slot !== 'kommun' && 'next' in choice) {
        const allowed: readonly string[] = ANSWER_SLOTS[step.slot];
        if (!allowed.includes(choice.value)) at(id, `choice "${choice.value}" is not a value of ${step.slot} (${allowed.join(', ')})`);
      }
    }
    if (step.dangerAnswer !== undefined && !values.has(step.dangerAnswer)) at(id, `dangerAnswer "${step.dangerAnswer}" is not one of its choices`);

    for (const locale of texts.locales) {
      const need = (nsKey: string, what: string) => {
        if (!texts.has(locale, nsKey)) at(id, `${what} "${nsKey}" is missing in locales/${locale}`);
      };
      for (const line of step.say ?? []) need(`chat:${lineKey(line)}`, 'text');
      for (const line of step.notes ?? []) need(`chat:${lineKey(line)}`, 'text');
      if (step.ask) need(`chat:${step.ask}`, 'question');
      if (step.help) need(`chat:${step.help}`, 'help text');
      for (const choice of step.choices ?? []) {
        need(`chat:${choice.label}`, 'label');
        need(`match:answers.${id}.${choice.value}`, 'keyword list');
      }
    }
  }

  // Reachability from the start (restart leads back to the start).
  const edges = (step: Step): string[] => [
    ...(step.next ? [step.next] : []),
    ...(step.choices ?? []).flatMap((c) => ('next' in c ? [c.next] : c.command === 'restart' ? [flow.start] : [])),
  ];
  const reached = new Set<string>();
  const queue = exists(flow.start) ? [flow.start] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const to of edges(steps[id]!)) if (exists(to)) queue.push(to);
  }
  for (const id of Object.keys(steps)) if (!reached.has(id)) at(id, 'cannot be reached from the start');

  // Every reachable step must be able to reach an end.
  const ends = Object.entries(steps).filter(([, s]) => s.end).map(([id]) => id);
  if (ends.length === 0) problems.push(`${file}: no step has end: true, so no conversation can finish`);
  const canEnd = new Set(ends);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, step] of Object.entries(steps))
      if (!canEnd.has(id) && edges(step).some((to) => canEnd.has(to))) {
        canEnd.add(id);
        changed = true;
      }
  }
  for (const id of reached) if (!canEnd.has(id) && ends.length) at(id, 'no path from here reaches an end (end: true)');

  return problems;
}

/** Keys the engine needs in every locale. */
export function checkBuiltinKeys(texts: Texts): string[] {
  const problems: string[] = [];
  for (const locale of texts.locales)
    for (const key of BUILTIN_KEYS) if (!texts.has(locale, key)) problems.push(`locales/${locale}: built-in text "${key}" is missing`);
  return problems;
}

/** Parses and checks one flow file's text. */
export function parseFlow(source: string, file: string, texts: Texts): Flow {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` (line ${e.linePos[0].line})` : '';
    throw new FlowError([`${file}${where}: not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const parsed = FlowFile.safeParse(raw);
  if (!parsed.success) {
    throw new FlowError(
      parsed.error.issues.map((i) => {
        const [first, step, ...rest] = i.path.map(String);
        if (first === 'steps' && step) return `${file}: step "${step}": ${rest.length ? rest.join('.') + ': ' : ''}${i.message}`;
        return `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`;
      }),
    );
  }
  const problems = checkFlow(parsed.data, file, texts);
  if (problems.length) throw new FlowError(problems);
  return parsed.data;
}

/** Loads every flow in `dialogs/` (by id), checking each and the built-in texts. */
export function loadFlows(texts: Texts, dir = paths.dialogs): Map<string, Flow> {
  const flows = new Map<string, Flow>();
  const problems = checkBuiltinKeys(texts);
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort()) {
    try {
      const flow = parseFlow(readFileSync(join(dir, name), 'utf8'), basename(name), texts);
      if (flows.has(flow.id)) problems.push(`${name}: a flow with id "${flow.id}" is already loaded`);
      flows.set(flow.id, flow);
    } catch (e) {
      if (e instanceof FlowError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length) throw new FlowError(problems);
  return flows;
}

