// @vitest-environment jsdom
// The languages page: every language with its review status; admins mark one reviewed,
// other staff only read.
import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

vi.mock('../../lib/session', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/session')>();
  return { ...real, loadMe: () => Promise.resolve(null) }; // the test sets the store itself
});

import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../lib/i18n';
import { me } from '../../lib/session';
import StaffLanguages from '../StaffLanguages.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const row = (code: string, native_name: string, extra: Record<string, unknown> = {}) => ({
  code,
  native_name,
  english_name: code,
  direction: code === 'ar' ? 'rtl' : 'ltr',
  status: code === 'sv' ? 'source' : 'needs_review',
  reviewed_by: null,
  reviewed_at: null,
  note: '',
  ...extra,
});
const LIST = [row('sv', 'Svenska'), row('ar', 'العربية'), row('so', 'Soomaali')];
const user = (roles: string[]) => ({ loaded: true, me: { authenticated: true, username: 'amal', roles } as never });

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
});

beforeEach(() => fetchMock.mockReset());

describe('StaffLanguages', () => {
  it('shows every language with its status and direction, each name in its own language', async () => {
    me.set(user(['official']));
    fetchMock.mockResolvedValueOnce(json(LIST));
    render(StaffLanguages);

    const arabic = await screen.findByRole('heading', { name: 'العربية' });
    expect(arabic).toHaveAttribute('lang', 'ar');
    expect(arabic).toHaveAttribute('dir', 'rtl');
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]).getByText('Källspråk')).toBeInTheDocument();
    expect(within(items[1]).getByText('Behöver granskas av en modersmålstalare')).toBeInTheDocument();
    expect(within(items[1]).getByText(/Skrivs från höger till vänster/)).toBeInTheDocument();
    // An official reads; only admins get the buttons and the note field.
    expect(screen.getByText('Bara administratörer kan ändra status.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('lets an admin mark a language reviewed with a note, and says so', async () => {
    const click = userEvent.setup();
    me.set(user(['admin']));
    fetchMock
      .mockResolvedValueOnce(json(LIST))
      .mockResolvedValueOnce(
        json(row('so', 'Soomaali', { status: 'reviewed', reviewed_by: 'amal', reviewed_at: '2026-12-07T10:00:00Z', note: 'Läst av Hodan' })),
      );
    render(StaffLanguages);

    const somali = (await screen.findByRole('heading', { name: 'Soomaali' })).closest('li')!;
    expect(within(somali).queryByText('Källspråk')).not.toBeInTheDocument();
    await click.type(within(somali).getByRole('textbox', { name: /Anteckning/ }), 'Läst av Hodan');
    await click.click(within(somali).getByRole('button', { name: /^Markera som granskat\s*: Soomaali$/ }));

    expect(await screen.findByText('Soomaali är markerat som granskat.')).toBeInTheDocument();
    const req = fetchMock.mock.calls[1][0] as Request;
    expect(req.method).toBe('PATCH');
    expect(req.url).toContain('/api/staff/languages/so');
    expect(JSON.parse(await req.text())).toEqual({ reviewed: true, note: 'Läst av Hodan' });
    expect(within(somali).getByText('Granskat av en modersmålstalare')).toBeInTheDocument();
    expect(within(somali).getByText(/Markerat som granskat av amal/)).toBeInTheDocument();
    expect(within(somali).getByRole('button', { name: /^Markera som ej granskat\s*: Soomaali$/ })).toBeInTheDocument();
    // Swedish is the source: nothing to mark.
    const swedish = screen.getByRole('heading', { name: 'Svenska' }).closest('li')!;
    expect(within(swedish).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the server error next to the language and keeps the status', async () => {
    const click = userEvent.setup();
    me.set(user(['admin']));
    fetchMock
      .mockResolvedValueOnce(json(LIST))
      .mockResolvedValueOnce(
        json({ code: 'rate_limited', message: 'För många förfrågningar. Vänta en stund och försök igen.', fields: {} }, 429),
      );
    render(StaffLanguages);

    const arabic = (await screen.findByRole('heading', { name: 'العربية' })).closest('li')!;
    await click.click(within(arabic).getByRole('button', { name: /Markera som granskat/ }));

    await waitFor(() =>
      expect(within(arabic).getByRole('alert')).toHaveTextContent('För många förfrågningar.'),
    );
    expect(within(arabic).getByText('Behöver granskas av en modersmålstalare')).toBeInTheDocument();
  });

  it('tells a council member they have no permission and asks the server nothing', () => {
    me.set(user(['council_member']));
    render(StaffLanguages);

    expect(screen.getByRole('alert')).toHaveTextContent('Du har inte behörighet till den här sidan.');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
