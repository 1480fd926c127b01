import { describe, expect, it } from 'vitest';
import { bodyFrom, flatten, type Translatable } from '../translationsApi';

const option = (id: number): Translatable =>
  ({ kind: 'option', id, sources: { label: 'A' }, max_lengths: { label: 200 }, translations: {}, children: [] }) as unknown as Translatable;

const activity = {
  kind: 'activity',
  id: 1,
  sources: { title: 'Rubrik', body: '' },
  max_lengths: { title: 200, body: 4000 },
  translations: {},
  children: [
    { kind: 'question', id: 7, sources: { text: 'Vilken?' }, max_lengths: { text: 300 }, translations: {}, children: [option(3), option(4)] },
  ],
} as unknown as Translatable;

describe('translation editor body', () => {
  it('lists the activity, its question and the options in order', () => {
    expect(flatten(activity).map((t) => `${t.kind}:${t.id}`)).toEqual(['activity:1', 'question:7', 'option:3', 'option:4']);
  });

  it('puts each text where the API expects it', () => {
    const body = bodyFrom(activity, {
      'activity:1': { ar: { title: 'عنوان' } },
      'question:7': { ar: { text: 'أي؟' } },
      'option:4': { ar: { label: 'ب' } },
    });

    expect(body).toEqual({
      translations: { ar: { title: 'عنوان' } },
      question: { ar: { text: 'أي؟' } },
      options: { '3': {}, '4': { ar: { label: 'ب' } } },
    });
  });
});
