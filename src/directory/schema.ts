/**
 * The contact directory's data model. Every record a help-seeker can be shown passes this schema,
 * whether it comes from the shipped data, an import file or the volunteer admin.
 *
 * Rules that protect people are in the schema itself, not in the UI:
 *  - there is no address field on anything that runs or may run a shelter (skyddat boende);
 *  - links are https only;
 *  - phones are Swedish numbers, stored E.164;
 *  - every record names its source and when it was last verified.
 */
import * as z from 'zod';
import { GENDER, KommunCode, NEEDS, SITUATIONS, WHO } from '../domain/answers.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { formatSwedishPhone, isStoredPhone, parseSwedishPhone } from './phone.js';

export const SERVICE_KINDS = [
  'emergency', // 112
  'polis', // 114 14 and local police
  'socialtjanst',
  'socialjour',
  'kvinnojour',
  'tjejjour',
  'ungdomsjour',
  'mansjour',
  'centrum-mot-vald', // also relationsvåldsenhet, kvinnofridsmottagning
  'helpline', // national lines such as Kvinnofridslinjen
  'brottsofferjour',
  'healthcare', // akutmottagning, 1177, ungdomsmottagning
  'hbtq',
  'honour', // support against honour-related violence and oppression
  'violence-prevention', // support for people who use violence
  'other',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Kinds whose address must never be shown: they run or may run protected housing. */
export const SHELTER_KINDS: ReadonlySet<ServiceKind> = new Set(['kvinnojour', 'tjejjour', 'ungdomsjour', 'mansjour']);

export const ROLES = ['victim', 'relative', 'professional', 'uses-violence'] as const;
export type Role = (typeof ROLES)[number];
export const SERVED_GENDERS = GENDER.filter((g) => g !== 'unsaid') as Exclude<(typeof GENDER)[number], 'unsaid'>[];

const localeKeys = Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1).max(2000).optional()]));
/** Text in several languages; Swedish is required and is the fallback for every other language. */
export const LocalizedText = z
  .strictObject({ ...localeKeys, sv: z.string().trim().min(1).max(2000) })
  .describe('text per language; sv required') as unknown as z.ZodType<{ sv: string } & Partial<Record<Locale, string>>>;
export type LocalizedText = z.infer<typeof LocalizedText>;

export const HttpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// address');

/** Any web address (http or https); for citations only, never for links shown to people. */
export const WebUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be a web address (http:// or https://)');

export const IsoDate = z.iso.date('must be a date written YYYY-MM-DD');

/** A phone number as stored: E.164 (+46…) or a short number (112, 11414, 116 xxx, 1177). */
export const StoredPhone = z.string().refine(isStoredPhone, 'must be a valid Swedish phone number stored as +46… (or 112, 11414, 116xxx, 1177)');

/** Accepts what people type ("020-50 50 50") and normalises it; explains what is wrong otherwise. */
export const PhoneInput = z.string().transform((value, ctx) => {
  const parsed = parseSwedishPhone(value);
  if (parsed.ok) return parsed.number;
  const why = {
    'not-a-number': 'is not a phone number',
    'not-swedish': 'is not a Swedish number',
    invalid: 'is not a valid Swedish number (check the area code and the number of digits)',
  }[parsed.reason];
  ctx.addIssue({ code: 'custom', message: `"${value}" ${why}` });
  return z.NEVER;
});

export const Phone = z
  .strictObject({
    number: PhoneInput,
    /** The form the source prints, when it differs from the standard grouping (e.g. "020-555 666"). */
    display: z.string().trim().max(40).optional(),
    label: LocalizedText.optional(),
    /** Whether a call shows on the phone bill; absent when nobody knows. */
    hiddenOnBill: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.display !== undefined) {
      const parsed = parseSwedishPhone(p.display);
      if (!parsed.ok || parsed.number !== p.number)
        ctx.addIssue({ code: 'custom', path: ['display'], message: `"${p.display}" is not the same number as ${formatSwedishPhone(p.number)}` });
    }
  });
export type Phone = z.infer<typeof Phone>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const Time = z.string().regex(TIME, 'must be a time written HH:MM (00:00–23:59)');

/**
 * An opening interval within a day. `to` at or before `from` means the interval runs past
 * midnight into the next day (Friday 16:00–01:00). `to` "24:00" is written as "00:00".
 */
