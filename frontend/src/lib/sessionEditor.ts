// The session editor's writes: one at a time, each sending the edit version it started
// from; network and server failures retried with backoff (create/duplicate carry an
// idempotency key made once, so a retry never adds twice); a 409 edit_conflict stops the
// queue and is shown with what changed; bad input (400) is shown beside the form.
import { ApiError, type EditConflictDetails } from './api/client';
import type { Prepare } from './livePrep';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'retrying'; attempt: number }
  | { kind: 'conflict'; details: EditConflictDetails | null; message: string }
  | { kind: 'failed'; message: string; fields: Record<string, string[]> };

/** One write: given the edit version to send, the session as the server now has it. */
export type EditorWrite = (version: number) => Promise<Prepare>;

export interface QueueOptions {
  getVersion: () => number;
  onPrep: (p: Prepare) => void;
  onState: (s: SaveState) => void;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
}

export function retryable(e: unknown): boolean {
  return e instanceof ApiError && (e.isNetwork || e.status >= 500 || e.status === 429);
}

export function retryDelay(attempt: number): number {
  return Math.min(1000 * 2 ** (attempt - 1), 15000);
}

export class EditorQueue {
  private chain: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private stopped = false;
  private opts: Required<QueueOptions>;

  constructor(opts: QueueOptions) {
    this.opts = {
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      maxAttempts: 8,
      ...opts,
    };
  }

  /** Writes not yet confirmed by the server (unsaved changes). */
  get pending(): number {
    return this.waiting;
  }

  /** After a conflict nothing more is sent until the editor reloads (resume). */
  resume(): void {
    this.stopped = false;
  }

