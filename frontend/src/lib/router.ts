// Tiny history-API router: patterns like "/j/:code", exact match, trailing slash tolerant.
import { writable, type Readable } from 'svelte/store';

export type Params = Record<string, string>;
export interface Route<N extends string = string> {
  name: N;
  pattern: string;
}
export interface Match<N extends string = string> {
  name: N;
  params: Params;
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Match one path against one pattern; returns params or null. */
export function matchPattern(pattern: string, path: string): Params | null {
  const p = split(pattern);
  const s = split(path.split(/[?#]/)[0]);
  if (p.length !== s.length) return null;
  const params: Params = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(s[i]);
      } catch {
        return null;
      }
      params[p[i].slice(1)] = value;
    } else if (p[i] !== s[i]) {
      return null;
    }
  }
  return params;
}

/** First route whose pattern matches, or null. */
export function matchRoute<N extends string>(routes: readonly Route<N>[], path: string): Match<N> | null {
  for (const r of routes) {
    const params = matchPattern(r.pattern, path);
    if (params) return { name: r.name, params };
  }
  return null;
}

const currentPath = writable(typeof location !== 'undefined' ? location.pathname : '/');
export const path: Readable<string> = { subscribe: currentPath.subscribe };

// A page with unsaved changes (the session editor) asks before an in-app link leaves it.
let leaveGuard: (() => boolean) | null = null;
/** ``guard()`` returns true when leaving is fine; null removes it. */
export function setLeaveGuard(guard: (() => boolean) | null): void {
  leaveGuard = guard;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (opts.replace) history.replaceState({}, '', to);
  else history.pushState({}, '', to);
  currentPath.set(location.pathname);
  window.scrollTo(0, 0);
}

/** Intercept clicks on same-origin <a href> links; call once at start-up. */
export function startRouter(): () => void {
  const onPop = () => currentPath.set(location.pathname);
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || !a.href || a.target || a.hasAttribute('download') || a.dataset.native !== undefined) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/static/') || url.pathname.startsWith('/admin')) return;
    if (url.pathname === location.pathname && url.hash) return; // in-page anchor (skip link)
    e.preventDefault();
    if (leaveGuard && !leaveGuard()) return;
    navigate(url.pathname + url.search);
  };
  window.addEventListener('popstate', onPop);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPop);
    document.removeEventListener('click', onClick);
  };
}
