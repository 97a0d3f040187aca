import { currentLang, i18n, type Lang } from './i18n';

/**
 * A small fetch client for the Dargah API. It sends the interface language as
 * `Accept-Language` (the server localises its error messages), keeps cookies same-origin, and
 * turns the error envelope `{ error: { code, message, details, requestId } }` into `ApiError`.
 */

/** The error body every Dargah API failure has. */
export interface ApiErrorEnvelope {
  error: {
    code: string;
    message: string;
    details?: unknown;
    requestId?: string;
  };
}

/** Codes the client itself produces when there is no usable answer from the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'HTTP_ERROR';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's stable code (e.g. `NOT_FOUND`), or a `ClientErrorCode`. */
    readonly code: string,
    /** Already localised: shown to the reader as is. */
    message: string,
    readonly details: unknown = undefined,
    readonly requestId: string | undefined = undefined,
  ) {
    super(message);
  }
}

export function isApiErrorEnvelope(body: unknown): body is ApiErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, or as is for `FormData` / `Blob`. */
  body?: unknown;
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For writes a client may retry: the server replays the first result for the same key. */
  idempotencyKey?: string;
  /** Non-2xx statuses whose JSON body is a normal answer (e.g. 503 from `/readyz`). */
  acceptStatuses?: readonly number[];
  /** `blob`: a 2xx answer's body as bytes (a PDF preview); a refusal is still read as the JSON error envelope. */
  responseType?: 'json' | 'blob';
}

export interface ApiClientOptions {
  /** Prefix of `get`/`post`/… paths. Default `/api/v1`. */
  basePath?: string;
  fetch?: typeof globalThis.fetch;
  language?: () => Lang;
  /** Localised messages for failures the server could not describe. */
  message?: (key: 'network' | 'badResponse' | 'unexpected') => string;
  /** The session's CSRF token, sent as `X-CSRF-Token` on every write (POST, PUT, PATCH, DELETE). */
  csrfToken?: () => string | null | undefined;
  /** Called when the server answers 401 UNAUTHENTICATED: the session is gone (expired, revoked). */
  onUnauthenticated?: (error: ApiError) => void;
}

/** Methods that change state: they carry the CSRF token. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values as QueryValue[]) {
      if (value !== undefined && value !== null) params.append(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

function isRawBody(body: unknown): body is BodyInit {
  return (
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
  );
}

/**
 * On the server (ADR 0018) the app's calls go to the API in the same process, carrying the
 * visitor's cookie and address: the server rendering sets this once, and the provider answers with
 * the fetch of the request being rendered. Undefined in the browser.
 */
let serverFetch: (() => typeof globalThis.fetch) | undefined;

/** Routes the app's API calls through `provider()` (the server rendering only). */
export function setServerFetch(provider: () => typeof globalThis.fetch): void {
  serverFetch = provider;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const basePath = (options.basePath ?? '/api/v1').replace(/\/$/, '');
  const doFetch =
    options.fetch ??
    ((input: RequestInfo | URL, init?: RequestInit) => (serverFetch ? serverFetch() : globalThis.fetch)(input, init));
  const language = options.language ?? currentLang;
  const message = options.message ?? ((key) => i18n.t(`errors.${key}`));
  const csrfToken = options.csrfToken ?? (() => undefined);

  /** Any same-origin JSON endpoint, path used as given (e.g. `/readyz`). */
  async function requestJson<T>(path: string, init: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: init.responseType === 'blob' ? '*/*' : 'application/json',
      'Accept-Language': language(),
      ...init.headers,
    };
    let body: BodyInit | undefined;
    if (init.body !== undefined) {
      if (isRawBody(init.body)) {
        body = init.body;
      } else {
        body = JSON.stringify(init.body);
        headers['Content-Type'] = 'application/json';
      }
    }
    if (init.idempotencyKey) headers['Idempotency-Key'] = init.idempotencyKey;
    const method = init.method ?? 'GET';
    const token = WRITE_METHODS.has(method) ? csrfToken() : undefined;
    if (token) headers['X-CSRF-Token'] = token;

    let response: Response;
    try {
      response = await doFetch(buildUrl(path, init.query), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: init.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(0, 'NETWORK_ERROR', message('network'));
    }

    const requestIdHeader = response.headers.get('x-request-id') ?? undefined;
    if (response.status === 204 || response.status === 205) return undefined as T;
    if (init.responseType === 'blob' && response.ok) return (await response.blob()) as T;

    const isJson = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
    let parsed: unknown;
    let readable = false;
    if (isJson) {
      try {
        parsed = await response.json();
        readable = true;
      } catch {
        readable = false;
      }
    }

    const accepted = response.ok || (init.acceptStatuses?.includes(response.status) ?? false);
    if (accepted && readable && !isApiErrorEnvelope(parsed)) return parsed as T;

    if (readable && isApiErrorEnvelope(parsed)) {
      const { code, message: serverMessage, details, requestId } = parsed.error;
      const error = new ApiError(response.status, code, serverMessage, details, requestId ?? requestIdHeader);
      if (response.status === 401 && code === 'UNAUTHENTICATED') options.onUnauthenticated?.(error);
      throw error;
    }
    if (accepted)
      throw new ApiError(response.status, 'BAD_RESPONSE', message('badResponse'), undefined, requestIdHeader);
    throw new ApiError(response.status, 'HTTP_ERROR', message('unexpected'), undefined, requestIdHeader);
  }

  const api = (path: string) => `${basePath}${path.startsWith('/') ? '' : '/'}${path}`;
  type Opts = Omit<RequestOptions, 'method' | 'body'>;

  return {
    requestJson,
    get: <T>(path: string, opts?: Opts) => requestJson<T>(api(path), { ...opts, method: 'GET' }),
    post: <T>(path: string, body?: unknown, opts?: Opts) =>
      requestJson<T>(api(path), { ...opts, method: 'POST', body }),
    put: <T>(path: string, body?: unknown, opts?: Opts) => requestJson<T>(api(path), { ...opts, method: 'PUT', body }),
    patch: <T>(path: string, body?: unknown, opts?: Opts) =>
      requestJson<T>(api(path), { ...opts, method: 'PATCH', body }),
    delete: <T>(path: string, opts?: Opts) => requestJson<T>(api(path), { ...opts, method: 'DELETE' }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/*
 * The session's CSRF token lives here, beside the client that sends it: the identity feature stores
 * the token of every SessionInfo it receives (sign-in, GET /auth/session, act-for) and clears it on
 * sign-out. Listeners hear when the server says the session is gone.
 */
let sessionCsrfToken: string | null = null;
const sessionLostListeners = new Set<(error: ApiError) => void>();

/** Keeps the CSRF token of the latest SessionInfo (`null` when signed out). */
export function setCsrfToken(token: string | null): void {
  sessionCsrfToken = token;
}

/** The session's CSRF token now (for a client of its own, such as an upload reporting its progress). */
export const currentCsrfToken = (): string | null => sessionCsrfToken;

/** Runs `listener` whenever an API call answers 401 UNAUTHENTICATED; returns an unsubscribe function. */
export function onSessionLost(listener: (error: ApiError) => void): () => void {
  sessionLostListeners.add(listener);
  return () => {
    sessionLostListeners.delete(listener);
  };
}

/** The app's client: `/api/v1/...`, language from i18n, the session's CSRF token on writes. */
export const api: ApiClient = createApiClient({
  csrfToken: () => sessionCsrfToken,
  onUnauthenticated: (error) => {
    for (const listener of sessionLostListeners) listener(error);
  },
});
