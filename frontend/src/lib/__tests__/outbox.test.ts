import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { get } from 'svelte/store';
import { Outbox, outboxWaiting, uuid4, isRetryable, STORAGE_KEY, type KeyValueStore, type OutboxEntry } from '../outbox';

class MemStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

type Vote = { question_id: number; option_id: number };
const offline = () => Object.assign(new Error('offline'), { status: 0 });
const refused = () => Object.assign(new Error('closed'), { status: 409 });

describe('Outbox', () => {
  let store: MemStore;
  let outboxes: Outbox[];
  const make = () => {
    const o = new Outbox({ store, random: () => 1, baseDelay: 100, maxDelay: 1000 });
    outboxes.push(o);
    return o;
  };

  beforeEach(() => {
    store = new MemStore();
    outboxes = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    for (const o of outboxes) o.dispose();
    vi.useRealTimers();
  });

  it('keeps a write on the device so a new instance (a reload) sees it with the same key', () => {
    const entry = make().put<Vote>('answer:5', 'live:K7M2QX', { question_id: 5, option_id: 11 });
    const again = make();
    expect(again.get('answer:5')).toEqual(entry);
    expect(again.inGroup('live:K7M2QX')).toHaveLength(1);
    expect(again.inGroup('live:OTHER1')).toHaveLength(0);
  });

  it('a new write to the same slot replaces the unsent one with a fresh key', () => {
    const o = make();
    const first = o.put<Vote>('answer:5', 'g', { question_id: 5, option_id: 11 });
    const second = o.put<Vote>('answer:5', 'g', { question_id: 5, option_id: 12 });
    expect(second.key).not.toBe(first.key);
    expect(o.get<Vote>('answer:5')?.payload.option_id).toBe(12);
  });

  it('settle drops only the acknowledged key', () => {
    const o = make();
    const first = o.put('answer:5', 'g', 1);
    const second = o.put('answer:5', 'g', 2);
    expect(o.settle('answer:5', first.key)).toBe(false); // a stale ack keeps the newer write
    expect(o.settle('answer:5', second.key)).toBe(true);
    expect(o.get('answer:5')).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('survives corrupt storage', () => {
    store.setItem(STORAGE_KEY, '{not json');
    const o = make();
    expect(o.get('answer:1')).toBeNull();
    o.put('answer:1', 'g', 2);
    expect(o.get('answer:1')?.payload).toBe(2);
  });

  it('delivers once, then forgets the write', async () => {
    const o = make();
    const entry = o.put('support:3', 'g', { idea_id: 3, support: true });
    const send = vi.fn(async (e: OutboxEntry) => ({ key: e.key }));
    const onSent = vi.fn();
    o.deliver('support:3', { send, onSent });
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(1);
    expect(onSent).toHaveBeenCalledWith({ key: entry.key }, entry);
    expect(o.get('support:3')).toBeNull();
  });

  it('retries with backoff and the same key while there is no network, and says so once', async () => {
    const o = make();
    const entry = o.put('answer:5', 'g', 1);
    const keys: string[] = [];
    let fail = 2;
    const onQueued = vi.fn();
    o.deliver('answer:5', {
      send: async (e) => {
        keys.push(e.key);
        if (fail-- > 0) throw offline();
        return 'ok';
      },
      onQueued,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(keys).toHaveLength(1);
    expect(get(outboxWaiting).has('answer:5')).toBe(true);
    await vi.advanceTimersByTimeAsync(99);
    expect(keys).toHaveLength(1); // not before the first delay (100 ms)
    await vi.advanceTimersByTimeAsync(1);
    expect(keys).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200); // the second delay doubles
    expect(keys).toEqual([entry.key, entry.key, entry.key]);
    expect(onQueued).toHaveBeenCalledTimes(2);
    expect(o.get('answer:5')).toBeNull();
    expect(get(outboxWaiting).has('answer:5')).toBe(false);
  });

  it('a refused write is dropped, not retried', async () => {
    const o = make();
    o.put('answer:5', 'g', 1);
    const send = vi.fn(async () => {
      throw refused();
    });
    const onFailed = vi.fn();
    o.deliver('answer:5', { send, onFailed });
    await vi.runAllTimersAsync();
    expect(send).toHaveBeenCalledTimes(1);
    expect(onFailed).toHaveBeenCalledTimes(1);
    expect(o.get('answer:5')).toBeNull();
  });

  it('a choice made while the earlier one is in flight goes out after it (last wins)', async () => {
    const o = make();
    o.put<Vote>('answer:5', 'g', { question_id: 5, option_id: 11 });
    const sent: number[] = [];
    let release: () => void = () => {};
    const handlers = {
      send: (e: OutboxEntry<Vote>) =>
        new Promise<string>((resolve) => {
          sent.push(e.payload.option_id);
          release = () => resolve('ok');
        }),
    };
    o.deliver('answer:5', handlers);
    await vi.advanceTimersByTimeAsync(0);
    o.put<Vote>('answer:5', 'g', { question_id: 5, option_id: 12 });
    o.deliver('answer:5', handlers); // in flight: waits for the first
    expect(sent).toEqual([11]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([11, 12]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(o.get('answer:5')).toBeNull();
  });

  it('retryGroup resends a page\'s own writes and leaves the others', async () => {
    const o = make();
    o.put('answer:1', 'live:A', 1);
    o.put('idea:9', 'live:A', 2);
    o.put('answer:2', 'poll:3', 3);
    const slots: string[] = [];
    o.retryGroup('live:A', (e) =>
      e.slot.startsWith('answer:') ? { send: async (x: OutboxEntry) => void slots.push(x.slot) } : null,
    );
    await vi.runAllTimersAsync();
    expect(slots).toEqual(['answer:1']);
    expect(o.get('idea:9')).not.toBeNull();
    expect(o.get('answer:2')).not.toBeNull();
  });

  it('adopts the unsent writes of the two older stores once', () => {
    store.setItem('rostrum.pendingVotes', JSON.stringify({ '5': { sessionCode: 'K7M2QX', questionId: 5, optionId: 11, key: 'k1', createdAt: 1 } }));
    store.setItem('rostrum.pendingAnswers', JSON.stringify({ '6': { pollId: 3, questionId: 6, answer: { text: 'hej' }, key: 'k2' } }));
    const o = make();
    expect(o.get('answer:5')).toMatchObject({ group: 'live:K7M2QX', key: 'k1', payload: { question_id: 5, option_id: 11 } });
    expect(o.get('answer:6')).toMatchObject({ group: 'poll:3', key: 'k2', payload: { question_id: 6, answer: { text: 'hej' } } });
    expect(store.getItem('rostrum.pendingVotes')).toBeNull();
    expect(store.getItem('rostrum.pendingAnswers')).toBeNull();
  });

  it('knows which errors are worth retrying', () => {
    expect(isRetryable({ status: 0 })).toBe(true);
    expect(isRetryable({ status: 503 })).toBe(true);
    expect(isRetryable({ status: 429 })).toBe(true);
    expect(isRetryable({ status: 400 })).toBe(false);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
  });

  it('makes RFC 4122 v4 keys', () => {
    expect(uuid4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
