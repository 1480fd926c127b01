// The activity's phase as the server's state machine (forum/live/phases.py) says, and the
// steps the console may offer in it. The server sends the phase with every snapshot; while
// counting down it also sends the phase that follows at `ends_at`, so every screen switches
// at the same moment by its own clock, with no extra message and no second machine here.
import type { LiveSession } from './api/types';

export type PhaseView = LiveSession['phase'];
export type PhaseName = PhaseView['name'];
export type ControlAction = PhaseView['actions'][number];

export interface Phase {
  name: PhaseName;
  actions: readonly ControlAction[];
  /** When a countdown ends (counting_down only). */
  endsAt: string | null;
}

export function phaseAt(view: PhaseView | null | undefined, now: number): Phase | null {
  if (!view) return null;
  if (view.name === 'counting_down' && view.ends_at && view.after && Date.parse(view.ends_at) <= now) {
    return { name: view.after.name, actions: view.after.actions, endsAt: null };
  }
  return { name: view.name, actions: view.actions, endsAt: view.name === 'counting_down' ? (view.ends_at ?? null) : null };
}

/** Whether phones can answer now (the same answer on every screen). */
export function takesAnswers(phase: Phase | null): boolean {
  return phase?.name === 'open' || phase?.name === 'counting_down';
}

export function offers(phase: Phase | null, action: ControlAction): boolean {
  return !!phase && phase.actions.includes(action);
}

/** Milliseconds until the phase changes by the clock (null: it does not). */
export function msUntilChange(view: PhaseView | null | undefined, now: number): number | null {
  if (!view || view.name !== 'counting_down' || !view.ends_at) return null;
  return Math.max(0, Date.parse(view.ends_at) - now);
}
