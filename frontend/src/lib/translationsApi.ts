// Reading and saving the translations of one staff-written text (and the texts edited with
// it): one shape for questions, boards, live activities and planning items.
import { api, call } from './api/client';
import type { paths } from './api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type TranslationForm = Json<paths['/api/translations/boards/{board_id}']['get']['responses'][200]>;
export type Translatable = TranslationForm['text'];
export type TextTranslations = Record<string, Record<string, string>>;

export type TranslationTarget =
  | { kind: 'question'; id: number }
  | { kind: 'board'; id: number }
  | { kind: 'activity'; code: string; id: number }
  | { kind: 'planning_item'; id: number };

export interface TranslationsBody {
  translations: TextTranslations;
  question?: TextTranslations;
  options?: Record<string, TextTranslations>;
}

export function loadTranslations(target: TranslationTarget): Promise<TranslationForm> {
  switch (target.kind) {
    case 'question':
      return call(api.GET('/api/translations/questions/{question_id}', { params: { path: { question_id: target.id } } }));
    case 'board':
      return call(api.GET('/api/translations/boards/{board_id}', { params: { path: { board_id: target.id } } }));
    case 'activity':
      return call(
        api.GET('/api/translations/live/{code}/activities/{activity_id}', {
          params: { path: { code: target.code, activity_id: target.id } },
        }),
      );
    case 'planning_item':
      return call(api.GET('/api/translations/planning-items/{item_id}', { params: { path: { item_id: target.id } } }));
  }
}

export function saveTranslations(target: TranslationTarget, body: TranslationsBody): Promise<TranslationForm> {
  switch (target.kind) {
    case 'question':
      return call(api.PUT('/api/translations/questions/{question_id}', { params: { path: { question_id: target.id } }, body }));
    case 'board':
      return call(api.PUT('/api/translations/boards/{board_id}', { params: { path: { board_id: target.id } }, body }));
    case 'activity':
      return call(
        api.PUT('/api/translations/live/{code}/activities/{activity_id}', {
          params: { path: { code: target.code, activity_id: target.id } },
          body,
        }),
      );
    case 'planning_item':
      return call(api.PUT('/api/translations/planning-items/{item_id}', { params: { path: { item_id: target.id } }, body }));
  }
}

/** Every text of a form, the root first, then its children (an activity's question, then
 * that question's options), each once. */
export function flatten(text: Translatable): Translatable[] {
  const children = (text.children ?? []) as unknown as Translatable[];
  return [text, ...children.flatMap(flatten)];
}

export const textKey = (t: { kind: string; id: number }): string => `${t.kind}:${t.id}`;

/** The PUT body from the edited values (key → language → field → text). */
export function bodyFrom(root: Translatable, values: Record<string, TextTranslations>): TranslationsBody {
  const body: TranslationsBody = { translations: values[textKey(root)] ?? {} };
  for (const t of flatten(root).slice(1)) {
    if (t.kind === 'question') body.question = values[textKey(t)] ?? {};
    if (t.kind === 'option') (body.options ??= {})[String(t.id)] = values[textKey(t)] ?? {};
  }
  return body;
}
