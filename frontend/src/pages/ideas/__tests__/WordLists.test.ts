// @vitest-environment jsdom
// The staff word-list page offers every language Röstrum speaks and saves the chosen one.
import { describe, it, expect, vi, beforeAll } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

vi.mock('../../../lib/session', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/session')>();
  return { ...real, loadMe: () => Promise.resolve(null) }; // the test sets the store itself
});

import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../../lib/i18n';
import { me } from '../../../lib/session';
import { LANGUAGES } from '../../../lib/languages';
import WordLists from '../WordLists.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const saves: { path: string; words: string[] }[] = [];

/** Answers every GET with a one-word list of that language and action; PUT echoes. */
function serveLists() {
  fetchMock.mockImplementation(async (req: Request) => {
    const [, language, action] = new URL(req.url).pathname.match(/word-lists\/(\w+)\/(\w+)/) ?? [];
    if (req.method === 'PUT') {
      const body = JSON.parse(await req.text());
      saves.push({ path: new URL(req.url).pathname, words: body.words });
      return json({ language, action, words: body.words });
    }
    return json({ language, action, words: [`${language}-${action}-word`] });
  });
}

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
  me.set({ loaded: true, me: { authenticated: true, username: 'x', roles: ['youth_worker'] } as never });
});

describe('WordLists', () => {
  it('offers the lists of all seven languages, Swedish first', async () => {
    serveLists();
    render(WordLists);
    const choice = await screen.findByRole('combobox', { name: 'Språk' });
    const options = Array.from((choice as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(LANGUAGES.map((l) => l.code));
    const swedish = await screen.findByRole('region', { name: 'Svenska: Granskas först' });
    await waitFor(() => expect(within(swedish).getByRole('textbox')).toHaveValue('sv-hold-word'));
  });

  it('loads and saves the chosen language, right to left for Persian', async () => {
    serveLists();
    const user = userEvent.setup();
    render(WordLists);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Språk' }), 'fa');

    const region = await screen.findByRole('region', { name: /^Persiska: Granskas först$/ });
    const hold = region.querySelector('textarea') as HTMLTextAreaElement;
    await waitFor(() => expect(hold.value).toBe('fa-hold-word'));
    expect(hold).toHaveAttribute('dir', 'rtl');
    expect(hold).toHaveAttribute('lang', 'fa');

    await user.type(hold, '\nمیکشمت');
    await user.click(within(region).getByRole('button', { name: /Spara listan/ }));
    await within(region).findByText(/har nu 2 ord/);
    expect(saves).toEqual([
      { path: '/api/moderation/word-lists/fa/hold', words: ['fa-hold-word', 'میکشمت'] },
    ]);
  });
});
