import { describe, it, expect } from 'vitest';
import { reduceLive, initialLiveState, backoffDelay, wsUrl, type LiveState } from '../live';
import { parseServerMessage, type SessionSnapshot } from '../api/realtime';

function snap(count: number, presence = 3): SessionSnapshot {
  return {
    code: 'K7M2QX',
    title: 'Fritidsgården',
    state: 'running',
    forum: { id: 1, name: 'Ungdomsrådet' },
    join_url: 'http://localhost/j/K7M2QX',
    presence,
    poll: {
      id: 1,
      title: 'Poll',
      status: 'open',
      questions: [{ id: 10, text: 'Q?', kind: 'single_choice', options: [{ id: 100, label: 'Ja' }] }],
    },
    results: {
      poll_id: 1,
      participants: count,
      questions: [{ question_id: 10, total: count, options: [{ option_id: 100, label: 'Ja', count, percent: 100 }] }],
    },
  } as SessionSnapshot;
}

describe('reduceLive', () => {
  it('a snapshot replaces the whole session and clears stale/error', () => {
    const stale: LiveState = { ...initialLiveState, session: snap(1), stale: true, error: { code: 'x', message: 'y' } };
    const next = reduceLive(stale, { type: 'snapshot', session: snap(7, 9) });
    expect(next.session?.results?.participants).toBe(7);
    expect(next.presence).toBe(9);
    expect(next.stale).toBe(false);
    expect(next.error).toBeNull();
  });

  it('presence updates only the count', () => {
    const s = reduceLive({ ...initialLiveState, session: snap(2) }, { type: 'presence', count: 12 });
    expect(s.presence).toBe(12);
    expect(s.session?.results?.participants).toBe(2);
  });

  it('errors are recorded', () => {
    const s = reduceLive(initialLiveState, { type: 'error', code: 'not_authenticated', message: 'Logga in' });
    expect(s.error).toEqual({ code: 'not_authenticated', message: 'Logga in' });
  });
});

describe('parseServerMessage', () => {
  it('accepts known messages and rejects junk', () => {
    expect(parseServerMessage('{"type":"presence","count":4}')).toEqual({ type: 'presence', count: 4 });
    expect(parseServerMessage('{"type":"presence","count":"4"}')).toBeNull();
    expect(parseServerMessage('{"type":"other"}')).toBeNull();
    expect(parseServerMessage('nope')).toBeNull();
    expect(parseServerMessage(JSON.stringify({ type: 'snapshot', session: snap(1) }))?.type).toBe('snapshot');
  });
});

describe('backoff', () => {
  it('grows, is capped and jittered between 50 % and 100 %', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(50, () => 1)).toBe(15000);
    expect(backoffDelay(50, () => 0)).toBe(7500);
  });
  it('picks ws or wss from the page protocol', () => {
    expect(wsUrl('/ws/live/A/', { protocol: 'https:', host: 'x.se' })).toBe('wss://x.se/ws/live/A/');
    expect(wsUrl('/ws/live/A/', { protocol: 'http:', host: 'localhost:8000' })).toBe('ws://localhost:8000/ws/live/A/');
  });
});

describe('per-socket frames', () => {
  it('a mine frame is kept for this phone and parsed strictly', () => {
    const mine = parseServerMessage(JSON.stringify({ type: 'mine', answers: { '10': 100 }, upvoted: [3], questions: [] }));
    expect(mine?.type).toBe('mine');
    const next = reduceLive(initialLiveState, mine!);
    expect(next.mine?.answers).toEqual({ '10': 100 });
    expect(parseServerMessage(JSON.stringify({ type: 'mine' }))).toBeNull();
  });

  it('a console frame carries the moderation queue; a snapshot does not clear it', () => {
    const queue = [{ id: 1, activity_id: 2, text: 'Ring mig', status: 'held', reasons: ['phone_number'] }];
    const withQueue = reduceLive(initialLiveState, { type: 'console', queue });
    const after = reduceLive(withQueue, { type: 'snapshot', session: snap(1) });
    expect(after.queue).toEqual(queue);
    expect(parseServerMessage(JSON.stringify({ type: 'console', queue: 'x' }))).toBeNull();
  });
});
