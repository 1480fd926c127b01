// Idea board types, derived from the generated schema by path, and the one multipart call.
import type { paths } from './schema';
import { ApiError, readCookie, toApiError } from './client';
import { currentLang } from '../i18n';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: infer Rs }
  ? Rs extends { 200: infer R }
    ? Json<R>
    : Rs extends { 201: infer R }
      ? Json<R>
      : never
  : never;

export type Board = Ok<paths['/api/ideas/boards']['get']>[number];
export type BoardWithIdeas = Ok<paths['/api/ideas/boards/{board_id}']['get']>;
export type IdeaCard = BoardWithIdeas['ideas'][number];
export type IdeaDetail = Ok<paths['/api/ideas/{idea_id}']['get']>;
export type TimelineStep = IdeaDetail['timeline'][number];
export type IdeaComment = IdeaDetail['comments'][number];
export type MyParticipation = Ok<paths['/api/ideas/mine']['get']>;
export type QueueItem = Ok<paths['/api/ideas/staff/queue']['get']>[number];
export type BoardStats = Ok<paths['/api/ideas/staff/boards']['get']>[number];
export type StaffBoard = Ok<paths['/api/ideas/staff/boards/{board_id}/ideas']['get']>;
export type StaffIdea = StaffBoard['ideas'][number];

export type Sort = 'random' | 'newest' | 'supported';

/** Post an idea with an optional photo (multipart: openapi-fetch sends JSON only). */
export async function postIdea(boardId: number, form: FormData): Promise<IdeaCard> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  const csrf = readCookie('csrftoken');
  if (csrf) headers['X-CSRFToken'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/ideas/boards/${boardId}/ideas`, {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('network', '', 0);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw toApiError(body, res);
  return body as IdeaCard;
}

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
        (Number(c) ^ (Math.random() * 16) >> (Number(c) / 4)).toString(16),
      );
}
