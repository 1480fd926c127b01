import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { ApiError } from './api/client';

/** Text to show the user for any thrown error: the server's translated message, else ours. */
export function errorText(e: unknown): string {
  const t = get(_);
  if (e instanceof ApiError) {
    if (e.isNetwork) return t('errors.network');
    if (e.message) return e.message;
    if (e.status === 403 || e.status === 401) return t('errors.forbidden');
    if (e.status === 404) return t('errors.not_found');
  }
  return t('errors.generic');
}
