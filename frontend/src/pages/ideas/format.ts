import { currentLang } from '../../lib/i18n';
import { formatDateTime as fmt } from '../../lib/format';

/** Date and time in Stockholm time, in the UI language. */
export function formatDateTime(iso: string): string {
  return fmt(iso, currentLang());
}
