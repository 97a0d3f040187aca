import { describe, expect, it } from 'vitest';
import { NewStaffInput, ResetCode, StaffListQuery, StaffUpdate } from './staff-admin';

describe('reset codes as typed', () => {
  it.each([
    ['ABCD-EFGH-JKMN-PQRS', 'ABCDEFGHJKMNPQRS'],
    ['abcd efgh jkmn pqrs', 'ABCDEFGHJKMNPQRS'],
    ['۰۱۲۳-۴۵۶۷-۸۹AB-CDEF', '0123456789ABCDEF'],
    ['٠١٢٣٤٥٦٧٨٩ABCDEF', '0123456789ABCDEF'],
  ])('%s reads as %s', (typed, code) => {
    expect(ResetCode.parse(typed)).toBe(code);
  });

  it.each(['ABCD-EFGH-JKMN-PQR', 'ABCD-EFGH-JKMN-PQRST', 'ILOU-EFGH-JKMN-PQRS', 'ABCDEFGHJKMNPQRS\u0000', ''])(
    'refuses %j',
    (typed) => {
      expect(ResetCode.safeParse(typed).success).toBe(false);
    },
  );
});

describe('staff input', () => {
  const base = { username: 'sara.k', displayName: 'سارا کریمی', password: 'Pazir-1404-amn' };

  it('normalises the mobile and refuses control characters in names and passwords', () => {
    expect(NewStaffInput.parse({ ...base, mobile: '+98 912 123 4567' }).mobile).toBe('09121234567');
    expect(NewStaffInput.safeParse({ ...base, displayName: 'سارا\u0000' }).success).toBe(false);
    expect(NewStaffInput.safeParse({ ...base, password: 'Pazir-1404\u0007' }).success).toBe(false);
    expect(StaffUpdate.safeParse({ displayName: 'سارا\nکریمی', version: 1 }).success).toBe(false);
  });

  it('takes at most ten grants and no unknown field', () => {
    const grant = { role: 'expert', agencyId: '3f0e7a4c-1d2b-4c5d-8e9f-0a1b2c3d4e5f' };
    expect(NewStaffInput.safeParse({ ...base, roles: Array(10).fill(grant) }).success).toBe(true);
    expect(NewStaffInput.safeParse({ ...base, roles: Array(11).fill(grant) }).success).toBe(false);
    expect(NewStaffInput.safeParse({ ...base, isAdmin: true }).success).toBe(false);
  });

  it('pages the list 100 at a time unless asked otherwise, at most 200', () => {
    expect(StaffListQuery.parse({}).limit).toBe(100);
    expect(StaffListQuery.safeParse({ limit: '201' }).success).toBe(false);
  });
});
