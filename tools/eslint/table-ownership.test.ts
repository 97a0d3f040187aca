import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import rule, { tablesNamed } from './table-ownership.js';
import { OWNER, PLATFORM_TABLES } from './tables.js';
import { at, tester } from './tester';
import { ROOT } from './workspace.js';

const m = (rel: string) => at(`apps/api/src/modules/${rel}`);

tester.run('table-ownership', rule, {
  valid: [
    // A module's own tables, and the platform's.
    { filename: m('requests/example.repository.ts'), code: 'sql`SELECT r.id FROM service_requests r WHERE r.id = ${id}`;' },
    { filename: m('requests/example.repository.ts'), code: "sql`INSERT INTO service_requests (id) VALUES (${id})`;" },
    { filename: m('requests/example.repository.ts'), code: 'sql`SELECT e.id FROM events e JOIN jobs j ON j.id = e.id`;' },
    { filename: m('catalogue/example.repository.ts'), code: 'sql`UPDATE service_cards SET version = version + 1 FOR UPDATE OF c`;' },
    // Words that name no table: a column after FROM in EXTRACT, an upsert's DO UPDATE SET.
    { filename: m('requests/example.repository.ts'), code: 'sql`SELECT EXTRACT(YEAR FROM created_at) FROM service_requests`;' },
    { filename: m('requests/example.repository.ts'), code: "const label = 'Services from agencies';" },
    // Tests may look at any table; code outside the modules is not a module's.
    { filename: m('requests/requests.test.ts'), code: 'sql`SELECT count(*) FROM citizens`;' },
    { filename: at('apps/api/src/platform/audit/verify.ts'), code: 'sql`SELECT 1 FROM audit_verifications`;' },
    { filename: at('apps/api/test/factories.ts'), code: "db.query('INSERT INTO agencies (id) VALUES ($1)');" },
  ],
  invalid: [
    {
      filename: m('requests/example.repository.ts'),
      code: 'sql`SELECT r.id, a.name_fa FROM service_requests r JOIN agencies a ON a.id = r.agency_id`;',
      errors: [{ messageId: 'foreign', data: { table: 'agencies', owner: 'organisation' } }],
    },
    {
      filename: m('requests/example.service.ts'),
      code: "const q = 'SELECT national_code FROM citizens WHERE id = $1';",
      errors: [{ messageId: 'foreign', data: { table: 'citizens', owner: 'identity' } }],
    },
    {
      filename: m('requests/example.repository.ts'),
      code: 'sql`select 1 from service_requests r left join citizens c on true`;',
      errors: [{ messageId: 'foreign', data: { table: 'citizens', owner: 'identity' } }],
    },
    {
      filename: m('delivery-reports/example.repository.ts'),
      code: 'sql`SELECT 1 FROM delivery_reports d, services s WHERE s.id = d.id`;',
      errors: [{ messageId: 'foreign', data: { table: 'services', owner: 'services' } }],
    },
    {
      filename: m('licences/example.repository.ts'),
      code: 'sql`UPDATE service_cards SET x = 1`; sql`DELETE FROM staff WHERE id = ${id}`; sql`INSERT INTO laws (id) VALUES (1)`;',
      errors: [
        { messageId: 'foreign', data: { table: 'service_cards', owner: 'catalogue' } },
        { messageId: 'foreign', data: { table: 'staff', owner: 'organisation' } },
        { messageId: 'foreign', data: { table: 'laws', owner: 'laws' } },
      ],
    },
    {
      // Each table once per statement, however often it is named.
      filename: m('services/example.repository.ts'),
      code: 'sql`SELECT 1 FROM services s JOIN agencies a ON true JOIN agencies p ON true`;',
      errors: [{ messageId: 'foreign', data: { table: 'agencies', owner: 'organisation' } }],
    },
  ],
});

describe('table ownership as data', () => {
  it('reads the tables after FROM, JOIN, INTO, UPDATE, DELETE FROM and in a FROM list', () => {
    expect(tablesNamed('SELECT 1 FROM services s, agencies a WHERE true')).toEqual(['services', 'agencies']);
    expect(tablesNamed('select 1 from staff join laws l on true', true)).toEqual(['staff', 'laws']);
    expect(tablesNamed('select 1 from staff')).toEqual([]);
    expect(tablesNamed('SELECT 1 FROM staff s LEFT JOIN laws l ON true, citizens c WHERE true')).toEqual(['staff', 'laws', 'citizens']);
    expect(tablesNamed('SELECT a, services FROM x')).toEqual([]);
  });

  it('gives every table the migrations create exactly one owner, a module or the platform', () => {
    const dir = path.join(ROOT, 'apps/api/migrations');
    const created = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/gi)])
      .map((x) => x[1]!.toLowerCase());
    expect(created.length).toBeGreaterThan(30);
    const unowned = created.filter((t) => !OWNER.has(t) && !PLATFORM_TABLES.includes(t));
    expect(unowned).toEqual([]);
    expect(PLATFORM_TABLES.filter((t) => OWNER.has(t))).toEqual([]);
    const listed = [...OWNER.keys(), ...PLATFORM_TABLES];
    expect(listed.filter((t) => !created.includes(t))).toEqual([]);
  });
});
