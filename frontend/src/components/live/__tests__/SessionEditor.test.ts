// @vitest-environment jsdom
import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest';

// openapi-fetch takes the global fetch when the client is created: replace it first.
const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../../lib/i18n';
import SessionEditor from '../SessionEditor.svelte';
import type { Prepare } from '../../../lib/livePrep';

function activity(id: number, kind: string, title: string, extra: Record<string, unknown> = {}) {
  return { id, position: id, kind, title, body: '', question: null, poll_image: null, board: null, image: null, shown: false, seconds: null, results_before_answer: false, ...extra };
}
function prepare(version: number, activities: ReturnType<typeof activity>[]): Prepare {
  return {
    code: 'ABC234',
    title: 'Fredagsträff',
    state: 'draft',
    pacing: 'presenter',
    ask_about_you: true,
    forum: { id: 1, name: 'Ungdomsrådet' },
    current_activity_id: null,
    edit_version: version,
    activities,
    questions: [],
    boards: [],
  } as unknown as Prepare;
}
// jsdom has no CSS, so the visually hidden span counts as a block: "Ändra : X".
const named = (text: string) => new RegExp(`^${text.replace(/[?]/g, '\\?').replace(':', '\\s?:')}$`);
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

async function sent(n: number): Promise<{ method: string; url: string; body: Record<string, unknown> }> {
  const req = fetchMock.mock.calls[n][0] as Request;
  const text = await req.text();
  return { method: req.method, url: req.url, body: text ? JSON.parse(text) : {} };
}

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
});
beforeEach(() => fetchMock.mockReset());

