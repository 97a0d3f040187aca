import { describe, expect, it } from 'vitest';
import { REQUIRED_CARD_FIELDS, requiredCardPaths, validateCardForSubmission } from './card-required';
import { ServiceCardContent } from './catalogue';
import { requestableOnline } from './desk';

const LAW = '3f0c8a1e-0000-4000-8000-000000000001';
const AGENCY = '3f0c8a1e-0000-4000-8000-000000000002';

describe('the fields a card must have to be submitted', () => {
  it('are one list: every problem of an empty card is at a field the editor marks mandatory', () => {
    const empty = ServiceCardContent.parse({});
    const required = requiredCardPaths(empty);
    const problems = validateCardForSubmission(empty);
    expect(problems.length).toBeGreaterThan(20);
    for (const p of problems) expect(required.has(p.path), p.path).toBe(true);
    expect(problems.slice(0, 3)).toEqual([
      { path: 'title', code: 'REQUIRED' },
      { path: 'description', code: 'REQUIRED' },
      { path: 'recipients', code: 'REQUIRED' },
    ]);
    // The English title is optional, and so are life events and offices.
    for (const optional of ['titleEn', 'lifeEvents', 'offices', 'collaboratingAgencyIds'])
      expect(required.has(optional), optional).toBe(false);
  });

  it('follow the card: rows, by-inquiry documents, paid fees, electronic channels, plans for non-electronic services', () => {
    const c = ServiceCardContent.parse({
      documents: [{ title: 'کارت ملی' }, { title: 'گواهی', byInquiry: true }],
      fees: [{ title: 'هزینه', amountRials: 1000 }, { title: 'رایگان', amountRials: 0 }],
      channels: { request: ['counter'] },
      maturity: { level: 'non_electronic' },
      inPersonVisits: { count: 2 },
      process: { extensionAllowed: true },
      recipients: ['G2G'],
    });
    const required = requiredCardPaths(c);
    for (const p of [
      'documents.0.title',
      'documents.0.mandatory',
      'documents.1.evidenceType',
      'documents.1.providerAgencyId',
      'fees.0.sheba',
      'maturity.plannedDate',
      'maturity.reason',
      'inPersonVisits.reason',
      'process.extensionTermDays',
    ])
      expect(required.has(p), p).toBe(true);
    for (const p of ['documents.0.evidenceType', 'fees.1.sheba', 'channels.eServiceUrl', 'identity.personTypes'])
      expect(required.has(p), p).toBe(false);
    // Row by row, in the order the card is read.
    const docs = validateCardForSubmission(c).filter((p) => p.path.startsWith('documents.'));
    expect(docs.map((p) => p.path)).toEqual([
      'documents.0.mandatory',
      'documents.1.mandatory',
      'documents.1.evidenceType',
      'documents.1.providerAgencyId',
    ]);
    expect(validateCardForSubmission(c)).toEqual(
      expect.arrayContaining([
        { path: 'process.extensionTermDays', code: 'EXTENSION_TERM_REQUIRED' },
        { path: 'maturity.plannedDate', code: 'MATURITY_PLAN_REQUIRED' },
      ]),
    );
    // What the draft schema needs of a row is marked too: a law reference's law and article, in a fee as well.
    const refs = ServiceCardContent.parse({
      legalBasis: [{ lawId: LAW, article: '1' }],
      fees: [{ title: 'هزینه', legalBasis: [{ lawId: LAW, article: '2' }] }],
    });
    for (const p of ['legalBasis.0.lawId', 'legalBasis.0.article', 'fees.0.legalBasis.0.article'])
      expect(requiredCardPaths(refs).has(p), p).toBe(true);
    // An electronic channel asks for the link; an exemption replaces the plan.
    const web = ServiceCardContent.parse({
      channels: { information: ['web'] },
      maturity: { level: 'informational', exemption: { reference: '۱۲', approvedOn: '1403/01/01' } },
    });
    expect(requiredCardPaths(web).has('channels.eServiceUrl')).toBe(true);
    expect(requiredCardPaths(web).has('maturity.plannedDate')).toBe(false);
    expect(requiredCardPaths(web).has('maturity.exemption.reference')).toBe(true);
  });

  it('leave a complete card with nothing to report', () => {
    const c = ServiceCardContent.parse({
      title: 'صدور پروانه',
      description: 'شرح',
      recipients: ['G2C'],
      nature: 'sovereign',
      level: 'national',
      startMode: 'on_request',
      legalBasis: [{ lawId: LAW, article: '1' }],
      documents: [{ title: 'گواهی', mandatory: true, byInquiry: true, evidenceType: 'گواهی', providerAgencyId: AGENCY }],
      inquiries: [],
      identity: { personTypes: ['real'], assuranceLevel: 'low' },
      fees: [],
      inPersonVisits: { count: 0 },
      channels: { information: ['counter'], request: ['counter'], delivery: ['post'] },
      process: {
        start: { description: 'ثبت' },
        production: { description: 'بررسی' },
        delivery: { description: 'تحویل' },
        legalDeadlineDays: 10,
        normDays: 5,
        extensionAllowed: false,
      },
      complaintRoute: '۱۱۱',
      maturity: { level: 'non_electronic', plannedDate: '1405/01/01', reason: 'در دست ساخت' },
    });
    expect(validateCardForSubmission(c)).toEqual([]);
    expect(REQUIRED_CARD_FIELDS.every((r) => r.path.length > 0)).toBe(true);
  });
});

describe('requested online', () => {
  it.each([
    [{ maturity: 'transactional', requestChannels: ['web'] }, true],
    [{ maturity: 'interactive', requestChannels: ['counter', 'mobile_app'] }, true],
    [{ maturity: 'transactional', requestChannels: ['counter', 'in_person'] }, false],
    [{ maturity: 'informational', requestChannels: ['web'] }, false],
    [{ maturity: 'non_electronic', requestChannels: ['web'] }, false],
    [{ maturity: null, requestChannels: ['web'] }, false],
  ])('%j → %s', (s, expected) => expect(requestableOnline(s)).toBe(expected));
});
