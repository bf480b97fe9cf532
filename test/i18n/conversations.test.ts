/**
 * Whole conversations in every language through the API: nothing Swedish appears except the names
 * of Swedish services and places; switching language keeps the step; typing in another script
 * offers that language once; danger words work in every language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flatten } from '../../src/i18n/bundle.js';
import type { Locale } from '../../src/i18n/locales.js';
import { Chat, type Activity } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Every visible word of a transcript: texts, buttons, cards. */
function visible(activities: Activity[]): string[] {
  return activities.flatMap((a) => [
    a.text ?? '',
    ...(a.suggestedActions?.actions.map((x) => x.title) ?? []),
    ...(a.attachments ?? []).flatMap((c) => [c.content.subtitle ?? '', c.content.text ?? '', ...(c.content.buttons ?? []).map((b) => b.title)]),
  ]);
}

/** Swedish sentences and phrases (texts of the Swedish locale and descriptions of services), cut at placeholders. */
function swedishFragments(): string[] {
  const sv = server.app.texts.bundles.get('sv')!;
  const texts = [...flatten(sv.namespaces.chat!).values(), ...flatten(sv.namespaces.directory!).values()];
  const descriptions = server.app.directory.current().records.flatMap((r) => [r.description?.sv ?? '', r.eligibility.notes?.sv ?? '']);
  return [...texts, ...descriptions]
    .flatMap((t) => t.split(/\{\{[^}]+\}\}/))
    .map((f) => f.trim())
    .filter((f) => f.length >= 14);
}

const others = (): Locale[] => server.app.texts.locales.filter((l) => l !== 'sv' && l !== 'sv-x-ll');

describe('a whole conversation in each language', () => {
  it.each(['en', 'ar', 'fa', 'so', 'ti', 'fi', 'pl', 'uk', 'tr', 'bs', 'es'] as Locale[])('%s: no Swedish text appears (service and place names aside)', async (locale) => {
    const chat = new Chat(server.url);
    await chat.start({ locale, kommun: '1880' });
    const t = server.app.texts.t(locale);
    expect(chat.texts.at(-1)).toBe(t('chat:danger.question'));
    // Danger words in her own language interrupt with 112 first.
    const danger = server.app.texts.list(locale, 'match:dangerWords').find((w) => !w.includes('*'))!;
    await chat.press('no');
    await chat.say(danger);
    expect(chat.last!.activities[0]!.text).toBe(t('chat:danger.interrupt'));
    expect(chat.cards[0]!.buttons![0]!.value).toBe('tel:112');
    await chat.press('self');
    await chat.press('woman');
    await chat.press('honour');
    await chat.press('talk');
    await chat.press('yes'); // "Do you live in Örebro?"
    expect(chat.choiceValues).toEqual(['restart', 'language']);
    expect(chat.contacts.length).toBeGreaterThanOrEqual(3);
    for (const a of chat.transcript) expect(a.locale).toBe(locale);

    const shown = visible(chat.transcript).join('\n');
    const leaks = swedishFragments().filter((f) => shown.includes(f));
    expect(leaks).toEqual([]);
  });

  it('easy-to-read Swedish is a complete conversation of its own', async () => {
    const chat = new Chat(server.url);
    await chat.start({ locale: 'sv-x-ll' });
    expect(chat.last!.locale).toBe('sv-x-ll');
    expect(chat.texts.join(' ')).not.toBe('');
    const standard = new Chat(server.url);
    await standard.start({ locale: 'sv' });
    expect(chat.texts.join('\n')).not.toBe(standard.texts.join('\n'));
  });
});

describe('switching language', () => {
  it('mid-conversation, the same question comes back in the new language', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    await chat.press('self');
    expect(chat.choiceValues[0]).toBe('woman');
    for (const locale of others()) {
      await chat.say('', { locale });
      expect(chat.last!.locale).toBe(locale);
      expect(chat.texts.at(-1)).toBe(server.app.texts.t(locale)('chat:gender.question'));
      expect(chat.choiceValues[0]).toBe('woman');
    }
    await chat.press('woman');
    expect(chat.texts.at(-1)).toBe(server.app.texts.t(others().at(-1)!)('chat:situation.question'));
  });

  it('by typing "language" in the chat\'s language and the language\'s own name', async () => {
    const chat = new Chat(server.url);
    await chat.start({ locale: 'fi' });
    await chat.say(server.app.texts.list('fi', 'match:commands.language')[0]!);
    expect(chat.choiceValues).toContain('lang:uk');
    await chat.say('Українська');
    expect(chat.last!.locale).toBe('uk');
    await chat.say('language');
    await chat.say('hrvatski');
    expect(chat.last!.locale).toBe('bs');
  });
});

describe('typing in another script offers that language, once', () => {
  it.each([
    // Greetings: they answer no question, so only the offer follows.
    ['مساء الخير', 'ar'],
    ['سلام، وقت بخیر', 'fa'],
    ['ሰላም', 'ti'],
    ['добрий вечір', 'uk'],
    ['добро јутро', 'bs'],
  ])('"%s" → %s', async (text, locale) => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    await chat.say(text);
    const offer = chat.last!.activities.find((a) => a.suggestedActions?.actions.some((x) => x.value === `lang:${locale}`));
    expect(offer?.locale).toBe(locale);
    expect(offer?.text).toBe(server.app.texts.t(locale as Locale)('chat:system.languageOffer'));
    // Offered once: the same script again does not ask again.
    await chat.say(text);
    expect(chat.last!.activities.some((a) => a.suggestedActions?.actions.some((x) => x.value === `lang:${locale}`))).toBe(false);
    // Accepting switches and asks the same question in that language.
    await chat.press(`lang:${locale}`);
    expect(chat.last!.locale).toBe(locale);
    expect(chat.texts.at(-1)).toBe(server.app.texts.t(locale as Locale)('chat:who.question'));
  });
});

describe('an answer typed in another script', () => {
  it('is understood in that language, and her language is offered', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    const myself = server.app.texts.list('ar', 'match:answers.who.self')[0]!;
    await chat.say(myself);
    expect(chat.texts.at(-1)).toBe('Vissa stödlinjer finns för kvinnor, män eller transpersoner. Vad stämmer bäst på dig?');
    expect(chat.last!.activities.some((a) => a.suggestedActions?.actions.some((x) => x.value === 'lang:ar'))).toBe(true);
  });
});

describe('danger words in another script', () => {
  it('get 112 first, then the offer of her language', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    await chat.say('هو هنا الآن');
    const a = chat.last!.activities;
    expect(chat.cards[0]!.title).toMatch(/112/);
    expect(a.findIndex((x) => x.attachments?.length)).toBeLessThan(a.findIndex((x) => x.suggestedActions?.actions.some((b) => b.value === 'lang:ar')));
  });
});

describe('danger words in every language', () => {
  it.each(['sv', 'en', 'ar', 'fa', 'so', 'ti', 'fi', 'pl', 'uk', 'tr', 'bs', 'es', 'sv-x-ll'] as Locale[])('%s: each danger phrase interrupts with 112 first, in a Swedish chat too', async (locale) => {
    const phrases = server.app.texts.list(locale, 'match:dangerWords').filter((w) => !w.includes('*'));
    expect(phrases.length).toBeGreaterThan(5);
    for (const phrase of phrases.slice(0, 8)) {
      const chat = new Chat(server.url);
      await chat.start({ locale: 'sv' });
      await chat.press('no');
      await chat.say(phrase);
      expect(chat.cards[0]?.title, `${locale}: "${phrase}"`).toMatch(/112/);
    }
  });
});
