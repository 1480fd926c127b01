import { currentLang } from '../../lib/i18n';
import { formatDateTime as fmt } from '../../lib/format';

/** Date and time in Stockholm time, in the UI language. */
export function formatDateTime(iso: string): string {
  return fmt(iso, currentLang());
}

/** datetime-local is wall-clock time; the board's dates are Stockholm time. */
export function stockholmLocalToIso(local: string): string | null {
  if (!local) return null;
  const asUtc = new Date(`${local}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(asUtc);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(asUtc.getTime() - (shown - asUtc.getTime())).toISOString();
}
