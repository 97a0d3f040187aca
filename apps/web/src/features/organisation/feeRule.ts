import { toAsciiDigits } from '@dargah/persian';
import type { FeeRule } from '../../lib/contracts';

/** The fee as typed (Persian or Latin digits, thousands separators allowed): none when empty or zero; undefined when not a whole number of rials. */
export function feeRuleOf(typed: string): FeeRule | undefined {
  const digits = toAsciiDigits(typed).replace(/[\s,\u066C\u060C]/g, '');
  if (digits === '') return { kind: 'none' };
  if (!/^\d{1,12}$/.test(digits)) return undefined;
  const amountRials = Number(digits);
  return amountRials === 0 ? { kind: 'none' } : { kind: 'fixed', amountRials };
}
