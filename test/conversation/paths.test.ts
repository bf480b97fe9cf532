/**
 * Whole conversations through the HTTP API: every route through the triage flow, every answer of
 * every question by button and by typing its label, and the kommun question in all its forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/conversation/flow/validate.js';
import { loadLocaleBundles, Texts } from '../../src/i18n/bundle.js';
import { Chat } from '../helpers/chat.js';
import { flowPaths, KOMMUN, routeTo, type PathStep } from '../helpers/flow-paths.js';
import { startServer, type TestServer } from '../helpers/server.js';

// The shipped flow, loaded as the server loads it (the tests below are generated from it).
const flow = loadFlows(new Texts(loadLocaleBundles())).get('triage')!;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function follow(chat: Chat, path: PathStep[], kommun = 'Örebro'): Promise<void> {
  for (const { value } of path) {
    if (value === KOMMUN) await chat.say(kommun);
    else await chat.press(value);
  }
}

describe('every route through the flow', () => {
  it('has the routes the flow promises (danger, who, situation and kommun branches)', () => {
    const paths = flowPaths(flow);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    const steps = new Set(paths.flatMap((p) => p.map((s) => s.step)));
    for (const id of Object.keys(flow.steps).filter((id) => flow.steps[id]!.choices || flow.steps[id]!.input)) {
      if (!flow.steps[id]!.end) expect(steps, `a route asks ${id}`).toContain(id);
    }
  });

  it.each(flowPaths(flow).map((p) => [p.map((s) => `${s.step}=${s.value}`).join(' → '), p] as const))('%s', async (_name, path) => {
    const chat = new Chat(server.url);
    await chat.start();
    expect(chat.choiceValues).toEqual(['yes', 'no']);
    await follow(chat, path);
    // Every route ends at the end question, with "start over" and "change language".
    expect(chat.choiceValues).toEqual(['restart', 'language']);
    const all = chat.transcript;
    const cards = all.flatMap((a) => a.attachments ?? []).map((a) => a.content.title);
    if (path.some((p) => p.step === 'danger' && p.value === 'yes')) expect(cards[0]).toMatch(/112/);
    if (path.some((p) => p.value === KOMMUN)) {
      // Contacts were shown, always with at least one national line that answers now.
      const contacts = all.flatMap((a) => a.channelData?.contacts ?? []);
      expect(contacts.length).toBeGreaterThanOrEqual(2);
      expect(contacts.some((c) => !('local' in c) || (c as { local: boolean }).local === false)).toBe(true);
    }
    // Nothing about the person is echoed back beyond what she chose.
    expect(all.every((a) => a.type === 'message')).toBe(true);
  });
});

describe('every answer of every question', () => {
  const questions = Object.entries(flow.steps).filter(([, s]) => s.choices && !s.end);
  for (const [stepId, step] of questions) {
    for (const choice of step.choices!) {
      for (const locale of ['sv', 'en'] as const) {
        it(`${stepId}: "${choice.value}" typed as its ${locale} label`, async () => {
          const chat = new Chat(server.url);
          await chat.start({ locale });
          await follow(chat, routeTo(flow, stepId));
          const asked = chat.texts.at(-1);
          const label = chat.choices.find((c) => c.value === choice.value)!.title;
          await chat.say(label);
          // The question moved on (or, for the danger question, 112 came first).
          expect(chat.texts.at(-1)).not.toBe(asked);
          expect(chat.texts).not.toContain(server.app.texts.t(locale)('chat:system.notUnderstood'));
        });
      }
    }
  }
});

describe('typed answers', () => {
  const cases: [string, string, string][] = [
    ['danger', 'ja', 'danger-now'],
    ['danger', 'Nej', 'who'],
    ['danger', 'JA!', 'danger-now'],
    ['danger', 'nej inte just nu', 'who'],
    ['danger', 'jag vet inte', 'danger-now'],
    ['who', 'mig själv', 'gender'],
    ['who', '2', 'gender'],
    ['who', 'myself', 'gender'],
    ['who', 'min dotter', 'situation'],
    ['who', 'en kompis', 'situation'],
    ['situation', 'han slår mig', 'need'],
    ['situation', 'tvångsäktenskap', 'honour'],
    ['need', 'polisen', 'kommun'],
  ];
  it.each(cases)('at %s, "%s" leads on to %s', async (stepId, typed, expected) => {
    const chat = new Chat(server.url);
    await chat.start();
    await follow(chat, routeTo(flow, stepId));
    const before = chat.texts.at(-1);
    await chat.say(typed);
    expect(chat.texts.at(-1)).not.toBe(before);
    const target = flow.steps[expected]!;
    const t = server.app.texts.t('sv');
    const shown = chat.texts.join('\n');
    if (target.ask) expect(shown).toContain(t(`chat:${target.ask}`));
    else if (target.say?.[0]) expect(shown).toContain(t(`chat:${typeof target.say[0] === 'string' ? target.say[0] : target.say[0].key}`));
    else expect(shown).toContain(t('chat:kommun.question'));
  });

  it('an answer that fits nothing gets a gentle re-ask with the choices again', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.say('blåbärssoppa');
    expect(chat.texts[0]).toBe(server.app.texts.t('sv')('chat:system.notUnderstood'));
    expect(chat.choiceValues).toEqual(['yes', 'no']);
  });

  it('a number out of range is not a choice', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.say('7');
    expect(chat.choiceValues).toEqual(['yes', 'no']);
    expect(chat.texts[0]).toBe(server.app.texts.t('sv')('chat:system.notUnderstood'));
  });
});

describe('commands at any step', () => {
  it('"börja om" starts again, "hjälp" helps and asks again, "språk" offers languages, "avsluta" wipes', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    await chat.say('hjälp');
    expect(chat.texts.join(' ')).toContain('börja om');
    expect(chat.choiceValues).toContain('self');
    await chat.say('börja om');
    expect(chat.choiceValues).toEqual(['yes', 'no']);
    await chat.say('språk');
    // Every shipped language, Swedish first, each named in its own language.
    expect(chat.choiceValues[0]).toBe('lang:sv');
    expect(chat.choiceValues).toEqual(expect.arrayContaining(server.app.texts.locales.map((l) => `lang:${l}`)));
    expect(chat.choices.find((c) => c.value === 'lang:en')!.title).toBe('English');
    await chat.say('English');
    expect(chat.last!.locale).toBe('en');
    expect(chat.texts.at(-1)).toBe('Are you in danger right now?');
    const id = chat.id!;
    await chat.say('exit');
    expect(chat.last!.conversationId).toBeNull();
    expect(await server.app.conversation.runtime.exists(id)).toBe(false);
  });

  it('the end offers start over and change language', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('yes');
    await chat.press('finish');
    expect(chat.choiceValues).toEqual(['restart', 'language']);
    await chat.press('language');
    expect(chat.choiceValues).toContain('lang:en');
    await chat.press('lang:en');
    expect(chat.texts.at(-1)).toBe('Is there anything else you want to do?');
    await chat.press('restart');
    expect(chat.texts.at(-1)).toBe('Are you in danger right now?');
  });
});

describe('danger first', () => {
  it('"yes" answers with 112 before anything else', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('yes');
    const first = chat.last!.activities[0]!;
    expect(first.text).toContain('112');
    expect(chat.cards[0]!.title).toContain('112');
    expect(chat.cards[0]!.buttons![0]).toMatchObject({ type: 'call', value: 'tel:112' });
  });

  it.each([
    ['sv', 'han är här nu'],
    ['sv', 'Han hotar att döda mig'],
    ['sv', 'kniven'],
    ['en', 'he is here'],
    ['en', 'he has a KNIFE'],
    ['sv', 'he is here'], // another language than the chat's
    ['en', 'han är här'],
  ])('danger words (%s) "%s" at a later step interrupt with 112, then the same question again', async (locale, words) => {
    const chat = new Chat(server.url);
    await chat.start({ locale });
    await chat.press('no');
    await chat.press('self');
    const question = chat.texts.at(-1);
    await chat.say(words);
    expect(chat.last!.activities[0]!.text).toContain('112');
    expect(chat.cards[0]!.title).toContain('112');
    expect(chat.texts.at(-1)).toBe(question);
  });

  it('danger words typed at the danger question count as "yes"', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.say('han är här');
    expect(chat.cards[0]!.title).toContain('112');
    expect(chat.choiceValues).toEqual(['continue', 'finish']);
  });

  it('danger words typed into an expired conversation still get 112 first', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await server.app.conversation.runtime.end(chat.id!);
    await chat.say('han är här');
    expect(chat.last!.activities[0]!.text).toContain('112');
    expect(chat.texts.join(' ')).toContain(server.app.texts.t('sv')('chat:system.expired'));
  });
});

describe('the kommun question', () => {
  async function toKommun(chat: Chat, extra: Record<string, unknown> = {}) {
    await chat.start(extra);
    await follow(chat, routeTo(flow, 'kommun'));
  }

  it('asks "Do you live in X?" when the embedding site gave its kommun', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat, { kommun: '0862' });
    expect(chat.texts.at(-1)).toBe('Bor du i Emmaboda?');
    expect(chat.choiceValues).toEqual(['yes', 'no', 'unsaid']);
    await chat.say('ja');
    expect(chat.texts.join('\n')).toContain('i Emmaboda');
    expect(chat.contacts.some((c) => c.id === 'sydostjouren' || c.id === 'kommun-socialtjanst')).toBe(true);
  });

  it('"no" to the site kommun asks for the kommun, then takes a typed one', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat, { kommun: '0862' });
    await chat.press('no');
    expect(chat.texts.at(-1)).toBe(server.app.texts.t('sv')('chat:kommun.question'));
    await chat.say('jag bor i orebro');
    expect(chat.texts[0]).toBe('Jag uppfattade Örebro.');
  });

  it('a postal code works', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat);
    await chat.say('392 31');
    expect(chat.texts[0]).toBe('Jag uppfattade Kalmar.');
  });

  it('an ambiguous name offers candidates, with their län', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat);
    await chat.say('Habo');
    expect(chat.choices.map((c) => c.title)).toEqual(['Håbo (Uppsala län)', 'Habo (Jönköpings län)', 'Ingen av dem', 'Vill inte säga']);
    await chat.press('0643');
    expect(chat.texts[0]).toBe('Jag uppfattade Habo.');
  });

  it('"none of these" asks again; an unknown name is said kindly', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat);
    await chat.say('upplands');
    await chat.press('none');
    expect(chat.texts.at(-1)).toBe(server.app.texts.t('sv')('chat:kommun.question'));
    await chat.say('Atlantis');
    expect(chat.texts[0]).toBe(server.app.texts.t('sv')('chat:kommun.notFound'));
    expect(chat.choiceValues).toEqual(['unsaid']);
  });

  it('"rather not say" gives national contacts and the socialtjänst of "your kommun"', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat);
    await chat.say('vill inte säga');
    expect(chat.texts.join('\n')).toContain(server.app.texts.t('sv')('chat:result.introNational', { count: chat.contacts.length }));
    expect(chat.texts.join('\n')).toMatch(/Här är \d+ ställen du kan kontakta\./);
    expect(chat.contacts.find((c) => c.id === 'kommun-socialtjanst')?.name).toBe('Socialtjänsten i din kommun');
  });

  it('a kommun with no verified local service says so honestly and gives the national lines', async () => {
    const chat = new Chat(server.url);
    await toKommun(chat);
    await chat.say('Ydre');
    expect(chat.texts.join('\n')).toContain('Jag har inget lokalt stöd i Ydre som vi har kunnat kontrollera.');
    expect(chat.contacts.some((c) => c.id === 'kvinnofridslinjen')).toBe(true);
  });
});
