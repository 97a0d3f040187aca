import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { migrate, migrationStatus, listMigrationFiles } from './migrate';
import { withTransaction } from './transaction';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('database', () => {
  it('starts migrated, with pgcrypto and pg_trgm', async () => {
    const status = await migrationStatus(t.database);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(listMigrationFiles().map((f) => f.version));
    const ext = await t.database.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY extname');
    expect(ext.map((e) => e.extname)).toEqual(expect.arrayContaining(['pgcrypto', 'pg_trgm']));
    expect(await migrate(t.database)).toEqual([]);
  });

  it('commits a transaction as a whole and rolls it back as a whole', async () => {
    await withTransaction(t.database, async (tx) => {
      await tx.db.execute(sql`INSERT INTO write_probes (label, created_at) VALUES ('kept', now())`);
    });
    await expect(
      withTransaction(t.database, async (tx) => {
        await tx.db.execute(sql`INSERT INTO write_probes (label, created_at) VALUES ('lost', now())`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await t.database.query<{ label: string }>("SELECT label FROM write_probes WHERE label IN ('kept','lost')");
    expect(rows.map((r) => r.label)).toEqual(['kept']);
  });

  it('runs afterCommit hooks only after a commit', async () => {
    const seen: string[] = [];
    await withTransaction(t.database, async (tx) => {
      tx.afterCommit(() => seen.push('committed'));
    });
    await withTransaction(t.database, async (tx) => {
      tx.afterCommit(() => seen.push('rolled back'));
      throw new Error('no');
    }).catch(() => undefined);
    expect(seen).toEqual(['committed']);
  });

  it('refuses updates and deletes on append-only tables', async () => {
    await withTransaction(t.database, async (tx) => {
      await tx.db.execute(sql`INSERT INTO events (stream_type, stream_id, action, actor_type, created_at)
                              VALUES ('test', '1', 'created', 'system', now())`);
    });
    await expect(t.database.query("UPDATE events SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    await expect(t.database.query('TRUNCATE events')).rejects.toThrow(/append-only/);
  });
});
