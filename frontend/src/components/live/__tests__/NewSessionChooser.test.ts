// @vitest-environment jsdom
import { describe, it, expect, vi, beforeAll } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../../lib/i18n';
import NewSessionChooser from '../NewSessionChooser.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeAll(async () => {
  window.scrollTo = vi.fn() as never; // jsdom has no scrolling; navigate() scrolls to the top
  setupI18n();
  await locale.set('sv');
});

describe('NewSessionChooser', () => {
  it('creates a session from a template in one click and moves the URL to its editor', async () => {
    const user = userEvent.setup();
    fetchMock
      .mockResolvedValueOnce(
        json([{ key: 'youth_council_check_in', title: 'Incheckning för ett ungdomsråd', description: 'Välkomnande …', kinds: ['info_slide', 'word_cloud'] }]),
      )
      .mockResolvedValueOnce(json({ code: 'XYZ789', activities: [] }, 201));
    render(NewSessionChooser, { forums: [{ id: 3, name: 'Ungdomsrådet' }] as never, canLive: true });

    expect(screen.getByRole('link', { name: 'Ny enkät' })).toHaveAttribute('href', '/staff/forums/3/polls/new');
    await user.click(screen.getByRole('button', { name: 'Ny livesession' }));
    await user.click(await screen.findByRole('button', { name: /Incheckning för ett ungdomsråd/ }));

    await waitFor(() => expect(location.pathname).toBe('/staff/live/XYZ789/prepare'));
    const req = fetchMock.mock.calls[1][0] as Request;
    expect(req.url).toContain('/api/forums/3/live-drafts');
    const body = JSON.parse(await req.text());
    expect(body.template).toBe('youth_council_check_in');
    expect(body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers only a new poll to someone who cannot run sessions', () => {
    render(NewSessionChooser, { forums: [{ id: 3, name: 'Ungdomsrådet' }] as never, canLive: false });
    expect(screen.queryByRole('button', { name: 'Ny livesession' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ny enkät' })).toBeInTheDocument();
  });
});
