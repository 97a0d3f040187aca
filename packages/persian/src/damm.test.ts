import { describe, expect, it } from 'vitest';
import { dammDigit } from './damm';

describe('Damm check digit', () => {
  it('matches the published example (572 -> 4) and validates to 0', () => {
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
  });
  it('detects every single-digit error and every adjacent swap of a sample number', () => {
    const code = '123456789';
    const full = code + dammDigit(code);
    for (let i = 0; i < full.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === full[i]) continue;
        expect(dammDigit(full.slice(0, i) + d + full.slice(i + 1))).not.toBe(0);
      }
      if (i < full.length - 1 && full[i] !== full[i + 1]) {
        expect(dammDigit(full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2))).not.toBe(0);
      }
    }
  });
});
