// @vitest-environment jsdom
import { describe, it, expect, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import './i18nForTests';
import ModerationQueue from '../ModerationQueue.svelte';
import type { HeldQuestion } from '../../../lib/api/types';

const entry = (id: number, text: string, kind: 'qa' | 'answer' = 'answer', status = 'held'): HeldQuestion => ({
  id,
  activity_id: 1,
  text,
  status,
  reasons: [],
  kind,
});
const queue = [entry(1, 'fotboll'), entry(2, 'musik'), entry(1, 'Får vi ha öppet?', 'qa'), entry(3, 'dolt', 'answer', 'hidden')];

function show() {
  const onbulk = vi.fn(async (_action: string, entries: unknown[] | null) => (entries === null ? 3 : entries.length));
  render(ModerationQueue, { queue, label: () => '1. Ordmoln', onbulk });
  return onbulk;
}

describe('ModerationQueue', () => {
  it('approves every held entry with one call, and says how many', async () => {
    const onbulk = show();
    await userEvent.click(screen.getByRole('button', { name: 'Godkänn alla (3)' }));
    expect(onbulk).toHaveBeenCalledWith('approve', null);
    expect(onbulk).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('3 godkända.')).toBeInTheDocument();
  });

  it('approves or hides only the chosen entries, telling the two id spaces apart', async () => {
    const onbulk = show();
    expect(screen.getByRole('button', { name: 'Godkänn valda (0)' })).toBeDisabled();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Välj: fotboll' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Välj: Får vi ha öppet?' }));
    await userEvent.click(screen.getByRole('button', { name: 'Dölj valda (2)' }));
    expect(onbulk).toHaveBeenCalledWith('hide', [
      { kind: 'answer', id: 1 },
      { kind: 'qa', id: 1 },
    ]);
  });

  it('works from the keyboard: J/K move, X chooses, A approves, R hides, Shift+A approves all', async () => {
    const onbulk = show();
    const user = userEvent.setup();
    const first = screen.getByRole('group', { name: 'fotboll' });
    first.focus();
    await user.keyboard('j');
    expect(screen.getByRole('group', { name: 'musik' })).toHaveFocus();
    await user.keyboard('a');
    expect(onbulk).toHaveBeenLastCalledWith('approve', [{ kind: 'answer', id: 2 }]);
    await user.keyboard('k');
    expect(first).toHaveFocus();
    await user.keyboard('r');
    expect(onbulk).toHaveBeenLastCalledWith('hide', [{ kind: 'answer', id: 1 }]);
    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: 'Välj: fotboll' })).toBeChecked();
    await user.keyboard('{Shift>}A{/Shift}');
    expect(onbulk).toHaveBeenLastCalledWith('approve', null);
  });

  it('explains its keys on the youth worker\'s screen', () => {
    show();
    expect(screen.getByText(/J\/K flytta, A godkänn, R dölj/)).toBeInTheDocument();
  });
});
