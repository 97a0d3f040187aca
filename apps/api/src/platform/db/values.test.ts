import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { rows } from './transaction';
import { date, dateOrNull, iso, isoOf, isoOrNull, isUuid, json, jsonb, list, textArray, uuids } from './values';

/*
 * The SQL value helpers, against the test database's driver (PGlite, or node-postgres with
 * TEST_DATABASE_URL): what goes in as a parameter comes back out as it was, edges included.
 */

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const one = async <T>(query: SQL): Promise<T> => (await rows<{ v: T }>(t.database.db, query))[0]!.v;
/** The SQLSTATE of the error a statement fails with (drivers and Drizzle wrap it). */
async function sqlState(query: SQL): Promise<string | undefined> {
  try {
    await rows(t.database.db, query);
    return undefined;
  } catch (err) {
    for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') return code;
    }
    throw err;
  }
}

const hostile = ['a,b', '{x}', '"q"', 'back\\slash', 'NULL', 'null', ' sp ', '', 'فارسی', 'ي ك', '😀'];

describe('list: a JS array as one parameter', () => {
  it('keeps every element as written: commas, braces, quotes, backslashes, NULL as text, empty, Persian', async () => {
    expect(await one<unknown>(sql`SELECT ${list(hostile)}::text[] AS v`)).toEqual(hostile);
    expect(await one<number>(sql`SELECT cardinality(${list(hostile)}::text[]) AS v`)).toBe(hostile.length);
  });
  it('sends an empty array as {} (ANY of it matches nothing)', async () => {
    expect(await one<unknown>(sql`SELECT ${list([])}::text[] AS v`)).toEqual([]);
    expect(await one<boolean>(sql`SELECT 'a' = ANY(${list([])}::text[]) AS v`)).toBe(false);
  });
  it('matches with = ANY and casts to uuid[]', async () => {
    const id = '0b7e2a4c-3f5d-4e8a-9c1b-2d3e4f5a6b7c';
    expect(await one<boolean>(sql`SELECT ${'a,b'} = ANY(${list(['x', 'a,b'])}::text[]) AS v`)).toBe(true);
    expect(await one<boolean>(sql`SELECT ${id}::uuid = ANY(${list([id])}::uuid[]) AS v`)).toBe(true);
  });
  it('is refused by the database with a NUL in an element (class 22: 400 VALUE_NOT_STORABLE at the edge)', async () => {
    expect(await sqlState(sql`SELECT ${list(['a\u0000b'])}::text[] AS v`)).toMatch(/^22/);
  });
});

describe('uuids and isUuid: only well-formed ids reach a ::uuid[] cast', () => {
  const a = '0b7e2a4c-3f5d-4e8a-9c1b-2d3e4f5a6b7c';
  const b = 'D1E2F3A4-B5C6-4D7E-8F90-A1B2C3D4E5F6';
  it('keeps the uuids, each once, in order, and drops null, undefined, empty and malformed ids', () => {
    expect(uuids([a, null, b, undefined, '', 'system', a, `${a}x`, '------------------------------------', a.replace(/-/g, '')])).toEqual([a, b]);
    expect(uuids([])).toEqual([]);
    expect(isUuid(a)).toBe(true);
    expect(isUuid('a\u0000b')).toBe(false);
  });
  it('what it keeps, the database casts', async () => {
    const ids = uuids([a, 'not-an-id', b]);
    expect(await one<unknown>(sql`SELECT ${list(ids)}::uuid[]::text[] AS v`)).toEqual([a, b.toLowerCase()]);
  });
});

describe('iso, date, dateOrNull, isoOf, isoOrNull: timestamps', () => {
  const at = new Date('2026-03-20T20:30:00.123Z');
  it('round-trips a timestamp through timestamptz to the same instant', async () => {
    const v = await one<unknown>(sql`SELECT ${iso(at)}::timestamptz AS v`);
    expect(date(v).getTime()).toBe(at.getTime());
    expect(isoOf(v)).toBe('2026-03-20T20:30:00.123Z');
    expect(isoOrNull(v)).toBe('2026-03-20T20:30:00.123Z');
    expect(dateOrNull(v)?.getTime()).toBe(at.getTime());
  });
  it('keeps null as SQL NULL and NULL as null', async () => {
    expect(iso(null)).toBeNull();
    expect(iso(undefined)).toBeNull();
    const v = await one<unknown>(sql`SELECT ${iso(null)}::timestamptz AS v`);
    expect(v).toBeNull();
    expect(dateOrNull(v)).toBeNull();
    expect(isoOrNull(v)).toBeNull();
    expect(dateOrNull(undefined)).toBeNull();
  });
  it('reads a Date as well as a string (the drivers differ)', () => {
    expect(date(at)).toEqual(at);
    expect(isoOf(at)).toBe(at.toISOString());
    expect(isoOf('2026-03-20 20:30:00.123+00')).toBe(at.toISOString());
    expect(isoOf('2026-03-21 00:00:00.123+03:30')).toBe(at.toISOString());
  });
});

describe('jsonb and json', () => {
  const value = { title: 'پروانه «کسب»', quote: '"\\', nested: [1, null, { a: true }], empty: '' };
  it('round-trips a value through jsonb', async () => {
    expect(json(await one<unknown>(sql`SELECT ${jsonb(value)}::jsonb AS v`))).toEqual(value);
    expect(json(await one<unknown>(sql`SELECT ${jsonb([])}::jsonb AS v`))).toEqual([]);
  });
  it('parses jsonb a driver hands back as text', async () => {
    expect(json(await one<unknown>(sql`SELECT ${jsonb(value)}::jsonb::text AS v`))).toEqual(value);
  });
  it('sends null as JSON null and undefined as SQL NULL', async () => {
    expect(await one<unknown>(sql`SELECT jsonb_typeof(${jsonb(null)}::jsonb) AS v`)).toBe('null');
    expect(await one<unknown>(sql`SELECT ${jsonb(undefined)}::jsonb IS NULL AS v`)).toBe(true);
  });
  it('is refused by the database with a NUL in a string (class 22)', async () => {
    expect(await sqlState(sql`SELECT ${jsonb({ s: 'a\u0000b' })}::jsonb AS v`)).toMatch(/^22/);
  });
});

describe('textArray: a text[] or uuid[] result', () => {
  it('reads the array the driver returns', async () => {
    expect(textArray(await one<unknown>(sql`SELECT ${list(hostile)}::text[] AS v`))).toEqual(hostile);
    expect(textArray(await one<unknown>(sql`SELECT '{}'::uuid[] AS v`))).toEqual([]);
  });
  it('reads the array literal where an array arrives as text, quoting and escapes included', async () => {
    const literal = await one<string>(sql`SELECT ${list(hostile)}::text[]::text AS v`);
    expect(typeof literal).toBe('string');
    expect(textArray(literal)).toEqual(hostile);
    expect(textArray('{a,b}')).toEqual(['a', 'b']);
    expect(textArray('{}')).toEqual([]);
    expect(textArray('{""}')).toEqual(['']);
  });
  it('reads SQL NULL as the empty list', () => {
    expect(textArray(null)).toEqual([]);
    expect(textArray(undefined)).toEqual([]);
  });
});