  /** Queue a write; resolves with the new session, or null when it was not saved. */
  push(write: EditorWrite): Promise<Prepare | null> {
    this.waiting += 1;
    const run = this.chain.then(() => this.send(write));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async send(write: EditorWrite): Promise<Prepare | null> {
    const { onState, onPrep, getVersion, sleep, maxAttempts } = this.opts;
    try {
      if (this.stopped) return null;
      for (let attempt = 1; ; attempt++) {
        onState(attempt === 1 ? { kind: 'saving' } : { kind: 'retrying', attempt });
        try {
          const prep = await write(getVersion());
          onPrep(prep);
          onState({ kind: 'saved', at: new Date() });
          return prep;
        } catch (e) {
          if (e instanceof ApiError && e.code === 'edit_conflict') {
            this.stopped = true;
            onState({ kind: 'conflict', details: e.conflict, message: e.message });
            return null;
          }
          if (retryable(e) && attempt < maxAttempts) {
            onState({ kind: 'retrying', attempt });
            await sleep(retryDelay(attempt));
            continue;
          }
          const err = e instanceof ApiError ? e : new ApiError('error', String(e), 0);
          onState({ kind: 'failed', message: err.message, fields: err.fields });
          return null;
        }
      }
    } finally {
      this.waiting -= 1;
    }
  }
}

/** The activity ids with ``id`` moved to ``to`` (a permutation; out of range is clamped). */
export function moveTo(ids: number[], id: number, to: number): number[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** The question kinds (each its own picker button) and the other activity kinds. */
export const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'yes_no', 'scale', 'ranking', 'open_text', 'budget'] as const;
export const OTHER_KINDS = ['word_cloud', 'open_wall', 'qa', 'idea_collection', 'info_slide', 'countdown'] as const;
export type PickerKind = (typeof QUESTION_KINDS)[number] | (typeof OTHER_KINDS)[number];

export function hasOptions(kind: string): boolean {
  return kind === 'single_choice' || kind === 'multiple_choice' || kind === 'ranking' || kind === 'budget';
}

export interface ActivityFormValue {
  picker: PickerKind;
  questionText: string;
  options: string[];
  /** A budget question's cost per option, beside ``options`` (same index). */
  costs: (number | null)[];
  title: string;
  body: string;
  seconds: number;
  budget: number | null;
  scaleMax: number;
  labelMin: string;
  labelMax: string;
  /** The question's other settings as loaded (unit, mode, picks, emoji): sent back as they were. */
  config: Record<string, unknown>;
  resultsBeforeAnswer: boolean;
}

export function isQuestionKind(kind: string): boolean {
  return (QUESTION_KINDS as readonly string[]).includes(kind) || kind === 'word_cloud' || kind === 'open_wall';
}

export function emptyForm(picker: PickerKind): ActivityFormValue {
  return {
    picker,
    questionText: '',
    options: hasOptions(picker) ? ['', ''] : [],
    costs: hasOptions(picker) ? [0, 0] : [],
    title: '',
    body: '',
    seconds: 60,
    budget: 100,
    scaleMax: 5,
    labelMin: '',
    labelMax: '',
    config: {},
    resultsBeforeAnswer: false,
  };
}

/** The options with their costs, empty rows left out (a budget question's cost goes with its row). */
function optionRows(v: ActivityFormValue): { label: string; cost: number | null }[] {
  return v.options
    .map((o, i) => ({ label: o.trim(), cost: v.costs[i] ?? 0 }))
    .filter((row) => row.label.length > 0);
}

/** The question fields of a request: text, options, settings and (budget) costs. */
function questionFields(v: ActivityFormValue, kind: string): Record<string, unknown> {
  const rows = hasOptions(kind) ? optionRows(v) : [];
  const body: Record<string, unknown> = {
    question_text: v.questionText,
    question_kind: kind,
    options: rows.map((r) => r.label),
    config: { ...v.config },
  };
  if (kind === 'scale') {
    body.config = { ...v.config, scale_min: 1, scale_max: v.scaleMax, label_min: v.labelMin.trim(), label_max: v.labelMax.trim() };
  }
  if (kind === 'budget') {
    body.config = { unit: 'points', ...v.config, budget: v.budget };
    body.costs = rows.map((r) => r.cost);
  }
  return body;
}

/** The request body for a new activity (or an edit) from the inline form. */
export function activityBody(v: ActivityFormValue): Record<string, unknown> {
  const isQuestion = (QUESTION_KINDS as readonly string[]).includes(v.picker);
  if (isQuestion) {
    return {
      kind: 'poll_question',
      ...questionFields(v, v.picker),
      title: '',
      body: '',
      results_before_answer: v.resultsBeforeAnswer,
    };
  }
  switch (v.picker) {
    case 'word_cloud':
    case 'open_wall':
      return { kind: v.picker, question_text: v.questionText, title: '', body: '', results_before_answer: v.resultsBeforeAnswer };
    case 'idea_collection':
      return { kind: v.picker, board_question: v.questionText, title: '', body: '' };
    case 'countdown':
      return { kind: v.picker, title: v.title, body: '', seconds: v.seconds };
    default:
      return { kind: v.picker, title: v.title, body: v.body };
  }
}

type PrepActivityLike = {
  kind: string;
  title: string;
  body: string;
  seconds?: number | null;
  results_before_answer?: boolean;
  question?: { text: string; kind: string; options: { label: string; cost?: number }[]; config?: Record<string, unknown> } | null;
  board?: { question: string } | null;
};

/** The inline form's values for an existing activity (to edit it): everything the
 * question has, so that saving it sends back what it did not change. */
export function formOf(a: PrepActivityLike): ActivityFormValue {
  const picker: PickerKind =
    a.kind === 'poll_question' && a.question ? (a.question.kind as PickerKind) : (a.kind as PickerKind);
  const config = { ...(a.question?.config ?? {}) };
  return {
    picker,
    questionText: a.question?.text ?? a.board?.question ?? '',
    options: a.question?.options.map((o) => o.label) ?? [],
    costs: a.question?.options.map((o) => o.cost ?? 0) ?? [],
    title: a.title,
    body: a.body,
    seconds: a.seconds ?? 60,
    budget: typeof config.budget === 'number' ? config.budget : 100,
    scaleMax: config.scale_max === 10 ? 10 : 5,
    labelMin: typeof config.label_min === 'string' ? config.label_min : '',
    labelMax: typeof config.label_max === 'string' ? config.label_max : '',
    config,
    resultsBeforeAnswer: a.results_before_answer ?? false,
  };
}

/** The PATCH body for an edit: texts, and the question when the activity has one. */
export function editBody(a: PrepActivityLike, v: ActivityFormValue): Record<string, unknown> {
  let body: Record<string, unknown> = { title: v.title, body: v.body };
  if (a.question) {
    const kind = a.kind === 'poll_question' ? a.question.kind : 'open_text';
    body = { ...body, ...questionFields(v, kind), results_before_answer: v.resultsBeforeAnswer };
  }
  if (a.kind === 'countdown') body.seconds = v.seconds;
  return body;
}
