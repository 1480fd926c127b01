// The one outbox for writes a phone may have to retry: poll answers, live answers, idea
// posts and supports. Each write gets an idempotency key when it is made; it is kept on the
// device (localStorage) until the server acknowledges or definitively refuses it, and is
// retried with backoff meanwhile, with the same key (the server counts it once). A newer
// write to the same slot (the same question, the same idea) replaces an unsent older one:
// the last choice wins. How many writes wait is one store, shown to the user once
// (components/OutboxNotice.svelte).
import { writable, type Readable } from 'svelte/store';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxEntry<P = unknown> {
  /** What the write is about, e.g. `answer:12` or `support:7`: one unsent write per slot. */
  slot: string;
  /** Which page's writes it is, e.g. `live:FIKA42` or `poll:3`: a page resends its own. */
  group: string;
  payload: P;
  key: string;
  createdAt: number;
}

/** What a write's sender shows. */
export type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'counted'; held?: boolean }
  | { kind: 'queued' }
  | { kind: 'error'; message: string };

/** An error as the API client throws it: a status (0: no network) is all the outbox needs. */
export interface SendError {
  status: number;
}

export interface DeliverHandlers<P, R> {
  send: (entry: OutboxEntry<P>) => Promise<R>;
  /** Acknowledged: the entry is gone from the outbox. */
  onSent?: (result: R, entry: OutboxEntry<P>) => void;
  /** Waiting for a retry (no network, a server error, or rate-limited). */
  onQueued?: (entry: OutboxEntry<P>, error: unknown) => void;
  /** Refused for good (bad input, closed, …): the entry is gone, nothing is retried. */
  onFailed?: (error: unknown, entry: OutboxEntry<P>) => void;
}

export const STORAGE_KEY = 'rostrum.outbox';
// Earlier versions kept two stores; their unsent writes move into the outbox once.
const LEGACY_VOTES = 'rostrum.pendingVotes';
const LEGACY_ANSWERS = 'rostrum.pendingAnswers';

