import { describe, it, expect, beforeEach } from 'vitest';
import { PendingVotes, uuid4, type KeyValueStore } from '../pending';

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

describe('PendingVotes', () => {
  let store: MemStore;
  beforeEach(() => {
    store = new MemStore();
  });

  it('persists a choice so a new instance (page reload) sees it with the same key', () => {
    const a = new PendingVotes(store);
    const v = a.choose('K7M2QX', 5, 11);
    const b = new PendingVotes(store);
    expect(b.get(5)).toEqual(v);
    expect(b.forSession('K7M2QX')).toHaveLength(1);
    expect(b.forSession('OTHER1')).toHaveLength(0);
  });

  it('a new choice replaces the old one with a fresh key', () => {
    const p = new PendingVotes(store);
    const first = p.choose('K7M2QX', 5, 11);
    const second = p.choose('K7M2QX', 5, 12);
    expect(second.key).not.toBe(first.key);
    expect(p.get(5)?.optionId).toBe(12);
  });

  it('settle clears only the acknowledged key', () => {
    const p = new PendingVotes(store);
    const first = p.choose('K7M2QX', 5, 11);
    const second = p.choose('K7M2QX', 5, 12);
    expect(p.settle(5, first.key)).toBe(false); // stale ack must not drop the newer choice
    expect(p.get(5)?.key).toBe(second.key);
    expect(p.settle(5, second.key)).toBe(true);
    expect(p.get(5)).toBeNull();
    expect(store.data.size).toBe(0);
  });

  it('survives corrupt storage', () => {
    store.setItem('rostrum.pendingVotes', '{not json');
    const p = new PendingVotes(store);
    expect(p.get(1)).toBeNull();
    p.choose('K7M2QX', 1, 2);
    expect(p.get(1)?.optionId).toBe(2);
  });

  it('makes RFC 4122 v4 keys', () => {
    expect(uuid4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
