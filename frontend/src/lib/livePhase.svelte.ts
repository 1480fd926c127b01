import { phaseAt, msUntilChange, type Phase, type PhaseView } from './phase';

/** The current phase of `view()`, switching by itself when a countdown ends. Call it while
 *  a component initialises (it uses an effect for the timer). */
export function livePhase(view: () => PhaseView | null | undefined): { readonly current: Phase | null } {
  let now = $state(Date.now());
  $effect(() => {
    const ms = msUntilChange(view(), Date.now());
    if (ms === null) return;
    const timer = setTimeout(() => (now = Date.now()), ms + 20);
    return () => clearTimeout(timer);
  });
  return {
    get current() {
      return phaseAt(view(), now);
    },
  };
}
