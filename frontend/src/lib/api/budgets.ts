// Calls of the budget API (forum/budgets). JSON through one small fetch helper and the
// one multipart call (an implementation update's photo); errors become ApiError like
// every other call (lib/api/client).
import { ApiError, readCookie, toApiError } from './client';
import { currentLang } from '../i18n';
import type {
  BallotBody,
  BudgetCreateBody,
  BudgetProcess,
  BudgetSummary,
  Department,
  MyBallot,
  ReviewBody,
  StaffBudgetDetail,
  StaffBudgetSummary,
  StaffProposal,
  BudgetPhase,
} from './budgetTypes';

export const BUDGET_PHASES: readonly BudgetPhase[] = ['proposals', 'review', 'ballot', 'results', 'implementation', 'closed'];

async function request<T>(method: string, url: string, body?: unknown | FormData): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (method !== 'GET') {
    const csrf = readCookie('csrftoken');
    if (csrf) headers['X-CSRFToken'] = csrf;
  }
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(new URL(url, location.origin).toString(), { method, body: payload, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError('network', '', 0);
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    /* no JSON body */
  }
  if (!res.ok) throw toApiError(data, res);
  return data as T;
}

// Phone / public.
export const listBudgets = (forumSlug: string) =>
  request<BudgetSummary[]>('GET', `/api/budgets?forum=${encodeURIComponent(forumSlug)}`);
export const getBudget = (id: number) => request<BudgetProcess>('GET', `/api/budgets/${id}`);
export const castBallot = (id: number, body: BallotBody) => request<MyBallot>('POST', `/api/budgets/${id}/ballot`, body);

// Staff.
export const staffBudgets = (forumId?: number) =>
  request<StaffBudgetSummary[]>('GET', `/api/staff/budgets${forumId ? `?forum=${forumId}` : ''}`);
export const createBudget = (body: BudgetCreateBody) => request<StaffBudgetDetail>('POST', '/api/staff/budgets', body);
export const staffBudget = (id: number) => request<StaffBudgetDetail>('GET', `/api/staff/budgets/${id}`);
export const patchBudget = (id: number, body: Partial<BudgetCreateBody>) =>
  request<StaffBudgetDetail>('PATCH', `/api/staff/budgets/${id}`, body);
export const movePhase = (id: number, phase: BudgetPhase) =>
  request<StaffBudgetDetail>('POST', `/api/staff/budgets/${id}/phase`, { phase });
export const importProposals = (id: number) =>
  request<{ imported: number }>('POST', `/api/staff/budgets/${id}/proposals/import`);
export const addProposal = (id: number, body: { title: string; description: string }) =>
  request<StaffProposal>('POST', `/api/staff/budgets/${id}/proposals`, body);
export const reviewProposal = (pid: number, body: ReviewBody) =>
  request<StaffProposal>('PUT', `/api/staff/budgets/proposals/${pid}/review`, body);
export const mergeProposal = (pid: number, body: { into_id: number; public_reason: string }) =>
  request<StaffProposal>('POST', `/api/staff/budgets/proposals/${pid}/merge`, body);
export const issueCodes = (id: number, count: number) =>
  request<{ codes: string[] }>('POST', `/api/staff/budgets/${id}/codes`, { count });
/** New codes printed as slips, once (codes are kept only as hashes: old ones cannot be reprinted). */
export async function codeSlipsPdf(id: number, count: number): Promise<Blob> {
  const headers: Record<string, string> = { Accept: 'application/pdf', 'Content-Type': 'application/json', 'Accept-Language': currentLang() };
  const csrf = readCookie('csrftoken');
  if (csrf) headers['X-CSRFToken'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/staff/budgets/${id}/codes.pdf`, { method: 'POST', headers, body: JSON.stringify({ count }), credentials: 'same-origin' });
  } catch {
    throw new ApiError('network', '', 0);
  }
  if (!res.ok) throw toApiError(await res.json().catch(() => null), res);
  return res.blob();
}
export const postUpdate = (pid: number, form: FormData) =>
  request<unknown>('POST', `/api/staff/budgets/proposals/${pid}/updates`, form);
export const listDepartments = () => request<Department[]>('GET', '/api/staff/departments');

/**
 * The budget whose proposal board this is, if any (for the board page's link): the board
 * names its forum, the public forum list gives the slug, the forum's budgets their boards.
 */
export async function budgetForBoard(boardId: number, forumName: string): Promise<BudgetSummary | null> {
  const forums = await request<{ name: string; slug: string }[]>('GET', '/api/public/forums');
  const slug = forums.find((f) => f.name === forumName)?.slug;
  if (!slug) return null;
  for (const summary of await listBudgets(slug)) {
    const detail = await getBudget(summary.id);
    if (detail.proposal_board_id === boardId) return summary;
  }
  return null;
}
