/**
 * Direct calls to the Dargah API for a journey's set-up (never to do what the journey itself must
 * do through the pages): which agency a demo clerk belongs to, and that agency's services.
 */

export interface StaffSessionInfo {
  kind: 'staff' | 'citizen';
  displayName: string;
  agency: { id: string; name: string } | null;
  roles: Array<{ role: string; agencyId: string; unitId: string | null }>;
}

export interface PublicServiceInfo {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  normDays: number;
  formSchema: Record<string, unknown>;
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Signs a staff member in (a separate session from the browser's) to learn their agency and roles. */
export async function staffSessionInfo(baseURL: string, username: string, password: string): Promise<StaffSessionInfo> {
  const response = await fetch(`${baseURL}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'fa' },
    body: JSON.stringify({ username, password }),
  });
  return json<StaffSessionInfo>(
    response,
    `Signing in demo staff "${username}" (fix the name in e2e/support/demo.ts if the seed differs)`,
  );
}

/** The first page of an agency's published services. */
export async function servicesOf(baseURL: string, agencyId: string): Promise<PublicServiceInfo[]> {
  const response = await fetch(`${baseURL}/api/v1/services?${new URLSearchParams({ agencyId })}`, {
    headers: { accept: 'application/json', 'accept-language': 'fa' },
  });
  return (await json<{ items: PublicServiceInfo[] }>(response, 'GET /api/v1/services')).items;
}

/**
 * Whether the server has the demo data (at least one agency): the journeys need it. Without it
 * (a server not in development mode, or one whose seed has not run) they are skipped, saying why;
 * with it, a demo account that does not sign in fails them.
 */
export async function demoDataSeeded(baseURL: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/api/v1/agencies`, { headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    const body = (await response.json()) as unknown;
    const items = Array.isArray(body) ? body : (body as { items?: unknown[] }).items;
    return Array.isArray(items) && items.length > 0;
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
