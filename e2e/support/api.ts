import { dargahClient, sessionMiddleware, type DargahClient, type paths } from '@dargah/api-client';

/**
 * Direct calls to the Dargah API for a journey's set-up (never to do what the journey itself must
 * do through the pages): which agency a demo clerk belongs to, and that agency's services. Through
 * the typed client generated from the OpenAPI document (@dargah/api-client), so a journey's set-up
 * breaks at compile time when the API it relies on changes.
 */

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** What a sign-in answers: the person, their agency and roles, and the session's CSRF token. */
export type StaffSessionInfo = Json<paths['/api/v1/auth/staff/login']['post']['responses']['200']>;

/** One published service of the desk. */
export type PublicServiceInfo = Json<paths['/api/v1/services']['get']['responses']['200']>['items'][number];

/** The API of the server under test, in Persian. */
export const apiOf = (baseURL: string): DargahClient => dargahClient(baseURL, { headers: { 'accept-language': 'fa' } });

/** The refusal of a call that should have succeeded, as an Error naming what was being done. */
function refused(what: string, response: Response, error: unknown): Error {
  return new Error(`${what} answered ${response.status}: ${JSON.stringify(error ?? null).slice(0, 500)}`);
}

/** The answer of a call that must succeed, or an Error naming the call and the refusal. */
export function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw refused(what, result.response, result.error);
  return result.data;
}

/** Signs a staff member in (a separate session from the browser's) to learn their agency and roles. */
export async function staffSessionInfo(baseURL: string, username: string, password: string): Promise<StaffSessionInfo> {
  const { data, error, response } = await apiOf(baseURL).POST('/api/v1/auth/staff/login', { body: { username, password } });
  if (!data) throw refused(`Signing in demo staff "${username}" (fix the name in e2e/support/demo.ts if the seed differs)`, response, error);
  return data;
}

/**
 * A client signed in as a staff member (its own session, not the browser's): every call carries the
 * session cookie, and every write its CSRF token.
 */
export async function staffClient(baseURL: string, username: string, password: string): Promise<{ api: DargahClient; me: StaffSessionInfo }> {
  const api = apiOf(baseURL);
  const { data, error, response } = await api.POST('/api/v1/auth/staff/login', { body: { username, password } });
  if (!data) throw refused(`Signing in demo staff "${username}"`, response, error);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  api.use(sessionMiddleware(cookie, data.csrfToken));
  return { api, me: data };
}

/** The first page of an agency's published services. */
export async function servicesOf(baseURL: string, agencyId: string): Promise<PublicServiceInfo[]> {
  const { data, error, response } = await apiOf(baseURL).GET('/api/v1/services', { params: { query: { agencyId } } });
  if (!data) throw refused('GET /api/v1/services', response, error);
  return data.items;
}

/**
 * Whether the server has the demo data (at least one agency): the journeys need it. Without it
 * (a server not in development mode, or one whose seed has not run) they are skipped, saying why;
 * with it, a demo account that does not sign in fails them.
 */
export async function demoDataSeeded(baseURL: string): Promise<boolean> {
  try {
    const { data } = await apiOf(baseURL).GET('/api/v1/agencies');
    return Array.isArray(data) && data.length > 0;
  } catch {
    return false;
  }
}

/** Logs once why a file's journeys are skipped. */
export function reportSkipped(file: string, seeded: boolean): void {
  if (!seeded) {
    process.stderr.write(
      `\n${file}: skipped: the server has no demo data (GET /api/v1/agencies is empty or missing). ` +
        'Run it with NODE_ENV=development and the demo seed.\n',
    );
  }
}
