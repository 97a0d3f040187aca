import { describe, expect, it } from 'vitest';
import { heldAt, knownAnswers, mergeUnder, titleAt } from './prefill';

const schema = {
  type: 'object',
  properties: {
    reason: { type: 'string', title: 'علت' },
    applicant: { type: 'object', title: 'متقاضی', properties: { workplace: { type: 'object', properties: { employer: { type: 'string', title: 'کارفرما' } } } } },
  },
};
const prefill = {
  fields: [
    { field: 'applicant.nationalCode', value: '0499370899', source: 'profile' as const },
    { field: 'applicant.workplace.employer', value: 'شرکت ب', source: 'earlier_request' as const },
    { field: 'reason', value: 'تمدید', source: 'earlier_request' as const },
    { field: 'gone', value: 'x', source: 'earlier_request' as const },
  ],
};

describe('the apply page’s prefill', () => {
  it('sets each dotted path in nested objects, only under the form’s own fields', () => {
    expect(knownAnswers(prefill, ['reason', 'applicant'])).toEqual({ reason: 'تمدید', applicant: { nationalCode: '0499370899', workplace: { employer: 'شرکت ب' } } });
    expect(knownAnswers(undefined, ['reason'])).toEqual({});
  });

  it('a saved draft wins field by field at every depth', () => {
    const known = knownAnswers(prefill, ['reason', 'applicant']);
    expect(mergeUnder(known, { applicant: { workplace: { employer: 'شرکت ج' } } })).toEqual({
      reason: 'تمدید',
      applicant: { nationalCode: '0499370899', workplace: { employer: 'شرکت ج' } },
    });
    expect(heldAt({ applicant: { workplace: { employer: '' } } }, 'applicant.workplace.employer')).toBe(true);
    expect(heldAt({ applicant: {} }, 'applicant.nationalCode')).toBe(false);
  });

  it('names a nested field by its title', () => {
    expect(titleAt(schema, 'applicant.workplace.employer')).toBe('کارفرما');
    expect(titleAt(schema, 'reason')).toBe('علت');
    expect(titleAt(schema, 'applicant.unknown')).toBe('applicant.unknown');
  });
});
