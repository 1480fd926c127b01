// Poll types, derived from the generated schema by path.
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs }
  ? Rs extends { 200: infer R }
    ? Json<R>
    : Rs extends { 201: infer R }
      ? Json<R>
      : never
  : never;

export type ParticipantPoll = Ok<paths['/api/polls/{poll_id}']['get']>;
export type StaffPoll = Ok<paths['/api/staff/polls/{poll_id}']['get']>;
type LocalizedQuestion = ParticipantPoll['questions'][number];
type LocalizedOption = LocalizedQuestion['options'][number];
type TextTranslations = Record<string, Record<string, string>>;
// A question as every question component takes it: from the poll page (in the reader's
// language, with text_lang/label_lang), the live room (Swedish plus translations, picked by
// lib/contentText) or the builder's preview (neither).
export type PollQuestion = Omit<LocalizedQuestion, 'text_lang' | 'translations' | 'options'> & {
  text_lang?: string;
  translations?: TextTranslations;
  options: (Omit<LocalizedOption, 'label_lang' | 'translations'> & { label_lang?: string; translations?: TextTranslations })[];
};
export type PollResults = NonNullable<ParticipantPoll['results']>;
export type PollQuestionResult = PollResults['questions'][number];
export type AnswerAck = Ok<paths['/api/questions/{question_id}/answers']['post']>;
export type AboutYou = Ok<paths['/api/forums/{forum_id}/about-you']['get']>;
export type Breakdown = Ok<paths['/api/staff/polls/{poll_id}/breakdown']['get']>;
export type HeldAnswer = Ok<paths['/api/staff/polls/{poll_id}/held-answers']['get']>[number];
export type BuilderBody = NonNullable<
  paths['/api/forums/{forum_id}/polls']['post']['requestBody']
>['content']['application/json'];

/** Answer shapes per kind (see forum/polls/answers.py). */
export type Answer =
  | { option_id: number }
  | { option_ids: number[] }
  | { value: number }
  | { order: number[] }
  | { text: string }
  | { allocation: Record<string, number> };
