import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { buildDeskService, persianDigits, submitDeskRequest } from '../../../test/desk';
import { buildAgency, buildStaff, linkToApprovedCard, nextAddress, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { pdfText, readQr } from '../../platform/pdf/test-support';
import { insertLaw } from '../laws/laws.repository';

/*
 * The signed answer (issue 11, item 7): a decision with reasons and the legal basis from the
 * service's card, issued as a PDF through the documents module, signed with the decider's PIN or
 * left in the signers' inbox, downloaded by the applicant once signed, verified from its QR; and
 * its refusals: missing reasons, a basis not on the card, another citizen or agency, NUL,
 * oversized text, a stale version, deciding twice and sixteen decisions at once.
 */

let t: TestApp;
let serviceId: string;
let lawId: string;
const PIN = '246810';
const s = {} as Record<'signer' | 'clerk' | 'other' | 'expertNoKey', Session>;
let applicant: Session & { id: string; nationalCode: string };
let stranger: Session;

const call = (method: 'GET' | 'POST', url: string, who?: Session, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { ...(who?.headers ?? {}), ...headers }, remoteAddress: nextAddress(), ...(payload === undefined ? {} : { payload: payload as object }) });

const answerCount = async (requestId: string) =>
  (await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM request_answers WHERE request_id = ${requestId}`))[0]!.n;
const answerDocuments = async () => (await rows<{ n: number }>(t.ctx.database.db, sql`SELECT count(*)::int AS n FROM documents WHERE kind = 'answer'`))[0]!.n;
const fresh = () => submitDeskRequest(t, applicant, serviceId);

beforeAll(async () => {
  t = await buildTestApp();
  const agency = await buildAgency(t, { nameFa: 'اداره کل پاسخ‌ها' });
  const other = await buildAgency(t, { nameFa: 'دستگاه دیگر' });
  lawId = (
    await insertLaw(
      t.ctx.database.db,
      { title: 'قانون آزمایشی خدمات', kind: 'law', approvingBody: 'مجلس شورای اسلامی', number: null, approvedOn: '2001-01-01', link: null, articles: [{ number: '7', text: 'ماده هفت' }] },
      t.clock.now(),
    )
  ).id;
  serviceId = await buildDeskService(t, agency.id, 'صدور پروانه آزمایشی');
  await linkToApprovedCard(t, serviceId, { legalBasis: [{ lawId, article: '7' }] });
  const mk = async (a: string, roles: Parameters<typeof buildStaff>[2], name: string) => signInStaff(t, (await buildStaff(t, a, roles, { displayName: name })).username);
  s.signer = await mk(agency.id, ['unit_manager'], 'سارا محمدی');
  s.clerk = await mk(agency.id, ['desk_clerk'], 'کارمند پیشخوان');
  s.expertNoKey = await mk(agency.id, ['expert'], 'کارشناس بی‌کلید');
  s.other = await mk(other.id, ['unit_manager'], 'مدیر دیگر');
  expect((await call('POST', '/documents/signer-keys', s.signer, { pin: PIN })).statusCode).toBe(201);
  applicant = await signInCitizen(t);
  stranger = await signInCitizen(t);
});
afterAll(() => t?.close());

describe('the decision form', () => {
  it('offers the legal bases the service’s card cites, to its agency’s desk staff only', async () => {
    const r = await fresh();
    const res = await call('GET', `/requests/${r.id}/legal-bases`, s.clerk);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ lawId, article: '7', lawTitle: 'قانون آزمایشی خدمات' }] });
    expect((await call('GET', `/requests/${r.id}/legal-bases`, s.other)).json().error.code).toBe('REQUEST_NOT_FOUND');
    expect((await call('GET', `/requests/${r.id}/legal-bases`, applicant)).statusCode).toBe(403);
  });

  it('refuses a rejection without reasons or legal basis, a basis not on the card and a partial approval without its parts, in fa and en, changing nothing', async () => {
    const r = await fresh();
    const before = await answerDocuments();
    const cases: Array<[unknown, string]> = [
      [{ decision: 'reject', legalBasis: [{ lawId, article: '7' }] }, 'ANSWER_REASONS_REQUIRED'],
      [{ decision: 'reject', reasons: '   ', legalBasis: [{ lawId, article: '7' }] }, 'ANSWER_REASONS_REQUIRED'],
      [{ decision: 'reject', reasons: 'مدارک ناقص است' }, 'ANSWER_LEGAL_BASIS_REQUIRED'],
      [{ decision: 'reject', reasons: 'مدارک ناقص است', legalBasis: [{ lawId, article: '8' }] }, 'ANSWER_LEGAL_BASIS_NOT_ON_CARD'],
      [{ decision: 'partial', reasons: 'بخشی پذیرفته شد' }, 'ANSWER_NOT_GRANTED_REQUIRED'],
      [{ decision: 'approve', notGranted: 'نسخه دوم' }, 'ANSWER_NOT_GRANTED_REQUIRED'],
    ];
    for (const [payload, code] of cases) {
      const fa = await call('POST', `/requests/${r.id}/answer`, s.signer, payload);
      expect([fa.statusCode, fa.json().error.code]).toEqual([400, code]);
      expect(fa.json().error.message).toMatch(/[\u0600-\u06ff]/);
      const en = await call('POST', `/requests/${r.id}/answer`, s.signer, payload, { 'accept-language': 'en' });
      expect(en.json().error.message).toMatch(/^[A-Z][a-z]/);
    }
    expect((await call('GET', `/requests/${r.id}`, s.clerk)).json().status).toBe('submitted');
    expect([await answerCount(r.id), await answerDocuments()]).toEqual([0, before]);
    expect((await call('GET', `/requests/${r.id}/answer`, applicant)).json().error.code).toBe('ANSWER_NOT_FOUND');
  });
});

describe('a rejection signed with the decider’s PIN', () => {
  let r: { id: string; trackingCode: string };
  let answer: { documentId: string; verificationCode: string; signatureCount: number };

  it('decides, issues and signs the answer in one call, with its event and audit entry', async () => {
    r = await fresh();
    const res = await call('POST', `/requests/${r.id}/answer`, s.signer, { decision: 'reject', reasons: 'گواهی عدم سوءپیشینه پیوست نشده است.', legalBasis: [{ lawId, article: '7' }], pin: PIN });
    expect(res.statusCode).toBe(200);
    answer = res.json();
    expect(answer).toMatchObject({ decision: 'rejected', partial: false, signatureCount: 1, legalBasis: [{ lawId, article: '7', lawTitle: 'قانون آزمایشی خدمات' }] });
    const view = (await call('GET', `/requests/${r.id}`, applicant)).json();
    expect([view.status, view.decisionNote]).toEqual(['rejected', 'گواهی عدم سوءپیشینه پیوست نشده است.']);
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE object_id = ${r.id} AND action LIKE 'service_request.%' ORDER BY seq`);
    expect(audits.map((a) => a.action)).toEqual(['service_request.submit', 'service_request.reject', 'service_request.answer']);
    const docEvents = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM events WHERE stream_type = 'document' AND stream_id = ${answer.documentId} ORDER BY id`);
    expect(docEvents.map((e) => e.action)).toEqual(['issued', 'signed']);
  });

  it('the applicant downloads the PDF: tracking code, decision, reasons, legal basis, and a QR to its verification', async () => {
    const res = await call('GET', `/requests/${r.id}/answer.pdf`, applicant);
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/pdf']);
    const text = pdfText(res.rawPayload);
    expect(text).toContain(persianDigits(r.trackingCode));
    expect(text).toContain('رد');
    expect(text).toContain('گواهی عدم سوءپیشینه');
    expect(text).toContain('قانون آزمایشی خدمات');
    expect(text).toContain('صدور پروانه آزمایشی');
    expect(readQr(res.rawPayload)).toBe(`${t.ctx.config.PUBLIC_BASE_URL}/v/${answer.verificationCode}?d=${answer.documentId}`);
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/v1/documents/verify', headers: { 'content-type': 'application/pdf' }, payload: res.rawPayload, remoteAddress: nextAddress() });
    expect([uploaded.json().verdict.code, uploaded.json().document.verificationCode]).toEqual(['valid', answer.verificationCode]);
  });

  it('verifies by its code: valid, signed by the decider, kind answer', async () => {
    const v = (await call('GET', `/documents/verify/${answer.verificationCode}`)).json();
    expect(v.verdict.code).toBe('valid');
    expect(v.document).toMatchObject({ kind: 'answer', status: 'issued' });
    expect(v.signatures.map((x: { signer: { name: string } }) => x.signer.name)).toEqual(['سارا محمدی']);
  });

  it('public tracking says a signed answer exists and serves nothing of it', async () => {
    const res = await call('POST', '/requests/track', undefined, { trackingCode: r.trackingCode, nationalCode: applicant.nationalCode });
    expect(res.statusCode).toBe(200);
    const steps = res.json().steps as Array<{ action: string; label: string }>;
    expect(steps.map((x) => x.action)).toEqual(['submitted', 'rejected', 'answer_issued']);
    expect(steps.at(-1)!.label).toContain('پاسخ امضاشده');
    expect(res.body).not.toContain(answer.verificationCode);
    expect(res.body).not.toContain(answer.documentId);
  });

  it('another citizen, another agency’s staff and nobody signed in cannot read or download it', async () => {
    for (const path of [`/requests/${r.id}/answer.pdf`, `/requests/${r.id}/answer`]) {
      expect((await call('GET', path, stranger)).json().error.code).toBe('REQUEST_NOT_FOUND');
      expect((await call('GET', path, s.other)).json().error.code).toBe('REQUEST_NOT_FOUND');
      expect((await call('GET', path)).statusCode).toBe(401);
    }
  });

  it('deciding again is refused and issues nothing', async () => {
    const before = await answerDocuments();
    const again = await call('POST', `/requests/${r.id}/answer`, s.signer, { decision: 'approve' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'REQUEST_ACTION_NOT_ALLOWED']);
    expect([await answerCount(r.id), await answerDocuments()]).toEqual([1, before]);
  });
});

describe('an answer without the signer’s PIN', () => {
  it('waits in the signers’ inbox; the applicant may download it only once it is signed', async () => {
    const r = await fresh();
    const res = await call('POST', `/requests/${r.id}/answer`, s.expertNoKey, { decision: 'partial', reasons: 'نسخه دوم لازم نیست.', notGranted: 'صدور نسخه دوم' });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ decision: 'approved', partial: true, notGranted: 'صدور نسخه دوم', signatureCount: 0 });
    const denied = await call('GET', `/requests/${r.id}/answer.pdf`, applicant);
    expect([denied.statusCode, denied.json().error.code]).toEqual([409, 'ANSWER_NOT_SIGNED']);
    const staffCopy = await call('GET', `/requests/${r.id}/answer.pdf`, s.clerk);
    expect(staffCopy.statusCode).toBe(200);
    expect(pdfText(staffCopy.rawPayload)).toContain('صدور نسخه دوم');
    const inbox = (await call('GET', '/documents/to-sign', s.signer)).json();
    expect(inbox.items.map((d: { id: string }) => d.id)).toContain(a.documentId);
    expect((await call('POST', `/documents/${a.documentId}/sign`, s.signer, { pin: PIN })).statusCode).toBe(200);
    const signed = await call('GET', `/requests/${r.id}/answer.pdf`, applicant);
    expect(signed.statusCode).toBe(200);
    expect((await call('GET', `/requests/${r.id}/answer`, applicant)).json().signatureCount).toBe(1);
  });

  it('a wrong PIN leaves the decision standing, the document unsigned and says why', async () => {
    const r = await fresh();
    const res = await call('POST', `/requests/${r.id}/answer`, s.signer, { decision: 'approve', pin: '000000' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'approved', signatureCount: 0, signingError: 'SIGNER_PIN_WRONG' });
    expect((await call('GET', `/requests/${r.id}`, s.clerk)).json().status).toBe('approved');
    // The right PIN resets the count (the key is not left near its lock for the other tests).
    expect((await call('POST', `/documents/${res.json().documentId}/sign`, s.signer, { pin: PIN })).statusCode).toBe(200);
  });
});

describe('abuse', () => {
  it('sixteen decisions at once: one decision, one answer, one document; the others’ documents never recorded', async () => {
    const r = await fresh();
    const before = await answerDocuments();
    const all = await Promise.all(
      Array.from({ length: 16 }, (_, i) => call('POST', `/requests/${r.id}/answer`, s.signer, i % 2 ? { decision: 'approve' } : { decision: 'reject', reasons: 'ناقص', legalBasis: [{ lawId, article: '7' }] })),
    );
    const codes = all.map((x) => x.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    expect([await answerCount(r.id), await answerDocuments()]).toEqual([1, before + 1]);
    const events = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM events WHERE stream_type = 'service_request' AND stream_id = ${r.id} ORDER BY id`);
    expect(events.filter((e) => e.action === 'answer_issued')).toHaveLength(1);
  });

  it('the same Idempotency-Key twice returns the first answer and issues one document', async () => {
    const r = await fresh();
    const before = await answerDocuments();
    const headers = { 'idempotency-key': `answer-${r.id}` };
    const [a, b] = await Promise.all([
      call('POST', `/requests/${r.id}/answer`, s.signer, { decision: 'approve', reasons: 'کامل است' }, headers),
      call('POST', `/requests/${r.id}/answer`, s.signer, { decision: 'approve', reasons: 'کامل است' }, headers),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().documentId).toBe(b.json().documentId);
    expect([await answerCount(r.id), await answerDocuments()]).toEqual([1, before + 1]);
  });

  it('NUL in the reasons, oversized reasons, a stale version, another agency and the wrong role are refused, changing nothing', async () => {
    const r = await fresh();
    const basis = [{ lawId, article: '7' }];
    const send = (who: Session, payload: unknown) => call('POST', `/requests/${r.id}/answer`, who, payload);
    expect((await send(s.signer, { decision: 'reject', reasons: 'دلیل\u0000پنهان', legalBasis: basis })).json().error.code).toBe('TEXT_NOT_ALLOWED');
    expect((await send(s.signer, { decision: 'reject', reasons: 'ب'.repeat(4001), legalBasis: basis })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await send(s.signer, { decision: 'partial', reasons: 'بخشی', notGranted: 'ب'.repeat(2001) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await send(s.signer, { decision: 'reject', reasons: 'ناقص', legalBasis: Array.from({ length: 21 }, () => basis[0]) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await send(s.signer, { decision: 'approve', version: 99 })).json().error.code).toBe('CONFLICT');
    expect((await send(s.other, { decision: 'approve' })).json().error.code).toBe('REQUEST_NOT_FOUND');
    expect((await send(applicant, { decision: 'approve' })).statusCode).toBe(403);
    expect((await send(s.signer, { decision: 'maybe' })).json().error.code).toBe('VALIDATION_FAILED');
    expect(await answerCount(r.id)).toBe(0);
    expect((await call('GET', `/requests/${r.id}`, s.clerk)).json().status).toBe('submitted');
  });
});
