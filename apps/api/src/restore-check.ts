import { buildApp } from './app';
import { createContext } from './bootstrap';
import type { AppConfig } from './config';
import { verifyAudit, type AuditKey } from './platform/audit';
import { hashStored, listBlobs } from './platform/backup';
import type { Clock } from './platform/clock';
import type { Database } from './platform/db';
import type { BlobDriver } from './platform/files';

export interface RestoreProblem {
  reason: 'AUDIT_BROKEN' | 'BLOB_MISSING' | 'BLOB_CORRUPT' | 'APP_NOT_SERVING';
  message: string;
  sha256?: string;
}

export interface RestoreCheck {
  ok: boolean;
  audit: { entries: number; chains: number; checkpoints: number };
  blobs: { referenced: number; checked: number };
  app: { readyz: number; writeProbe: number };
  problems: RestoreProblem[];
}

export interface RestoreCheckOptions {
  config: AppConfig;
  database: Database;
  blobs: BlobDriver;
  /** Keys whose checkpoints are trusted: the configured signing key by default. */
  trustedKeys: AuditKey[];
  clock?: Clock;
}

/**
 * Proves a restored installation whole (ADR 0025): every blob the database references is in the
 * blob store and hashes to its address; the app starts on the restored database, says it is ready
 * and serves a tracked request (a write probe: one row, one event and one audit entry in one
 * transaction); then every audit chain and signed checkpoint verifies, that new entry included, so
 * the chain goes on from the restored head. Each problem is named (a missing blob by its address).
 */
export async function checkRestored(o: RestoreCheckOptions): Promise<RestoreCheck> {
  const problems: RestoreProblem[] = [];
  const referenced = (await listBlobs(o.database)).filter((b) => b.referenced);
  let checked = 0;
  for (const b of referenced) {
    const hash = await hashStored(o.blobs, b.sha256);
    if (hash === undefined) problems.push({ reason: 'BLOB_MISSING', sha256: b.sha256, message: `blob ${b.sha256} is referenced by the database but missing from the blob store` });
    else if (hash !== b.sha256) problems.push({ reason: 'BLOB_CORRUPT', sha256: b.sha256, message: `blob ${b.sha256} does not hash to its address (${hash})` });
    else checked++;
  }

  const app = { readyz: 0, writeProbe: 0 };
  try {
    const ctx = await createContext(o.config, { database: o.database, ...(o.clock ? { clock: o.clock } : {}), auditKey: o.trustedKeys[0]! });
    const server = await buildApp(ctx, { webDist: false, pages: false });
    try {
      app.readyz = (await server.inject({ url: '/readyz' })).statusCode;
      const probe = await server.inject({ method: 'POST', url: '/api/v1/operations/write-probes', headers: { authorization: `Bearer ${ctx.adminToken}` }, payload: { label: 'restore check' } });
      app.writeProbe = probe.statusCode;
    } finally {
      await server.close();
    }
  } catch (err) {
    problems.push({ reason: 'APP_NOT_SERVING', message: `the app did not start on the restored database: ${err instanceof Error ? err.message : String(err)}` });
  }
  if (app.readyz !== 200 || app.writeProbe !== 201) {
    problems.push({ reason: 'APP_NOT_SERVING', message: `the restored app answered /readyz ${app.readyz} and the write probe ${app.writeProbe} (expected 200 and 201)` });
  }

  const report = await verifyAudit(o.database, { trustedKeys: o.trustedKeys, maxSealDelaySeconds: Number.MAX_SAFE_INTEGER });
  for (const p of report.problems) problems.push({ reason: 'AUDIT_BROKEN', message: `${p.reason}: ${p.message}` });
  return {
    ok: problems.length === 0,
    audit: { entries: report.entries, chains: report.chains.length, checkpoints: report.checkpoints.count },
    blobs: { referenced: referenced.length, checked },
    app,
    problems,
  };
}
