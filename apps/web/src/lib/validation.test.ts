import { describe, expect, it } from 'vitest';
import {
  legalIdProblem,
  mobileProblem,
  nationalCodeProblem,
  normaliseDigits,
  normaliseOtp,
  postalCodeProblem,
} from './validation';

describe('identifier checks as people type them', () => {
  it.each([
    ['', 'validation.nationalCodeRequired'],
    ['۰۰۱۲۳۴۵۶۷۸', 'validation.nationalCodeInvalid'],
    ['12345', 'validation.nationalCodeLength'],
    ['12345abcde', 'validation.digitsOnly'],
    ['1111111111', 'validation.nationalCodeInvalid'],
    ['۰۰۸۴۵۷۵۹۴۸', undefined],
    ['008-457594-8', undefined],
  ])('national code %j → %j', (input, expected) => {
    expect(nationalCodeProblem(input)).toBe(expected);
  });

  it.each([
    ['', 'validation.mobileRequired'],
    ['0912', 'validation.mobileInvalid'],
    ['۰۹۱۲ ۳۴۵ ۶۷۸۹', undefined],
    ['+989123456789', undefined],
  ])('mobile %j → %j', (input, expected) => {
    expect(mobileProblem(input)).toBe(expected);
  });

  it('postal code is optional unless required', () => {
    expect(postalCodeProblem('')).toBeUndefined();
    expect(postalCodeProblem('', true)).toBe('validation.required');
    expect(postalCodeProblem('123')).toBe('validation.postalCodeLength');
    expect(postalCodeProblem('0234567890')).toBe('validation.postalCodeInvalid');
    expect(postalCodeProblem('۱۳۴۵۶۷۸۹۰۱')).toBeUndefined();
  });

  it('legal id', () => {
    expect(legalIdProblem('')).toBe('validation.required');
    expect(legalIdProblem('123')).toBe('validation.legalIdLength');
    expect(legalIdProblem('10000000010')).toBe('validation.legalIdInvalid');
    expect(legalIdProblem('14007650912')).toBeUndefined();
  });

  it('normalises codes for the API', () => {
    expect(normaliseOtp(' ۱۲۳ ۴۵۶ ')).toBe('123456');
    expect(normaliseOtp('12345')).toBeUndefined();
    expect(normaliseDigits('۰۹۱۲-۳۴۵ ۶۷۸۹')).toBe('09123456789');
  });
});
