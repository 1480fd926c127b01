import type { IdeaCard } from '../../lib/api/ideas';

export type ChipTone = 'neutral' | 'info' | 'ok' | 'warn' | 'muted';

export interface IdeaStatusChip {
  /** Translation key of the chip's text. */
  key: string;
  tone: ChipTone;
}

const MODERATION_TONE: Record<string, ChipTone> = {
  held: 'warn',
  hidden: 'warn',
  rejected: 'muted',
};

const FEEDBACK_TONE: Record<string, ChipTone> = {
  received: 'neutral',
  under_review: 'info',
  forwarded: 'info',
  decided: 'ok',
  done: 'ok',
  not_taken_further: 'muted',
};

/**
 * The one status an idea shows, derived here only. While the idea is not published its
 * moderation state is the status (a held idea is not "received by the council" yet);
 * once published, the council's feedback status is. One status, one chip.
 */
export function ideaStatusChip(idea: Pick<IdeaCard, 'moderation_state' | 'feedback_status'>): IdeaStatusChip {
  if (idea.moderation_state !== 'published') {
    return { key: `ideas.state.${idea.moderation_state}`, tone: MODERATION_TONE[idea.moderation_state] ?? 'neutral' };
  }
  return { key: `ideas.feedback.${idea.feedback_status}`, tone: FEEDBACK_TONE[idea.feedback_status] ?? 'neutral' };
}
