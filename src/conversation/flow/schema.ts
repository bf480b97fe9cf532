/**
 * The shape of a flow file in `dialogs/`. See the comment at the top of dialogs/triage.yaml for
 * the same rules in words.
 */
import * as z from 'zod';
import { SERVICE_KINDS } from '../../directory/schema.js';
import { ANSWER_SLOTS, CHOICE_SLOTS } from '../../domain/answers.js';

export const COMMANDS = ['restart', 'exit', 'language', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

const StepId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'step names are lower-case words joined by hyphens');
const TextKey = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'a text key looks like "danger.question"');

/** A condition on the answers so far (and, after contacts are shown, on their kinds). */
const Condition = z.strictObject({
  ...Object.fromEntries(CHOICE_SLOTS.map((slot) => [slot, z.array(z.enum(ANSWER_SLOTS[slot])).min(1).optional()])),
  kinds: z.array(z.enum(SERVICE_KINDS)).min(1).optional(),
}) as z.ZodType<ConditionShape>;
export type ConditionShape = Partial<Record<(typeof CHOICE_SLOTS)[number], string[]>> & { kinds?: string[] };
/** One condition, or a list meaning "any of these". */
export const When = z.union([Condition, z.array(Condition).min(1)]);
export type When = ConditionShape | ConditionShape[];

export const Line = z.union([TextKey, z.strictObject({ key: TextKey, when: When })]);
export type Line = z.infer<typeof Line>;

export const Choice = z.union([
  z.strictObject({ value: z.string().min(1).max(40), label: TextKey, next: StepId }),
  z.strictObject({ value: z.string().min(1).max(40), label: TextKey, command: z.enum(COMMANDS) }),
]);
export type Choice = z.infer<typeof Choice>;

export const Step = z.strictObject({
  say: z.array(Line).optional(),
  show: z.enum(['emergency', 'contacts', 'languages']).optional(),
  notes: z.array(Line).optional(),
  ask: TextKey.optional(),
  slot: z.enum([...CHOICE_SLOTS, 'kommun']).optional(),
  input: z.enum(['choice', 'kommun']).optional(),
  choices: z.array(Choice).min(1).max(12).optional(),
  dangerAnswer: z.string().optional(),
  help: TextKey.optional(),
  next: StepId.optional(),
  end: z.literal(true).optional(),
});
export type Step = z.infer<typeof Step>;

export const FlowFile = z.strictObject({
  id: StepId,
  start: StepId,
  steps: z.record(StepId, Step),
});
export type Flow = z.infer<typeof FlowFile>;

/** How a step takes its input, derived once so that the engine need not guess. */
export function stepInput(step: Step): 'choice' | 'kommun' | 'none' {
  if (step.input === 'kommun') return 'kommun';
  if (step.choices) return 'choice';
  return 'none';
}
