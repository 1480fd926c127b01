import type { Route } from './lib/router';

export type RouteName =
  | 'start'
  | 'phone'
  | 'present'
  | 'staff'
  | 'forum'
  | 'council'
  | 'brief'
  | 'followup'
  | 'accessibility';

export const routes: readonly Route<RouteName>[] = [
  { name: 'start', pattern: '/' },
  { name: 'phone', pattern: '/j/:code' },
  { name: 'present', pattern: '/present/:code' },
  { name: 'staff', pattern: '/staff' },
  { name: 'forum', pattern: '/staff/forums/:id' },
  { name: 'council', pattern: '/staff/council' },
  { name: 'brief', pattern: '/staff/council/meetings/:id' },
  { name: 'followup', pattern: '/staff/council/followup' },
  { name: 'accessibility', pattern: '/accessibility' },
];
