// Preparing a live session: types from the generated schema and the order helper.
import type { paths } from './api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs } ? (Rs extends { 200: infer R } ? Json<R> : never) : never;

export type Prepare = Ok<paths['/api/live/{code}/prepare']['get']>;
export type PrepActivity = Prepare['activities'][number];
export type PrepQuestion = Prepare['questions'][number];
export type PrepBoard = Prepare['boards'][number];
export type ActivityKind = PrepActivity['kind'];

export const ACTIVITY_KINDS: ActivityKind[] = [
  'poll_question',
  'word_cloud',
  'open_wall',
  'qa',
  'info_slide',
  'idea_collection',
];

/**
 * The activity ids with ``id`` moved one place up (-1) or down (+1). ``locked`` activities
 * at the start (shown already while the session runs) keep their places.
 */
export function moveActivity(ids: number[], id: number, step: -1 | 1, locked = 0): number[] {
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || from < locked || to < locked || to >= ids.length) return ids;
  const next = [...ids];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/** How many activities, from the start, can no longer move (shown, while running). */
export function lockedCount(p: Pick<Prepare, 'state' | 'activities' | 'current_activity_id'>): number {
  if (p.state === 'draft') return 0;
  if (p.state === 'ended') return p.activities.length;
  const i = p.activities.findIndex((a) => a.id === p.current_activity_id);
  return i + 1;
}

export type HeldIdea = NonNullable<Ok<paths['/api/live/{code}/console']['get']>['ideas']>[number];
