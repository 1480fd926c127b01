import { describe, it, expect } from 'vitest';
import { clampAllocation, moveItem, scaleValues, cloudSize } from '../pollAnswers';
import { bodyFromDraft, emptyDraft, toStockholmLocal, previewQuestions } from '../pollBuilder';

describe('budget allocation', () => {
  it('never lets the total pass the budget', () => {
    let a: Record<string, number> = {};
    a = clampAllocation(a, '1', 70, 100);
    a = clampAllocation(a, '2', 50, 100);
    expect(a).toEqual({ '1': 70, '2': 30 });
    a = clampAllocation(a, '1', -5, 100);
    expect(a).toEqual({ '2': 30 });
    a = clampAllocation(a, '3', Number.NaN, 100);
    expect(a).toEqual({ '2': 30 });
  });
});

describe('ranking moves', () => {
  it('moves up and down and refuses to leave the list', () => {
    expect(moveItem([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    const same = [1, 2, 3];
    expect(moveItem(same, 0, -1)).toBe(same);
    expect(moveItem(same, 2, 1)).toBe(same);
  });
});

describe('helpers', () => {
  it('lists scale values and sizes cloud words', () => {
    expect(scaleValues(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(cloudSize(5, 5)).toBeGreaterThan(cloudSize(1, 5));
  });
  it('shows Stockholm local time for the builder and sends naive local times', () => {
    expect(toStockholmLocal('2027-03-01T07:00:00Z')).toBe('2027-03-01T08:00');
    expect(toStockholmLocal('2027-07-01T07:00:00Z')).toBe('2027-07-01T09:00');
    const d = { ...emptyDraft(), title: 'T', opens_at: '2027-03-01T08:00' };
    expect((bodyFromDraft(d) as { opens_at: string }).opens_at).toBe('2027-03-01T08:00:00');
  });
  it('previews yes/no questions with the three fixed answers', () => {
    const d = emptyDraft();
    d.questions[0].kind = 'yes_no';
    expect(previewQuestions(d, ['Ja', 'Nej', 'Vet inte'])[0].options.map((o) => o.label)).toEqual([
      'Ja',
      'Nej',
      'Vet inte',
    ]);
  });
});
