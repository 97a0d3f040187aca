import { describe, expect, it } from 'vitest';
import { createSubmissionKeys, newIdempotencyKey } from './idempotency';
import { safeReturnTo, signInErrorOf, validateReturnToSearch, validateStaffSignInSearch } from './returnTo';

describe('safeReturnTo', () => {
  it.each([
    ['/me', '/me'],
    ['/me/services/abc/apply?x=1#top', '/me/services/abc/apply?x=1#top'],
    ['//evil.example/x', undefined],
    ['/\\evil.example', undefined],
    ['https://evil.example', undefined],
    ['javascript:alert(1)', undefined],
    ['me', undefined],
    ['/me\n/x', undefined],
    [42, undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it('drops an unsafe returnTo from the search', () => {
    expect(validateReturnToSearch({ returnTo: '/staff' })).toEqual({ returnTo: '/staff' });
    expect(validateReturnToSearch({ returnTo: '//x' })).toEqual({});
  });

  it('keeps a well-formed organisation sign-in error code', () => {
    expect(validateStaffSignInSearch({ returnTo: '/admin', signin_error: 'OIDC_UNKNOWN_ACCOUNT' })).toEqual({
      returnTo: '/admin',
      signin_error: 'OIDC_UNKNOWN_ACCOUNT',
    });
    expect(signInErrorOf('SOMETHING_NEW')).toBe('OTHER');
    expect(signInErrorOf('<script>')).toBeUndefined();
    expect(signInErrorOf(undefined)).toBeUndefined();
  });
});

describe('idempotency keys', () => {
  it('are long random keys the server accepts', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,200}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('repeat for the same body (double click, retry) and change with the body', () => {
    let n = 0;
    const keys = createSubmissionKeys(() => `key-${++n}`);
    const first = keys.keyFor({ serviceId: 's', form: { a: 1 } });
    expect(keys.keyFor({ serviceId: 's', form: { a: 1 } })).toBe(first);
    const changed = keys.keyFor({ serviceId: 's', form: { a: 2 } });
    expect(changed).not.toBe(first);
    keys.reset();
    expect(keys.keyFor({ serviceId: 's', form: { a: 2 } })).not.toBe(changed);
  });
});
