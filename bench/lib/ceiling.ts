import pg from 'pg';

/**
 * A ceiling measured through `pg`: `concurrency` clients, each on its own connection, run `once`
 * back to back for `seconds`; returns the completed runs a second. `once` says whether its run
 * counts (a transaction it rolled back does not).
 */
export async function directLoop(
  url: string,
  concurrency: number,
  seconds: number,
  once: (c: pg.PoolClient) => Promise<boolean>,
): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    const c = await pool.connect();
    try {
      while (Date.now() < until) if (await once(c)) done++;
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await pool.end();
  return done / seconds;
}
