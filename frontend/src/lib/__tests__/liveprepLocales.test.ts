import { describe, it, expect } from 'vitest';
import sv from '../../locales/liveprep.sv.json';
import en from '../../locales/liveprep.en.json';

function keys(o: unknown, prefix = ''): string[] {
  if (o && typeof o === 'object') {
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('live preparation locales', () => {
  it('sv and en have exactly the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const data of [sv, en]) {
      for (const k of keys(data)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], data);
        expect(typeof v === 'string' && v.trim().length > 0, k).toBe(true);
      }
    }
  });
});

describe('console frames with ideas', () => {
  it('keep the held ideas beside the Q&A queue', async () => {
    const { reduceLive, initialLiveState } = await import('../live');
    const idea = { id: 4, board_id: 2, title: 'Utebio', text: '', status: 'held', reasons: ['pre_moderation'] };
    const state = reduceLive(initialLiveState, { type: 'console', queue: [], ideas: [idea] });
    expect(state.ideaQueue).toEqual([idea]);
    expect(reduceLive(state, { type: 'console', queue: [] }).ideaQueue).toBeNull();
  });
});
