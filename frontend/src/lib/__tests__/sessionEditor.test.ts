import { describe, it, expect, vi } from 'vitest';
import { ApiError } from '../api/client';
import { activityBody, editBody, EditorQueue, emptyForm, formOf, moveTo, type SaveState } from '../sessionEditor';
import type { Prepare } from '../livePrep';

const prepAt = (v: number) => ({ edit_version: v, activities: [] }) as unknown as Prepare;

function queue(version = { v: 0 }) {
  const states: SaveState[] = [];
  const q = new EditorQueue({
    getVersion: () => version.v,
    onPrep: (p) => (version.v = p.edit_version),
    onState: (s) => states.push(s),
    sleep: () => Promise.resolve(),
  });
  return { q, states, version };
}

describe('EditorQueue', () => {
  it('sends writes one at a time, each with the version the previous one returned', async () => {
    const { q } = queue();
    const sent: number[] = [];
    const write = (v: number) => {
      sent.push(v);
      return Promise.resolve(prepAt(v + 1));
    };
    await Promise.all([q.push(write), q.push(write), q.push(write)]);
    expect(sent).toEqual([0, 1, 2]);
    expect(q.pending).toBe(0);
  });

  it('retries network failures and says so, then saves', async () => {
    const { q, states } = queue();
    const write = vi
      .fn()
      .mockRejectedValueOnce(new ApiError('network', '', 0))
      .mockRejectedValueOnce(new ApiError('http_502', '', 502))
      .mockResolvedValueOnce(prepAt(1));
    expect(await q.push(write)).not.toBeNull();
    expect(write).toHaveBeenCalledTimes(3);
    expect(states.map((s) => s.kind)).toContain('retrying');
    expect(states.at(-1)?.kind).toBe('saved');
  });

  it('stops at an edit conflict and sends nothing more until resumed', async () => {
    const { q, states } = queue();
    const conflict = new ApiError('edit_conflict', 'Någon annan ändrade', 409, {}, {
      current_version: 4,
      edited_by: 'Sara',
      edited_at: null,
      action: 'edit',
      activity_id: 7,
      activity: null,
      order: [],
    });
    const later = vi.fn().mockResolvedValue(prepAt(5));
    expect(await q.push(() => Promise.reject(conflict))).toBeNull();
    expect(await q.push(later)).toBeNull();
    expect(later).not.toHaveBeenCalled();
    const last = states.at(-1);
    expect(last?.kind === 'conflict' && last.details?.edited_by).toBe('Sara');
    q.resume();
    expect(await q.push(later)).not.toBeNull();
  });

  it('does not retry bad input and hands back its fields', async () => {
    const { q, states } = queue();
    const bad = new ApiError('options_duplicate', 'Två lika', 400, { options: ['”Ja” finns två gånger.'] });
    const write = vi.fn().mockRejectedValue(bad);
    expect(await q.push(write)).toBeNull();
    expect(write).toHaveBeenCalledTimes(1);
    const last = states.at(-1);
    expect(last?.kind === 'failed' && last.fields.options).toEqual(['”Ja” finns två gånger.']);
  });
});

describe('moveTo', () => {
  it('keeps a permutation with the item at the asked place', () => {
    for (let n = 1; n < 7; n++) {
      const ids = Array.from({ length: n }, (_v, i) => i + 10);
      for (const id of ids) {
        for (let to = 0; to < n; to++) {
          const moved = moveTo(ids, id, to);
          expect([...moved].sort()).toEqual(ids);
          expect(moved.indexOf(id)).toBe(to);
        }
      }
    }
  });
});

describe('activityBody', () => {
  it('sends a choice question with its non-empty options', () => {
    const v = { ...emptyForm('single_choice'), questionText: 'Vilken dag?', options: ['Fredag', ' ', 'Lördag'] };
    expect(activityBody(v)).toMatchObject({
      kind: 'poll_question',
      question_kind: 'single_choice',
      question_text: 'Vilken dag?',
      options: ['Fredag', 'Lördag'],
    });
  });
  it('sends a countdown with its seconds and a word cloud with its question', () => {
    expect(activityBody({ ...emptyForm('countdown'), seconds: 90 })).toMatchObject({ kind: 'countdown', seconds: 90 });
    expect(activityBody({ ...emptyForm('word_cloud'), questionText: 'Ett ord?' })).toMatchObject({
      kind: 'word_cloud',
      question_text: 'Ett ord?',
    });
  });
});

describe('formOf and editBody round trip', () => {
  const budget = {
    kind: 'poll_question',
    title: '',
    body: '',
    results_before_answer: true,
    question: {
      text: 'Vad ska pengarna gå till?',
      kind: 'budget',
      options: [
        { label: 'Skatepark', cost: 600 },
        { label: 'Konsert', cost: 300 },
      ],
      config: { budget: 1000, unit: 'kr', budget_mode: 'approval' },
    },
  };
  const scale = {
    kind: 'poll_question',
    title: '',
    body: '',
    question: {
      text: 'Hur trygg?',
      kind: 'scale',
      options: [],
      config: { scale_min: 1, scale_max: 10, label_min: 'Otrygg', label_max: 'Trygg', emoji: false },
    },
  };

  it('an untouched budget question is sent back with its budget, unit, mode and costs', () => {
    expect(editBody(budget, formOf(budget))).toMatchObject({
      question_kind: 'budget',
      options: ['Skatepark', 'Konsert'],
      costs: [600, 300],
      config: { budget: 1000, unit: 'kr', budget_mode: 'approval' },
      results_before_answer: true,
    });
  });
  it('an untouched scale is sent back with its range and end labels', () => {
    expect(editBody(scale, formOf(scale))).toMatchObject({
      question_kind: 'scale',
      config: { scale_min: 1, scale_max: 10, label_min: 'Otrygg', label_max: 'Trygg', emoji: false },
    });
  });
  it('a changed budget and cost are sent; an empty row goes with its cost', () => {
    const v = formOf(budget);
    v.budget = 1200;
    v.options = [...v.options, 'Kafé', ''];
    v.costs = [600, 250, 100, 7];
    expect(editBody(budget, v)).toMatchObject({
      options: ['Skatepark', 'Konsert', 'Kafé'],
      costs: [600, 250, 100],
      config: { budget: 1200, unit: 'kr' },
    });
  });
  it('a new budget question sends one cost per option, not half the budget each', () => {
    const v = { ...emptyForm('budget'), questionText: 'Vad?', options: ['A', 'B'], costs: [30, 0], budget: 50 };
    expect(activityBody(v)).toMatchObject({ options: ['A', 'B'], costs: [30, 0], config: { budget: 50, unit: 'points' } });
  });
  it('results before answering is sent for a new question and off by default', () => {
    expect(activityBody({ ...emptyForm('yes_no'), questionText: 'Ja?' })).toMatchObject({ results_before_answer: false });
    expect(activityBody({ ...emptyForm('word_cloud'), questionText: 'Ord?', resultsBeforeAnswer: true })).toMatchObject({
      results_before_answer: true,
    });
  });
});
