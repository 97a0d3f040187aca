import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency } from '../../../test/factories';
import { agenciesByIds, agencyIdsInProvince, agencyNameRanks, agencySubtree } from '.';

/*
 * What other modules sort, filter and name their own rows by (through index.ts): the agencies'
 * places in the name order, the agencies of a province, an agency's subtree.
 */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('agencyNameRanks', () => {
  it('places agencies in the order of their Persian names; equal names share a place; unknown and malformed ids are left out', async () => {
    const b = await buildAgency(t, { nameFa: 'بانک رتبه' });
    const a = await buildAgency(t, { nameFa: 'اداره رتبه' });
    const twin1 = await buildAgency(t, { nameFa: 'پست رتبه' });
    const twin2 = await buildAgency(t, { nameFa: 'پست رتبه' });
    const ranks = await agencyNameRanks(t.ctx.database.db, [b.id, twin2.id, a.id, twin1.id, randomUUID(), 'not-a-uuid', "'; DROP TABLE agencies; --", '\u0000']);
    expect([...ranks.keys()].sort()).toEqual([a.id, b.id, twin1.id, twin2.id].sort());
    expect([ranks.get(a.id)! < ranks.get(b.id)!, ranks.get(b.id)! < ranks.get(twin1.id)!, ranks.get(twin1.id) === ranks.get(twin2.id)]).toEqual([true, true, true]);
    expect(await agencyNameRanks(t.ctx.database.db, [])).toEqual(new Map());
  });

  it('answers thousands of ids in one call', async () => {
    const a = await buildAgency(t, { nameFa: 'دستگاه بسیار' });
    const many = [a.id, ...Array.from({ length: 5000 }, () => randomUUID())];
    expect([...(await agencyNameRanks(t.ctx.database.db, many)).keys()]).toEqual([a.id]);
  });
});

describe('agencyIdsInProvince, agencySubtree and agenciesByIds', () => {
  it('give the agencies of a province, an agency with those below it, and each agency with its parent, legal id and version', async () => {
    const root = await buildAgency(t, { nameFa: 'وزارت آزمون', province: null });
    const child = await buildAgency(t, { nameFa: 'اداره کل آزمون', parentId: root.id, province: 'سمنان' });
    const grandchild = await buildAgency(t, { nameFa: 'اداره شهرستان آزمون', parentId: child.id, province: 'سمنان' });
    const db = t.ctx.database.db;
    expect(await agencyIdsInProvince(db, 'سمنان')).toEqual(expect.arrayContaining([child.id, grandchild.id]));
    expect(await agencyIdsInProvince(db, 'استانی که نیست')).toEqual([]);
    expect((await agencySubtree(db, root.id)).sort()).toEqual([root.id, child.id, grandchild.id].sort());
    expect(await agencySubtree(db, grandchild.id)).toEqual([grandchild.id]);
    expect((await agenciesByIds(db, [child.id])).get(child.id)).toMatchObject({
      parentId: root.id,
      legalId: child.legalId,
      version: child.version,
      province: 'سمنان',
    });
  });
});
