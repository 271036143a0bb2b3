import type { ErrorCode } from '@contracts/errors';
import { currentLanguage, i18n } from './i18n';

/** Error codes the client itself produces when the server never answered with an error body. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** Every failed API call throws this; `message` is already in the user's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ClientErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The list answer shared by every list endpoint. */
export type Page<T> = { data: T[]; total: number; page: number; pageSize: number };
/** The single-record answer. */
export type One<T> = { data: T };

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /**
   * When false, a 401 is only thrown, not reported as "signed out" (used by the /auth/me probe and
   * the login call, whose 401 means wrong credentials).
   */
  reportAuthErrors?: boolean;
};

type ClientHooks = {
  /** Returns the CSRF token of the current session (from the cached /auth/me). */
  getCsrfToken: () => string | null | undefined;
  /** Called for UNAUTHENTICATED, PASSWORD_CHANGE_REQUIRED and CSRF_FAILED answers. */
  onAuthError: (code: 'UNAUTHENTICATED' | 'PASSWORD_CHANGE_REQUIRED' | 'CSRF_FAILED') => void;
};

let hooks: ClientHooks = {
  getCsrfToken: () => null,
  onAuthError: (code) => {
    if (code === 'UNAUTHENTICATED' && window.location.pathname !== '/login') window.location.assign('/login');
  },
};

/** Wires the client to the auth state (done once by the app providers). */
export function configureApiClient(next: Partial<ClientHooks>): void {
  hooks = { ...hooks, ...next };
}

export const API_BASE = '/api/v1';

export function buildQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Sends one request to the API and returns the parsed JSON body, or throws ApiError. */
export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  // A FormData body sets its own multipart boundary.
  if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = hooks.getCsrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      body:
        opts.body === undefined ? undefined : isForm ? (opts.body as FormData) : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }

  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!res.ok) {
    const err = readErrorBody(json);
    const error = err
      ? new ApiError(res.status, err.code as ClientErrorCode, err.message, err.details)
      : new ApiError(res.status, 'UNEXPECTED_RESPONSE', i18n.t('errors.unexpected', { status: res.status }));
    if (opts.reportAuthErrors !== false) {
      if (
        error.code === 'UNAUTHENTICATED' ||
        error.code === 'PASSWORD_CHANGE_REQUIRED' ||
        error.code === 'CSRF_FAILED'
      )
        hooks.onAuthError(error.code);
    }
    throw error;
  }
  if (json === undefined && text) {
    throw new ApiError(
      res.status,
      'UNEXPECTED_RESPONSE',
      i18n.t('errors.unexpected', { status: res.status }),
    );
  }
  return json as T;
}

function readErrorBody(json: unknown): { code: string; message: string; details?: unknown } | null {
  if (!json || typeof json !== 'object' || !('error' in json)) return null;
  const e = (json as { error: unknown }).error;
  if (!e || typeof e !== 'object') return null;
  const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return { code, message, details };
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body: body ?? {} }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
  /** multipart/form-data (uploads); fields first, then the file, as the server reads them in order. */
  upload: <T>(path: string, form: FormData, query?: QueryParams) =>
    apiRequest<T>(path, { method: 'POST', body: form, query }),
};

/**
 * Downloads a file the API generates (an export, a template, a bulletin, an attachment) through the session,
 * so an error arrives as an ApiError in the user's language instead of a JSON page. Returns the file name used.
 */
export async function downloadFile(
  path: string,
  query?: QueryParams,
  fallbackName = 'download',
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${buildQuery(query)}`, {
      headers: { 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'));
  }
  if (!res.ok) {
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    const err = readErrorBody(json);
    throw err
      ? new ApiError(res.status, err.code as ClientErrorCode, err.message, err.details)
      : new ApiError(res.status, 'UNEXPECTED_RESPONSE', i18n.t('errors.unexpected', { status: res.status }));
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1] ?? null;
}

/**
 * Per-field messages from a failed save: VALIDATION_FAILED lists `{ path, message }`; rule violations name
 * `field` (with the message in both languages or in the caller's). Keys are the first path segment.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  const lang = currentLanguage();
  const visit = (d: unknown) => {
    if (!d || typeof d !== 'object') return;
    if (Array.isArray(d)) {
      for (const x of d) visit(x);
      return;
    }
    const o = d as Record<string, unknown>;
    const rawPath = o.path ?? o.field;
    const path = Array.isArray(rawPath) ? rawPath.join('.') : typeof rawPath === 'string' ? rawPath : null;
    const msg =
      typeof o.message === 'string'
        ? o.message
        : typeof o.zh === 'string' && typeof o.en === 'string'
          ? lang === 'en'
            ? o.en
            : o.zh
          : null;
    if (path && msg) {
      const key = path.replace(/^body\./, '').split('.')[0]!;
      if (key && !out[key]) out[key] = msg;
    }
    for (const k of ['problems', 'fields', 'errors', 'issues']) if (k in o) visit(o[k]);
  };
  visit(error.details);
  return out;
}

/** Reads `details.current` from a VERSION_CONFLICT error: the record as it is now on the server. */
export function conflictCurrent<T>(error: unknown): T | null {
  if (!isApiError(error) || error.code !== 'VERSION_CONFLICT') return null;
  const d = error.details;
  if (d && typeof d === 'object' && 'current' in d) return (d as { current: T }).current ?? null;
  return null;
}
