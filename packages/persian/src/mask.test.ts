import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskMiddle, maskMobile, maskNationalCode } from './mask';

describe('masks', () => {
  it('a national code keeps three digits at each end', () => {
    expect(maskNationalCode('0013542419')).toBe('001****419');
  });
  it('a mobile keeps 09xx and the last four', () => {
    expect(maskMobile('09121234567')).toBe('0912***4567');
  });
  it('a value too short to keep both ends is all stars, never shown in full', () => {
    expect(maskNationalCode('12345')).toBe('*****');
    expect(maskMiddle('123456', 3, 3)).toBe('******');
    expect(maskMiddle('', 3, 3)).toBe('');
  });
  it('an e-mail keeps its first letter and its domain', () => {
    expect(maskEmail('sara@example.ir')).toBe('s***@example.ir');
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('')).toBe('');
  });
  it('an address is masked as what it is', () => {
    expect(maskAddress('09121234567')).toBe('0912***4567');
    expect(maskAddress('sara@example.ir')).toBe('s***@example.ir');
    expect(maskAddress('+98912')).toBe('***');
  });
});
