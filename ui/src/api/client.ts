import type { SessionInfo } from './types.js';

/** An answer other than 2xx, with the API's `{error, message}` body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before retrying (429 lock-out), from Retry-After. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;

/**
 * Talks to /api/v1 with the session cookie, and sends the CSRF token on every request that
 * changes something. A 401 on any call other than login tells the app the session has ended.
 */
export class ApiClient {
  private csrfToken = '';
  onSessionEnded: () => void = () => undefined;

  remember(session: SessionInfo): void {
    this.csrfToken = session.csrfToken;
  }

  forget(): void {
    this.csrfToken = '';
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** A URL for a plain link (downloads), with its query. */
  url(path: string, query?: Query): string {
    return `/api/v1${path}${queryString(query)}`;
  }

  private async request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== '') headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(this.url(path, query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'offline', 'The hub cannot be reached. Check that it is plugged in and on the same network.');
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) {
      const { error, message } = (parsed ?? {}) as { error?: string; message?: string };
      const retry = Number(response.headers.get('retry-after'));
      if (response.status === 401 && !path.startsWith('/auth/') && path !== '/onboarding') this.onSessionEnded();
      throw new ApiError(response.status, error ?? `http_${response.status}`, message ?? `The hub answered ${response.status} ${response.statusText}.`, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    }
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function queryString(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export const api = new ApiClient();
