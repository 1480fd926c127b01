import { describe, expect, it } from 'vitest';
import { emptyForm, workshopBody, workshopProblems, type WorkshopForm } from '../workshops';

const today = '2026-12-07';

function form(changes: Partial<WorkshopForm> = {}): WorkshopForm {
  return {
    ...emptyForm(),
    title: 'Vad saknar du?',
    place: 'Husby träff',
    held_on: '2026-12-01',
    participants: '14',
    options: [
      { text: 'Längre öppettider', count: '9' },
      { text: 'Läxhjälp', count: '3' },
    ],
    ...changes,
  };
}

const keys = (f: WorkshopForm) => workshopProblems(f, today).map((p) => `${p.field}:${p.key}`);

describe('the workshop form says what the server would refuse', () => {
  it('accepts a valid entry and sends only filled rows', () => {
    const f = form({ options: [...form().options, { text: '', count: '' }] });
    expect(keys(f)).toEqual([]);
    expect(workshopBody(f, null).options).toEqual([
      { text: 'Längre öppettider', count: 9 },
      { text: 'Läxhjälp', count: 3 },
    ]);
  });

  it('refuses a negative count', () => {
    expect(keys(form({ options: [{ text: 'A', count: '-1' }, { text: 'B', count: '2' }] }))).toEqual([
      'options.0.count:negative_count',
    ]);
  });

  it('refuses a count above the participants', () => {
    expect(keys(form({ choice: 'multiple', options: [{ text: 'A', count: '15' }, { text: 'B', count: '2' }] }))).toEqual([
      'options.0.count:count_exceeds_participants',
    ]);
  });

  it('with one choice each, refuses counts adding up to more than everyone', () => {
    const f = form({ options: [{ text: 'A', count: '9' }, { text: 'B', count: '6' }] });
    expect(keys(f)).toEqual(['options:sum_exceeds']);
    expect(keys({ ...f, choice: 'multiple' })).toEqual([]);
  });

  it('refuses a date in the future and nobody there', () => {
    expect(keys(form({ held_on: '2026-12-08' }))).toEqual(['held_on:future_date']);
    expect(keys(form({ participants: '0' }))).toContain('participants:participants');
  });

  it('needs two options or a quote', () => {
    const one = form({ options: [{ text: 'A', count: '3' }] });
    expect(keys(one)).toEqual(['options:without_results']);
    expect(keys({ ...one, quotes: ['Vi vill ha en lugn plats.'] })).toEqual([]);
  });
});
