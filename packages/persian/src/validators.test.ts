import fc from 'fast-check';
import { isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { IRANIAN_BANKS, findBankByCode } from './banks';
import {
  LEGAL_ID_FAILURES,
  MOBILE_OPERATOR_PREFIXES,
  NATIONAL_CODE_FAILURES,
  POSTAL_CODE_FAILURES,
  SHEBA_FAILURES,
  formatPostalCode,
  formatSheba,
  ibanMod97,
  isValidLegalId,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
  isValidSheba,
  legalIdCheckDigit,
  mobileOperatorHint,
  nationalCodeCheckDigit,
  shebaBank,
  shebaBankCode,
  validateLegalId,
  validateMobile,
  validateNationalCode,
  validatePostalCode,
  validateSheba,
} from './validators';

describe('validateNationalCode', () => {
  it.each([
    // iran.md §1 worked examples
    '0013542419',
    '1234567891',
    '9876543210', // valid although persian-tools' prefix check rejects 987
    '0010000011', // r = 10 → check 1
    '0010000070', // r = 0
    // other known-valid values
    '0010350829',
    '0077611616',
    '0499370899',
    '1583250689',
    '4608968882',
  ])('%s is valid', (code) => {
    expect(validateNationalCode(code)).toEqual({ ok: true, value: code });
    expect(isValidNationalCode(code)).toBe(true);
  });

  it.each([
    ['1234567890', 'CHECKSUM'],
    ['0013542418', 'CHECKSUM'],
    ['1111111111', 'REPEATED_DIGITS'],
    ['0000000000', 'REPEATED_DIGITS'],
    ['001354241', 'LENGTH'],
    ['00135424190', 'LENGTH'],
    ['13542419', 'LENGTH'], // 8 digits without legacyPad
    ['00135a2419', 'FORMAT'],
    ['0013.542.419', 'FORMAT'],
    ['', 'EMPTY'],
    ['  - ', 'EMPTY'],
  ] as const)('%j fails with %s', (code, reason) => {
    expect(validateNationalCode(code)).toEqual({ ok: false, reason });
    expect(isValidNationalCode(code)).toBe(false);
  });

  it('rejects all ten repeated-digit strings although they pass the checksum', () => {
    for (let d = 0; d <= 9; d++) {
      const code = String(d).repeat(10);
      expect(nationalCodeCheckDigit(code)).toBe(d);
      expect(validateNationalCode(code)).toEqual({ ok: false, reason: 'REPEATED_DIGITS' });
    }
  });

  it.each([
    ['۰۰۱۳۵۴۲۴۱۹', '0013542419'],
    ['٠٠١٣٥٤٢٤١٩', '0013542419'],
    ['001-354241-9', '0013542419'],
    [' 0013 542 419 ', '0013542419'],
    ['\u200f۰۰۱۳\u200c۵۴۲۴۱۹', '0013542419'],
  ])('normalises %j to %s', (input, value) => {
    expect(validateNationalCode(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['13542419', '0013542419'],
    ['10350829', '0010350829'],
    ['499370899', '0499370899'],
    ['۱۳۵۴۲۴۱۹', '0013542419'],
  ])('legacyPad left-pads %s to %s', (input, value) => {
    expect(validateNationalCode(input, { legacyPad: true })).toEqual({ ok: true, value });
  });

  it.each([
    ['1354241', 'LENGTH'],
    ['00000000', 'REPEATED_DIGITS'],
    ['13542418', 'CHECKSUM'],
  ] as const)('legacyPad still rejects %s with %s', (input, reason) => {
    expect(validateNationalCode(input, { legacyPad: true })).toEqual({ ok: false, reason });
  });

  it('computes the iran.md check digits (r < 2 → r, else 11 − r)', () => {
    expect(nationalCodeCheckDigit('001354241')).toBe(9); // Σ=101, r=2
    expect(nationalCodeCheckDigit('123456789')).toBe(1); // Σ=210, r=1
    expect(nationalCodeCheckDigit('987654321')).toBe(0); // Σ=330, r=0
    expect(nationalCodeCheckDigit('001000001')).toBe(1); // Σ=10, r=10
    expect(nationalCodeCheckDigit('001000007')).toBe(0); // Σ=22, r=0
  });

  it('accepts any 9 digits followed by their check digit unless all digits are equal', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const code = nine + String(nationalCodeCheckDigit(nine));
        expect(isValidNationalCode(code)).toBe(!/^(\d)\1*$/.test(code));
      }),
    );
  });

  it('rejects every single-digit change of a valid code', () => {
    const valid = '0013542419';
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        if (changed !== valid) expect(isValidNationalCode(changed)).toBe(false);
      }
    }
  });

  it('exports its failure codes', () => {
    expect(NATIONAL_CODE_FAILURES).toEqual([
      'EMPTY',
      'FORMAT',
      'LENGTH',
      'REPEATED_DIGITS',
      'CHECKSUM',
    ]);
  });
});

