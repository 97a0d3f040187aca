import { describe, expect, it } from 'vitest';
import { feeRuleOf } from './feeRule';

describe('the fee typed in the version editor', () => {
  it('reads rials in Persian or Latin digits, with thousands separators', () => {
    expect(feeRuleOf('۱٬۵۰۰٬۰۰۰')).toEqual({ kind: 'fixed', amountRials: 1_500_000 });
    expect(feeRuleOf('1,500,000')).toEqual({ kind: 'fixed', amountRials: 1_500_000 });
    expect(feeRuleOf(' 250000 ')).toEqual({ kind: 'fixed', amountRials: 250_000 });
  });

  it('takes empty or zero as no fee, and refuses anything but a whole number', () => {
    expect(feeRuleOf('')).toEqual({ kind: 'none' });
    expect(feeRuleOf('۰')).toEqual({ kind: 'none' });
    for (const bad of ['12.5', '-100', 'ده هزار', '1e6', '1234567890123']) expect(feeRuleOf(bad), bad).toBeUndefined();
  });
});
