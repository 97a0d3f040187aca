import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../lib/contracts';
import { isServiceIdShape, normalizeServiceId, unitTree } from './api';

const unit = (id: string, nameFa: string, parentId: string | null): OrgUnit => ({
  id,
  agencyId: 'a',
  parentId,
  nameFa,
  nameEn: null,
  kind: parentId ? 'operational' : 'headquarters',
  code: null,
  version: 1,
});

describe('unitTree', () => {
  it('nests units under their parents, sorted by Persian name', () => {
    const tree = unitTree([
      unit('3', 'واحد پذیرش', '1'),
      unit('1', 'ستاد', null),
      unit('2', 'امور مالی', '1'),
      unit('4', 'بایگانی', '3'),
    ]);
    expect(tree.map((n) => n.id)).toEqual(['1']);
    expect(tree[0]!.children.map((n) => n.nameFa)).toEqual(['امور مالی', 'واحد پذیرش']);
    expect(tree[0]!.children[1]!.children.map((n) => n.id)).toEqual(['4']);
  });

  it('keeps a unit whose parent is not listed as a root', () => {
    expect(unitTree([unit('5', 'شعبه', 'missing')]).map((n) => n.id)).toEqual(['5']);
  });
});

describe('normalizeServiceId / isServiceIdShape', () => {
  it('reads Persian and Arabic digits, spaces and dashes as the 11 ASCII digits', () => {
    expect(normalizeServiceId(' ۱۲۳۴۵۶۷۸۹۰۱ ')).toBe('12345678901');
    expect(normalizeServiceId('١٢٣-۴۵۶ 78901')).toBe('12345678901');
    expect(isServiceIdShape(normalizeServiceId('۱۲۳۴۵۶۷۸۹۰۱'))).toBe(true);
  });

  it('rejects ids of the wrong length or with letters', () => {
    expect(isServiceIdShape(normalizeServiceId('۱۲۳۴۵۶۷۸۹۰'))).toBe(false);
    expect(isServiceIdShape(normalizeServiceId('۱۲۳۴۵۶۷۸۹۰۱۲'))).toBe(false);
    expect(isServiceIdShape(normalizeServiceId('1234567890a'))).toBe(false);
    expect(isServiceIdShape('')).toBe(false);
  });
});
