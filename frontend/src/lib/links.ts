// The one way the UI makes or removes a planning link, whatever the input's kind.
import { api, call } from './api/client';
import type { PlanningLink } from './api/councilTypes';

export type NewLink = {
  kind: 'poll' | 'idea' | 'board' | 'activity' | 'workshop';
  target_id: number;
  question_id?: number | null;
  note: string;
};

export function linkCreate(itemId: number, body: NewLink): Promise<PlanningLink> {
  return call(
    api.POST('/api/council/planning-items/{item_id}/links', { params: { path: { item_id: itemId } }, body }),
  );
}

export function linkRemove(linkId: number): Promise<unknown> {
  return call(api.DELETE('/api/council/links/{link_id}', { params: { path: { link_id: linkId } } }));
}

/** How a link is named in a sentence or a confirm dialog. */
export function linkLabel(link: PlanningLink): string {
  if (link.activity) return `${link.activity.session_title}: ${link.activity.title}`;
  return link.question ? link.question.title : link.target.title;
}
