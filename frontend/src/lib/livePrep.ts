// Preparing a live session: types from the generated schema and which activities are fixed.
import type { paths } from './api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs } ? (Rs extends { 200: infer R } ? Json<R> : never) : never;

export type Prepare = Ok<paths['/api/live/{code}/prepare']['get']>;
export type PrepActivity = Prepare['activities'][number];
export type PrepQuestion = Prepare['questions'][number];
export type PrepBoard = Prepare['boards'][number];
export type ActivityKind = PrepActivity['kind'];

/** How many activities, from the start, can no longer move (shown, while running). */
export function lockedCount(p: Pick<Prepare, 'state' | 'activities' | 'current_activity_id'>): number {
  if (p.state === 'draft') return 0;
  if (p.state === 'ended') return p.activities.length;
  const i = p.activities.findIndex((a) => a.id === p.current_activity_id);
  return i + 1;
}

export type HeldIdea = NonNullable<Ok<paths['/api/live/{code}/console']['get']>['ideas']>[number];