describe('validateLegalId', () => {
  it.each([
    ['10380284790', 0], // Σ = 3432, mod 11 = 0
    ['14005893875', 5], // Σ = 3107
    ['10101780644', 4],
    ['14001234562', 2],
    ['14001234090', 0], // Σ = 3068 → 10 → 0
  ])('%s is valid (check digit %d)', (id, check) => {
    expect(legalIdCheckDigit(id)).toBe(check);
    expect(validateLegalId(id)).toEqual({ ok: true, value: id });
    expect(isValidLegalId(id)).toBe(true);
  });

  it.each([
    ['10380284791', 'CHECKSUM'],
    ['10861738131', 'CHECKSUM'], // the correct check digit is 8
    ['10000000010', 'MIDDLE_ZERO'], // checksum passes, digits 4–9 are zero
    ['1038028479', 'LENGTH'],
    ['103802847900', 'LENGTH'],
    ['1038028479x', 'FORMAT'],
    ['', 'EMPTY'],
  ] as const)('%j fails with %s', (id, reason) => {
    expect(validateLegalId(id)).toEqual({ ok: false, reason });
    expect(isValidLegalId(id)).toBe(false);
  });

  it('the correct check digit of 1086173813x is 8', () => {
    expect(legalIdCheckDigit('10861738131')).toBe(8);
    expect(isValidLegalId('10861738138')).toBe(true);
  });

  it('10000000010 passes the checksum: the rejection comes from the middle-zero rule', () => {
    expect(legalIdCheckDigit('10000000010')).toBe(0);
  });

  it('reads "digits 4–9" as 1-based positions 4..9 (slice(3, 9)); 0-based 4..9 would include the 1', () => {
    // Zeros only at 0-based 3..8 → rejected; a non-zero in any of those positions is not MIDDLE_ZERO.
    for (let position = 3; position < 9; position++) {
      const first10 = `100${'0'.repeat(6)}1`.split('');
      first10[position] = '5';
      const id = first10.join('') + String(legalIdCheckDigit(first10.join('')));
      expect(validateLegalId(id)).toEqual({ ok: true, value: id });
    }
  });

  it.each([
    ['۱۰۳۸۰۲۸۴۷۹۰', '10380284790'],
    ['1038-0284-790', '10380284790'],
    [' 10380 284790 ', '10380284790'],
  ])('normalises %j', (input, value) => {
    expect(validateLegalId(input)).toEqual({ ok: true, value });
  });

  it('exports its failure codes', () => {
    expect(LEGAL_ID_FAILURES).toEqual(['EMPTY', 'FORMAT', 'LENGTH', 'MIDDLE_ZERO', 'CHECKSUM']);
  });
});

describe('validatePostalCode', () => {
  it.each([
    ['1619735744', '1619735744'],
    ['3714895436', '3714895436'],
    ['1619505744', '1619505744'], // passes the hard rule; soft library heuristics reject it
    ['16197-35744', '1619735744'],
    ['۱۶۱۹۷-۳۵۷۴۴', '1619735744'],
    ['16197 35744', '1619735744'],
  ])('%j is valid → %s', (input, value) => {
    expect(validatePostalCode(input)).toEqual({ ok: true, value });
    expect(isValidPostalCode(input)).toBe(true);
  });

  it.each([
    ['1234567890', 'FORBIDDEN_DIGIT'], // 2 in the first five digits
    ['1111111111', 'REPEATED_DIGITS'],
    ['9999999999', 'REPEATED_DIGITS'],
    ['0619735744', 'FORBIDDEN_DIGIT'],
    ['1619035744', 'FORBIDDEN_DIGIT'],
    ['1619235744', 'FORBIDDEN_DIGIT'],
    ['161973574', 'LENGTH'],
    ['16197357440', 'LENGTH'],
    ['16197a5744', 'FORMAT'],
    ['', 'EMPTY'],
  ] as const)('%j fails with %s', (input, reason) => {
    expect(validatePostalCode(input)).toEqual({ ok: false, reason });
    expect(isValidPostalCode(input)).toBe(false);
  });

  it('allows 0 and 2 in the last five digits', () => {
    expect(isValidPostalCode('1619700200')).toBe(true);
  });

  it.each([
    ['1619735744', '16197-35744'],
    ['۱۶۱۹۷۳۵۷۴۴', '16197-35744'],
    ['1234567890', undefined],
  ])('formatPostalCode(%j) → %j', (input, expected) => {
    expect(formatPostalCode(input)).toBe(expected);
  });

  it('exports its failure codes', () => {
    expect(POSTAL_CODE_FAILURES).toEqual([
      'EMPTY',
      'FORMAT',
      'LENGTH',
      'REPEATED_DIGITS',
      'FORBIDDEN_DIGIT',
    ]);
  });
});

