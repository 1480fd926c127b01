import type { Route } from './lib/router';

export type RouteName =
  | 'start'
  | 'phone'
  | 'present'
  | 'console'
  | 'staff'
  | 'forum'
  | 'council'
  | 'brief'
  | 'accessibility';

export const routes: readonly Route<RouteName>[] = [
  { name: 'start', pattern: '/' },
  { name: 'phone', pattern: '/j/:code' },
  { name: 'present', pattern: '/present/:code' },
  { name: 'console', pattern: '/console/:code' },
  { name: 'staff', pattern: '/staff' },
  { name: 'forum', pattern: '/staff/forums/:id' },
  { name: 'council', pattern: '/staff/council' },
  { name: 'brief', pattern: '/staff/council/meetings/:id' },
  { name: 'accessibility', pattern: '/accessibility' },
];
