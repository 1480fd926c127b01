// @vitest-environment jsdom
import { describe, it, expect, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import './i18nForTests';
import ConsoleControls from '../ConsoleControls.svelte';
import type { Phase } from '../../../lib/phase';

const base = { pacing: 'presenter' as const, askAboutYou: true };
const names = () => screen.getAllByRole('button').map((b) => b.textContent?.trim());

function show(phase: Phase) {
  const oncontrol = vi.fn();
  render(ConsoleControls, { ...base, phase, oncontrol });
  return oncontrol;
}

describe('ConsoleControls: the phase decides what is offered', () => {
  it('open: close answers, countdown, hide results, previous and next', () => {
    show({ name: 'open', actions: ['lock', 'countdown', 'hide', 'previous', 'next', 'goto', 'pacing', 'about_you'], endsAt: null });
    expect(screen.getByText('Svaren är öppna')).toBeInTheDocument();
    expect(names()).toEqual(
      expect.arrayContaining(['← Förra', 'Stäng svar', 'Nästa →', 'Nedräkning 30 s', 'Dölj resultat']),
    );
    expect(screen.queryByRole('button', { name: 'Öppna svar' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stoppa nedräkningen' })).not.toBeInTheDocument();
  });

  it('a finished countdown (revealed) never offers "Stäng svar"', () => {
    show({ name: 'revealed', actions: ['open', 'countdown', 'hide', 'next', 'pacing', 'about_you'], endsAt: null });
    expect(screen.getByText('Svaren är stängda · resultatet visas')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stäng svar' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Öppna svar' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Förra/ })).not.toBeInTheDocument();
  });

  it('counting down: stop instead of start', () => {
    show({ name: 'counting_down', actions: ['lock', 'countdown_stop', 'reveal'], endsAt: '2026-12-07T12:00:30Z' });
    expect(screen.getByRole('button', { name: 'Stoppa nedräkningen' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Nedräkning 30 s' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Visa resultat' })).toBeInTheDocument();
  });

  it('an info slide offers only moving on', () => {
    show({ name: 'presenting', actions: ['previous', 'next', 'goto'], endsAt: null });
    expect(names()).toEqual(['← Förra', 'Nästa →']);
  });

  it('an ended session offers nothing and says so', () => {
    show({ name: 'ended', actions: [], endsAt: null });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText('Det finns inget att styra just nu.')).toBeInTheDocument();
  });

  it('sends the step of the button pressed', async () => {
    const oncontrol = show({ name: 'closed', actions: ['open', 'reveal', 'countdown'], endsAt: null });
    await userEvent.click(screen.getByRole('button', { name: 'Öppna svar' }));
    await userEvent.click(screen.getByRole('button', { name: 'Nedräkning 30 s' }));
    expect(oncontrol.mock.calls).toEqual([[{ action: 'open' }], [{ action: 'countdown', seconds: 30 }]]);
  });
});
