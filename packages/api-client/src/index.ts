import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/*
 * A typed client of the Dargah API (ADR 0024): the paths, inputs, answers and error codes of
 * apps/api/openapi/openapi.json, as openapi-typescript generates them into schema.ts
 * (`npm run openapi`; CI fails when it is out of date), over openapi-fetch.
 *
 *   const api = dargahClient('https://dargah.example.ir');
 *   const { data, error } = await api.GET('/api/v1/services/{id}', { params: { path: { id } } });
 *   if (error) console.log(error.error.code); // one of the codes the operation documents
 */
export type { paths, components, operations } from './schema';

export type DargahClient = Client<paths>;

/** A client of the deployment at `baseUrl` (its origin: the paths start with /api/v1). */
export function dargahClient(baseUrl: string, options: Omit<ClientOptions, 'baseUrl'> = {}): DargahClient {
  return createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/+$/, '') });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sends a signed-in person's session on every request: the session cookie, and on writes the
 * session's CSRF token (the `session` and `csrf` security schemes). For servers and tests; a
 * browser sends the cookie itself.
 */
export function sessionMiddleware(cookie: string, csrfToken: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('cookie', cookie);
      if (UNSAFE.has(request.method)) request.headers.set('x-csrf-token', csrfToken);
      return request;
    },
  };
}

/** Sends an agency system's API token (`agencyToken`) or the operations token (`operationsToken`). */
export function bearerMiddleware(token: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
}
