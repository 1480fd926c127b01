// The ballot's rules on the phone, the same as the server's (forum/budgets): in both modes the
// chosen feasible proposals cost at most the budget ("never over budget"); approval also
// allows at most `cap` of them. The phone never lets a choice go over; the server checks again.
import type { BallotMode, BudgetProposal } from './api/budgetTypes';

export interface BallotRules {
  mode: BallotMode;
  total: number;
  cap: number | null;
}

export interface BallotState {
  spent: number;
  remaining: number;
  count: number;
  /** The chosen set breaks a rule (only possible if the proposals changed under it). */
  overBudget: boolean;
  tooMany: boolean;
  canSubmit: boolean;
}

/** Proposals a ballot may name: reviewed feasible, with a cost. */
export function onBallot(proposals: readonly BudgetProposal[]): BudgetProposal[] {
  return proposals.filter((p) => p.status === 'feasible' && p.cost !== null);
}

export function ballotState(proposals: readonly BudgetProposal[], chosen: readonly number[], rules: BallotRules): BallotState {
  const picked = onBallot(proposals).filter((p) => chosen.includes(p.id));
  const spent = picked.reduce((sum, p) => sum + (p.cost ?? 0), 0);
  const overBudget = spent > rules.total;
  const tooMany = rules.mode === 'approval' && rules.cap !== null && picked.length > rules.cap;
  return {
    spent,
    remaining: rules.total - spent,
    count: picked.length,
    overBudget,
    tooMany,
    canSubmit: picked.length > 0 && picked.length === chosen.length && !overBudget && !tooMany,
  };
}

/** Whether a not-yet-chosen proposal can still be added without breaking a rule. */
export function canAdd(proposal: BudgetProposal, state: BallotState, rules: BallotRules): boolean {
  if (proposal.status !== 'feasible' || proposal.cost === null) return false;
  if (proposal.cost > state.remaining) return false;
  return rules.mode === 'knapsack' || rules.cap === null || state.count < rules.cap;
}
