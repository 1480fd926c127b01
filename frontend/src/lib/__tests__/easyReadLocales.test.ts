/// <reference types="node" />
// Easy-read Swedish (lättläst, locale sv-x-lattlast) is a partial variant of Swedish: each
// <ns>.sv-x-lattlast.json holds some keys of <ns>.sv.json, and a key it lacks falls back to
// standard Swedish. See docs/i18n/lattlast.md for how the texts are written.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { PARSE_OPTIONS } from '../../../build-tools/precompileMessages';

const localeDir = join(__dirname, '..', '..', 'locales');
const EASY_READ = 'sv-x-lattlast';
const load = (file: string): unknown => JSON.parse(readFileSync(join(localeDir, file), 'utf8'));

function flat(o: unknown, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) flat(v, prefix ? `${prefix}.${k}` : k, into);
  } else {
    into[prefix] = o;
  }
  return into;
}

const easyReadFiles = readdirSync(localeDir)
  .filter((f) => f.endsWith(`${EASY_READ}.json`))
  .sort()
  .map((name) => {
    const swedishName = name.replace(`${EASY_READ}.json`, 'sv.json');
    return {
      name,
      swedishName,
      easy: flat(load(name)),
      swedish: existsSync(join(localeDir, swedishName)) ? flat(load(swedishName)) : null,
    };
  });

/** What a message asks of its caller: every argument with its kind, and for plural and
 * select the cases it distinguishes (text around them may move, these may not). */
function shape(message: string): string[] {
  const found = new Set<string>();
  const walk = (nodes: MessageFormatElement[]): void => {
    for (const node of nodes) {
      if (node.type === TYPE.argument) found.add(`${node.value}`);
      else if (node.type === TYPE.number || node.type === TYPE.date || node.type === TYPE.time)
        found.add(`${node.value}:${TYPE[node.type]}`);
      else if (node.type === TYPE.plural || node.type === TYPE.select) {
        found.add(`${node.value}:${TYPE[node.type]}:${Object.keys(node.options).sort().join('|')}`);
        for (const option of Object.values(node.options)) walk(option.value);
      } else if (node.type === TYPE.tag) walk(node.children);
    }
  };
  walk(parse(message, PARSE_OPTIONS));
  return [...found].sort();
}

/** Every text a message can show: one per combination of plural/select cases, with each
 * argument as one word. */
function variants(message: string): string[] {
  const render = (nodes: MessageFormatElement[]): string[] =>
    nodes.reduce<string[]>(
      (texts, node) => {
        let parts: string[];
        if (node.type === TYPE.literal) parts = [node.value];
        else if (node.type === TYPE.plural || node.type === TYPE.select)
          parts = Object.values(node.options).flatMap((o) => render(o.value));
        else if (node.type === TYPE.pound) parts = ['5'];
        else if (node.type === TYPE.tag) parts = render(node.children);
        else parts = ['X'];
        return texts.flatMap((t) => parts.map((p) => t + p));
      },
      [''],
    );
  return render(parse(message, PARSE_OPTIONS));
}

/** Words in the longest sentence, splitting on . ! ? (a rough easy-read check). */
function longestSentence(message: string): number {
  return Math.max(
    0,
    ...variants(message).flatMap((text) =>
      text.split(/[.!?]+/).map((sentence) => sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length),
    ),
  );
}

const MAX_WORDS = 20;

// The strings a young person meets first: joining, voting, leaving an idea and "Mina svar".
// Each must have an easy-read version.
const CORE: Record<string, string[]> = {
  'sv-x-lattlast.json': ['start.lead', 'start.code_hint', 'start.bad_length', 'phone.offline_saved', 'phone.change_hint', 'phone.closed'],
  'poll.sv-x-lattlast.json': ['poll.held', 'poll.answer_locked', 'poll.results_when.after_answer', 'poll.about_lead'],
  'ideas.sv-x-lattlast.json': ['ideas.sent_held', 'ideas.privacy_hint', 'ideas.support', 'ideas.mine_lead', 'ideas.timeline_empty'],
  'ideas-nav.sv-x-lattlast.json': ['ideas_nav.mine'],
  'movecode.sv-x-lattlast.json': ['movecode.lead'],
  'aboutyou.sv-x-lattlast.json': ['aboutyou.card_why'],
};

describe('easy-read Swedish locale files', () => {
  it('exist for the participant namespaces', () => {
    expect(easyReadFiles.map((f) => f.name)).toEqual(expect.arrayContaining(Object.keys(CORE)));
  });

  it('each match a Swedish file and hold only its keys', () => {
    for (const f of easyReadFiles) {
      expect(f.swedish, `${f.name} has no ${f.swedishName}`).not.toBeNull();
      const extra = Object.keys(f.easy).filter((k) => !(k in f.swedish!));
      expect(extra, f.name).toEqual([]);
    }
  });

  it('hold non-empty strings that differ from standard Swedish', () => {
    for (const f of easyReadFiles) {
      for (const [k, v] of Object.entries(f.easy)) {
        expect(typeof v === 'string' && v.trim().length > 0, `${f.name}: ${k}`).toBe(true);
        expect(v, `${f.name}: ${k} is the same as in Swedish, leave it out`).not.toBe(f.swedish![k]);
      }
    }
  });

  it('ask for the same arguments, plurals and selects as standard Swedish', () => {
    for (const f of easyReadFiles) {
      for (const [k, v] of Object.entries(f.easy)) {
        expect(shape(v as string), `${f.name}: ${k}`).toEqual(shape(f.swedish![k] as string));
      }
    }
  });

  it(`keep every sentence at ${MAX_WORDS} words or fewer`, () => {
    const long: string[] = [];
    for (const f of easyReadFiles) {
      for (const [k, v] of Object.entries(f.easy)) {
        const words = longestSentence(v as string);
        if (words > MAX_WORDS) long.push(`${f.name}: ${k} (${words} words)`);
      }
    }
    expect(long).toEqual([]);
  });

  it('cover the core participant strings', () => {
    for (const [file, keys] of Object.entries(CORE)) {
      const f = easyReadFiles.find((e) => e.name === file);
      for (const k of keys) expect(f && k in f.easy, `${file}: ${k}`).toBe(true);
    }
  });
});

describe('the easy-read checks', () => {
  it('see a renamed argument, a changed plural case and a dropped select', () => {
    expect(shape('Hej {name}')).not.toEqual(shape('Hej {namn}'));
    expect(shape('{n, plural, one {# röst} other {# röster}}')).not.toEqual(
      shape('{n, plural, =0 {Inga} one {# röst} other {# röster}}'),
    );
    expect(shape('{g, select, a {A} other {B}} {n}')).not.toEqual(shape('{n}'));
    expect(shape('{count, plural, one {# svar} other {# svar}} väntar.')).toEqual(
      shape('{count, plural, one {# svar väntar.} other {# svar väntar.}}'),
    );
  });

  it('count words per sentence, in every plural case', () => {
    expect(longestSentence('Skriv koden här. Då är du med!')).toBe(4);
    expect(longestSentence('Hej {name}, välkommen – kul att du är här')).toBe(8);
    expect(
      longestSentence('{n, plural, one {Kort.} other {En mycket lång mening med många ord i sig som inte tar slut}}'),
    ).toBe(13);
  });
});
