// Who may see a staff page: the one login and role check every staff page uses (through
// components/staff/StaffLayout.svelte). The server checks again on every request; this
// only decides what the page shows, so a user without the role never sees a form.
import type { MeState } from './session';

export type StaffRole = 'youth_worker' | 'official' | 'admin' | 'council_member';
/** verify: the password is done, the code from the app is not; enrol: officials and admins
 * set up two-step verification before anything else. */
export type Access = 'loading' | 'anonymous' | 'verify' | 'enrol' | 'forbidden' | 'allowed';

/** The roles each kind of staff page needs (admins may do everything, as on the server). */
export const PAGE_ROLES = {
  /** Running a live session: the console and preparing one. */
  live: ['youth_worker'],
  /** The big screen. */
  screen: ['youth_worker', 'official'],
  /** Moderation word lists. */
  moderate: ['youth_worker'],
  /** Polls, forums and idea moderation. */
  manage: ['youth_worker', 'official'],
  /** The evaluation of the action plan: those who revise it. */
  evaluation: ['official', 'council_member'],
  /** The staff home: every staff role has something there. */
  any: ['youth_worker', 'official', 'council_member'],
  /** One's own account (two-step verification): every staff role. */
  account: ['youth_worker', 'official', 'council_member'],
  /** The audit log: admins only (admins pass every page). */
  audit: [],
} as const satisfies Record<string, readonly StaffRole[]>;

export function access(state: MeState, roles: readonly StaffRole[]): Access {
  if (!state.loaded) return 'loading';
  const m = state.me;
  if (!m || !m.authenticated) return 'anonymous';
  if (m.mfa_required) return 'verify';
  if (m.mfa_enrolment_required) return 'enrol';
  const held = (m.roles ?? []) as string[];
  if (held.includes('admin') || held.some((r) => (roles as readonly string[]).includes(r))) return 'allowed';
  return 'forbidden';
}

/** Where to come back to after logging in: only a path on this site. */
export function safeNext(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