describe('validateSheba', () => {
  it.each([
    ['IR820540102680020817909002', 'IR820540102680020817909002'],
    ['IR760170000000000000000001', 'IR760170000000000000000001'], // constructed vector
    ['ir820540102680020817909002', 'IR820540102680020817909002'],
    ['IR82 0540 1026 8002 0817 9090 02', 'IR820540102680020817909002'],
    ['IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲', 'IR820540102680020817909002'],
    ['IR82-0540-1026-8002-0817-9090-02', 'IR820540102680020817909002'],
  ])('%j is valid → %s', (input, value) => {
    expect(validateSheba(input)).toEqual({ ok: true, value });
    expect(isValidSheba(input)).toBe(true);
  });

  it.each([
    ['IR820540102680020817909003', 'CHECKSUM'], // mod 97 = 28
    ['IR000170000000000000000011', 'CHECKSUM'], // passes mod 97 but check digits 00 are not allowed
    ['IR9901700000000000000000', 'LENGTH'],
    ['IR8205401026800208179090021', 'LENGTH'],
    ['IR', 'LENGTH'],
    ['820540102680020817909002', 'COUNTRY'],
    ['DE89370400440532013000', 'COUNTRY'],
    ['IR82054010268002081790900A', 'FORMAT'],
    ['', 'EMPTY'],
  ] as const)('%j fails with %s', (input, reason) => {
    expect(validateSheba(input)).toEqual({ ok: false, reason });
    expect(isValidSheba(input)).toBe(false);
  });

  it('computes the iran.md remainders', () => {
    expect(ibanMod97('IR820540102680020817909002')).toBe(1);
    expect(ibanMod97('IR820540102680020817909003')).toBe(28);
    // IR97… and IR00… of the same BBAN have the same remainder; only 97 is a legal check value.
    expect(ibanMod97('IR970170000000000000000011')).toBe(1);
    expect(isValidSheba('IR970170000000000000000011')).toBe(true);
  });

  it('accepts exactly one check value per BBAN', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{22}$/), (bban) => {
        const check = 98 - ibanMod97(`IR00${bban}`);
        const valid = `IR${String(check).padStart(2, '0')}${bban}`;
        expect(isValidSheba(valid)).toBe(true);
        const other = `IR${String(((check - 2 + 1) % 97) + 2).padStart(2, '0')}${bban}`;
        expect(isValidSheba(other)).toBe(false);
      }),
    );
  });

  it('agrees with ibantools on random IR strings, valid or not', () => {
    const anyCheck = fc.stringMatching(/^\d{2}$/);
    const fixedCheck = fc.constant('');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{22}$/), fc.oneof(anyCheck, fixedCheck), (bban, check) => {
        const cc = check || String(98 - ibanMod97(`IR00${bban}`)).padStart(2, '0');
        const sheba = `IR${cc}${bban}`;
        expect(isValidSheba(sheba)).toBe(isValidIBAN(sheba));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['IR820540102680020817909002', '054', 'بانک پارسیان'],
    ['IR760170000000000000000001', '017', 'بانک ملی ایران'],
  ])('bank of %s is %s', (sheba, code, nameFa) => {
    expect(shebaBankCode(sheba)).toBe(code);
    expect(shebaBank(sheba)?.nameFa).toBe(nameFa);
  });

  it('has no bank for an invalid Sheba or an unknown code', () => {
    expect(shebaBankCode('IR820540102680020817909003')).toBeUndefined();
    expect(shebaBank('IR820540102680020817909003')).toBeUndefined();
    const bban = '0990000000000000000001';
    const unknown = `IR${String(98 - ibanMod97(`IR00${bban}`)).padStart(2, '0')}${bban}`;
    expect(shebaBankCode(unknown)).toBe('099');
    expect(shebaBank(unknown)).toBeUndefined();
  });

  it('formats in groups of four', () => {
    expect(formatSheba('ir820540102680020817909002')).toBe('IR82 0540 1026 8002 0817 9090 02');
    expect(formatSheba('IR820540102680020817909003')).toBeUndefined();
  });

  it('exports its failure codes', () => {
    expect(SHEBA_FAILURES).toEqual(['EMPTY', 'COUNTRY', 'FORMAT', 'LENGTH', 'CHECKSUM']);
  });
});

