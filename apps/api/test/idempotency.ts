import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app';
import { sealAuditNow } from './audit';

/** A create sent through the API: what it adds is one row of `table` and one event on `stream`. */
export interface CreateCall {
  /** The path under /api/v1. */
  url: string;
  /** The caller's headers (session cookie, CSRF token). */
  headers: Record<string, string>;
  payload: unknown;
  table: string;
  stream: string;
}

/** Rows of the create's table, events of its stream and audit entries: what a create adds to. */
async function counts(t: TestApp, c: CreateCall) {
  await sealAuditNow(t.ctx.database);
  const n = async (sql: string, params: unknown[] = []) =>
    (await t.ctx.database.query<{ n: number }>(sql, params))[0]!.n;
  return {
    rows: await n(`SELECT count(*)::int AS n FROM ${c.table}`),
    events: await n('SELECT count(*)::int AS n FROM events WHERE stream_type = $1', [c.stream]),
    audit: await n('SELECT count(*)::int AS n FROM audit_entries'),
  };
}

const send = (t: TestApp, c: CreateCall, key: string, payload = c.payload) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${c.url}`,
    headers: { ...c.headers, 'idempotency-key': key },
    payload: payload as object,
  });

/**
 * Sends a create twice with one new Idempotency-Key. The first answer is 201 and adds one row, one
 * event and one audit entry; the second has the same status and body, is marked
 * `idempotent-replayed: true`, and adds nothing. Returns the key and the first answer's body.
 */
export async function expectReplayedCreate<T = Record<string, unknown>>(
  t: TestApp,
  c: CreateCall,
): Promise<{ key: string; body: T }> {
  const key = `retry-${randomUUID()}`;
  const before = await counts(t, c);
  const first = await send(t, c, key);
  expect(first.statusCode, first.body).toBe(201);
  expect(first.headers['idempotent-replayed']).toBeUndefined();
  const after = await counts(t, c);
  expect(after).toEqual({ rows: before.rows + 1, events: before.events + 1, audit: before.audit + 1 });
  const again = await send(t, c, key);
  expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
  expect(again.json()).toEqual(first.json());
  expect(await counts(t, c)).toEqual(after);
  return { key, body: first.json<T>() };
}

/**
 * Sends a create, then the same Idempotency-Key with `otherPayload`: refused with 422
 * IDEMPOTENCY_KEY_REUSED, adding nothing; the first key still replays the first answer.
 */
export async function expectKeyReuseRefused(t: TestApp, c: CreateCall, otherPayload: unknown): Promise<void> {
  const { key, body } = await expectReplayedCreate(t, c);
  const before = await counts(t, c);
  const reused = await send(t, c, key, otherPayload);
  expect([reused.statusCode, reused.json().error?.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  expect(await counts(t, c)).toEqual(before);
  const replay = await send(t, c, key);
  expect([replay.statusCode, replay.json()]).toEqual([201, body]);
}
