// Pure helpers for poll answers (unit-tested in __tests__/pollAnswers.test.ts).

export const EMOJI = ['😞', '😕', '😐', '😊', '😄'] as const;

export function scaleValues(min: number, max: number): number[] {
  const out: number[] = [];
  for (let v = min; v <= max; v++) out.push(v);
  return out;
}

/** Move the item at ``index`` by ``delta`` places; returns the same array if it can't move. */
export function moveItem<T>(items: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return items;
  const next = items.slice();
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

/** Set one option's amount, never below zero and never so high that the total passes ``budget``. */
export function clampAllocation(
  allocation: Record<string, number>,
  key: string,
  value: number,
  budget: number,
): Record<string, number> {
  const others = Object.entries(allocation)
    .filter(([k]) => k !== key)
    .reduce((s, [, v]) => s + (v || 0), 0);
  const room = Math.max(0, budget - others);
  const clean = Math.max(0, Math.min(Math.floor(Number.isFinite(value) ? value : 0), room));
  const next = { ...allocation };
  if (clean > 0) next[key] = clean;
  else delete next[key];
  return next;
}

/** Font size (rem) for a word-cloud word, by its count relative to the biggest. */
export function cloudSize(count: number, max: number): number {
  if (max <= 0) return 1;
  return Math.round((0.95 + 1.6 * (count / max)) * 100) / 100;
}
