/// <reference types="node" />
// Every language's catalogs against Swedish (the source): the same keys, the same
// placeholders, plurals every language needs, and each file in a bundle.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { bundlePlan, localeFile, pickSections, PARSE_OPTIONS } from '../../../build-tools/precompileMessages';
import { EASY_READ_SWEDISH, LANGUAGES, intlLocale } from '../languages';
import sv from '../../locales/sv.json';

const localeDir = join(__dirname, '..', '..', 'locales');
const fileNames = readdirSync(localeDir).filter((f) => f.endsWith('.json'));
const load = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(localeDir, file), 'utf8'));

function flat(node: unknown, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flat(v, key, into);
    else into[key] = v;
  }
  return into;
}

/** What a translation must keep of a message: its arguments (with their kind) and the
 * options of each select; plural options differ by language and are checked apart. */
function shape(message: string): string[] {
  const out: string[] = [];
  const walk = (tree: MessageFormatElement[]): void => {
    for (const el of tree) {
      if (el.type === TYPE.argument || el.type === TYPE.number) out.push(`${el.value}:${el.type}`);
      if (el.type === TYPE.select) out.push(`${el.value}:select(${Object.keys(el.options).sort().join('|')})`);
      if (el.type === TYPE.plural) out.push(`${el.value}:plural`);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(message, PARSE_OPTIONS));
  return [...new Set(out)].sort();
}

/** Plural categories a language uses that a message's plural lacks (without `other`, nothing works). */
function missingPlurals(message: string, code: string): string[] {
  const missing: string[] = [];
  const walk = (tree: MessageFormatElement[]): void => {
    for (const el of tree) {
      if (el.type === TYPE.plural) {
        const has = Object.keys(el.options);
        if (!has.includes('other')) missing.push(`${el.value}: other`);
        // Arabic's zero/one/two/few/many: an explicit =0 / =1 / =2 counts as the case.
        const explicit: Record<string, string> = { zero: '=0', one: '=1', two: '=2' };
        for (const category of new Intl.PluralRules(intlLocale(code)).resolvedOptions().pluralCategories) {
          if (!has.includes(category) && !has.includes(explicit[category] ?? '-')) missing.push(`${el.value}: ${category}`);
        }
      }
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(message, PARSE_OPTIONS));
  return missing;
}

/** Problems of one translated file against its Swedish source. */
export function catalogProblems(source: Record<string, unknown>, translated: Record<string, unknown>, code: string, partial = false): string[] {
  const want = flat(source);
  const have = flat(translated);
  const problems: string[] = [];
  for (const key of Object.keys(want)) {
    if (!(key in have)) {
      if (!partial) problems.push(`missing ${key}`);
      continue;
    }
    const text = have[key];
    if (typeof text !== 'string' || !text.trim()) {
      problems.push(`empty ${key}`);
      continue;
    }
    let got: string[];
    try {
      got = shape(text);
    } catch (e) {
      problems.push(`broken ${key}: ${(e as Error).message}`);
      continue;
    }
    const expected = shape(String(want[key]));
    if (got.join() !== expected.join()) problems.push(`placeholders ${key}: ${got.join(' ')} ≠ ${expected.join(' ')}`);
    for (const m of missingPlurals(text, code)) problems.push(`plural ${key}: no ${m}`);
  }
  for (const key of Object.keys(have)) if (!(key in want)) problems.push(`unused ${key}`);
  return problems;
}

const swedishFiles = fileNames.filter((f) => localeFile(f)?.code === 'sv');

describe('catalogs in every language', () => {
  it('every language the product offers has every Swedish file, complete', () => {
    expect(swedishFiles.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const file of swedishFiles) {
      const { ns } = localeFile(file)!;
      for (const { code } of LANGUAGES.slice(1)) {
        const name = `${ns ? `${ns}.` : ''}${code}.json`;
        if (!fileNames.includes(name)) problems.push(`${name}: missing file`);
        else problems.push(...catalogProblems(load(file), load(name), code).map((p) => `${name}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });

  it('easy-read Swedish holds only Swedish keys, with their placeholders', () => {
    const problems: string[] = [];
    for (const name of fileNames.filter((f) => localeFile(f)?.code === EASY_READ_SWEDISH)) {
      const { ns } = localeFile(name)!;
      const source = `${ns ? `${ns}.` : ''}sv.json`;
      if (!fileNames.includes(source)) problems.push(`${name}: no Swedish file`);
      else problems.push(...catalogProblems(load(source), load(name), 'sv', true).map((p) => `${name}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('no file of an unknown language', () => {
    const known = new Set<string>([...LANGUAGES.map((l) => l.code), EASY_READ_SWEDISH]);
    expect(fileNames.filter((f) => !known.has(localeFile(f)?.code ?? ''))).toEqual([]);
  });

  it('catches a broken placeholder, a missing key, an unused key and a missing Arabic plural', () => {
    const source = { a: 'Hej {name}', b: '{n, plural, one {# röst} other {# röster}}', c: 'Kvar' };
    expect(catalogProblems(source, { a: 'مرحبا {nmae}', b: '{n, plural, one {صوت} other {أصوات}}', d: 'x' }, 'ar')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^placeholders a/),
        expect.stringMatching(/^plural b: no n: zero/),
        expect.stringMatching(/^plural b: no n: few/),
        'missing c',
        'unused d',
      ]),
    );
    expect(catalogProblems(source, { a: 'Hi {name', b: '{n, plural, other {#}}', c: 'Left' }, 'en')[0]).toMatch(/^broken a/);
    expect(catalogProblems(source, { a: 'Hi {name}', b: '{n, plural, one {# vote} other {# votes}}', c: 'Left' }, 'en')).toEqual([]);
  });

  it('puts every locale file in a bundle, and a new namespace without a group fails the build', () => {
    const rest = [...new Set(fileNames.map((f) => localeFile(f)!.ns))].filter((ns) => ns !== '' && ns !== 'poll');
    const plan = bundlePlan(fileNames, { phone: ['', 'poll'], staff: rest });
    expect(plan.get('ar/phone')?.map((f) => f.ns)).toEqual(['', 'poll']);
    expect(() => bundlePlan(['brandnew.ar.json'], { phone: [''] })).toThrow(/brandnew/);
  });

  it('splits the Swedish main file into first-load and page sections without losing one', () => {
    const sections = ['start', 'staff'];
    const first = pickSections(sv, 'first-load', sections);
    const pages = pickSections(sv, 'pages', sections);
    expect(Object.keys(pages).sort()).toEqual([...sections].sort());
    expect({ ...first, ...pages }).toEqual(sv);
    expect(() => pickSections(sv, 'phone', sections)).toThrow(/phone/);
  });
});

describe('one language registry', () => {
  it('lists the languages forum/core/languages.py lists, in its order and direction', () => {
    const python = readFileSync(join(__dirname, '..', '..', '..', '..', 'forum', 'core', 'languages.py'), 'utf8');
    const rows = [...python.matchAll(/Language\("([a-z]+)", "([^"]+)", "[^"]+", "(ltr|rtl)"\)/g)].map((m) => ({
      code: m[1],
      nativeName: m[2],
      dir: m[3],
    }));
    expect(rows).toEqual(LANGUAGES.map((l) => ({ ...l })));
  });
});
