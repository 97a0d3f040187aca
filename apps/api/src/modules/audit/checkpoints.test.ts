import { AuditCheckpointFile, AuditCheckpointPage } from '@dargah/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { publicAuditKey, verifyAudit } from '../../platform/audit';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** One audited write, then the recurring checkpoint job's next slot. */
async function writeAndCheckpoint(label: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: t.admin, payload: { label } });
  expect(res.statusCode).toBe(201);
  t.clock.advance(61 * 60_000);
  await t.ctx.runner!.scheduleRecurring();
  await t.ctx.runner!.runDue();
}

describe('GET /api/v1/audit/checkpoints', () => {
  it('answers 404 with a stable code before the first checkpoint', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints/latest', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'AUDIT_CHECKPOINT_NONE', message: 'No signed audit checkpoint has been made yet.' });
  });

  it('publishes the checkpoints the recurring job signs, to anyone, newest first and in pages', async () => {
    for (const label of ['one', 'two', 'three']) await writeAndCheckpoint(label);
    const first = AuditCheckpointPage.parse((await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints?limit=2' })).json());
    expect(first.items.map((c) => (JSON.parse(c.body) as { n: number }).n)).toEqual([3, 2]);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const second = AuditCheckpointPage.parse((await t.app.inject({ method: 'GET', url: `/api/v1/audit/checkpoints?limit=2&before=${first.nextBefore}` })).json());
    expect(second.items.map((c) => (JSON.parse(c.body) as { n: number }).n)).toEqual([1]);
    expect(second.nextBefore).toBeNull();
    expect(first.key.keyId).toBe(t.ctx.auditKey.keyId);
  });

  it('gives a self-contained copy that proves the log to an outsider with the published key only', async () => {
    const file = AuditCheckpointFile.parse((await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints/latest' })).json());
    const key = publicAuditKey(file.publicKeyPem);
    const report = await verifyAudit(t.ctx.database, { trustedKeys: [key], against: { checkpoint: file, key } });
    expect(report).toMatchObject({ ok: true, checkpoints: { count: 3, latest: 3 } });
  });

  it('refuses malformed paging with the validation envelope and changes nothing', async () => {
    for (const q of ['limit=0', 'limit=501', 'before=abc', 'before=-1', 'limit=۲']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/checkpoints?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('is read-only: no method but GET is routed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      expect((await t.app.inject({ method, url: '/api/v1/audit/checkpoints' })).statusCode).toBe(404);
    }
  });
});
