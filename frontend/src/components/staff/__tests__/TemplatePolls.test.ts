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
import TemplatePolls from '../TemplatePolls.svelte';
import MeasurementSection from '../MeasurementSection.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeAll(async () => {
  window.scrollTo = vi.fn() as never; // jsdom has no scrolling; navigate() scrolls to the top
  setupI18n();
  await locale.set('sv');
});

describe('TemplatePolls', () => {
  it('makes a measurement point after a process in one click, with the poll it follows', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(json({ id: 42 }, 201));
    render(TemplatePolls, { forumId: 3, polls: [{ id: 7, title: 'Fredagskvällar' }] });

    await user.click(await screen.findByText('Från mall'));
    await user.click(screen.getByLabelText('Efter en process'));
    await user.selectOptions(screen.getByLabelText('Vilken enkät följer den upp? (valfritt)'), '7');
    await user.click(screen.getByRole('button', { name: 'Skapa mätpunkt' }));

    await waitFor(() => expect(location.pathname).toBe('/staff/polls/42'));
    const req = fetchMock.mock.calls[0][0] as Request;
    expect(req.url).toContain('/api/forums/3/polls/from-template');
    const body = JSON.parse(await req.text());
    expect(body).toMatchObject({ template: 'measures', occasion: 'after_process', follows: 7 });
    expect(body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('MeasurementSection', () => {
  const cell = (year: number, share: number | null, answers: number | null, written: string) => ({
    year,
    answers,
    agree: null,
    share,
    hidden_to_protect: false,
    missing: false,
    written_share: share === null ? written : `${share} %`,
    written_answers: answers === null ? written : String(answers),
  });

  it('shows shown shares with their answers, hidden cells in words, and the trend sentence', () => {
    render(MeasurementSection, {
      measurement: {
        years: [2025, 2026],
        baseline_year: 2025,
        areas: [
          {
            code: 'feedback',
            name: 'Information, transparens och återkoppling',
            measures: [
              {
                code: 'taken_seriously',
                label: 'Tror att åsikterna tas på allvar',
                question: 'Jag tror att mina åsikter tas på allvar av stadsdelen.',
                area: 'feedback',
                years: [cell(2025, 38, 112, ''), cell(2026, 46, 130, '')],
                neighbourhoods: [
                  { code: 'akalla', label: 'Akalla', years: [cell(2025, null, null, 'färre än 5'), cell(2026, 50, 12, '')] },
                ],
                trend: 'Andelen som tror att deras åsikter tas på allvar ökade från 38 % (2025, 112 svar) till 46 % (2026, 130 svar).',
                direction: 'up',
              },
            ],
          },
        ],
      },
      preferences: [{ measure: 'format_preference', label: 'Hur de vill vara med', respondents: 24, rows: [{ code: 'walk', label: 'Promenad i området', count: null, hidden_to_protect: false, written: 'färre än 5' }] }],
    } as never);

    expect(screen.getByRole('heading', { name: 'Mätpunkter' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: '38 % (112)' })).toBeInTheDocument();
    expect(screen.getAllByRole('cell', { name: 'färre än 5' }).length).toBe(1);
    expect(screen.getByText(/ökade från 38 %/)).toBeInTheDocument();
    expect(screen.getByText('Svar: 24')).toBeInTheDocument();
  });
});
