import { ServiceCardContent, requiredCardPaths, validateCardForSubmission } from '@dargah/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api';
import {
  cardProblemsOf,
  contentFromForm,
  emptyDocument,
  emptyFee,
  emptyForm,
  emptyLawRef,
  fieldId,
  formFromContent,
  hintsOf,
  placePath,
  readerDigits,
} from './cardForm';

const LAW = '6f1c1c34-3a8e-4c55-9a55-2b7f6a0d1e11';
const AGENCY = '0b8f7f5e-2e0a-4d3c-8a1b-6e8f3f3c2d10';
const SHEBA = 'IR062960000000100324200001';

const complete = {
  title: 'صدور گواهی مهارت',
  subServices: [{ title: 'صدور المثنی' }],
  description: 'صدور گواهی‌نامهٔ مهارت برای کارآموزان.',
  collaboratingAgencyIds: [AGENCY],
  recipients: ['G2C'],
  nature: 'supportive',
  level: 'national',
  lifeEvents: ['employment'],
  startMode: 'on_request',
  legalBasis: [{ lawId: LAW, article: '8' }],
  documents: [
    { title: 'کارت ملی', mandatory: true, byInquiry: true, evidenceType: 'کارت ملی', providerAgencyId: AGENCY },
  ],
  inquiries: [],
  identity: { personTypes: ['real'], assuranceLevel: 'substantial' },
  fees: [{ title: 'هزینهٔ صدور', amountRials: 500000, legalBasis: [{ lawId: LAW, article: '8' }], sheba: SHEBA }],
  inPersonVisits: { count: 0 },
  channels: { information: ['web'], request: ['web'], delivery: ['post'], eServiceUrl: 'https://example.ir/s' },
  process: {
    start: { description: 'دریافت' },
    production: { description: 'بررسی' },
    delivery: { description: 'ارسال' },
    legalDeadlineDays: 10,
    normDays: 7,
    extensionAllowed: true,
    extensionTermDays: 5,
  },
  complaintRoute: 'سامانهٔ ۱۱۱',
  maturity: { level: 'non_electronic', plannedDate: '1405/06/31', reason: 'زیرساخت' },
  classification: {},
  offices: [{ name: 'دفتر مرکزی', hours: '۸ تا ۱۴' }],
};

describe('the card form', () => {
  it('carries a complete card through the form and back unchanged', () => {
    const back = contentFromForm(formFromContent(complete));
    const expected = { ...complete } as Record<string, unknown>;
    delete expected.classification; // empty: left out
    expect(back).toEqual(expected);
    expect(validateCardForSubmission(ServiceCardContent.parse(back))).toEqual([]);
  });

  it('sends an empty form as an empty draft, and unanswered lists as missing', () => {
    expect(contentFromForm(emptyForm())).toEqual({});
    const problems = validateCardForSubmission(ServiceCardContent.parse(contentFromForm(emptyForm())));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['title', 'documents', 'fees', 'inquiries']));
  });

  it('answers "no documents" with an empty list, and keeps blank rows so row i is row i', () => {
    const f = emptyForm();
    f.documentsAnswer = 'no';
    f.documents = [emptyDocument()];
    expect(contentFromForm(f).documents).toEqual([]);
    f.documentsAnswer = 'yes';
    const second = emptyDocument();
    second.title = 'گواهی';
    f.documents = [emptyDocument(), second];
    expect(contentFromForm(f).documents).toEqual([{}, { title: 'گواهی' }]);
    f.legalBasis = [emptyLawRef()];
    const parsed = ServiceCardContent.safeParse(contentFromForm(f));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['legalBasis', 0, 'lawId']);
  });

  it('reads numbers typed with Persian digits; what is not a number goes as typed for the server to refuse', () => {
    const f = emptyForm();
    f.process.legalDeadlineDays = '۱۰';
    f.process.normDays = '۱۲';
    f.inPersonVisits.count = 'دو';
    const c = contentFromForm(f) as Record<string, Record<string, unknown>>;
    expect(c.process).toEqual({ legalDeadlineDays: 10, normDays: 12 });
    expect(c.inPersonVisits).toEqual({ count: 'دو' });
    const parsed = ServiceCardContent.safeParse(c);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['inPersonVisits.count']);
    // Once the rest is well formed, the rule between fields names the norm.
    f.inPersonVisits.count = '۰';
    const again = ServiceCardContent.safeParse(contentFromForm(f));
    expect(again.error!.issues.map((i) => i.path.join('.'))).toEqual(['process.normDays']);
  });

  it('hints at a norm above the deadline, a bad Sheba, a bad date and a non-number', () => {
    const f = formFromContent(complete, readerDigits('fa'));
    expect(f.process.normDays).toBe('۷');
    expect(f.maturity.plannedDate).toBe('۱۴۰۵/۰۶/۳۱');
    expect(hintsOf(f)).toEqual({});
    f.process.normDays = '۱۱';
    f.fees[0]!.sheba = 'IR062960000000100324200002';
    f.maturity.plannedDate = '۱۴۰۵/۱۳/۰۱';
    f.inPersonVisits.count = '1.5';
    expect(hintsOf(f)).toEqual({
      'process.normDays': 'normAboveDeadline',
      'fees.0.sheba': 'shebaInvalid',
      'maturity.plannedDate': 'jalaliInvalid',
      'inPersonVisits.count': 'notWholeNumber',
    });
  });
});

