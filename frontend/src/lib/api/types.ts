// Types derived from the generated schema by path, so they survive component renames.
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs }
  ? Rs extends { 200: infer R }
    ? Json<R>
    : Rs extends { 201: infer R }
      ? Json<R>
      : never
  : never;

export type Me = Ok<paths['/api/auth/me']['get']>;
export type LiveSession = Ok<paths['/api/live/{code}']['get']>;
export type Poll = NonNullable<LiveSession['poll']>;
export type Question = Poll['questions'][number];
export type Results = NonNullable<LiveSession['results']>;
export type QuestionResult = Results['questions'][number];
export type OptionResult = QuestionResult['options'][number];
export type ResponseAck = Ok<paths['/api/questions/{question_id}/responses']['post']>;
export type Forum = Ok<paths['/api/forums']['get']>[number];
export type ForumDetail = Ok<paths['/api/forums/{forum_id}']['get']>;
export type PlanningItem = Ok<paths['/api/council/planning-items']['get']>[number];
export type CouncilPoll = Ok<paths['/api/council/polls']['get']>[number];
export type Meeting = Ok<paths['/api/council/meetings']['get']>[number];
export type Brief = Ok<paths['/api/council/meetings/{meeting_id}/brief']['get']>;
// Live activities.
export type Activity = LiveSession['activities'][number];
export type CurrentActivity = NonNullable<LiveSession['current']>;
export type QaEntry = CurrentActivity['qa'][number];
export type Controls = LiveSession['controls'];
export type ConsoleState = Ok<paths['/api/live/{code}/console']['get']>;
export type HeldQuestion = ConsoleState['queue'][number];
