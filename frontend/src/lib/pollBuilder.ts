// Poll builder draft state <-> API body, and Stockholm local times for datetime-local inputs.
import type { BuilderBody, PollQuestion, StaffPoll } from './api/pollTypes';

export const KINDS = [
  'single_choice',
  'multiple_choice',
  'yes_no',
  'scale',
  'ranking',
  'open_text',
  'budget',
] as const;
export type Kind = (typeof KINDS)[number];
export const OPTION_KINDS: readonly string[] = ['single_choice', 'multiple_choice', 'ranking', 'budget'];

export interface DraftOption {
  label: string;
  cost: number;
}
export interface DraftQuestion {
  uid: number;
  text: string;
  kind: Kind;
  options: DraftOption[];
  config: Record<string, string | number | boolean>;
}
export interface Draft {
  title: string;
  intro: string;
  access_mode: 'open' | 'code' | 'age_limited';
  age_bands: string[];
  results_visibility: 'live' | 'after_answer' | 'after_close' | 'on_reveal';
  allow_answer_change: boolean;
  opens_at: string;
  closes_at: string;
  questions: DraftQuestion[];
}

let uid = 1;
export function newQuestion(kind: Kind = 'single_choice'): DraftQuestion {
  return {
    uid: uid++,
    text: '',
    kind,
    options: [
      { label: '', cost: 0 },
      { label: '', cost: 0 },
    ],
    config: defaultConfig(kind),
  };
}

export function defaultConfig(kind: string): Record<string, string | number | boolean> {
  switch (kind) {
    case 'multiple_choice':
      return { min_picks: 1, max_picks: 2 };
    case 'scale':
      return { scale_min: 1, scale_max: 5, label_min: '', label_max: '', emoji: false };
    case 'open_text':
      return { max_length: 280 };
    case 'budget':
      return { budget: 100, unit: 'points', budget_mode: 'allocate' };
    default:
      return {};
  }
}

export function emptyDraft(): Draft {
  return {
    title: '',
    intro: '',
    access_mode: 'open',
    age_bands: [],
    results_visibility: 'after_answer',
    allow_answer_change: true,
    opens_at: '',
    closes_at: '',
    questions: [newQuestion()],
  };
}

/** "2027-03-01T08:00" in Europe/Stockholm for an ISO instant (for datetime-local inputs). */
export function toStockholmLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function draftFromPoll(poll: StaffPoll): Draft {
  return {
    title: poll.title,
    intro: poll.intro,
    access_mode: poll.access_mode as Draft['access_mode'],
    age_bands: [...poll.age_bands],
    results_visibility: poll.results_visibility as Draft['results_visibility'],
    allow_answer_change: poll.allow_answer_change,
    opens_at: toStockholmLocal(poll.opens_at),
    closes_at: toStockholmLocal(poll.closes_at),
    questions: poll.questions.map((q) => ({
      uid: uid++,
      text: q.text,
      kind: q.kind as Kind,
      options: q.options.map((o) => ({ label: o.label, cost: o.cost })),
      config: { ...defaultConfig(q.kind), ...(q.config as Record<string, string | number | boolean>) },
    })),
  };
}

/** The API body; naive local times are read as Stockholm time by the server. */
export function bodyFromDraft(d: Draft, withQuestions = true): BuilderBody {
  const body: Record<string, unknown> = {
    title: d.title,
    intro: d.intro,
    access_mode: d.access_mode,
    age_bands: d.access_mode === 'age_limited' ? d.age_bands : [],
    results_visibility: d.results_visibility,
    allow_answer_change: d.allow_answer_change,
    opens_at: d.opens_at ? `${d.opens_at}:00` : null,
    closes_at: d.closes_at ? `${d.closes_at}:00` : null,
  };
  if (withQuestions) {
    body.questions = d.questions.map((q) => ({
      text: q.text,
      kind: q.kind,
      options: OPTION_KINDS.includes(q.kind)
        ? q.options.map((o) => (q.kind === 'budget' ? { label: o.label, cost: Number(o.cost) || 0 } : { label: o.label }))
        : [],
      config: q.config,
    }));
  }
  return body as BuilderBody;
}

/** Question objects for the live phone preview (negative ids: never sent anywhere). */
export function previewQuestions(d: Draft, yesNo: string[]): PollQuestion[] {
  return d.questions.map((q, i) => ({
    id: -(i + 1),
    text: q.text || '…',
    kind: q.kind as PollQuestion['kind'],
    options: (q.kind === 'yes_no'
      ? yesNo.map((label) => ({ label, cost: 0 }))
      : OPTION_KINDS.includes(q.kind)
        ? q.options
        : []
    ).map((o, j) => ({ id: -(i * 100 + j + 1), label: o.label || '…', cost: Number(o.cost) || 0 })),
    config: q.config as PollQuestion['config'],
  }));
}

/** Polls just created on this page: the builder remounts on the new URL and says so. */
export const justCreatedPolls = new Set<number>();
