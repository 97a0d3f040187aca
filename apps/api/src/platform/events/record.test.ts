import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import type { Actor, ActorRef, Who } from '../actor';
import { sealAudit } from '../audit';
import { json, withTransaction } from '../db';
import { recordChange, type Change } from './record';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const at = new Date('2026-03-20T08:00:00.000Z');
const origin = { requestId: 'req-1', ip: '192.0.2.7', userAgent: 'test' };
const staffIn = (agencyId: string): Actor => ({ type: 'staff', id: 'staff-1', onBehalfOfId: 'principal-1', agencyId, grants: [], sessionId: null });
const citizen: ActorRef = { type: 'citizen', id: 'citizen-1' };

type EventRow = {
  stream_type: string;
  stream_id: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  payload: unknown;
  request_id: string | null;
  created_at: unknown;
};
type AuditRow = {
  chain_id: string;
  action: string;
  object_type: string;
  object_id: string | null;
  agency_id: string | null;
  actor_type: string;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  request_id: string | null;
  ip: string | null;
  details: unknown;
  occurred_at: unknown;
};
const eventsOf = (id: string) => t.database.query<EventRow>('SELECT * FROM events WHERE stream_id = $1 ORDER BY id', [id]);
/** The object's audit entries, once sealed into their chains (everything committed before is). */
const auditOf = async (id: string) => {
  expect(await sealAudit(t.database)).toBe(true);
  return t.database.query<AuditRow>('SELECT * FROM audit_entries WHERE object_id = $1 ORDER BY id', [id]);
};
const record = (who: Who<Actor | ActorRef>, change: Change) => withTransaction(t.database, (tx) => recordChange(tx, who, change));

describe('recordChange', () => {
  it('writes the event and the audit entry of one change, naming the same actor, origin, time and details', async () => {
    await record(
      { actor: staffIn('agency-a'), origin, at },
      { stream: 'licence', id: 'lic-1', event: 'created', audit: 'licence.create', agencyId: 'agency-a', details: { title: 'پروانه', before: null } },
    );
    const [e] = await eventsOf('lic-1');
    expect(e).toMatchObject({
      stream_type: 'licence',
      action: 'created',
      actor_type: 'staff',
      actor_id: 'staff-1',
      on_behalf_of_id: 'principal-1',
      request_id: 'req-1',
    });
    expect(json(e!.payload)).toEqual({ title: 'پروانه', before: null });
    expect(new Date(e!.created_at as string).toISOString()).toBe(at.toISOString());
    const [a] = await auditOf('lic-1');
    expect(a).toMatchObject({
      chain_id: 'agency-a',
      agency_id: 'agency-a',
      action: 'licence.create',
      object_type: 'licence',
      actor_type: 'staff',
      actor_id: 'staff-1',
      on_behalf_of_id: 'principal-1',
      request_id: 'req-1',
      ip: '192.0.2.7',
    });
    expect(json(a!.details)).toEqual({ title: 'پروانه', before: null });
    expect(new Date(a!.occurred_at as string).toISOString()).toBe(at.toISOString());
  });

  it('gives the event its own payload when the change names one, and {} when it names nothing', async () => {
    await record(
      { actor: staffIn('agency-a'), origin, at },
      { stream: 'service_request', id: 'req-x', event: 'approved', audit: 'service_request.approve', agencyId: 'agency-a', details: { from: 'a', to: 'b' }, payload: { from: 'a', to: 'b', note: 'ok' } },
    );
    expect(json((await eventsOf('req-x'))[0]!.payload)).toEqual({ from: 'a', to: 'b', note: 'ok' });
    expect(json((await auditOf('req-x'))[0]!.details)).toEqual({ from: 'a', to: 'b' });
    await record({ actor: staffIn('agency-a'), origin: {}, at }, { stream: 'job', id: 'job-1', event: 'retried', audit: 'job.retry', agencyId: null });
    expect(json((await eventsOf('job-1'))[0]!.payload)).toEqual({});
    expect(json((await auditOf('job-1'))[0]!.details)).toEqual({});
  });

  it('writes neither when the change fails later in its transaction', async () => {
    await expect(
      withTransaction(t.database, async (tx) => {
        await recordChange(tx, { actor: staffIn('agency-a'), origin, at }, { stream: 'licence', id: 'lic-lost', event: 'created', audit: 'licence.create', agencyId: 'agency-a' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsOf('lic-lost')).toEqual([]);
    expect(await auditOf('lic-lost')).toEqual([]);
  });

  it("joins the object's agency chain, even when the actor works in another agency", async () => {
    await record(
      { actor: staffIn('agency-central'), origin, at },
      { stream: 'service_mark', id: 'mark-1', event: 'created', audit: 'service_mark.create', agencyId: 'agency-b', details: {} },
    );
    expect((await auditOf('mark-1'))[0]).toMatchObject({ chain_id: 'agency-b', agency_id: 'agency-b' });
  });

  it("falls back to the actor's agency, else the platform chain, for an object of no agency", async () => {
    await record({ actor: staffIn('agency-c'), origin, at }, { stream: 'law', id: 'law-1', event: 'created', audit: 'law.create', agencyId: null });
    expect((await auditOf('law-1'))[0]).toMatchObject({ chain_id: 'agency-c', agency_id: 'agency-c' });
    await record({ actor: citizen, origin, at }, { stream: 'citizen', id: 'citizen-1', event: 'profile_updated', audit: 'citizen.profile_update', agencyId: null, details: { fields: ['name'] } });
    expect((await auditOf('citizen-1'))[0]).toMatchObject({ chain_id: 'platform', agency_id: null, actor_type: 'citizen' });
    expect((await eventsOf('citizen-1'))[0]).toMatchObject({ actor_type: 'citizen', actor_id: 'citizen-1', on_behalf_of_id: null });
  });

  it('records two changes of two agencies in one transaction in both chains, or neither', async () => {
    const who = { actor: staffIn('agency-a'), origin, at };
    await withTransaction(t.database, async (tx) => {
      await recordChange(tx, who, { stream: 'file', id: 'f-1', event: 'sent', audit: 'file.send', agencyId: 'agency-b' });
      await recordChange(tx, who, { stream: 'file', id: 'f-1', event: 'received', audit: 'file.receive', agencyId: 'agency-a' });
    });
    expect((await eventsOf('f-1')).map((e) => e.action)).toEqual(['sent', 'received']);
    // Numbered in the order they were written (ADR 0019), each in its agency's chain.
    expect((await auditOf('f-1')).map((a) => [a.chain_id, a.action])).toEqual([
      ['agency-b', 'file.send'],
      ['agency-a', 'file.receive'],
    ]);
  });
});
