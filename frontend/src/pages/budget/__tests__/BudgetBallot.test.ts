// @vitest-environment jsdom
// The budget ballot on a phone: a running total, proposals that no longer fit are disabled,
// an over-budget choice can never be sent, approval stops at its cap, retries keep their key.
import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { setupI18n } from '../../../lib/i18n';
import { budgetMessages } from '../common';
import type { BudgetProcess, BudgetProposal } from '../../../lib/api/budgetTypes';
import { ballotState } from '../../../lib/budgetBallot';
import BudgetBallot from '../BudgetBallot.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function proposal(id: number, title: string, cost: number, status: BudgetProposal['status'] = 'feasible'): BudgetProposal {
  return { id, title, description: '', status, cost, department: null, public_reason: '', merged_into: null, implementation: null };
}

function process(over: Partial<BudgetProcess> = {}): BudgetProcess {
  return {
    id: 7,
    title: 'Husby 2027',
    description: '',
    forum: { id: 1, name: 'Husby', slug: 'husby' },
    budget_total: 300000,
    ballot_mode: 'knapsack',
    approval_cap: null,
    access: 'device',
    phase: 'ballot',
    phase_label: 'Omröstning',
    phases: [],
    proposal_board_id: null,
    tie_break_rule: 'Lägre kostnad först, sedan det tidigare förslaget.',
    proposals: [
      proposal(1, 'Bänkar', 100000),
      proposal(2, 'Utegym', 180000),
      proposal(3, 'Konstgräs', 250000),
      proposal(4, 'Tak över scenen', 90000, 'infeasible'),
    ],
    my_ballot: null,
    results: null,
    ...over,
  };
}

/** "300 000 kr" with whatever space Intl puts between the groups. */
const kr = (digits: string) => digits.replace(/ /g, '\\s');
const total = () => screen.getByTestId('ballot-total').textContent ?? '';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await budgetMessages;
});
beforeEach(() => fetchMock.mockReset());

