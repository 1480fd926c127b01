import type { Route } from './lib/router';

export type RouteName =
  | 'start'
  | 'phone'
  | 'present'
  | 'staff'
  | 'forum'
  | 'council'
  | 'brief'
  | 'accessibility'
  | 'poll'
  | 'pollNew'
  | 'pollEdit';

export const routes: readonly Route<RouteName>[] = [
  { name: 'start', pattern: '/' },
  { name: 'phone', pattern: '/j/:code' },
  { name: 'present', pattern: '/present/:code' },
  { name: 'staff', pattern: '/staff' },
  { name: 'forum', pattern: '/staff/forums/:id' },
  { name: 'council', pattern: '/staff/council' },
  { name: 'brief', pattern: '/staff/council/meetings/:id' },
  { name: 'accessibility', pattern: '/accessibility' },
  { name: 'poll', pattern: '/p/:id' },
  { name: 'pollNew', pattern: '/staff/forums/:forum/polls/new' },
  { name: 'pollEdit', pattern: '/staff/polls/:id' },
];
