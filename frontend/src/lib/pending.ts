// Unsent answers are kept on the device until the server acknowledges them.
// Keyed by question id; a retry reuses the same idempotency key.

export interface PendingVote {
  sessionCode: string;
  questionId: number;
  optionId: number;
  key: string;
  createdAt: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STORAGE_KEY = 'rostrum.pendingVotes';

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

function memoryStore(): KeyValueStore {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

function defaultStore(): KeyValueStore {
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
  return memoryStore();
}

export class PendingVotes {
  constructor(private store: KeyValueStore = defaultStore()) {}

  private read(): Record<string, PendingVote> {
    try {
      const raw = this.store.getItem(STORAGE_KEY);
      const v = raw ? (JSON.parse(raw) as unknown) : {};
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, PendingVote>) : {};
    } catch {
      return {};
    }
  }

  private write(all: Record<string, PendingVote>): void {
    try {
      if (Object.keys(all).length === 0) this.store.removeItem(STORAGE_KEY);
      else this.store.setItem(STORAGE_KEY, JSON.stringify(all));
    } catch {
      /* quota: nothing more we can do */
    }
  }

  /** Record a new choice (always a fresh key): replaces any earlier unsent choice for that question. */
  choose(sessionCode: string, questionId: number, optionId: number, now = Date.now()): PendingVote {
    const vote: PendingVote = { sessionCode, questionId, optionId, key: uuid4(), createdAt: now };
    const all = this.read();
    all[String(questionId)] = vote;
    this.write(all);
    return vote;
  }

  get(questionId: number): PendingVote | null {
    return this.read()[String(questionId)] ?? null;
  }

  forSession(sessionCode: string): PendingVote[] {
    return Object.values(this.read()).filter((v) => v.sessionCode === sessionCode);
  }

  /** Clear after the server acknowledged (or definitively rejected) this exact key. Returns true if cleared. */
  settle(questionId: number, key: string): boolean {
    const all = this.read();
    const cur = all[String(questionId)];
    if (!cur || cur.key !== key) return false;
    delete all[String(questionId)];
    this.write(all);
    return true;
  }
}
