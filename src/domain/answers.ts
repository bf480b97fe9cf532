/**
 * The vocabulary of the triage: the stable values a conversation can record.
 *
 * The flow in `dialogs/` chooses which of these it asks for and in what order; the routing table in
 * `data/routing.yaml` and the statistics counters refer to the same values. Keeping the list in one
 * place lets start-up refuse a flow or a routing table that uses a value nobody else understands.
 */
import * as z from 'zod';

export const DANGER = ['yes', 'no'] as const;
export const WHO = ['self', 'young', 'child', 'relative', 'uses-violence', 'professional'] as const;
export const GENDER = ['woman', 'man', 'trans-nonbinary', 'unsaid'] as const;
export const SITUATIONS = [
  'physical',
  'psychological',
  'sexual',
  'honour',
  'economic',
  'digital',
  'exploitation',
  'unsure',
] as const;
export const NEEDS = ['shelter', 'talk', 'police', 'medical', 'children', 'legal', 'info'] as const;

export type Danger = (typeof DANGER)[number];
export type Who = (typeof WHO)[number];
export type Gender = (typeof GENDER)[number];
export type Situation = (typeof SITUATIONS)[number];
export type Need = (typeof NEEDS)[number];

/** The answer slots a flow may fill, with the values each accepts. `kommun` takes an SCB code. */
export const ANSWER_SLOTS = {
  danger: DANGER,
  who: WHO,
  gender: GENDER,
  situation: SITUATIONS,
  need: NEEDS,
} as const;
export type ChoiceSlot = keyof typeof ANSWER_SLOTS;
export const CHOICE_SLOTS = Object.keys(ANSWER_SLOTS) as ChoiceSlot[];

export const KommunCode = z.string().regex(/^\d{4}$/, 'a kommun code has four digits, e.g. "0880"');

/** What a finished (or partly finished) triage knows. Absent means not asked or not answered. */
export interface Answers {
  danger?: Danger;
  who?: Who;
  gender?: Gender;
  situation?: Situation;
  need?: Need;
  /** SCB code, or null when the person chose not to say. */
  kommun?: string | null;
}

export const AnswersSchema = z.strictObject({
  danger: z.enum(DANGER).optional(),
  who: z.enum(WHO).optional(),
  gender: z.enum(GENDER).optional(),
  situation: z.enum(SITUATIONS).optional(),
  need: z.enum(NEEDS).optional(),
  kommun: KommunCode.nullable().optional(),
});
