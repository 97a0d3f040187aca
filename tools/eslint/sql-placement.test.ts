import rule from './sql-placement.js';
import { at, tester } from './tester';

const m = (rel: string) => at(`apps/api/src/modules/${rel}`);

tester.run('sql-placement', rule, {
  valid: [
    {
      filename: m('requests/requests.repository.ts'),
      code: "import { sql } from 'drizzle-orm'; const q = sql`SELECT 1 FROM requests`;",
    },
    { filename: m('requests/requests.repository.ts'), code: "await db.query('SELECT 1');" },
    {
      filename: at('apps/api/src/platform/jobs/jobs.ts'),
      code: "import { sql } from 'drizzle-orm'; await rows(db, sql`SELECT * FROM jobs`);",
    },
    { filename: at('apps/api/src/platform/db/database.ts'), code: "import pg from 'pg'; await c.query('BEGIN');" },
    // Tests and the test harness may look at the tables.
    {
      filename: m('requests/requests.test.ts'),
      code: "import { sql } from 'drizzle-orm'; await rows(db, sql`SELECT count(*) FROM requests`);",
    },
    { filename: at('apps/api/test/factories.ts'), code: "await database.query('SELECT 1');" },
    // A service calls repositories; words that are not statements are not SQL.
    {
      filename: m('requests/requests.service.ts'),
      code: "import * as repo from './requests.repository'; await repo.find(tx.db, id);",
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const label = 'Select a service'; const re = /x/.exec('SELECT'); search.query(q);",
    },
    { filename: m('requests/requests.service.ts'), code: "import type { Db } from '../../platform/db';" },
    // Outside the API the rule has nothing to say.
    { filename: at('bench/audit-chains.ts'), code: "import { sql } from 'drizzle-orm'; await db.query('SELECT 1');" },
  ],
  invalid: [
    {
      filename: m('requests/requests.service.ts'),
      code: "import { sql } from 'drizzle-orm';",
      errors: [{ messageId: 'builder' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import type { SQL } from 'drizzle-orm';",
      errors: [{ messageId: 'builder' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "import { drizzle } from 'drizzle-orm/node-postgres';",
      errors: [{ messageId: 'builder' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const pg = await import('pg');",
      errors: [{ messageId: 'builder' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "export { sql } from 'drizzle-orm';",
      errors: [{ messageId: 'builder' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: 'await rows(tx.db, sql`SELECT 1 FROM requests WHERE id = ${id}`);',
      errors: [{ messageId: 'tag' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const t = sql.identifier('requests');",
      errors: [{ messageId: 'tag' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "await ctx.database.query('DELETE FROM requests WHERE id = $1', [id]);",
      errors: [{ messageId: 'runner' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: 'await tx.execute(`vacuum requests`);',
      errors: [{ messageId: 'runner' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: "const Q = 'SELECT id FROM requests'; await db.query(Q);",
      errors: [{ messageId: 'statement' }],
    },
    {
      filename: m('requests/requests.service.ts'),
      code: 'const q = `UPDATE requests SET status = ${s}`;',
      errors: [{ messageId: 'statement' }],
    },
    {
      filename: m('requests/request-views.schemas.ts'),
      code: "const q = 'INSERT INTO requests (id) VALUES ($1)';",
      errors: [{ messageId: 'statement' }],
    },
    {
      filename: at('apps/api/src/seed/demo.ts'),
      code: 'await rows(db, sql`SELECT 1 FROM agencies LIMIT 1`);',
      errors: [{ messageId: 'tag' }],
    },
    {
      filename: at('apps/api/src/app.ts'),
      code: "const r = await database.query('WITH t AS (SELECT 1) SELECT * FROM t');",
      errors: [{ messageId: 'runner' }],
    },
  ],
});