export const Interval = z
  .strictObject({ from: Time, to: Time })
  .refine((i) => i.from !== i.to, 'an interval must not start and end at the same time (use alwaysOpen for 24 h)');
export type Interval = z.infer<typeof Interval>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const WeeklySchedule = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(Interval).max(6).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof Interval>>>);

export const DateException = z.strictObject({
  date: IsoDate,
  /** Empty: closed all day. */
  intervals: z.array(Interval).max(6),
  note: LocalizedText.optional(),
});

export const OpeningHours = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('always') }),
  z.strictObject({
    type: z.literal('weekly'),
    weekly: WeeklySchedule,
    /**
     * Swedish public holidays and midsommarafton, julafton, nyårsafton: closed (the default), open as
     * on that weekday ("normal"), or special hours.
     */
    holidays: z.union([z.enum(['closed', 'normal']), z.array(Interval).max(6)]).default('closed'),
    exceptions: z.array(DateException).max(100).default([]),
  }),
]);
export type OpeningHours = z.infer<typeof OpeningHours>;

export const Coverage = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('national') }),
  z.strictObject({
    scope: z.literal('local'),
    kommuner: z.array(KommunCode).max(290).default([]),
    /** Whole län by code ("08"); expanded to their kommuner. */
    lan: z.array(z.string().regex(/^\d{2}$/, 'a län code has two digits, e.g. "08"')).max(21).default([]),
  }),
]);
export type Coverage = z.infer<typeof Coverage>;

export const Source = z
  .strictObject({
    /** A public address where the facts can be checked, exactly as found (citations may be http). */
    url: WebUrl.optional(),
    /** Or a document, with the lines the facts come from. */
    document: z.string().trim().min(1).max(300).optional(),
    lines: z.string().trim().max(100).optional(),
    /** What this source confirms (number, hours, coverage …). */
    confirms: z.string().trim().max(500).optional(),
    /** The date the source itself shows (page date, report year), when it shows one. */
    published: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a year, YYYY-MM or YYYY-MM-DD')
      .optional(),
    /** When we read it. */
    seen: IsoDate.optional(),
  })
  .refine((s) => s.url || s.document, 'a source needs a url or a document');

export const Serves = z.strictObject({
  genders: z.array(z.enum(SERVED_GENDERS)).min(1).default([...SERVED_GENDERS]),
  roles: z.array(z.enum(ROLES)).min(1).default(['victim']),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
});

export const Eligibility = z.strictObject({
  substanceUse: z.boolean().optional(),
  wheelchairAccessible: z.boolean().optional(),
  pets: z.boolean().optional(),
  /** open: anyone may call or come; decision: needs a decision by socialtjänsten (bistånd). */
  entry: z.enum(['open', 'decision']).optional(),
  notes: LocalizedText.optional(),
});

export const STATUSES = ['verified', 'unverified', 'inactive'] as const;

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'lower-case letters, digits and hyphens');

