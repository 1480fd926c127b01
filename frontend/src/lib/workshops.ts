// Workshops entered by hand: the form's rows and the checks the server makes, so the form
// can say what is wrong before sending (the server checks again; its codes are the same).
import type { paths } from './api/schema';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type Workshop = Json<paths['/api/staff/forums/{forum_id}/workshops']['get']['responses'][200]>[number];
export type WorkshopDetail = Json<paths['/api/staff/workshops/{workshop_id}']['get']['responses'][200]>;
export type WorkshopBody = NonNullable<
  paths['/api/staff/forums/{forum_id}/workshops']['post']['requestBody']
>['content']['application/json'];

export const METHODS = ['sticky_notes', 'paper_ballot', 'dot_voting', 'walk', 'conversation', 'other'] as const;

export type OptionRow = { text: string; count: string };
export type WorkshopForm = {
  title: string;
  method: string;
  held_on: string;
  place: string;
  participants: string;
  choice: 'single' | 'multiple';
  note: string;
  options: OptionRow[];
  quotes: string[];
};

/** One problem: the field it belongs to and the message key (workshops.errors.*). */
export type Problem = { field: string; key: string; values?: Record<string, number>; text?: string };

export function emptyForm(): WorkshopForm {
  return {
    title: '',
    method: 'sticky_notes',
    held_on: '',
    place: '',
    participants: '',
    choice: 'single',
    note: '',
    options: [
      { text: '', count: '' },
      { text: '', count: '' },
    ],
    quotes: [],
  };
}

const whole = (value: string): number | null => (/^-?\d+$/.test(value.trim()) ? Number(value.trim()) : null);

/** The rows a person filled in (a row with neither text nor count is left out). */
function filledOptions(form: WorkshopForm): { index: number; text: string; count: string }[] {
  return form.options
    .map((o, index) => ({ index, ...o }))
    .filter((o) => o.text.trim() !== '' || o.count.trim() !== '');
}

/** What the server would refuse, in the same order and with the same codes. */
export function workshopProblems(form: WorkshopForm, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['title', 'place', 'held_on'] as const) {
    if (!form[field].trim()) problems.push({ field, key: 'required' });
  }
  const participants = whole(form.participants);
  if (participants === null || participants < 1) problems.push({ field: 'participants', key: 'participants' });
  // ISO dates compare as text.
  if (form.held_on && form.held_on > today) problems.push({ field: 'held_on', key: 'future_date' });
  const options = filledOptions(form);
  for (const o of options) {
    const count = whole(o.count);
    if (!o.text.trim()) problems.push({ field: `options.${o.index}.text`, key: 'required' });
    if (count === null) problems.push({ field: `options.${o.index}.count`, key: 'required' });
    else if (count < 0) problems.push({ field: `options.${o.index}.count`, key: 'negative_count' });
    else if (participants !== null && participants >= 1 && count > participants)
      problems.push({ field: `options.${o.index}.count`, key: 'count_exceeds_participants' });
  }
  const sum = options.reduce((total, o) => total + Math.max(whole(o.count) ?? 0, 0), 0);
  if (form.choice === 'single' && participants !== null && participants >= 1 && sum > participants)
    problems.push({ field: 'options', key: 'sum_exceeds', values: { count: participants } });
  const quotes = form.quotes.filter((q) => q.trim());
  if (options.length < 2 && quotes.length === 0) problems.push({ field: 'options', key: 'without_results' });
  return problems;
}

/** The request body from a form that has no problems. */
export function workshopBody(form: WorkshopForm, idempotencyKey: string | null): WorkshopBody {
  return {
    title: form.title,
    method: form.method as WorkshopBody['method'],
    held_on: form.held_on,
    place: form.place,
    participants: Number(form.participants),
    choice: form.choice,
    note: form.note,
    options: filledOptions(form).map((o) => ({ text: o.text, count: Number(o.count) })),
    quotes: form.quotes.filter((q) => q.trim()),
    idempotency_key: idempotencyKey,
  };
}

/** A stored workshop back into the form, from the figures as they were typed in. */
export function formOf(detail: WorkshopDetail): WorkshopForm {
  return {
    title: detail.title,
    method: detail.method,
    held_on: detail.held_on,
    place: detail.place,
    participants: String(detail.entered.participants),
    choice: detail.choice === 'multiple' ? 'multiple' : 'single',
    note: detail.note,
    options: detail.entered.options.map((o) => ({ text: o.text, count: String(o.count) })),
    quotes: [...detail.quotes],
  };
}
