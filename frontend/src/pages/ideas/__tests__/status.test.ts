import { describe, it, expect } from 'vitest';
import { ideaStatusChip } from '../status';

describe('ideaStatusChip', () => {
  it('a held or hidden idea shows its moderation state, never the council feedback beside it', () => {
    expect(ideaStatusChip({ moderation_state: 'held', feedback_status: 'received' })).toEqual({ key: 'ideas.state.held', tone: 'warn' });
    expect(ideaStatusChip({ moderation_state: 'hidden', feedback_status: 'forwarded' }).key).toBe('ideas.state.hidden');
    expect(ideaStatusChip({ moderation_state: 'rejected', feedback_status: 'received' }).tone).toBe('muted');
  });

  it('a published idea shows where it is with the council', () => {
    expect(ideaStatusChip({ moderation_state: 'published', feedback_status: 'forwarded' })).toEqual({ key: 'ideas.feedback.forwarded', tone: 'info' });
    expect(ideaStatusChip({ moderation_state: 'published', feedback_status: 'done' }).tone).toBe('ok');
  });
});