export const ServiceRecord = z
  .strictObject({
    id: Slug,
    kind: z.enum(SERVICE_KINDS),
    name: LocalizedText,
    description: LocalizedText.optional(),
    organisation: z.strictObject({ id: Slug, name: z.string().trim().min(1).max(200) }),

    phones: z.array(Phone).max(8).default([]),
    sms: z.array(Phone).max(4).default([]),
    web: HttpsUrl.optional(),
    chat: HttpsUrl.optional(),
    email: z.email().max(200).optional(),
    /** A visiting address, for offices only. Refused on anything that may run a shelter. */
    visitingAddress: z.string().trim().min(1).max(300).optional(),
    /** Runs protected housing (skyddat boende); its address is never stored. */
    providesShelter: z.boolean().default(false),

    coverage: Coverage,
    serves: Serves.default({ genders: [...SERVED_GENDERS], roles: ['victim'] }),
    /** Situations it helps with; absent means all. */
    situations: z.array(z.enum(SITUATIONS)).min(1).optional(),
    /** Needs it answers; absent means the routing table's defaults for its kind. */
    needs: z.array(z.enum(NEEDS)).min(1).optional(),
    /** Situations where it must never be suggested (e.g. family counselling for honour-related violence). */
    unsuitableFor: z.array(z.enum(SITUATIONS)).default([]),
    /** Who it is for beyond the defaults of its kind (e.g. only for young people under 25). */
    forWho: z.array(z.enum(WHO)).min(1).optional(),
    eligibility: Eligibility.default({}),

    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code')).default(['sv']),
    interpreter: z.boolean().optional(),

    /** null: not known; shown as unknown. */
    hours: OpeningHours.nullable().default(null),
    afterHours: z
      .strictObject({ serviceId: Slug.optional(), note: LocalizedText.optional() })
      .refine((a) => a.serviceId || a.note, 'afterHours needs a serviceId or a note')
      .optional(),

    sources: z.array(Source).min(1, 'every record names at least one source'),
    lastVerified: IsoDate,
    status: z.enum(STATUSES),
    /** What a volunteer still has to check (shown in the admin, never to help-seekers). */
    verificationNotes: z.string().trim().max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    const shelterLike = r.providesShelter || SHELTER_KINDS.has(r.kind);
    if (shelterLike && r.visitingAddress !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['visitingAddress'],
        message: 'a service that may run a shelter (skyddat boende) must never have an address; it is reached by phone',
      });
    if (r.serves.minAge !== undefined && r.serves.maxAge !== undefined && r.serves.minAge > r.serves.maxAge)
      ctx.addIssue({ code: 'custom', path: ['serves', 'minAge'], message: 'minAge is above maxAge' });
    if (r.coverage.scope === 'local' && r.coverage.kommuner.length === 0 && r.coverage.lan.length === 0)
      ctx.addIssue({ code: 'custom', path: ['coverage'], message: 'a local service covers at least one kommun or län' });
    if (r.status === 'verified' && r.phones.length === 0 && !r.web && !r.chat && !r.email)
      ctx.addIssue({ code: 'custom', path: ['phones'], message: 'a verified service needs at least one way to reach it' });
    if (r.hours?.type === 'weekly') checkOverlaps(r.hours, ctx);
  });
export type ServiceRecord = z.infer<typeof ServiceRecord>;
/** The record as written in files and forms, before defaults and normalisation. */
export type ServiceRecordInput = z.input<typeof ServiceRecord>;

export const DirectoryFile = z.strictObject({
  $schema: z.string().optional(),
  /** Free text for people reading the file: where the data comes from, what is left to check. */
  about: z.string().optional(),
  services: z.array(ServiceRecord),
});

type Minutes = [start: number, end: number];
function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}
/** Interval in minutes from the start of its own day; an interval past midnight ends after 1440. */
export function intervalMinutes(i: Interval): Minutes {
  const from = minutes(i.from);
  let to = minutes(i.to);
  if (to <= from) to += 24 * 60;
  return [from, to];
}

function checkOverlaps(hours: Extract<OpeningHours, { type: 'weekly' }>, ctx: z.RefinementCtx): void {
  // Lay the whole week on one line (Monday 00:00 = 0) and wrap Sunday night into Monday morning.
  const week = 7 * 24 * 60;
  const spans: { day: Weekday; span: Minutes; label: string }[] = [];
  WEEKDAYS.forEach((day, index) => {
    for (const iv of hours.weekly[day] ?? []) {
      const [from, to] = intervalMinutes(iv);
      spans.push({ day, span: [index * 1440 + from, index * 1440 + to], label: `${day} ${iv.from}–${iv.to}` });
    }
  });
  for (let a = 0; a < spans.length; a++)
    for (let b = a + 1; b < spans.length; b++) {
      const x = spans[a]!;
      const y = spans[b]!;
      for (const shift of [0, week, -week])
        if (x.span[0] < y.span[1] + shift && y.span[0] + shift < x.span[1]) {
          ctx.addIssue({ code: 'custom', path: ['hours', 'weekly', y.day], message: `opening hours overlap: ${x.label} and ${y.label}` });
          return;
        }
    }
  for (const [i, ex] of hours.exceptions.entries()) {
    const spansOfDay = ex.intervals.map(intervalMinutes);
    for (let a = 0; a < spansOfDay.length; a++)
      for (let b = a + 1; b < spansOfDay.length; b++)
        if (spansOfDay[a]![0] < spansOfDay[b]![1] && spansOfDay[b]![0] < spansOfDay[a]![1])
          ctx.addIssue({ code: 'custom', path: ['hours', 'exceptions', i], message: `opening hours overlap on ${ex.date}` });
  }
}
