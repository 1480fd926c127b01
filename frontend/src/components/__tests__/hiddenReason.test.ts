import { describe, it, expect, beforeAll } from 'vitest';
import { render } from 'svelte/server';
import { addMessages, init, locale } from 'svelte-i18n';
import ResultBars from '../ResultBars.svelte';
import sv from '../../locales/sv.json';
import en from '../../locales/en.json';
import { countWords } from '../../lib/format';

// 46 votes hidden so the 2 cannot be worked out were printed "färre än 5": the words must
// be true of each hidden figure.
const friday = { option_id: 1, label: 'Fredag', count: null, percent: null, hidden_to_protect: true };
const saturday = { option_id: 2, label: 'Lördag', count: null, percent: null, hidden_to_protect: false };

beforeAll(async () => {
  addMessages('sv', sv as never);
  addMessages('en', en as never);
  init({ fallbackLocale: 'sv', initialLocale: 'sv' });
  await locale.set('sv');
});

function cell(body: string, label: string): string {
  const li = body.split('<li').find((part) => part.includes(label)) ?? '';
  return li.replace(/<!--[^>]*-->/g, '').replace(/<[^>]+>/g, ' ');
}

describe('a hidden count says why it is hidden', () => {
  it('calls a protecting count "dold", a small one "färre än 5", and explains "dold" once', () => {
    const { body } = render(ResultBars, { props: { options: [friday, saturday] } });

    expect(cell(body, 'Fredag')).toContain('dold');
    expect(cell(body, 'Fredag')).not.toContain('färre än 5');
    expect(cell(body, 'Lördag')).toContain('färre än 5');
    expect(body.split('Dold för att en liten grupp inte ska gå att räkna ut.').length - 1).toBe(1);
  });

  it('adds no note when nothing is hidden to protect', () => {
    const { body } = render(ResultBars, { props: { options: [saturday] } });

    expect(body).not.toContain('Dold för att');
  });

  it('writes counts the same way in both languages', () => {
    const t = (key: string) => key;
    expect(countWords(t, 46, true)).toBe('46');
    expect(countWords(t, null, true)).toBe('results.hidden_to_protect');
    expect(countWords(t, null)).toBe('results.fewer_than_five');
    expect(en.results.hidden_to_protect).toBe('hidden');
    expect(sv.results.hidden_to_protect).toBe('dold');
  });
});
