import { describe, expect, it } from 'vitest';
import { validateCatalogueSearch } from './api';

describe('the catalogue search params', () => {
  it('keeps well-formed filters and the query, trimmed', () => {
    expect(
      validateCatalogueSearch({
        q: '  ثبتنام بيمه  ',
        agencyId: '3e432ae0-56b1-4a40-9ba5-22ae185ea819',
        province: 'تهران',
        lifeEvent: 'employment',
        category: '0d9a1c55-2f6c-4b39-9a51-8cf0f0c1e2aa',
        recipients: 'G2B',
        maturity: 'non_electronic',
      }),
    ).toEqual({
      q: 'ثبتنام بيمه',
      agencyId: '3e432ae0-56b1-4a40-9ba5-22ae185ea819',
      province: 'تهران',
      lifeEvent: 'employment',
      category: '0d9a1c55-2f6c-4b39-9a51-8cf0f0c1e2aa',
      recipients: 'G2B',
      maturity: 'non_electronic',
    });
  });

  it('drops anything the API would refuse, so a bad link still shows the catalogue', () => {
    expect(
      validateCatalogueSearch({
        q: '   ',
        agencyId: 'not-a-uuid',
        lifeEvent: 'flying',
        category: 42,
        recipients: 'g2c',
        maturity: ['smart'],
        other: 'x',
      }),
    ).toEqual({});
    expect(validateCatalogueSearch({ q: 1404 })).toEqual({ q: '1404' });
    expect(validateCatalogueSearch({ q: 'ا'.repeat(500) }).q).toHaveLength(200);
  });
});
