// Hand-over from the start page to the phone page so it needn't join twice.
import type { LiveSession } from './api/types';

let last: LiveSession | null = null;

export function rememberJoin(s: LiveSession): void {
  last = s;
}

export function takeJoin(code: string): LiveSession | null {
  const s = last;
  last = null;
  return s && s.code?.toUpperCase() === code.toUpperCase() ? s : null;
}
