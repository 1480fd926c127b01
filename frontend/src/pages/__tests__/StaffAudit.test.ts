// @vitest-environment jsdom
// The audit log page: admins read the log as a table with its before/after, filter it (the
// filters go to the API and into the CSV link), and page through it; others are refused.
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
import StaffAudit from '../StaffAudit.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const entry = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  at: '2026-12-07T10:00:00Z',
  actor_username: 'amina',
  actor_roles: 'youth_worker,official',
  action: 'update',
  action_label: 'Ändrade',
  object_type: 'polls.poll',
  object_id: '7',
  object_label: 'Fritidsgården',
  forum_id: 3,
  ip: '192.0.2.1',
  changes: { title: ['Gammal', 'Ny'] },
  detail: { via: 'http' },
  ...extra,
});
const page = (results: unknown[], extra: Record<string, unknown> = {}) => ({
  results,
  count: results.length,
  page: 1,
  page_size: 50,
  ...extra,
});
const user = (roles: string[]) => ({ loaded: true, me: { authenticated: true, username: 'root', roles } as never });
const urlOf = (call: unknown[]) => toUrl(call[0]);
function toUrl(input: unknown): URL {
  const raw = input && typeof input === 'object' && 'url' in input ? String((input as Request).url) : String(input ?? '');
  return new URL(raw, 'http://x');
}

/** Answer each request by its path: the log, and the forums for the forum filter. */
function serve(log: unknown[]) {
  fetchMock.mockImplementation((input: unknown) => {
    const url = toUrl(input);
    if (url.pathname === '/api/forums') return Promise.resolve(json([{ id: 3, name: 'Husby unga' }]));
    return Promise.resolve(json(log.shift()));
  });
}

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
});

beforeEach(() => fetchMock.mockReset());

describe('StaffAudit', () => {
  it('shows each entry with who, what, where from and the fields before and after', async () => {
    me.set(user(['admin']));
    serve([page([entry(1)])]);
    render(StaffAudit);

    const table = await screen.findByRole('table', { name: 'Händelser, nyaste först' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    const cells = within(rows[1]).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('amina');
    expect(cells[1]).toHaveTextContent('ungdomsarbetare, tjänsteperson');
    expect(cells[2]).toHaveTextContent('Ändrade');
    expect(cells[3]).toHaveTextContent('polls.poll #7');
    expect(await within(rows[1]).findByText('Husby unga')).toBeInTheDocument();
    expect(cells[5]).toHaveTextContent('192.0.2.1');
    expect(cells[6]).toHaveTextContent('title');
    expect(cells[6]).toHaveTextContent('Före:Gammal → Efter:Ny');
    expect(screen.getByText('1 händelse')).toBeInTheDocument();
  });

  it('sends the filters to the API and puts them in the CSV link', async () => {
    const click = userEvent.setup();
    me.set(user(['admin']));
    serve([page([entry(1)]), page([entry(2, { action: 'export', changes: {} })])]);
    render(StaffAudit);
    await screen.findByRole('table');

    await click.type(screen.getByLabelText('Användarnamn', { exact: false }), 'omar');
    await click.selectOptions(screen.getByLabelText('Händelse'), 'export');
    await click.click(screen.getByRole('button', { name: 'Visa' }));

    await waitFor(() => expect(within(screen.getByRole('table')).getByText('Exporterade')).toBeInTheDocument());
    const logCalls = fetchMock.mock.calls.map(urlOf).filter((u) => u.pathname === '/api/staff/audit');
    const last = logCalls[logCalls.length - 1];
    expect(last.searchParams.get('actor')).toBe('omar');
    expect(last.searchParams.get('action')).toBe('export');
    expect(last.searchParams.get('page')).toBe('1');
    const link = screen.getByRole('link', { name: 'Ladda ner som CSV' });
    expect(link.getAttribute('href')).toBe('/api/staff/audit.csv?actor=omar&action=export');
  });

  it('pages through a long log', async () => {
    const click = userEvent.setup();
    me.set(user(['admin']));
    serve([page([entry(1)], { count: 120 }), page([entry(2, { object_id: '8' })], { count: 120, page: 2 })]);
    render(StaffAudit);

    expect(await screen.findByText('Sida 1 av 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Föregående sida' })).toBeDisabled();
    await click.click(screen.getByRole('button', { name: 'Nästa sida' }));

    expect(await screen.findByText('Sida 2 av 3')).toBeInTheDocument();
    const logCalls = fetchMock.mock.calls.map(urlOf).filter((u) => u.pathname === '/api/staff/audit');
    expect(logCalls[logCalls.length - 1].searchParams.get('page')).toBe('2');
  });

  it('shows a refused filter by its field', async () => {
    const click = userEvent.setup();
    me.set(user(['admin']));
    fetchMock.mockImplementation((input: unknown) => {
      const url = toUrl(input);
      if (url.pathname === '/api/forums') return Promise.resolve(json([]));
      if (url.searchParams.get('until'))
        return Promise.resolve(
          json({ code: 'invalid', message: 'Något stämmer inte.', fields: { until: ['Slutdatum före startdatum.'] } }, 400),
        );
      return Promise.resolve(json(page([entry(1)])));
    });
    render(StaffAudit);
    await screen.findByRole('table');

    await click.type(screen.getByLabelText('Till och med datum'), '2026-01-01');
    await click.click(screen.getByRole('button', { name: 'Visa' }));

    expect(await screen.findByText('Slutdatum före startdatum.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Något stämmer inte.');
  });

  it('is not shown to staff who are not admins', async () => {
    me.set(user(['official']));
    render(StaffAudit);

    await waitFor(() => expect(screen.queryByRole('table')).not.toBeInTheDocument());
    expect(fetchMock.mock.calls.map(urlOf).some((u) => u.pathname === '/api/staff/audit')).toBe(false);
  });
});
