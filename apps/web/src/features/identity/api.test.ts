import { NO_AREAS } from '@dargah/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSession } from './api';

const SESSION = {
  kind: 'citizen',
  id: '00000000-0000-4000-8000-000000000001',
  displayName: 'آزمون',
  onBehalfOf: null,
  agency: null,
  roles: [],
  csrfToken: 'csrf-token-of-this-session',
  expiresAt: '2030-01-01T00:00:00.000Z',
  canActFor: [],
  areas: { ...NO_AREAS, me: true },
};

function answer(status: number, body?: unknown) {
  vi.stubGlobal('fetch', () =>
    Promise.resolve(
      body === undefined
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the session check', () => {
  it('reads nobody from 204 (the answer for a visitor)', async () => {
    answer(204);
    await expect(fetchSession()).resolves.toBeNull();
  });

  it('reads nobody from 401 (a session that has ended)', async () => {
    answer(401, { error: { code: 'UNAUTHENTICATED', message: 'm', details: {}, requestId: 'r' } });
    await expect(fetchSession()).resolves.toBeNull();
  });

  it('reads the signed-in person from 200', async () => {
    answer(200, SESSION);
    await expect(fetchSession()).resolves.toMatchObject({ kind: 'citizen', csrfToken: SESSION.csrfToken });
  });
});
