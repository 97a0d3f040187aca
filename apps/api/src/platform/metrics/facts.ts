import type { Database, SnapshotQuery } from '../db';
import { BACKLOG_SQL } from '../audit/seal';

/**
 * A figure a module reads from its own tables at scrape time (the platform reads none of a module's
 * tables): a gauge by its labels, e.g. the requests past their answer date by agency.
 */
export interface ModuleGauge {
  name: string;
  help: string;
  labelNames: readonly string[];
  read(query: SnapshotQuery): Promise<Array<{ labels: Record<string, string>; value: number }>>;
}

export interface DatabaseFacts {
  jobs: Array<{ kind: string; status: string; count: number }>;
  oldestDueSeconds: number;
  pendingNotifications: Array<{ channel: string; status: string; count: number }>;
  audit: { entries: number; oldestSeconds: number };
  checkpointAgeSeconds: number | null;
  blobs: { bytes: number; referenced: number; unreferenced: number };
  /** Each module gauge's values, by the gauge's name. */
  modules: Map<string, Array<{ labels: Record<string, string>; value: number }>>;
}

/**
 * The figures /metrics reads from the database, from one read-only snapshot whose statements the
 * server stops after `timeoutMs` (statement_timeout), so a slow database cannot hold a connection
 * for long; the caller also stops waiting then.
 */
export async function readDatabaseFacts(database: Database, timeoutMs: number, gauges: readonly ModuleGauge[] = []): Promise<DatabaseFacts> {
  return database.readSnapshot(async (q) => {
    await q(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const jobs = await q<{ kind: string; status: string; count: number }>(
      `SELECT kind, status, count(*)::int AS count FROM jobs WHERE status IN ('queued', 'running', 'dead') GROUP BY kind, status`,
    );
    const [due] = await q<{ seconds: number }>(
      `SELECT coalesce(extract(epoch FROM now() - min(run_at)), 0)::float8 AS seconds FROM jobs WHERE status = 'queued' AND run_at <= now()`,
    );
    const pendingNotifications = await q<{ channel: string; status: string; count: number }>(
      `SELECT channel, status, count(*)::int AS count FROM notifications WHERE status IN ('created', 'sending', 'temporary_failure') GROUP BY channel, status`,
    );
    const [audit] = await q<{ entries: number; oldestSeconds: number }>(BACKLOG_SQL);
    const [checkpoint] = await q<{ seconds: number | null }>(`SELECT extract(epoch FROM now() - max(created_at))::float8 AS seconds FROM audit_checkpoints`);
    const [blobs] = await q<{ bytes: number; referenced: number; unreferenced: number }>(
      `SELECT coalesce(sum(size), 0)::float8 AS bytes, count(*) FILTER (WHERE ref_count > 0)::int AS referenced, count(*) FILTER (WHERE ref_count = 0)::int AS unreferenced FROM blobs`,
    );
    const modules = new Map<string, Array<{ labels: Record<string, string>; value: number }>>();
    for (const g of gauges) modules.set(g.name, await g.read(q));
    return {
      modules,
      jobs: jobs.map((j) => ({ kind: j.kind, status: j.status, count: Number(j.count) })),
      oldestDueSeconds: Math.max(0, Number(due?.seconds ?? 0)),
      pendingNotifications: pendingNotifications.map((n) => ({ channel: n.channel, status: n.status, count: Number(n.count) })),
      audit: { entries: Number(audit?.entries ?? 0), oldestSeconds: Number(audit?.oldestSeconds ?? 0) },
      checkpointAgeSeconds: checkpoint?.seconds == null ? null : Number(checkpoint.seconds),
      blobs: { bytes: Number(blobs?.bytes ?? 0), referenced: Number(blobs?.referenced ?? 0), unreferenced: Number(blobs?.unreferenced ?? 0) },
    };
  });
}
