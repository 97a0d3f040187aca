import { describe, expect, it } from 'vitest';
import { inTreeOrder } from './tree';

const a = (id: string, nameFa: string, parentId: string | null = null) => ({ id, nameFa, parentId });

describe('inTreeOrder', () => {
  it('puts each parent before its children, siblings by name', () => {
    const list = [
      a('tehran', 'اداره کل استان تهران', 'org'),
      a('org', 'سازمان آموزش فنی', 'ministry'),
      a('ministry', 'وزارت تعاون'),
      a('bank', 'بانک مرکزی'),
    ];
    expect(inTreeOrder(list).map((x) => x.id)).toEqual(['bank', 'ministry', 'org', 'tehran']);
  });

  it('keeps orphans and cycles', () => {
    const list = [a('x', 'ب', 'missing'), a('p', 'پ', 'q'), a('q', 'ق', 'p')];
    expect(
      inTreeOrder(list)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['p', 'q', 'x']);
  });
});
