import { openServerDatabase, type Database, type Db } from './database';
import { isDatabaseUnavailable } from './errors';

/**
 * Where reads that may be a little behind go (issue 13, ADR 0026): reports, search and the public
 * catalogue. With DATABASE_READ_URL set they run on a streaming replica while it answers and lags
 * less than the limit; otherwise, and whenever the replica fails, on the primary. Writes, and reads
 * that must see the caller's own writes, never come here: they use `ctx.database`.
 */
export interface ReadRoute {
  /**
   * Runs one read (statements outside any transaction) on the replica when it is usable, else on
   * the primary. A replica that cannot be reached mid-read is marked down and the read runs again
   * on the primary: the caller sees an answer, not the replica's failure.
   */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  /** The replica as /readyz reports it; undefined when none is configured. */
  status(): Promise<ReplicaStatus | undefined>;
  close(): Promise<void>;
}

export interface ReplicaStatus {
  /** The replica answers as a standby and lags less than the limit: reads go to it. */
  ok: boolean;
  /** Where reads go now. */
  serving: 'replica' | 'primary';
  /** Seconds the replica's replay is behind (0 when it has replayed all it received); null when down. */
  lagSeconds: number | null;
  maxLagSeconds: number;
  /** Why reads go to the primary (down, not a standby, lagging). */
  reason?: string;
}

/** No replica configured: every read on the primary. */
export function primaryReads(primary: Database): ReadRoute {
  return {
    read: (fn) => fn(primary.db),
    status: () => Promise.resolve(undefined),
    close: () => Promise.resolve(),
  };
}

export interface ReplicaOptions {
  poolSize: number;
  /** Reads go to the primary while the replica is further behind than this. */
  maxLagSeconds: number;
  /** How long a measured state holds before the replica is asked again (milliseconds). */
  recheckMs?: number;
  onChange?: (status: ReplicaStatus, error?: unknown) => void;
}

/** A standby cancelled the read because replaying the primary's changes needed its rows (40001). */
function isRecoveryConflict(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '40001' && typeof message === 'string' && message.includes('conflict with recovery')) return true;
  }
  return false;
}

/**
 * Replay lag in one statement: 0 when everything received is replayed (an idle primary is not lag),
 * else the age of the last replayed transaction, an upper bound of how far behind reads are.
 */
const LAG_SQL = `SELECT pg_is_in_recovery() AS standby,
  CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
       ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8 AS lag`;

/**
 * Routes reads to the replica at `url`. The state is measured at most every `recheckMs` (started by
 * the first read after it expires, never by a timer: an idle process asks nothing); a read failing
 * because the replica cannot be reached marks it down at once until the next measure.
 */
export async function replicaReads(primary: Database, url: string, o: ReplicaOptions): Promise<ReadRoute> {
  const replica = await openServerDatabase(url, o.poolSize, { probe: false });
  const recheckMs = o.recheckMs ?? 2_000;
  let state: ReplicaStatus = { ok: false, serving: 'primary', lagSeconds: null, maxLagSeconds: o.maxLagSeconds, reason: 'not measured yet' };
  let measuredAt = -Infinity;
  let measuring: Promise<ReplicaStatus> | undefined;

  const set = (next: ReplicaStatus, error?: unknown) => {
    const changed = next.serving !== state.serving;
    state = next;
    measuredAt = Date.now();
    if (changed) o.onChange?.(next, error);
    return next;
  };
  const down = (error: unknown) =>
    set({ ok: false, serving: 'primary', lagSeconds: null, maxLagSeconds: o.maxLagSeconds, reason: `unreachable: ${error instanceof Error ? error.message.slice(0, 160) : 'error'}` }, error);

  const measure = async (): Promise<ReplicaStatus> => {
    try {
      const [r] = await replica.query<{ standby: boolean; lag: number }>(LAG_SQL);
      const lag = Math.round(Number(r?.lag ?? 0) * 10) / 10;
      if (!r?.standby) return set({ ok: false, serving: 'primary', lagSeconds: null, maxLagSeconds: o.maxLagSeconds, reason: 'not a standby (promoted, or the primary itself)' });
      if (lag > o.maxLagSeconds) return set({ ok: false, serving: 'primary', lagSeconds: lag, maxLagSeconds: o.maxLagSeconds, reason: `lagging ${lag} s` });
      return set({ ok: true, serving: 'replica', lagSeconds: lag, maxLagSeconds: o.maxLagSeconds });
    } catch (err) {
      return down(err);
    }
  };
  /**
   * The state, measured again once older than `recheckMs`. A read waits only for the first measure;
   * after that it goes by the last one while the next runs (a replica whose network drops packets
   * must not hold every read for a connection timeout). /readyz waits for the fresh one.
   */
  const current = (wait: boolean): Promise<ReplicaStatus> => {
    if (Date.now() - measuredAt < recheckMs) return Promise.resolve(state);
    const first = measuredAt === -Infinity;
    measuring ??= measure().finally(() => (measuring = undefined));
    return wait || first ? measuring : Promise.resolve(state);
  };

  return {
    async read(fn) {
      if ((await current(false)).serving === 'primary') return fn(primary.db);
      try {
        return await fn(replica.db);
      } catch (err) {
        if (isDatabaseUnavailable(err)) down(err);
        else if (!isRecoveryConflict(err)) throw err;
        return fn(primary.db);
      }
    },
    status: () => current(true),
    close: () => replica.close(),
  };
}
