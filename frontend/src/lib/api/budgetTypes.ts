// Participatory budget (medborgarbudget) types, written from the budget contract
// (docs: the budget API). They mirror forum/budgets' serializers field by field.

export type BudgetPhase = 'proposals' | 'review' | 'ballot' | 'results' | 'implementation' | 'closed';
export type BallotMode = 'knapsack' | 'approval';
export type BudgetAccess = 'device' | 'code' | 'both';
export type ProposalStatus = 'proposed' | 'feasible' | 'infeasible' | 'merged';
export type ImplementationStatus = 'not_started' | 'in_progress' | 'done' | 'stopped';

export interface ForumRef {
  id: number;
  name: string;
  slug: string;
}

export interface BudgetSummary {
  id: number;
  title: string;
  forum: ForumRef;
  phase: BudgetPhase;
  phase_label: string;
  budget_total: number;
  unit: string;
}

export interface PhaseStep {
  phase: string;
  label: string;
  starts_on: string;
  current: boolean;
  done: boolean;
}

export interface ImplementationUpdate {
  id: number;
  happened_on: string;
  text: string;
  photo_url: string | null;
  photo_alt: string;
}

export interface Implementation {
  status: ImplementationStatus;
  status_label: string;
  updates: ImplementationUpdate[];
}

export interface BudgetProposal {
  id: number;
  title: string;
  description: string;
  status: ProposalStatus;
  cost: number | null;
  department: { id: number; name: string } | null;
  public_reason: string;
  merged_into: { id: number; title: string } | null;
  implementation: Implementation | null;
}

export interface MyBallot {
  proposal_ids: number[];
  cast_at: string;
}

export interface ResultRow {
  proposal_id: number;
  title: string;
  cost: number;
  votes: number | null;
  votes_written: string;
  funded: boolean;
  rank: number;
}

export interface BudgetResults {
  ballots: number | null;
  ballots_written: string;
  by_channel: { channel: 'device' | 'code'; count: number | null; written: string }[];
  rows: ResultRow[];
  funded_total: number;
  remaining: number;
}

export interface BudgetProcess {
  id: number;
  title: string;
  description: string;
  forum: ForumRef;
  budget_total: number;
  ballot_mode: BallotMode;
  approval_cap: number | null;
  access: BudgetAccess;
  phase: BudgetPhase;
  phase_label: string;
  phases: PhaseStep[];
  proposal_board_id: number | null;
  tie_break_rule: string;
  proposals: BudgetProposal[];
  my_ballot: MyBallot | null;
  results: BudgetResults | null;
}

export interface BallotBody {
  proposal_ids: number[];
  voting_code?: string;
  idempotency_key: string;
}

// Staff.
export interface StaffBudgetSummary {
  id: number;
  title: string;
  phase: BudgetPhase;
  phase_label: string;
  budget_total: number;
  proposals_count: number;
  ballots_count: number;
}

export interface StaffProposal extends BudgetProposal {
  proposer_count: number;
  supporter_count: number;
  source: 'idea' | 'manual';
  idea_id: number | null;
}

export interface StaffBudgetDetail extends Omit<BudgetProcess, 'proposals'> {
  proposals: StaffProposal[];
  ballots_count: number;
  codes_issued: number;
  codes_used: number;
}

export type PhaseDates = Record<BudgetPhase, string>;

export interface BudgetCreateBody {
  forum_id: number;
  title: string;
  description: string;
  budget_total: number;
  ballot_mode: BallotMode;
  approval_cap?: number | null;
  access: BudgetAccess;
  phase_dates: PhaseDates;
  proposal_board_id?: number | null;
}

export interface ReviewBody {
  cost: number;
  department_id: number | null;
  feasible: boolean;
  public_reason: string;
}

export interface Department {
  id: number;
  name: string;
  level: string;
  parent_id: number | null;
  path: string;
}

// "Du sa, vi gjorde" on /mina-svar (GET /api/ideas/mine, `budgets`).
export interface MyBudgetItem {
  proposal_id: number;
  title: string;
  status: string;
  status_label: string;
  message: string;
  happened_on: string | null;
}

export interface MyBudget {
  process_id: number;
  process_title: string;
  phase: BudgetPhase;
  phase_label: string;
  roles: ('proposed' | 'supported' | 'voted')[];
  items: MyBudgetItem[];
}

// The generated schema (forum/budgets' serializers) must fit the types above: a drift on either
// side fails svelte-check here, not on a phone.
import type { components } from './schema';
type Schemas = components['schemas'];
type Fits<A extends B, B> = A;
export type SchemaFits = [
  Fits<Schemas['BudgetDetailOutput'], BudgetProcess>,
  Fits<Schemas['StaffBudgetDetailOutput'], StaffBudgetDetail>,
  Fits<Schemas['BudgetListItemOutput'], Omit<BudgetSummary, 'phase'>>,
  Fits<Schemas['StaffBudgetListItemOutput'], Omit<StaffBudgetSummary, 'phase'>>,
  Fits<Schemas['BudgetMyBallotOutput'], MyBallot>,
  Fits<Schemas['MyBudgetOutput'], Omit<MyBudget, 'phase'>>,
];
