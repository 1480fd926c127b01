import type { Route } from './lib/router';

export type RouteName =
  | 'start'
  | 'phone'
  | 'present'
  | 'console'
  | 'staff'
  | 'forum'
  | 'forum_new'
  | 'forum_settings'
  | 'council'
  | 'brief'
  | 'followup'
  | 'evaluation'
  | 'accessibility'
  | 'poll'
  | 'pollNew'
  | 'pollEdit'
  | 'ideas'
  | 'idea_board'
  | 'idea'
  | 'my_answers'
  | 'my_answers_move'
  | 'staff_ideas'
  | 'staff_ideas_queue'
  | 'staff_ideas_board'
  | 'staff_word_lists'
  | 'live_prepare'
  | 'insyn'
  | 'insyn_forum'
  | 'staff_ui'
  | 'staff_languages'
  | 'staff_account'
  | 'staff_departments'
  | 'staff_audit'
  | 'budget'
  | 'staff_budgets';

export const routes: readonly Route<RouteName>[] = [
  { name: 'start', pattern: '/' },
  { name: 'phone', pattern: '/j/:code' },
  { name: 'present', pattern: '/present/:code' },
  { name: 'console', pattern: '/console/:code' },
  { name: 'staff', pattern: '/staff' },
  // Before 'forum': "new" is not a forum id.
  { name: 'forum_new', pattern: '/staff/forums/new' },
  { name: 'forum', pattern: '/staff/forums/:id' },
  { name: 'forum_settings', pattern: '/staff/forums/:id/settings' },
  { name: 'council', pattern: '/staff/council' },
  { name: 'brief', pattern: '/staff/council/meetings/:id' },
  { name: 'followup', pattern: '/staff/council/followup' },
  { name: 'evaluation', pattern: '/staff/council/evaluation' },
  { name: 'accessibility', pattern: '/accessibility' },
  { name: 'poll', pattern: '/p/:id' },
  { name: 'pollNew', pattern: '/staff/forums/:forum/polls/new' },
  { name: 'pollEdit', pattern: '/staff/polls/:id' },
  { name: 'ideas', pattern: '/ideas' },
  { name: 'idea_board', pattern: '/ideas/:id' },
  { name: 'idea', pattern: '/ideas/idea/:id' },
  { name: 'my_answers', pattern: '/mina-svar' },
  // A QR link from another phone: the personal code is in the #fragment.
  { name: 'my_answers_move', pattern: '/mina-svar/flytta' },
  { name: 'staff_ideas', pattern: '/staff/ideas' },
  { name: 'staff_ideas_queue', pattern: '/staff/ideas/queue' },
  { name: 'staff_ideas_board', pattern: '/staff/ideas/boards/:id' },
  { name: 'staff_word_lists', pattern: '/staff/ideas/word-lists' },
  { name: 'live_prepare', pattern: '/staff/live/:code/prepare' },
  // Public transparency, no login: what the council was told and decided.
  { name: 'insyn', pattern: '/insyn' },
  { name: 'insyn_forum', pattern: '/insyn/:slug' },
  // Every ui component in every state (staff only).
  { name: 'staff_ui', pattern: '/staff/ui' },
  // Each language and whether a native speaker has reviewed it (admins mark it).
  { name: 'staff_languages', pattern: '/staff/languages' },
  // One's own account: two-step verification (set up, new recovery codes, turn off).
  { name: 'staff_account', pattern: '/staff/account' },
  // The managed departments planning items and decisions name (officials keep the list).
  { name: 'staff_departments', pattern: '/staff/departments' },
  // The audit log of staff actions (admins read and download it).
  { name: 'staff_audit', pattern: '/staff/audit' },
  // Participatory budgets (medborgarbudget): the phone's process page and the staff pages.
  { name: 'budget', pattern: '/budget/:id' },
  { name: 'staff_budgets', pattern: '/staff/budgets' },
  { name: 'staff_budgets', pattern: '/staff/budgets/:id' },
];
