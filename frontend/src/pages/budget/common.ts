// What every budget page shares, in one module so the pages share one lazy chunk: the
// Swedish strings, money and dates as young people read them, ballot errors in words, and
// the API calls (re-exported from lib/api/budgets).
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { currentLang, useMessages } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import { intlLocale } from '../../lib/languages';
import { ApiError } from '../../lib/api/client';
import { errorText } from '../../lib/errors';
import sv from '../../locales/budget.sv.json';
import './budget.css';

export * from '../../lib/api/budgets';

/** Resolves when the budget strings are there in the device's language. */
export const budgetMessages = useMessages('budget', sv);

/** Whole kronor in the reader's language: "300 000 kr". */
export function money(amount: number): string {
  return get(_)('budget.money', { values: { amount: formatNumber(amount, currentLang()) } });
}

/** A phase's date as a 15-year-old says it: "12 maj". */
export function dayMonth(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(currentLang()), { day: 'numeric', month: 'long', timeZone: 'Europe/Stockholm' }).format(d);
}

const BALLOT_ERRORS = new Set([
  'over_budget',
  'too_many_choices',
  'proposal_not_on_ballot',
  'ballot_closed',
  'already_voted',
  'voting_code_required',
  'voting_code_invalid',
  'empty_ballot',
]);

/** A ballot error in words: the contract's codes in our own, anything else as every page shows it. */
export function ballotErrorText(e: unknown): string {
  if (e instanceof ApiError && BALLOT_ERRORS.has(e.code)) return get(_)(`budget.errors.${e.code}`);
  return errorText(e);
}
