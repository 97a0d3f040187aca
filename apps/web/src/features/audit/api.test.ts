import { describe, expect, it } from 'vitest';
import { csvUrl, hasFilters, validateAuditSearch } from './api';

describe('the audit log’s filters in the URL', () => {
  it('keeps the known filters as trimmed text and drops the rest', () => {
    expect(
      validateAuditSearch({
        action: ' staff.sign_in ',
        objectId: 7,
        actor: '',
        from: '۱۴۰۴/۰۱/۰۲',
        page: 3,
        agencyId: ['x'],
      }),
    ).toEqual({
      action: 'staff.sign_in',
      objectId: '7',
      from: '۱۴۰۴/۰۱/۰۲',
    });
    expect(validateAuditSearch({ objectId: 'x'.repeat(201) })).toEqual({});
    expect(validateAuditSearch({ objectId: Number.NaN })).toEqual({});
  });

  it('says whether anything filters the list', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ to: '2025-04-04' })).toBe(true);
  });

  it('downloads the same selection as CSV', () => {
    expect(csvUrl({ action: 'service_card.', from: '۱۴۰۴/۰۱/۰۱' })).toBe(
      `/api/v1/audit/entries?action=service_card.&from=${encodeURIComponent('۱۴۰۴/۰۱/۰۱')}&format=csv`,
    );
  });
});
