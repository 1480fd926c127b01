// @vitest-environment jsdom
// The phases as a dated list: a phase shows its planned start, except one reached before it
// (staff moved the process on early), where "från <a later day> – nu" would be false.
import { describe, it, expect, beforeAll, afterEach, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../../lib/i18n';
import { budgetMessages } from '../common';
import type { PhaseStep } from '../../../lib/api/budgetTypes';
import PhaseTimeline from '../PhaseTimeline.svelte';

const step = (phase: string, starts_on: string, state: 'done' | 'current' | 'later'): PhaseStep => ({
  phase,
  label: phase,
  starts_on,
  current: state === 'current',
  done: state === 'done',
});

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await budgetMessages;
});
afterEach(() => vi.useRealTimers());

describe('PhaseTimeline', () => {
  it('dates each phase that was reached on time, and the ones to come', () => {
    vi.useFakeTimers({ now: new Date(2027, 0, 20, 12), toFake: ['Date'] });
    render(PhaseTimeline, {
      phases: [step('proposals', '2026-12-08', 'done'), step('results', '2027-01-19', 'current'), step('implementation', '2027-02-02', 'later')],
    });
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('från 8 december – klart');
    expect(items[1]).toHaveTextContent('från 19 januari – nu');
    expect(items[2]).toHaveTextContent('från 2 februari');
  });

  it('gives no planned start for a phase reached before it', () => {
    vi.useFakeTimers({ now: new Date(2026, 11, 8, 12), toFake: ['Date'] });
    render(PhaseTimeline, {
      phases: [step('ballot', '2027-01-05', 'done'), step('results', '2027-01-19', 'current'), step('implementation', '2027-02-02', 'later')],
    });
    const items = screen.getAllByRole('listitem');
    expect(items[0]).not.toHaveTextContent('från');
    expect(items[0]).toHaveTextContent('klart');
    expect(items[1]).not.toHaveTextContent('19 januari');
    expect(items[1]).toHaveTextContent('nu');
    expect(items[2]).toHaveTextContent('från 2 februari');
  });
});
