import { intlLocale } from './languages';

/** Percent for display: whole numbers (one decimal between 0 and 1 %), clamped 0..100. */
export function formatPercent(value: number | null | undefined, locale = 'sv'): string {
  const v = typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
  const digits = v > 0 && v < 1 ? 1 : 0;
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(v / 100);
}

/** Width for a result bar, as a CSS percentage string. */
export function barSize(percent: number | null | undefined): string {
  const v = typeof percent === 'number' && Number.isFinite(percent) ? Math.min(100, Math.max(0, percent)) : 0;
  return `${v}%`;
}

/** Date and time in Europe/Stockholm, whatever the device's zone. */
export function formatDateTime(iso: string, locale = 'sv'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(d);
}

/** A date without the time (a meeting's date on a decision). */
export function formatDate(iso: string, locale = 'sv'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'long',
  }).format(d);
}

/** A plain number in the device's language (Latin digits everywhere, see intlLocale). */
export function formatNumber(value: number, locale = 'sv', options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}

/** Normalise a typed join code: uppercase, drop spaces and dashes. */
export function normaliseCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}

/**
 * How every page writes a count, the rule of forum/core/suppression.count_text: the number;
 * hidden because it is 1–4: "fewer than 5"; hidden only to protect a small group (it is 5
 * or more, `hidden_to_protect` from the API): "hidden", explained once by HiddenNote.
 */
export function countWords(
  t: (key: string) => string,
  count: number | null | undefined,
  hiddenToProtect: boolean | undefined = false,
  shown: (n: number) => string = String,
): string {
  if (count !== null && count !== undefined) return shown(count);
  return t(hiddenToProtect ? 'results.hidden_to_protect' : 'results.fewer_than_five');
}
