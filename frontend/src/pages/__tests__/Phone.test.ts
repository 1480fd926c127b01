// @vitest-environment jsdom
// The live phone's one-choice view: the question and its answers first, results only
// after this phone answered (the server sends none before; the phone says why).
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { readable } from 'svelte/store';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../lib/i18n';
import { rememberJoin } from '../../lib/joined';
import type { LiveSession } from '../../lib/api/types';

vi.mock('../../lib/live', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/live')>();
  return {
    ...real,
    // No socket in a component test: a connection that stays as it is.
    connectLive: () => ({
      ...readable({ ...real.initialLiveState, status: 'open' as const }),
      close: () => {},
      retryNow: () => {},
      request: () => Promise.reject(new Error('no socket')),
    }),
  };
});

import Phone from '../Phone.svelte';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
});

const question = {
  id: 7,
  text: 'Vad vill du ha mer av?',
  kind: 'single_choice',
  required: false,
  config: {},
  options: [
    { id: 1, label: 'Musikstudion', cost: null },
    { id: 2, label: 'Idrottshallen', cost: null },
  ],
};

function session(opts: { answered: boolean; results: boolean }): LiveSession {
  const results = opts.results
    ? { question_id: 7, text: question.text, kind: 'single_choice', total: 3, options: [
        { option_id: 1, label: 'Musikstudion', count: 2, percent: 67 },
        { option_id: 2, label: 'Idrottshallen', count: 1, percent: 33 },
      ], mean: null, distribution: [], words: [], budget: null, unit: '', budget_mode: '', funded_total: null, held: 0 }
    : null;
  return {
    code: 'FIKA42',
    title: 'Fredagsfika',
    state: 'running',
    forum: { id: 1, name: 'Ungdomsforum Järva' },
    join_url: 'http://x/j/FIKA42',
    presence: 12,
    poll: { id: 3, title: 'Fika', status: 'open', questions: [question] },
    results: null,
    my_answers: opts.answered ? { '7': 1 } : {},
    my_full_answers: opts.answered ? { '7': { answer: { option_id: 1 }, text_status: '' } } : {},
    my_about_you_asked: true,
    activities: [{ id: 11, position: 0, kind: 'poll_question', title: '', body: '', question, poll_image: null, board: null, image: null, shown: true, results_before_answer: false }],
    current: { id: 11, kind: 'poll_question', answer_count: 3, results, qa: [], wall: null, ideas: [], ideas_newest: [] },
    controls: { answering_open: true, results_visible: true, countdown_ends_at: null, pacing: 'presenter', ask_about_you: false },
    phase: { name: 'open', actions: ['close', 'reveal', 'countdown'], ends_at: null, after: null },
  } as unknown as LiveSession;
}

describe('Phone (live one-choice question)', () => {
  it('unanswered: the answers, no results, and why there are none yet', async () => {
    rememberJoin(session({ answered: false, results: false }));
    render(Phone, { params: { code: 'FIKA42' } });
    expect(await screen.findByRole('heading', { name: 'Vad vill du ha mer av?' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Musikstudion/ })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText('Svara först, så ser du vad andra har svarat.')).toBeInTheDocument();
    expect(screen.queryByText('Så här har alla svarat')).not.toBeInTheDocument();
  });

  it('answered: its choice pressed, and the results the server now sends', async () => {
    rememberJoin(session({ answered: true, results: true }));
    render(Phone, { params: { code: 'FIKA42' } });
    expect(await screen.findByText('Så här har alla svarat')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Musikstudion/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Du har redan svarat ✓')).toBeInTheDocument();
  });

  it('answered while the youth worker hides results: says they come when shown', async () => {
    rememberJoin(session({ answered: true, results: false }));
    render(Phone, { params: { code: 'FIKA42' } });
    expect(await screen.findByText('Resultatet visas när fritidsledaren vill.')).toBeInTheDocument();
  });
});
