import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './api';

type FetchArgs = [input: RequestInfo | URL, init?: RequestInit];

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function clientWith(response: Response | (() => Promise<Response>), lang: 'fa' | 'en' = 'fa') {
  const fetch = vi.fn((..._args: FetchArgs) =>
    typeof response === 'function' ? response() : Promise.resolve(response),
  );
  const client = createApiClient({
    fetch,
    language: () => lang,
    message: (key) => `local:${key}`,
  });
  return { client, fetch };
}

function sent(fetch: ReturnType<typeof clientWith>['fetch']) {
  const [input, init] = fetch.mock.calls[0]!;
  return {
    url: input instanceof Request ? input.url : input.toString(),
    init: init!,
    headers: init!.headers as Record<string, string>,
  };
}

describe('createApiClient', () => {
  it('prefixes /api/v1, sends the language and same-origin credentials', async () => {
    const { client, fetch } = clientWith(jsonResponse(200, { items: [] }), 'en');
    await expect(
      client.get('/requests', { query: { page: 2, q: 'کتاب', empty: undefined, tag: ['a', 'b'] } }),
    ).resolves.toEqual({
      items: [],
    });
    const { url, init, headers } = sent(fetch);
    expect(url).toBe('/api/v1/requests?page=2&q=%DA%A9%D8%AA%D8%A7%D8%A8&tag=a&tag=b');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect(headers['Accept-Language']).toBe('en');
    expect(headers.Accept).toBe('application/json');
  });

  it('sends JSON bodies and the idempotency key', async () => {
    const { client, fetch } = clientWith(jsonResponse(201, { id: 'r1' }));
    await client.post('/requests', { serviceId: 's1' }, { idempotencyKey: 'key-12345678' });
    const { init, headers } = sent(fetch);
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"serviceId":"s1"}');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Idempotency-Key']).toBe('key-12345678');
    expect(headers['Accept-Language']).toBe('fa');
  });

  it('turns the error envelope into an ApiError with the server message', async () => {
    const { client } = clientWith(
      jsonResponse(404, {
        error: { code: 'NOT_FOUND', message: 'مورد درخواستی پیدا نشد.', details: { id: 'x' }, requestId: 'req-1' },
      }),
    );
    const error = await client.get('/requests/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'مورد درخواستی پیدا نشد.',
      details: { id: 'x' },
      requestId: 'req-1',
    });
  });

  it('falls back to the x-request-id header and a local message when the body is not an envelope', async () => {
    const { client } = clientWith(
      new Response('Bad Gateway', { status: 502, headers: { 'content-type': 'text/plain', 'x-request-id': 'req-9' } }),
    );
    await expect(client.get('/x')).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_ERROR',
      message: 'local:unexpected',
      requestId: 'req-9',
    });
  });

  it('reports a network failure as status 0', async () => {
    const { client } = clientWith(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(client.get('/x')).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'local:network',
    });
  });

  it('lets an aborted request stay an AbortError', async () => {
    const { client } = clientWith(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(client.get('/x')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('returns the body of an accepted non-2xx status, and undefined for 204', async () => {
    const notReady = { status: 'not_ready' };
    await expect(
      clientWith(jsonResponse(503, notReady)).client.requestJson('/readyz', { acceptStatuses: [503] }),
    ).resolves.toEqual(notReady);
    await expect(clientWith(jsonResponse(503, notReady)).client.requestJson('/readyz')).rejects.toMatchObject({
      code: 'HTTP_ERROR',
    });
    await expect(clientWith(new Response(null, { status: 204 })).client.delete('/x')).resolves.toBeUndefined();
  });

  it('rejects a 200 that is not JSON (e.g. an HTML fallback page)', async () => {
    const { client } = clientWith(
      new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    await expect(client.get('/x')).rejects.toMatchObject({ code: 'BAD_RESPONSE', message: 'local:badResponse' });
  });

  it('returns a 2xx body as bytes with responseType blob, and still reads a refusal as the error envelope', async () => {
    const pdf = new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), { status: 200, headers: { 'content-type': 'application/pdf' } });
    const ok = clientWith(pdf);
    const blob = await ok.client.post<Blob>('/preview', { outputTemplate: 'x' }, { responseType: 'blob' });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    expect(sent(ok.fetch).headers.Accept).toBe('*/*');
    const refused = clientWith(jsonResponse(400, { error: { code: 'VALIDATION_FAILED', message: 'نادرست', details: { fields: [] }, requestId: 'r1' } }));
    await expect(refused.client.post('/preview', {}, { responseType: 'blob' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('sends the CSRF token on writes only', async () => {
    const fetch = vi.fn((..._args: FetchArgs) => Promise.resolve(jsonResponse(200, { ok: true })));
    let token: string | null = 'csrf-1';
    const client = createApiClient({ fetch, language: () => 'fa', csrfToken: () => token });
    await client.get('/auth/session');
    await client.post('/requests', {});
    await client.put('/admin/agencies/a', {});
    await client.patch('/me/profile', {});
    await client.delete('/x');
    token = null;
    await client.post('/auth/citizen/otp', {});
    const csrf = fetch.mock.calls.map(([, init]) => (init!.headers as Record<string, string>)['X-CSRF-Token']);
    expect(csrf).toEqual([undefined, 'csrf-1', 'csrf-1', 'csrf-1', 'csrf-1', undefined]);
  });

  it('reports a lost session (401 UNAUTHENTICATED), not a refused sign-in (401 INVALID_CREDENTIALS)', async () => {
    const lost = vi.fn();
    const answer = (code: string) =>
      createApiClient({
        fetch: () => Promise.resolve(jsonResponse(401, { error: { code, message: 'm', details: {}, requestId: 'r' } })),
        onUnauthenticated: lost,
        message: (key) => key,
      });
    await expect(answer('INVALID_CREDENTIALS').post('/auth/staff/login', {})).rejects.toMatchObject({ status: 401 });
    expect(lost).not.toHaveBeenCalled();
    await expect(answer('UNAUTHENTICATED').get('/requests/mine')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lost).toHaveBeenCalledTimes(1);
    expect(lost.mock.calls[0]![0]).toBeInstanceOf(ApiError);
  });
});
