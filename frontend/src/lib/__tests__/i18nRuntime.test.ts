/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'svelte/store';
import { IntlMessageFormat } from 'intl-messageformat';
import { intlLocale } from '../languages';
import { compileMessages, PARSE_OPTIONS } from '../../../build-tools/precompileMessages';
import { _, addCompiled, addMessages, formatTree, init, isLoading, locale, register, type MessageNode } from '../i18nRuntime';

const localeDir = join(__dirname, '..', '..', 'locales');
const files = readdirSync(localeDir).filter((f) => f.endsWith('.json'));

// Every variable name in a tree, with whether it picks a plural form.
function variables(tree: MessageNode[], into = new Map<string, boolean>()): Map<string, boolean> {
  for (const node of tree) {
    if ('value' in node && node.type !== 0) into.set(node.value, into.get(node.value) || node.type === 6 || node.type === 2);
    if ('options' in node) for (const o of Object.values(node.options)) variables(o.value, into);
  }
  return into;
}

describe('values in right-to-left messages', () => {
  it('isolates a value in Arabic and Persian, not in left-to-right languages', () => {
    const tree: MessageNode[] = [
      { type: 0, value: 'سؤال: ' },
      { type: 1, value: 'title' },
    ];
    expect(formatTree(tree, 'ar', { title: 'Vad vill du?' })).toBe('سؤال: \u2068Vad vill du?\u2069');
    expect(formatTree(tree, 'fa', { title: 'x' })).toBe('سؤال: \u2068x\u2069');
    expect(formatTree(tree, 'sv', { title: 'Vad vill du?' })).toBe('سؤال: Vad vill du?');
  });
});

describe('precompiled messages', () => {
  it('format every message in the locale files as intl-messageformat does', () => {
    let checked = 0;
    for (const file of files) {
      const code = file.split('.').at(-2)!;
      const compiled = compileMessages(JSON.parse(readFileSync(join(localeDir, file), 'utf8')));
      for (const [message, tree] of Object.entries(compiled)) {
        const reference = new IntlMessageFormat(message, intlLocale(code), undefined, PARSE_OPTIONS);
        const vars = variables(tree as MessageNode[]);
        for (const n of [0, 1, 2, 5, 21, 1234]) {
          const values = Object.fromEntries([...vars].map(([name, numeric]) => [name, numeric ? n : `«${name}»`]));
          // Values in right-to-left messages come isolated (FSI … PDI); the words are the same.
          const ours = formatTree(tree as MessageNode[], code, values).replace(/[\u2068\u2069]/g, '');
          expect(ours, `${file}: ${message}`).toBe(reference.format(values));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('reject ICU the runtime cannot format, naming the key', () => {
    expect(() => compileMessages({ when: { due: 'Klar {d, date, short}' } })).toThrow(/when\.due/);
    expect(() => compileMessages({ bad: 'Öppen {n, plural, one {#}' })).toThrow(/ICU syntax error in bad/);
  });

  it('leave plain text out of the trees', () => {
    expect(compileMessages({ a: 'Hej', b: "Det är Sara's tur", c: 'Hej {name}' })).toEqual({
      'Hej {name}': [
        { type: 0, value: 'Hej ' },
        { type: 1, value: 'name' },
      ],
    });
  });
});

describe('the i18n runtime', () => {
  it('looks up nested keys, falls back to Swedish, then to the default, then to the key', async () => {
    addMessages('sv', { t: { hello: 'Hej {name}', only_sv: 'Bara svenska' } });
    addCompiled(compileMessages({ x: 'Hej {name}' }) as Record<string, MessageNode[]>);
    let loaded = false;
    register('en', async () => {
      loaded = true;
      addMessages('en', { t: { hello: 'Hello {name}' } });
      addCompiled(compileMessages({ x: 'Hello {name}' }) as Record<string, MessageNode[]>);
    });
    await init({ fallbackLocale: 'sv', initialLocale: 'sv' });
    expect(loaded).toBe(false);
    expect(get(_)('t.hello', { values: { name: 'Ali' } })).toBe('Hej Ali');
    await locale.set('en');
    expect(loaded).toBe(true);
    expect(get(isLoading)).toBe(false);
    expect(get(_)('t.hello', { values: { name: 'Ali' } })).toBe('Hello Ali');
    expect(get(_)('t.only_sv')).toBe('Bara svenska');
    expect(get(_)('t.missing', { default: 'Reserv' })).toBe('Reserv');
    expect(get(_)('t.missing')).toBe('t.missing');
  });

  it('returns the message itself when a value is missing instead of throwing', () => {
    addMessages('sv', { t: { count: '{n, plural, one {# röst} other {# röster}}' } });
    addCompiled(compileMessages({ x: '{n, plural, one {# röst} other {# röster}}' }) as Record<string, MessageNode[]>);
    const format = get(_);
    expect(format('t.count', { values: { n: 1 }, locale: 'sv' })).toBe('1 röst');
    expect(format('t.count', { values: { n: 1200 }, locale: 'sv' })).toBe('1\u00a0200 röster');
    expect(format('t.count', { values: {}, locale: 'sv' })).toBe('{n, plural, one {# röst} other {# röster}}');
  });
});
