/**
 * A broken flow must never reach a person: start-up refuses it with a message that names the file
 * and the step.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkBuiltinKeys, FlowError, loadFlows, parseFlow } from '../../src/conversation/flow/validate.js';
import { loadLocaleBundles, Texts, type LocaleBundle } from '../../src/i18n/bundle.js';
import { paths } from '../../src/paths.js';

const bundles = loadLocaleBundles();
const texts = new Texts(bundles);
const source = readFileSync(join(paths.dialogs, 'triage.yaml'), 'utf8');

/** The shipped flow with one change applied. */
function variant(change: (flow: any) => void): string {
  const flow = parse(source);
  change(flow);
  return stringify(flow);
}

function problems(yaml: string, t: Texts = texts): string[] {
  try {
    parseFlow(yaml, 'triage.yaml', t);
  } catch (e) {
    if (e instanceof FlowError) return e.problems;
    throw e;
  }
  return [];
}

describe('flow validation', () => {
  it('the shipped flows load', () => {
    const flows = loadFlows(texts);
    expect(flows.get('triage')!.start).toBe('welcome');
  });

  it('refuses a next that points nowhere', () => {
    expect(problems(variant((f) => (f.steps.welcome.next = 'dangr')))).toContainEqual('triage.yaml: step "welcome": next "dangr" is not a step');
  });

  it('refuses a choice that leads nowhere', () => {
    expect(problems(variant((f) => (f.steps.who.choices[0].next = 'gendr')))).toContainEqual('triage.yaml: step "who": choice "self" leads to "gendr", which is not a step');
  });

  it('refuses a text key missing in one shipped locale, naming the locale', () => {
    expect(problems(variant((f) => (f.steps.need.ask = 'need.questionTwo')))).toEqual(
      expect.arrayContaining(['triage.yaml: step "need": question "chat:need.questionTwo" is missing in locales/sv', 'triage.yaml: step "need": question "chat:need.questionTwo" is missing in locales/en']),
    );
    // Only English lacks it.
    const en = bundles.find((b) => b.locale === 'en')!;
    const chat = structuredClone(en.namespaces.chat!) as any;
    delete chat.gender.transNonbinary;
    const partial = new Texts(bundles.map((b): LocaleBundle => (b.locale === 'en' ? { ...b, namespaces: { ...b.namespaces, chat } } : b)));
    expect(problems(source, partial)).toEqual(['triage.yaml: step "gender": label "chat:gender.transNonbinary" is missing in locales/en']);
  });

  it('refuses a missing keyword list', () => {
    const sv = bundles.find((b) => b.locale === 'sv')!;
    const match = structuredClone(sv.namespaces.match!) as any;
    delete match.answers.need.legal;
    const partial = new Texts(bundles.map((b): LocaleBundle => (b.locale === 'sv' ? { ...b, namespaces: { ...b.namespaces, match } } : b)));
    expect(problems(source, partial)).toEqual(['triage.yaml: step "need": keyword list "match:answers.need.legal" is missing in locales/sv']);
  });

  it('refuses a step that cannot be reached', () => {
    expect(problems(variant((f) => (f.steps.orphan = { say: ['welcome.intro'], next: 'end' })))).toEqual(['triage.yaml: step "orphan": cannot be reached from the start']);
  });

  it('refuses a path that never ends', () => {
    const found = problems(
      variant((f) => {
        f.steps.loop = { say: ['honour.acknowledge'], next: 'loop2' };
        f.steps.loop2 = { say: ['honour.acknowledge'], next: 'loop' };
        f.steps.who.choices[3].next = 'loop';
      }),
    );
    expect(found).toEqual(expect.arrayContaining(['triage.yaml: step "loop": no path from here reaches an end (end: true)', 'triage.yaml: step "loop2": no path from here reaches an end (end: true)']));
  });

  it('refuses a flow without any end', () => {
    expect(problems(variant((f) => delete f.steps.end.end))).toContainEqual('triage.yaml: no step has end: true, so no conversation can finish');
  });

  it('refuses an answer value the statistics and routing do not know', () => {
    expect(problems(variant((f) => (f.steps.need.choices[0].value = 'housing')))).toEqual(
      expect.arrayContaining(['triage.yaml: step "need": choice "housing" is not a value of need (shelter, talk, police, medical, children, legal, info)']),
    );
  });

  it('refuses a dangerAnswer that is not one of the choices', () => {
    expect(problems(variant((f) => (f.steps.danger.dangerAnswer = 'ja')))).toContainEqual('triage.yaml: step "danger": dangerAnswer "ja" is not one of its choices');
  });

  it('refuses two choices with one value', () => {
    expect(problems(variant((f) => (f.steps.who.choices[1].value = 'self')))).toContainEqual('triage.yaml: step "who": the value "self" is used by two choices');
  });

  it('refuses unknown fields and wrong shapes, naming the step', () => {
    expect(problems(variant((f) => (f.steps.who.choises = [])))).toEqual([expect.stringMatching(/^triage\.yaml: step "who": .*choises/)]);
    expect(problems(variant((f) => (f.steps.need.choices[2].next = 42)))).toEqual([expect.stringMatching(/^triage\.yaml: step "need": choices\.2/)]);
  });

  it('refuses YAML that does not parse, with the line', () => {
    expect(problems('id: triage\nstart: welcome\nsteps:\n  welcome: [unclosed\n')).toEqual([expect.stringMatching(/^triage\.yaml \(line \d+\): not valid YAML/)]);
  });

  it('refuses a locale without a text the engine needs', () => {
    const sv = bundles.find((b) => b.locale === 'sv')!;
    const chat = structuredClone(sv.namespaces.chat!) as any;
    delete chat.system.busy;
    const partial = new Texts(bundles.map((b): LocaleBundle => (b.locale === 'sv' ? { ...b, namespaces: { ...b.namespaces, chat } } : b)));
    expect(checkBuiltinKeys(partial)).toEqual(['locales/sv: built-in text "chat:system.busy" is missing']);
  });

  it('the error message lists every problem', () => {
    const yaml = variant((f) => {
      f.steps.welcome.next = 'nowhere';
      f.steps.end.choices[0].label = 'end.gone';
    });
    expect(() => parseFlow(yaml, 'triage.yaml', texts)).toThrow(/step "welcome": next "nowhere"[\s\S]*step "end": label "chat:end.gone" is missing/);
  });
});
