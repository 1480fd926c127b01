// Unsent poll answers (any kind) stay on the device until the server acknowledges them.
import { uuid4, type KeyValueStore } from './pending';
import type { Answer } from './api/pollTypes';

export interface PendingAnswer {
  pollId: number;
  questionId: number;
  answer: Answer;
  key: string;
}

const STORAGE_KEY = 'rostrum.pendingAnswers';

function store(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class PendingAnswers {
  private memory: Record<string, PendingAnswer> = {};
  constructor(private kv: KeyValueStore | null = store()) {}

  private read(): Record<string, PendingAnswer> {
    if (!this.kv) return this.memory;
    try {
      const v = JSON.parse(this.kv.getItem(STORAGE_KEY) ?? '{}') as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, PendingAnswer>) : {};
    } catch {
      return {};
    }
  }

  private write(all: Record<string, PendingAnswer>): void {
    if (!this.kv) {
      this.memory = all;
      return;
    }
    try {
      if (Object.keys(all).length) this.kv.setItem(STORAGE_KEY, JSON.stringify(all));
      else this.kv.removeItem(STORAGE_KEY);
    } catch {
      this.memory = all;
    }
  }

  /** A new answer always gets a fresh key; it replaces an unsent earlier one. */
  put(pollId: number, questionId: number, answer: Answer): PendingAnswer {
    const p = { pollId, questionId, answer, key: uuid4() };
    const all = this.read();
    all[String(questionId)] = p;
    this.write(all);
    return p;
  }

  forPoll(pollId: number): PendingAnswer[] {
    return Object.values(this.read()).filter((p) => p.pollId === pollId);
  }

  settle(questionId: number, key: string): void {
    const all = this.read();
    if (all[String(questionId)]?.key === key) {
      delete all[String(questionId)];
      this.write(all);
    }
  }
}

export type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'counted'; held?: boolean }
  | { kind: 'queued' }
  | { kind: 'error'; message: string };
