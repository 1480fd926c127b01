// The staff and big-screen pages, loaded on demand as one small table: their loaders (and
// the chunk lists Vite writes for them) stay out of the phone's first load, which has a
// budget (scripts/first-load.mjs). App.svelte asks this table for any route it does not hold.
import type { Component } from 'svelte';
import type { RouteName } from './routes';
import { loadRoutingMessages } from './lib/i18n';

export type Loader = () => Promise<{ default: Component<any> }>;

const withRouting = <T>(page: Promise<T>): Promise<T> =>
  Promise.all([page, loadRoutingMessages()]).then(([p]) => p);

export const staffPages: Partial<Record<RouteName, Loader>> = {
  present: () => import('./pages/Present.svelte'),
  console: () => import('./pages/Console.svelte'),
  staff: () => import('./pages/Staff.svelte'),
  forum: () => import('./pages/Forum.svelte'),
  forum_new: () => import('./pages/ForumSettings.svelte'),
  forum_settings: () => import('./pages/ForumSettings.svelte'),
  council: () => withRouting(import('./pages/Council.svelte')),
  brief: () => withRouting(import('./pages/Brief.svelte')),
  followup: () => withRouting(import('./pages/Followup.svelte')),
  evaluation: () => withRouting(import('./pages/Evaluation.svelte')),
  pollNew: () => import('./pages/PollBuilder.svelte'),
  pollEdit: () => import('./pages/PollBuilder.svelte'),
  staff_ideas: () => import('./pages/ideas/StaffIdeas.svelte'),
  staff_ideas_queue: () => import('./pages/ideas/Queue.svelte'),
  staff_ideas_board: () => import('./pages/ideas/StaffBoard.svelte'),
  staff_word_lists: () => import('./pages/ideas/WordLists.svelte'),
  live_prepare: () => import('./pages/LivePrepare.svelte'),
  staff_ui: () => import('./pages/UiGallery.svelte'),
  staff_languages: () => import('./pages/StaffLanguages.svelte'),
  staff_account: () => import('./pages/StaffAccount.svelte'),
  staff_departments: () => withRouting(import('./pages/StaffDepartments.svelte')),
  staff_budgets: () => import('./pages/budget/StaffBudgetPages.svelte'),
  staff_audit: () => import('./pages/StaffAudit.svelte'),
};