describe('bank table', () => {
  it.each([
    ['010', 'Central Bank of Iran'],
    ['012', 'Bank Mellat'],
    ['015', 'Bank Sepah'],
    ['017', 'Bank Melli Iran'],
    ['018', 'Tejarat Bank'],
    ['019', 'Bank Saderat Iran'],
    ['054', 'Parsian Bank'],
    ['056', 'Saman Bank'],
    ['057', 'Bank Pasargad'],
  ])('contains the iran.md code %s (%s)', (code, nameEn) => {
    expect(findBankByCode(code)?.nameEn).toBe(nameEn);
  });

  it('has unique 3-digit codes and names in both languages', () => {
    const codes = IRANIAN_BANKS.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const bank of IRANIAN_BANKS) {
      expect(bank.code).toMatch(/^\d{3}$/);
      expect(bank.nameFa).not.toBe('');
      expect(bank.nameEn).not.toBe('');
    }
  });
});

describe('validateMobile', () => {
  it.each([
    ['09121234567', '09121234567'],
    ['+989121234567', '09121234567'],
    ['00989121234567', '09121234567'],
    ['9121234567', '09121234567'],
    ['989121234567', '09121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷', '09121234567'],
    ['+98 912 123 4567', '09121234567'],
    ['0912-123-4567', '09121234567'],
  ])('%j is valid → %s', (input, value) => {
    expect(validateMobile(input)).toEqual({ ok: true, value });
    expect(isValidMobile(input)).toBe(true);
  });

  it.each([
    ['0912123456', 'FORMAT'],
    ['08121234567', 'FORMAT'],
    ['091212345678', 'FORMAT'],
    ['+9809121234567', 'FORMAT'],
    ['+19121234567', 'FORMAT'],
    ['0912123456a', 'FORMAT'],
    ['', 'EMPTY'],
  ] as const)('%j fails with %s', (input, reason) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason });
    expect(isValidMobile(input)).toBe(false);
  });

  it.each([
    ['09121234567', 'MCI'],
    ['09101234567', 'MCI'],
    ['09191234567', 'MCI'],
    ['09901234567', 'MCI'],
    ['09961234567', 'MCI'],
    ['09001234567', 'IRANCELL'],
    ['09051234567', 'IRANCELL'],
    ['09301234567', 'IRANCELL'],
    ['09331234567', 'IRANCELL'],
    ['+989351234567', 'IRANCELL'],
    ['09391234567', 'IRANCELL'],
    ['09411234567', 'IRANCELL'],
    ['09201234567', 'RIGHTEL'],
    ['09231234567', 'RIGHTEL'],
    ['09321234567', 'TALIYA'],
    ['09981234567', 'SHATEL'],
    ['09341234567', undefined],
    ['09971234567', undefined],
    ['0912123456', undefined], // invalid number
  ])('operator hint of %s is %s', (input, operator) => {
    expect(mobileOperatorHint(input)).toBe(operator);
  });

  it('has no prefix assigned to two operators', () => {
    const all = Object.values(MOBILE_OPERATOR_PREFIXES).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(17 + 14 + 4 + 1 + 1);
  });

  it('normalises every accepted prefix form to the same value', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^9\d{9}$/),
        fc.constantFrom('', '0', '98', '+98', '0098'),
        (rest, prefix) => {
          expect(validateMobile(prefix + rest)).toEqual({ ok: true, value: `0${rest}` });
        },
      ),
    );
  });
});
