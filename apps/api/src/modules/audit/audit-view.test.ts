import { describe, expect, it } from 'vitest';
import { isSecretKey, isSecretValue, REDACTED, withoutSecrets } from './audit-view.model';

describe('secrets never leave the audit log', () => {
  it.each(['password', 'newPassword', 'password_hash', 'tokenHash', 'csrfToken', 'token', 'clientSecret', 'api-key', 'apiKey', 'Authorization', 'cookie', 'otp', 'pin', 'privateKey'])(
    'hides the value under %s',
    (key) => expect(isSecretKey(key)).toBe(true),
  );

  it.each(['tokenId', 'prefix', 'code', 'trackingCode', 'title', 'scopes', 'sessions', 'fileSha256', 'passwordChangedAt'])('keeps the value under %s', (key) =>
    expect(isSecretKey(key)).toBe(false),
  );

  it('hides credentials by their shape wherever they are', () => {
    expect(isSecretValue('dgh_0123456789abcdefghijKLMN')).toBe(true);
    expect(isSecretValue('Bearer abcdefgh1234')).toBe(true);
    expect(isSecretValue('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl')).toBe(true);
    expect(isSecretValue('dgh_abcd')).toBe(false); // a token's prefix is what the register shows
    expect(isSecretValue('کارت ملی')).toBe(false);
  });

  it('walks objects and arrays, keeping everything else and null values as they are', () => {
    const details = { title: 'یک', password: 'x', empty: { secret: null }, list: [{ token: 't', n: 1 }, 'dgh_0123456789abcdefghijKLMN'], n: 3, ok: true };
    expect(withoutSecrets(details)).toEqual({ title: 'یک', password: REDACTED, empty: { secret: null }, list: [{ token: REDACTED, n: 1 }, REDACTED], n: 3, ok: true });
  });

  it('stops at a depth no honest entry reaches', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(JSON.stringify(withoutSecrets(deep))).toContain(REDACTED);
  });
});