describe('SessionEditor', () => {
  it('adds a word cloud from the picker with Enter, sending the version and a key', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(
      json(
        prepare(1, [activity(5, 'word_cloud', '', { question: { id: 9, text: 'Ett ord om i dag?', kind: 'open_text', options: [], config: {} } })]),
        201,
      ),
    );
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, []) });

    await user.click(screen.getByRole('button', { name: 'Ordmoln' }));
    const question = screen.getByLabelText('Fråga');
    expect(question).toHaveFocus();
    await user.keyboard('Ett ord om i dag?{Enter}');

    await waitFor(() => expect(screen.getByRole('heading', { name: 'Ett ord om i dag?' })).toBeInTheDocument());
    const { method, url, body } = await sent(0);
    expect(method).toBe('POST');
    expect(url).toContain('/api/live/ABC234/editor/activities');
    expect(body).toMatchObject({ kind: 'word_cloud', question_text: 'Ett ord om i dag?', expected_version: 0 });
    expect(body.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByTestId('save-state')).toHaveTextContent(/Sparat \d\d:\d\d/);
  });

  it('shows bad input beside the form and keeps what was typed', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(
      json({ code: 'options_duplicate', message: 'Två alternativ är likadana.', fields: { options: ['”Ja” finns två gånger.'] } }, 400),
    );
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, []) });
    await user.click(screen.getByRole('button', { name: 'Flerval' }));
    await user.keyboard('Kommer du?{Enter}Ja{Enter}ja{Enter}{Enter}');
    await waitFor(() => expect(screen.getByText('”Ja” finns två gånger.')).toBeInTheDocument());
    expect(screen.getByLabelText('Fråga')).toHaveValue('Kommer du?');
    expect((await sent(0)).body).toMatchObject({ options: ['Ja', 'ja'] });
  });

  it('moves an activity with Alt+ArrowDown and announces it', async () => {
    const user = userEvent.setup();
    const a = activity(1, 'qa', 'Frågor');
    const b = activity(2, 'info_slide', 'Välkomna');
    fetchMock.mockResolvedValueOnce(json(prepare(1, [b, a])));
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, [a, b]) });

    screen.getByRole('button', { name: named('Flytta ner: Frågor') }).focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');

    await waitFor(() => expect(screen.getByText('Frågor flyttades till plats 2 av 2.')).toBeInTheDocument());
    const { url, body } = await sent(0);
    expect(url).toContain('/activities/1/move');
    expect(body).toEqual({ to_index: 1, expected_version: 0 });
    const items = screen.getAllByRole('listitem');
    expect(within(items[0]).getByRole('heading')).toHaveTextContent('Välkomna');
  });

  it('shows a conflict with who changed what, and reloads on request', async () => {
    const user = userEvent.setup();
    const a = activity(1, 'qa', 'Frågor');
    fetchMock
      .mockResolvedValueOnce(
        json(
          {
            code: 'edit_conflict',
            message: 'Någon annan ändrade sessionen.',
            fields: {},
            conflict: {
              current_version: 3,
              edited_by: 'Sara Lind',
              edited_at: '2026-12-07T10:04:00+00:00',
              action: 'edit',
              activity_id: 1,
              activity: { id: 1, kind: 'qa', title: 'Saras frågor', body: '', question_text: '', options: [], seconds: null },
              order: [1],
            },
          },
          409,
        ),
      )
      .mockResolvedValueOnce(json(prepare(3, [{ ...a, title: 'Saras frågor' }])));
    render(SessionEditor, { code: 'ABC234', prep: prepare(2, [a]) });

    await user.click(screen.getByRole('button', { name: named('Duplicera: Frågor') }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sara Lind');
    expect(alert).toHaveTextContent('Saras frågor');
    await user.click(within(alert).getByRole('button', { name: 'Ladda om sessionen' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Saras frågor' })).toBeInTheDocument());
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect((await sent(1)).method).toBe('GET');
  });

  it('previews a question in a phone frame with the phone answer component', async () => {
    const user = userEvent.setup();
    const q = activity(4, 'poll_question', '', {
      question: { id: 3, text: 'Vilken dag?', kind: 'single_choice', options: [{ id: 1, label: 'Fredag' }, { id: 2, label: 'Lördag' }], config: {} },
    });
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, [q]) });
    await user.click(screen.getByRole('button', { name: named('Visa som mobil: Vilken dag?') }));
    const phone = screen.getByRole('figure', { name: 'Så här ser det ut på en mobil' });
    expect(within(phone).getByText('Fredag')).toBeInTheDocument();
    expect(within(phone).getByText('Lördag')).toBeInTheDocument();
  });

  it('adds a budget question with a cost beside each option, Enter moving through the options', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValueOnce(json(prepare(1, []), 201));
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, []) });
    await user.click(screen.getByRole('button', { name: 'Budget' }));
    await user.keyboard('Vad ska pengarna gå till?{Enter}Skatepark{Enter}Konsert{Enter}');
    expect(screen.getByLabelText('Alternativ 3')).toHaveFocus();
    const budget = screen.getByLabelText('Budget (poäng)');
    await user.clear(budget);
    await user.type(budget, '500');
    await user.clear(screen.getByLabelText('Kostnad för alternativ 1'));
    await user.type(screen.getByLabelText('Kostnad för alternativ 1'), '300');
    await user.clear(screen.getByLabelText('Kostnad för alternativ 2'));
    await user.type(screen.getByLabelText('Kostnad för alternativ 2'), '150{Enter}');
    expect(screen.getByLabelText('Alternativ 3')).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect((await sent(0)).body).toMatchObject({
      question_kind: 'budget',
      options: ['Skatepark', 'Konsert'],
      costs: [300, 150],
      config: { budget: 500, unit: 'points' },
    });
  });

  it('loads results-before-answering from the activity and saves it when ticked', async () => {
    const user = userEvent.setup();
    const question = { id: 9, text: 'Kommer du?', kind: 'yes_no', options: [{ id: 1, label: 'Ja', cost: 0 }, { id: 2, label: 'Nej', cost: 0 }], config: {} };
    const a = activity(1, 'poll_question', '', { question, results_before_answer: false });
    fetchMock.mockResolvedValue(json(prepare(1, [{ ...a, results_before_answer: true }])));
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, [a]) });
    await user.click(screen.getByRole('button', { name: named('Ändra: Kommer du?') }));
    const box = screen.getByRole('checkbox', { name: 'Visa resultatet innan man har svarat' });
    expect(box).not.toBeChecked();
    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Klar' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const { method, url, body } = await sent(0);
    expect(method).toBe('PATCH');
    expect(url).toContain('/activities/1');
    expect(body).toMatchObject({ results_before_answer: true, question_kind: 'yes_no', expected_version: 0 });
  });

  it("keeps a scale question's range and end labels when only the text is edited", async () => {
    const user = userEvent.setup();
    const question = { id: 9, text: 'Hur trygg?', kind: 'scale', options: [], config: { scale_min: 1, scale_max: 10, label_min: 'Otrygg', label_max: 'Trygg', emoji: false } };
    const a = activity(1, 'poll_question', '', { question, results_before_answer: false });
    fetchMock.mockResolvedValue(json(prepare(1, [a])));
    render(SessionEditor, { code: 'ABC234', prep: prepare(0, [a]) });
    await user.click(screen.getByRole('button', { name: named('Ändra: Hur trygg?') }));
    expect(screen.getByLabelText('Text vid 10 (frivillig)')).toHaveValue('Trygg');
    await user.type(screen.getByLabelText('Fråga'), ' här');
    await user.click(screen.getByRole('button', { name: 'Klar' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect((await sent(0)).body).toMatchObject({
      question_text: 'Hur trygg? här',
      config: { scale_min: 1, scale_max: 10, label_min: 'Otrygg', label_max: 'Trygg', emoji: false },
    });
  });
});
