import { describe, it, expect } from 'vitest';
import { optionChartRows } from '../charts';

const words: Record<string, string> = {
  'results.fewer_than_five': 'färre än 5',
  'results.hidden_to_protect': 'dold',
};
const t = (key: string, options?: { values?: Record<string, string | number> }) =>
  key === 'results.votes' ? `${options?.values?.count} röster` : (words[key] ?? key);

describe('optionChartRows', () => {
  it('keeps the API order and labels, a bar only for a shown figure', () => {
    const rows = optionChartRows(
      [
        { option_id: 3, label: 'Söndag', count: 11, percent: 19.3 },
        { option_id: 1, label: 'Fredag', count: null, percent: null, hidden_to_protect: true },
        { option_id: 2, label: 'Lördag', count: null, percent: null },
        { option_id: 4, label: 'Måndag', count: 0, percent: null },
      ],
      t,
    );

    expect(rows.map((r) => [r.key, r.label, r.value, r.text, r.hidden_to_protect])).toEqual([
      [3, 'Söndag', 19.3, '11 röster', false],
      [1, 'Fredag', null, 'dold', true],
      [2, 'Lördag', null, 'färre än 5', false],
      [4, 'Måndag', 0, '0 röster', false],
    ]);
  });
});
