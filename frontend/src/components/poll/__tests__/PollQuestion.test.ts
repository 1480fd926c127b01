// @vitest-environment jsdom
// The phone's answer view for every question kind: unanswered (inputs), answered (the
// saved answer, "counted"), results hidden (none passed) and shown.
import { describe, it, expect, beforeAll, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../../lib/i18n';
import PollQuestion from '../PollQuestion.svelte';
import type { PollQuestion as Q } from '../../../lib/api/pollTypes';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
});

const options = [
  { id: 1, label: 'Musikstudion', cost: null },
  { id: 2, label: 'Idrottshallen', cost: null },
  { id: 3, label: 'Caféet', cost: null },
];

function question(kind: string, config: Record<string, unknown> = {}): Q {
  return { id: 7, text: 'Vad vill du ha mer av?', kind, required: false, config, options } as unknown as Q;
}

const KINDS: [string, Record<string, unknown>][] = [
  ['single_choice', {}],
  ['yes_no', {}],
  ['multiple_choice', { max_picks: 2 }],
  ['scale', { min: 1, max: 5, style: 'numbers' }],
  ['ranking', {}],
  ['open_text', { max_length: 280 }],
  ['budget', { budget: 100, unit: 'points', budget_mode: 'allocate' }],
];

function result(kind: string) {
  return {
    question_id: 7,
    text: 'Vad vill du ha mer av?',
    kind,
    total: 12,
    options: options.map((o, i) => ({ option_id: o.id, label: o.label, count: 4, percent: 33, score: 3 - i, amount: 30 })),
    mean: 3.5,
    distribution: [1, 2, 3, 4, 5].map((value) => ({ value, count: value })),
    words: [{ word: 'musik', count: 5 }],
    budget: 100,
    unit: 'points',
    budget_mode: 'allocate',
    funded_total: null,
    held: 0,
  };
}

describe.each(KINDS)('PollQuestion (%s)', (kind, config) => {
  it('unanswered: offers inputs, says nothing is counted, shows no results', () => {
    const { container } = render(PollQuestion, { question: question(kind, config), onanswer: vi.fn() });
    expect(screen.getByRole('heading', { name: 'Vad vill du ha mer av?' })).toBeInTheDocument();
    expect(container.querySelectorAll('button, input, textarea').length).toBeGreaterThan(0);
    expect(screen.queryByText('Så här har alla svarat')).not.toBeInTheDocument();
    expect(screen.queryByText(/räknad/)).not.toBeInTheDocument();
  });

  it('answered: says the answer is counted; results appear only when given', () => {
    const saved = { single_choice: { option_id: 1 }, yes_no: { option_id: 1 }, multiple_choice: { option_ids: [1] }, scale: { value: 4 }, ranking: { order: [3, 1, 2] }, open_text: { text: 'Mer musik' }, budget: { allocation: { '1': 50 } } }[kind];
    const hidden = render(PollQuestion, { question: question(kind, config), saved, send: { kind: 'counted' }, onanswer: vi.fn() });
    expect(screen.getByText('Din röst är räknad ✓')).toBeInTheDocument();
    expect(screen.queryByText('Så här har alla svarat')).not.toBeInTheDocument();
    hidden.unmount();

    render(PollQuestion, { question: question(kind, config), saved, send: { kind: 'counted' }, result: result(kind) as never, onanswer: vi.fn() });
    expect(screen.getByText('Så här har alla svarat')).toBeInTheDocument();
  });
});

describe('PollQuestion states', () => {
  it('a one-choice tap sends that option at once', async () => {
    const onanswer = vi.fn();
    render(PollQuestion, { question: question('single_choice'), onanswer });
    await fireEvent.click(screen.getByRole('button', { name: /Idrottshallen/ }));
    expect(onanswer).toHaveBeenCalledWith({ option_id: 2 });
  });

  it('a write waiting for the network says so briefly (the outbox notice explains once)', () => {
    render(PollQuestion, { question: question('single_choice'), send: { kind: 'queued' }, onanswer: vi.fn() });
    expect(screen.getByText('Väntar på nät – skickas sedan')).toBeInTheDocument();
    expect(screen.queryByText(/Du har inget nät just nu/)).not.toBeInTheDocument();
  });

  it('a closed question keeps the answer but offers no input', () => {
    const { container } = render(PollQuestion, {
      question: question('single_choice'),
      saved: { option_id: 1 },
      open: false,
      onanswer: vi.fn(),
    });
    expect(container.querySelectorAll('button, input, textarea')).toHaveLength(0);
  });
});
