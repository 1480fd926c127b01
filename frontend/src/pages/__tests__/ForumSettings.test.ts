// @vitest-environment jsdom
// A forum's settings page: officials change settings, choose staff and archive (after a
// confirmation); an archived forum says so and offers no write actions.
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

import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../lib/i18n';
import { me } from '../../lib/session';
import ForumSettings from '../ForumSettings.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const forum = (extra: Record<string, unknown> = {}) => ({
  id: 7,
  name: 'Ungdomsråd Husby',
  slug: 'ungdomsrad-husby',
  description: '',
  languages: ['sv'],
  unit_id: null,
  age_min: 13,
  age_max: 19,
  neighbourhoods: ['husby'],
  pre_moderation: true,
  retention_days: 730,
  archived: false,
  archived_at: null,
  ...extra,
});
const user = (roles: string[]) => ({ loaded: true, me: { authenticated: true, username: 'tina', roles } as never });

function answer(routes: Record<string, unknown>) {
  fetchMock.mockImplementation(async (input: Request | string) => {
    const key =
      typeof input === 'string' ? `GET ${new URL(input, 'http://localhost').pathname}` : `${input.method} ${new URL(input.url).pathname}`;
    if (key in routes) return json(routes[key]);
    return json({ code: 'not_found', message: 'x', fields: {} }, 404);
  });
}

beforeAll(async () => {
  // jsdom has <dialog> but not its modal methods; these do what the browser's do to the DOM.
  const proto = HTMLDialogElement.prototype;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
});

beforeEach(() => {
  cleanup();
  fetchMock.mockReset();
});

describe('ForumSettings', { timeout: 20000 }, () => {
  it('shows the settings with the neighbourhoods ticked and saves a change', async () => {
    me.set(user(['official']));
    answer({
      'GET /api/staff/departments': [{ id: 1, name: 'Kultur och fritid', level: 'administration', parent_id: null }],
      'GET /api/staff/forums/7': forum(),
      'GET /api/staff/forums/7/staff': [],
      'GET /api/staff/youth-workers': [{ user_id: 3, name: 'Amina', username: 'amina', added_at: null }],
      'PATCH /api/staff/forums/7': forum({ name: 'Ungdomsråd Husby och Akalla' }),
    });
    render(ForumSettings, { params: { id: '7' } });

    const name = await screen.findByLabelText(/Namn/);
    expect(screen.getByRole('checkbox', { name: 'Husby' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Akalla' })).not.toBeChecked();
    await userEvent.clear(name);
    await userEvent.type(name, 'Ungdomsråd Husby och Akalla');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Akalla' }));
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));

    await screen.findByText('Inställningarna är sparade.');
    const call = fetchMock.mock.calls.find((c) => (typeof c[0] === 'string' ? c[1]?.method : c[0].method) === 'PATCH')!;
    const body = typeof call[0] === 'string' ? JSON.parse(call[1].body) : await call[0].json();
    expect(body.name).toBe('Ungdomsråd Husby och Akalla');
    expect(body.neighbourhoods).toEqual(['akalla', 'husby']); // the list's own order
  });

  it('archives only after the confirmation', async () => {
    me.set(user(['official']));
    answer({
      'GET /api/staff/departments': [],
      'GET /api/staff/forums/7': forum(),
      'GET /api/staff/forums/7/staff': [],
      'GET /api/staff/youth-workers': [],
      'POST /api/staff/forums/7/archive': forum({ archived: true, archived_at: '2026-12-07T18:00:00Z' }),
    });
    render(ForumSettings, { params: { id: '7' } });

    await screen.findByText('Husby', { selector: 'label' });
    await userEvent.click(screen.getByRole('button', { name: 'Arkivera forum' }));
    expect(fetchMock.mock.calls.some((c) => typeof c[0] !== 'string' && (c[0] as Request).method === 'POST')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Ja, arkivera' }));

    await screen.findByText('Arkiverat – bara läsning');
    expect(screen.queryByRole('button', { name: 'Spara' })).not.toBeInTheDocument();
  });

  it('an archived forum shows the banner and no write actions', async () => {
    me.set(user(['official']));
    answer({
      'GET /api/staff/departments': [],
      'GET /api/staff/forums/7': forum({ archived: true }),
      'GET /api/staff/forums/7/staff': [{ user_id: 3, name: 'Amina', username: 'amina', added_at: null }],
      'GET /api/staff/youth-workers': [],
    });
    render(ForumSettings, { params: { id: '7' } });

    await screen.findByText('Arkiverat – bara läsning');
    await waitFor(() => expect(screen.getByText('Amina')).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /Ta bort/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Arkivera forum' })).not.toBeInTheDocument();
  });
});
