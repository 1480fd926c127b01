import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { currentLang } from '../i18n';

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLang());
    request.headers.set('Accept', 'application/json');
    if (!SAFE.has(request.method)) {
      const token = readCookie('csrftoken');
      if (token) request.headers.set('X-CSRFToken', token);
    }
    return request;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof location !== 'undefined' ? location.origin : 'http://localhost',
  credentials: 'same-origin',
});
api.use(headers);

/** One error shape for everything the UI shows. */
export class ApiError extends Error {
  constructor(
    public code: string,
    message: string,
    public status: number,
    public fields: Record<string, string[]> = {},
    /** An edit_conflict's "what changed" (who, which activity, its current values). */
    public conflict: EditConflictDetails | null = null,
  ) {
    super(message);
  }
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface EditConflictDetails {
  current_version: number;
  edited_by: string;
  edited_at: string | null;
  action: string;
  activity_id: number | null;
  activity: { id: number; kind: string; title: string; body: string; question_text: string; options: string[]; seconds: number | null } | null;
  order: number[];
}

interface ErrorBody {
  code?: string;
  message?: string;
  detail?: string;
  fields?: Record<string, string[]>;
  conflict?: EditConflictDetails;
}

export function toApiError(error: unknown, response?: Response): ApiError {
  if (error instanceof ApiError) return error;
  const status = response?.status ?? 0;
  if (error && typeof error === 'object' && ('code' in error || 'message' in error || 'detail' in error)) {
    const e = error as ErrorBody;
    return new ApiError(e.code ?? 'error', e.message ?? e.detail ?? '', status, e.fields ?? {}, e.conflict ?? null);
  }
  if (status === 0) return new ApiError('network', '', 0);
  return new ApiError('http_' + status, '', status);
}

/** Await an openapi-fetch call; return data or throw ApiError (status 0 = network). */
export async function call<T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let res: { data?: T; error?: unknown; response: Response };
  try {
    res = await p;
  } catch (e) {
    throw new ApiError('network', '', 0);
  }
  if (res.error !== undefined || !res.response.ok) throw toApiError(res.error, res.response);
  return res.data as T;
}