describe('BudgetBallot', () => {
  it('keeps a running total of what is left, in a live region', async () => {
    render(BudgetBallot, { process: process(), oncast: () => {} });
    expect(total()).toMatch(new RegExp(`Kvar: ${kr('300 000')} kr av ${kr('300 000')} kr`));
    expect(screen.getByTestId('ballot-total')).toHaveAttribute('aria-live', 'polite');
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    expect(total()).toMatch(new RegExp(`Kvar: ${kr('200 000')} kr av ${kr('300 000')} kr`));
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    expect(total()).toMatch(new RegExp(`Kvar: ${kr('300 000')} kr`));
  });

  it('offers only feasible proposals', () => {
    render(BudgetBallot, { process: process(), oncast: () => {} });
    expect(screen.queryByRole('checkbox', { name: /Tak över scenen/ })).toBeNull();
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
  });

  it('disables a proposal that no longer fits, and enables it again when room is made', async () => {
    render(BudgetBallot, { process: process(), oncast: () => {} });
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    // 200 000 left: the 250 000 one does not fit, the 180 000 one does.
    const grass = screen.getByRole('checkbox', { name: /Konstgräs/ });
    expect(grass).toBeDisabled();
    expect(grass).toHaveAccessibleDescription('Får inte plats i budgeten');
    expect(screen.getByRole('checkbox', { name: /Utegym/ })).toBeEnabled();
    await userEvent.click(screen.getByRole('checkbox', { name: /Utegym/ }));
    expect(total()).toMatch(new RegExp(`Kvar: ${kr('20 000')} kr`));
    await userEvent.click(grass);
    expect(grass).not.toBeChecked();
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /Utegym/ }));
    expect(screen.getByRole('checkbox', { name: /Konstgräs/ })).toBeEnabled();
  });

  it('never sends a choice over the budget, even if costs change under it', async () => {
    const { rerender } = render(BudgetBallot, { process: process(), oncast: () => {} });
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /Utegym/ }));
    const send = screen.getByRole('button', { name: 'Skicka min röst' });
    expect(send).toBeEnabled();
    // A reload raises a cost: the same choice is now 350 000 kr of 300 000 kr.
    const dearer = process();
    dearer.proposals[1] = proposal(2, 'Utegym', 250000);
    await rerender({ process: dearer, oncast: () => {} });
    expect(send).toBeDisabled();
    expect(screen.getByRole('alert')).toHaveTextContent('kostar mer än budgeten');
    await userEvent.click(send);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('cannot send an empty ballot', async () => {
    render(BudgetBallot, { process: process(), oncast: () => {} });
    expect(screen.getByRole('button', { name: 'Skicka min röst' })).toBeDisabled();
  });

  it('stops an approval ballot at its cap', async () => {
    render(BudgetBallot, { process: process({ ballot_mode: 'approval', approval_cap: 2 }), oncast: () => {} });
    expect(screen.getByText(/^Välj upp till 2 förslag./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /Utegym/ }));
    expect(total()).toMatch(/2 förslag valda av högst 2$/);
    // 20 000 kr are left and two are chosen: the third is out for the cap (it would also not fit).
    const grass = screen.getByRole('checkbox', { name: /Konstgräs/ });
    expect(grass).toBeDisabled();
  });

  it('keeps an approval ballot within the budget too, and says which rule stops a proposal', async () => {
    render(BudgetBallot, { process: process({ ballot_mode: 'approval', approval_cap: 3 }), oncast: () => {} });
    await userEvent.click(screen.getByRole('checkbox', { name: /Utegym/ }));
    // 120 000 kr left: the 250 000 one does not fit although the cap allows two more.
    expect(total()).toMatch(new RegExp(`^Kvar: ${kr('120 000')} kr av ${kr('300 000')} kr`));
    const grass = screen.getByRole('checkbox', { name: /Konstgräs/ });
    expect(grass).toBeDisabled();
    expect(grass).toHaveAccessibleDescription('Får inte plats i budgeten');
    expect(screen.getByRole('checkbox', { name: /Bänkar/ })).toBeEnabled();
  });

  it('names the cap when the cap, not the money, stops a proposal', async () => {
    render(BudgetBallot, { process: process({ ballot_mode: 'approval', approval_cap: 1 }), oncast: () => {} });
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    const gym = screen.getByRole('checkbox', { name: /Utegym/ });
    expect(gym).toBeDisabled();
    expect(gym).toHaveAccessibleDescription('Du har valt så många du får');
  });

  it('sends the choice with one idempotency key, the same again after a lost answer', async () => {
    const oncast = vi.fn();
    const bodies: { proposal_ids: number[]; idempotency_key: string; voting_code?: string }[] = [];
    fetchMock.mockImplementationOnce(async (url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      throw new TypeError('offline');
    });
    fetchMock.mockImplementationOnce(async (url: string, init: RequestInit) => {
      expect(url).toMatch(/\/api\/budgets\/7\/ballot$/);
      bodies.push(JSON.parse(String(init.body)));
      return json({ proposal_ids: [1], cast_at: '2027-05-02T10:00:00Z' }, 201);
    });
    render(BudgetBallot, { process: process({ access: 'both' }), oncast });
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Kod från röstlappen' }), 'ABCD2345');
    await userEvent.click(screen.getByRole('button', { name: 'Skicka min röst' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Skicka min röst' }));
    await waitFor(() => expect(oncast).toHaveBeenCalledWith({ proposal_ids: [1], cast_at: '2027-05-02T10:00:00Z' }));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[0]).toMatchObject({ proposal_ids: [1], voting_code: 'ABCD2345' });
  });

  it("shows the contract's error codes in words", async () => {
    fetchMock.mockResolvedValueOnce(json({ code: 'voting_code_invalid', message: '' }, 400));
    render(BudgetBallot, { process: process({ access: 'code' }), oncast: () => {} });
    await userEvent.click(screen.getByRole('checkbox', { name: /Bänkar/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /Kod från röstlappen/ }), 'NOPE');
    await userEvent.click(screen.getByRole('button', { name: 'Skicka min röst' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Koden fungerar inte');
  });
});

describe('ballotState', () => {
  const rules = { mode: 'knapsack' as const, total: 300000, cap: null };
  it('marks a set over the budget as not sendable', () => {
    const p = process().proposals;
    expect(ballotState(p, [1, 2], rules)).toMatchObject({ spent: 280000, remaining: 20000, canSubmit: true });
    expect(ballotState(p, [2, 3], rules)).toMatchObject({ overBudget: true, canSubmit: false });
  });
  it('does not count a proposal that is not on the ballot', () => {
    expect(ballotState(process().proposals, [1, 4], rules).canSubmit).toBe(false);
  });
});