export function uuid4(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Full jitter around an exponential step, capped: a hall of phones does not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random, base = 500, cap = 15000): number {
  const exp = Math.min(cap, base * 2 ** Math.min(attempt, 16));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Worth retrying with the same key: no network, a server error, or rate-limited. */
export function isRetryable(error: unknown): boolean {
  const status = (error as Partial<SendError> | null)?.status;
  if (typeof status !== 'number') return true; // not an API answer at all: the network
  return status === 0 || status === 429 || status >= 500;
}

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

let fallbackStore: KeyValueStore | null = null;

export function defaultStore(): KeyValueStore {
  try {
    const ls = globalThis.localStorage;
    if (ls) {
      ls.setItem('rostrum.probe', '1');
      ls.removeItem('rostrum.probe');
      return ls;
    }
  } catch {
    /* private mode or blocked */
  }
  // One memory store per page, so every outbox on it sees the same writes.
  fallbackStore ??= memoryStore();
  return fallbackStore;
}

const queuedSlots = writable<ReadonlySet<string>>(new Set());
/** How many writes wait for the network right now, on this page. */
export const outboxWaiting: Readable<ReadonlySet<string>> = { subscribe: queuedSlots.subscribe };

function markQueued(slot: string, on: boolean): void {
  queuedSlots.update((s) => {
    if (s.has(slot) === on) return s;
    const next = new Set(s);
    if (on) next.add(slot);
    else next.delete(slot);
    return next;
  });
}

export interface OutboxOptions {
  store?: KeyValueStore;
  random?: () => number;
  now?: () => number;
  baseDelay?: number;
  maxDelay?: number;
}

export class Outbox {
  private store: KeyValueStore;
  private random: () => number;
  private now: () => number;
  private baseDelay: number;
  private maxDelay: number;
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private attempts = new Map<string, number>();
  private inflight = new Set<string>();
  private handlers = new Map<string, DeliverHandlers<any, any>>();
  private disposed = false;

  constructor(options: OutboxOptions = {}) {
    this.store = options.store ?? defaultStore();
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.baseDelay = options.baseDelay ?? 1500;
    this.maxDelay = options.maxDelay ?? 30000;
    this.adoptLegacy();
  }

  private read(): Record<string, OutboxEntry> {
    try {
      const raw = this.store.getItem(STORAGE_KEY);
      const v = raw ? (JSON.parse(raw) as unknown) : {};
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, OutboxEntry>) : {};
    } catch {
      return {};
    }
  }

  private write(all: Record<string, OutboxEntry>): void {
    try {
      if (Object.keys(all).length === 0) this.store.removeItem(STORAGE_KEY);
      else this.store.setItem(STORAGE_KEY, JSON.stringify(all));
    } catch {
      /* quota: the write still goes out from memory this time */
    }
  }

  private adoptLegacy(): void {
    try {
      const votes = this.store.getItem(LEGACY_VOTES);
      const answers = this.store.getItem(LEGACY_ANSWERS);
      if (!votes && !answers) return;
      const all = this.read();
      for (const v of Object.values((votes ? JSON.parse(votes) : {}) as Record<string, any>)) {
        all[`answer:${v.questionId}`] ??= {
          slot: `answer:${v.questionId}`,
          group: `live:${v.sessionCode}`,
          payload: { question_id: v.questionId, option_id: v.optionId },
          key: v.key,
          createdAt: v.createdAt ?? this.now(),
        };
      }
      for (const a of Object.values((answers ? JSON.parse(answers) : {}) as Record<string, any>)) {
        all[`answer:${a.questionId}`] ??= {
          slot: `answer:${a.questionId}`,
          group: `poll:${a.pollId}`,
          payload: { question_id: a.questionId, answer: a.answer },
          key: a.key,
          createdAt: this.now(),
        };
      }
      this.write(all);
      this.store.removeItem(LEGACY_VOTES);
      this.store.removeItem(LEGACY_ANSWERS);
    } catch {
      /* unreadable leftovers: nothing to adopt */
    }
  }

  /** A new write (always a fresh key); replaces an unsent earlier write to the same slot. */
  put<P>(slot: string, group: string, payload: P): OutboxEntry<P> {
    const entry: OutboxEntry<P> = { slot, group, payload, key: uuid4(), createdAt: this.now() };
    const all = this.read();
    all[slot] = entry;
    this.write(all);
    this.attempts.set(slot, 0);
    return entry;
  }

  get<P = unknown>(slot: string): OutboxEntry<P> | null {
    return (this.read()[slot] as OutboxEntry<P> | undefined) ?? null;
  }

  inGroup<P = unknown>(group: string): OutboxEntry<P>[] {
    return Object.values(this.read()).filter((e) => e.group === group) as OutboxEntry<P>[];
  }

  /** Drop the entry if it is still this exact write. Returns true if it was dropped. */
  settle(slot: string, key: string): boolean {
    const all = this.read();
    if (all[slot]?.key !== key) return false;
    delete all[slot];
    this.write(all);
    return true;
  }

  /**
   * Send the slot's entry, retrying with backoff until it is acknowledged or refused.
   * One send per slot at a time; a newer entry put meanwhile goes out after it.
   */
  deliver<P, R>(slot: string, handlers: DeliverHandlers<P, R>): void {
    this.handlers.set(slot, handlers);
    void this.flush(slot);
  }

  /**
   * Send every waiting write of ``group`` now (back online, or the page opened again).
   * ``handlers`` gives each entry's handlers, or null for writes another part of the page
   * sends itself.
   */
  retryGroup<P, R>(group: string, handlers: (entry: OutboxEntry<P>) => DeliverHandlers<P, R> | null): void {
    for (const e of this.inGroup<P>(group)) {
      const h = handlers(e);
      if (!h) continue;
      this.attempts.set(e.slot, 0);
      this.handlers.set(e.slot, h);
      void this.flush(e.slot);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const [slot, t] of this.timers) {
      clearTimeout(t);
      markQueued(slot, false);
    }
    this.timers.clear();
  }

  private async flush(slot: string): Promise<void> {
    if (this.disposed || this.inflight.has(slot)) return;
    const entry = this.get(slot);
    const handlers = this.handlers.get(slot);
    if (!entry || !handlers) {
      markQueued(slot, false);
      return;
    }
    const t = this.timers.get(slot);
    if (t) {
      clearTimeout(t);
      this.timers.delete(slot);
    }
    this.inflight.add(slot);
    try {
      const result = await handlers.send(entry);
      this.settle(slot, entry.key);
      this.attempts.set(slot, 0);
      markQueued(slot, false);
      handlers.onSent?.(result, entry);
    } catch (error) {
      if (isRetryable(error) && !this.disposed) {
        const n = this.attempts.get(slot) ?? 0;
        this.attempts.set(slot, n + 1);
        markQueued(slot, true);
        handlers.onQueued?.(entry, error);
        this.timers.set(
          slot,
          setTimeout(() => void this.flush(slot), backoffDelay(n, this.random, this.baseDelay, this.maxDelay)),
        );
      } else {
        this.settle(slot, entry.key);
        markQueued(slot, false);
        handlers.onFailed?.(error, entry);
      }
    } finally {
      this.inflight.delete(slot);
    }
    // A newer write was put while this one was in flight: send it too (last write wins).
    const next = this.get(slot);
    if (next && next.key !== entry.key && !this.timers.has(slot)) void this.flush(slot);
  }
}
