/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickSections } from '../../../build-tools/precompileMessages';
import sv from '../../locales/sv.json';

const source = (file: string): string => readFileSync(join(__dirname, '..', file), 'utf8');
// Locale files a module imports statically, as "poll." for poll.sv.json and "" for sv.json.
const imported = (file: string, lang: string): string[] =>
  [...source(file).matchAll(/from '\.\.\/locales\/((?:[\w-]+\.)?)(sv|en)\.json/g)]
    .filter((m) => m[2] === lang)
    .map((m) => m[1]);

describe('locale bundles', () => {
  it('English covers every Swedish file of the first load and the pages', () => {
    const unique = (names: string[]): string[] => [...new Set(names)].sort();
    const swedish = unique([...imported('i18n.ts', 'sv'), ...imported('messagesPages.ts', 'sv')]);
    const english = unique([...imported('messagesEn.ts', 'en'), ...imported('messagesPages.ts', 'en')]);
    expect(swedish.length).toBeGreaterThan(5);
    expect(english).toEqual(swedish);
  });

  it('splits the main file into first-load and page sections without losing one', () => {
    const sections = ['start', 'staff'];
    const first = pickSections(sv, 'first-load', sections);
    const pages = pickSections(sv, 'pages', sections);
    expect(Object.keys(pages).sort()).toEqual([...sections].sort());
    expect({ ...first, ...pages }).toEqual(sv);
    expect(() => pickSections(sv, 'phone', sections)).toThrow(/phone/);
  });
});
