// Staff session: who is logged in. /api/auth/me also sets the csrftoken cookie.
import { writable } from 'svelte/store';
import { api, call } from './api/client';
import type { Me } from './api/types';

export interface MeState {
  loaded: boolean;
  me: Me | null;
}

export const me = writable<MeState>({ loaded: false, me: null });

let inflight: Promise<Me | null> | null = null;

export function loadMe(force = false): Promise<Me | null> {
  if (inflight && !force) return inflight;
  inflight = call(api.GET('/api/auth/me'))
    .then((m) => {
      me.set({ loaded: true, me: m });
      return m;
    })
    .catch(() => {
      me.set({ loaded: true, me: null });
      return null;
    });
  return inflight;
}

export async function login(username: string, password: string): Promise<Me> {
  await loadMe(); // make sure the csrftoken cookie exists
  const m = await call(api.POST('/api/auth/login', { body: { username, password } }));
  me.set({ loaded: true, me: m });
  inflight = Promise.resolve(m);
  return m;
}

export async function logout(): Promise<void> {
  await call(api.POST('/api/auth/logout'));
  const m: Me = { authenticated: false, username: null, roles: [] } as unknown as Me;
  me.set({ loaded: true, me: m });
  inflight = Promise.resolve(m);
}

export function hasRole(m: Me | null | undefined, ...roles: string[]): boolean {
  return !!m && m.authenticated && (m.roles ?? []).some((r: string) => roles.includes(r));
}

export function isStaff(m: Me | null | undefined): boolean {
  return !!m && m.authenticated;
}
