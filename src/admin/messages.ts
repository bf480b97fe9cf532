/**
 * The validation messages of the directory (written in English in the schema, for files and the
 * command line) in the admin's language. Every message the schema and the cross-checks can give a
 * form has a translation here; anything else is shown as the schema wrote it.
 */
import type { TFunction } from 'i18next';
import type { FieldIssue } from './form.js';

/** Messages the schema and src/directory/validate.ts write, and the key of their translation. */
const PATTERNS: readonly [RegExp, string][] = [
  [/^"(?<value>.*)" is not a phone number$/s, 'phoneNotNumber'],
  [/^"(?<value>.*)" is not a Swedish number$/s, 'phoneNotSwedish'],
  [/^"(?<value>.*)" is not a valid Swedish number/s, 'phoneInvalid'],
  [/^"(?<value>.*)" is not the same number as (?<other>.*)$/s, 'phoneDisplay'],
  [/^must be an https:\/\/ address$/, 'https'],
  [/^must be a web address/, 'webAddress'],
  [/^must be a date written YYYY-MM-DD$/, 'date'],
  [/^must be a time written HH:MM/, 'time'],
  [/^an interval must not start and end at the same time/, 'intervalEmpty'],
  [/^opening hours overlap: (?<value>.*) and (?<other>.*)$/, 'overlap'],
  [/^opening hours overlap on (?<value>.*)$/, 'overlapDate'],
  [/^a source needs a url or a document$/, 'sourceNeeds'],
  [/^a year, YYYY-MM or YYYY-MM-DD$/, 'published'],
  [/^lower-case letters, digits and hyphens$/, 'slug'],
  [/^every record names at least one source$/, 'sourceRequired'],
  [/^a service that may run a shelter/, 'shelterAddress'],
  [/^minAge is above maxAge$/, 'ageOrder'],
  [/^a local service covers at least one kommun or län$/, 'coverageEmpty'],
  [/^a verified service needs at least one way to reach it$/, 'reachable'],
  [/^ISO 639 language code$/, 'language'],
  [/^afterHours needs a serviceId or a note$/, 'afterHours'],
  [/^id "(?<value>.*)" is used twice/, 'idTaken'],
  [/^"(?<value>.*)" is not a kommun code$/, 'kommun'],
  [/^"(?<value>.*)" is not a län code$/, 'lan'],
  [/^no service has the id "(?<value>.*)"$/, 'noSuchService'],
  [/^no verified national emergency record/, 'needs112'],
  [/^no verified national police record/, 'needs11414'],
  [/^still points to (?<value>.*)$/, 'stillPointsTo'],
];

export function issueText(t: TFunction, issue: FieldIssue['issue']): string {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(issue.message);
    if (m) return t(`admin:issue.${key}`, { value: m.groups?.value ?? '', other: m.groups?.other ?? '' });
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('admin:issue.required') : t('admin:issue.tooShort', { min: issue.minimum });
      if (issue.origin === 'array') return t('admin:issue.chooseOne');
      if (issue.origin === 'number') return t('admin:issue.numberMin', { min: issue.minimum });
      break;
    case 'too_big':
      if (issue.origin === 'string') return t('admin:issue.tooLong');
      if (issue.origin === 'array') return t('admin:issue.tooMany');
      if (issue.origin === 'number') return t('admin:issue.numberMax');
      break;
    case 'invalid_type':
      if (issue.expected === 'number') return t('admin:issue.number');
      return t('admin:issue.required');
    case 'invalid_value':
    case 'invalid_union':
      return t('admin:issue.choice');
    case 'invalid_format':
      if (issue.format === 'email') return t('admin:issue.email');
      break;
  }
  return issue.message;
}