describe('problems from the server', () => {
  it('reads CARD_INCOMPLETE and VALIDATION_FAILED field paths as content paths', () => {
    const incomplete = new ApiError(400, 'CARD_INCOMPLETE', 'ناقص', {
      fields: [
        { field: 'content.documents.0.title', code: 'REQUIRED', message: 'الزامی' },
        { field: 'body.version', code: 'too_small', message: 'کوچک' },
      ],
    });
    expect(cardProblemsOf(incomplete)).toEqual([
      { path: 'documents.0.title', message: 'الزامی' },
      { path: null, message: 'کوچک' },
    ]);
    const invalid = new ApiError(400, 'VALIDATION_FAILED', 'نادرست', {
      fields: [{ field: 'body.content.process.normDays', code: 'NORM_EXCEEDS_DEADLINE', message: 'نرم' }],
    });
    expect(cardProblemsOf(invalid)).toEqual([{ path: 'process.normDays', message: 'نرم' }]);
    expect(cardProblemsOf(new ApiError(409, 'CONFLICT', 'x'))).toBeNull();
    expect(cardProblemsOf(new Error('x'))).toBeNull();
  });

  it('places a problem at its control, or at the nearest enclosing one', () => {
    const controls = new Set(['legalBasis', 'legalBasis.0.lawId', 'documents']);
    const exists = (p: string) => controls.has(p);
    expect(placePath('legalBasis.0.lawId', exists)).toBe('legalBasis.0.lawId');
    expect(placePath('legalBasis.3', exists)).toBe('legalBasis');
    expect(placePath('documents', exists)).toBe('documents');
    expect(placePath('version', exists)).toBeNull();
    expect(fieldId('fees.0.legalBasis.1.article')).toBe('cf-fees-0-legalBasis-1-article');
  });

  it('marks what submission needs as the card is typed: a fee typed in Persian digits needs its Sheba', () => {
    const form = emptyForm();
    const required = requiredCardPaths(contentFromForm(form));
    expect(required.has('title')).toBe(true);
    expect(required.has('titleEn')).toBe(false);
    expect(required.has('channels.eServiceUrl')).toBe(false);
    const paid = {
      ...form,
      feesAnswer: 'yes' as const,
      fees: [{ ...emptyFee(), amountRials: '۲۵۰٬۰۰۰' }, emptyFee()],
      channels: { ...form.channels, request: ['web'] },
    };
    const now = requiredCardPaths(contentFromForm(paid));
    expect(now.has('fees.0.sheba')).toBe(true);
    expect(now.has('fees.1.sheba')).toBe(false);
    expect(now.has('fees.1.title')).toBe(true);
    expect(now.has('channels.eServiceUrl')).toBe(true);
  });
});
