import { ANSWER_TEMPLATE_MAX_CHARS, parseAnswerTemplate } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { sealAuditNow } from '../../../test/audit';
import { persianDigits } from '../../../test/desk';
import { buildAgency, buildStaff, linkToApprovedCard, nextAddress, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { rows } from '../../platform/db';
import { pdfText, readQr, squeezed } from '../../platform/pdf/test-support';
import { insertLaw } from '../laws/laws.repository';
import { createService } from '../services';

/*
 * A service version's output template drives the signed answer (issue 11 items 1 and 7, ADR 0038):
 * the template is Persian text with named placeholders, checked on save (unknown placeholder,
 * unbalanced braces, NUL, oversize: each at body.outputTemplate with its place), filled with the
 * request's values and placed as text — Typst-looking text in the template or in a form value is
 * printed as it is; a request keeps its version's template after a later one is published; the
 * editor's preview; and POST /decide issuing the same signed answer as POST /answer.
 */

let t: TestApp;
let serviceId: string;
let lawServiceId: string;
let admin: Session;
let clerk: Session;
let otherAdmin: Session;
let applicant: Session & { id: string };

const FORM = {
  type: 'object',
  required: ['fullName', 'kind'],
  properties: {
    fullName: { type: 'string', title: 'نام کامل', maxLength: 200 },
    kind: { type: 'string', title: 'نوع گواهی', oneOf: [{ const: 'single', title: 'تک‌برگی' }, { const: 'double', title: 'دوبرگی' }] },
    copies: { type: 'integer', title: 'شمار نسخه‌ها' },
  },
};
const HOSTILE = '#read("/etc/passwd") ] #import "x" $x^2$ \\ #{1+1}';
const TEMPLATE_V2 = [
  'بدین‌وسیله به آگاهی {{applicant.name}} می‌رساند که درخواست {{trackingCode}} برای {{service.title}} با نتیجه‌ی «{{decision}}» بررسی شد.',
  '',
  'نام در فرم: {{ form.fullName }}؛ نوع: {{form.kind}}؛ نسخه‌ها: {{form.copies}}؛ تاریخ: {{date}}',
  '',
  'متن ثابت با نشانه‌های تایپست: #read("/etc/passwd") و #import "lib.typ" و $x$ و ] و \\ و {یک کمانک}.',
].join('\n');

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Session | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(who?.headers ?? {}), 'accept-language': 'fa', ...headers },
    remoteAddress: nextAddress(),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const count = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(t.ctx.database.db, q))[0]!.n;
/** The text without whitespace or ZWNJ (pdftotext moves a ZWNJ to the other side of the letter it sits by). */
const flat = (s: string) => squeezed(s).replace(/\u200c/g, '');
const answerDocuments = () => count(sql`SELECT count(*)::int AS n FROM documents WHERE kind = 'answer'`);

/** Drafts a version with these parts and publishes it; its number. */
async function publish(id: string, parts: Record<string, unknown>): Promise<number> {
  const drafted = await call('POST', `/services/${id}/versions`, admin, parts);
  expect(drafted.statusCode, drafted.body).toBe(201);
  const v = drafted.json<{ versionNo: number; rowVersion: number }>();
  const published = await call('POST', `/services/${id}/versions/${v.versionNo}/publish`, admin, { rowVersion: v.rowVersion });
  expect(published.statusCode, published.body).toBe(200);
  return v.versionNo;
}

const submit = async (id: string, form: Record<string, unknown>) => {
  const res = await call('POST', '/requests', applicant, { serviceId: id, form });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; trackingCode: string; version: number }>();
};

const answerPdfText = async (requestId: string) => {
  const res = await call('GET', `/requests/${requestId}/answer.pdf`, clerk);
  expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/pdf']);
  return { text: pdfText(res.rawPayload), pdf: res.rawPayload };
};

beforeAll(async () => {
  t = await buildTestApp();
  const agency = (await buildAgency(t, { nameFa: 'اداره کل قالب‌ها' })).id;
  const other = (await buildAgency(t, { nameFa: 'دستگاه دیگر' })).id;
  const now = t.clock.now();
  const base = { agencyId: agency, titleEn: null, descriptionFa: 'شرح', recipients: 'G2C' as const, normDays: 5, formSchema: FORM, published: true };
  serviceId = await createService(t.ctx.database.db, { ...base, titleFa: 'گواهی قالب‌دار' }, now);
  lawServiceId = await createService(t.ctx.database.db, { ...base, titleFa: 'پروانه با مستند قانونی' }, now);
  const lawId = (
    await insertLaw(
      t.ctx.database.db,
      { title: 'قانون آزمایشی قالب', kind: 'law', approvingBody: 'مجلس شورای اسلامی', number: null, approvedOn: '2001-01-01', link: null, articles: [{ number: '3', text: 'ماده سه' }] },
      now,
    )
  ).id;
  await linkToApprovedCard(t, serviceId);
  await linkToApprovedCard(t, lawServiceId, { legalBasis: [{ lawId, article: '3' }] });
  admin = await signInStaff(t, (await buildStaff(t, agency, ['agency_admin'])).username);
  clerk = await signInStaff(t, (await buildStaff(t, agency, ['desk_clerk'], { displayName: 'کارمند پیشخوان' })).username);
  otherAdmin = await signInStaff(t, (await buildStaff(t, other, ['agency_admin'])).username);
  applicant = await signInCitizen(t);
  await rows(t.ctx.database.db, sql`UPDATE citizens SET name = 'زهرا کریمی' WHERE id = ${applicant.id}`);
});
afterAll(() => t?.close());

describe('the template format', () => {
  const fields = ['fullName', 'kind'];

  it('parses paragraphs at blank lines, placeholders by name (spaces allowed), single braces and Typst-looking text as text', () => {
    const parsed = parseAnswerTemplate('سلام {{ applicant.name }} {یک}\n#read("/etc/passwd")\n\n  \n{{form.kind}} $ ] \\', fields);
    expect(parsed).toEqual({
      ok: true,
      template: {
        paragraphs: [
          [{ text: 'سلام ' }, { placeholder: 'applicant.name' }, { text: ' {یک}\n#read("/etc/passwd")' }],
          [{ placeholder: 'form.kind' }, { text: ' $ ] \\' }],
        ],
        uses: new Set(['applicant.name', 'form.kind']),
      },
    });
  });

  it('refuses an unknown placeholder (a field not on the form, code in braces) with its line and column', () => {
    const parsed = parseAnswerTemplate('خط یک\nسلام {{form.missing}} و {{#read("/etc/passwd")}} و {{ applicant.nam }}', fields);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.code, p.line, p.column, p.placeholder])).toEqual([
      ['output_template_unknown_placeholder', 2, 6, 'form.missing'],
      ['output_template_unknown_placeholder', 2, 25, '#read("/etc/passwd")'],
      ['output_template_unknown_placeholder', 2, 52, ' applicant.nam '],
    ]);
    expect(parsed.problems[0]!.offset).toBe('خط یک\nسلام '.length);
  });

  it('refuses unbalanced braces: {{ unclosed, closed on another line, a stray }}', () => {
    for (const [src, column] of [
      ['الف {{date', 5],
      ['الف {{date\n}}', 5],
      ['الف }} ب', 5],
      ['{{ {{date}}', 1],
    ] as const) {
      const parsed = parseAnswerTemplate(src, fields);
      expect(parsed.ok, src).toBe(false);
      if (!parsed.ok) expect([parsed.problems[0]!.code, parsed.problems[0]!.column]).toEqual(['output_template_unbalanced_braces', column]);
    }
  });

  it('refuses NUL and other control characters, and a template over the bound', () => {
    const nul = parseAnswerTemplate('متن\u0000پنهان', fields);
    expect(nul.ok ? undefined : nul.problems[0]).toMatchObject({ code: 'output_template_not_text', column: 4 });
    expect(parseAnswerTemplate('a\u001bb', fields).ok).toBe(false);
    const big = parseAnswerTemplate('ب'.repeat(ANSWER_TEMPLATE_MAX_CHARS + 1), fields);
    expect(big.ok ? undefined : big.problems[0]!.code).toBe('output_template_too_large');
    expect(parseAnswerTemplate('ب'.repeat(ANSWER_TEMPLATE_MAX_CHARS), fields).ok).toBe(true);
  });
});

describe('saving a template on a version', () => {
  it('refuses each problem at body.outputTemplate with its place, in fa and en, changing nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM service_versions`);
    const bad = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: 'سلام\n{{form.nope}} و }}' });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields as Array<{ field: string; code: string; message: string; at: { line: number; column: number } }>;
    expect(fields.map((f) => [f.field, f.code, f.at.line, f.at.column])).toEqual([
      ['body.outputTemplate', 'output_template_unknown_placeholder', 2, 1],
      ['body.outputTemplate', 'output_template_unbalanced_braces', 2, 17],
    ]);
    expect(fields[0]!.message).toContain('سطر ۲، ستون ۱');
    const en = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: '{{x}}' }, { 'accept-language': 'en' });
    expect(en.json().error.details.fields[0].message).toMatch(/^Line 1, column 1: This placeholder is not known/);
    const big = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: 'ب'.repeat(ANSWER_TEMPLATE_MAX_CHARS + 1) });
    expect(big.json().error.details.fields[0].code).toBe('output_template_too_large');
    const huge = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: 'ب'.repeat(100_001) });
    expect([huge.statusCode, huge.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const nul = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: 'متن\u0000' });
    expect([nul.statusCode, nul.json().error.code]).toEqual([400, 'TEXT_NOT_ALLOWED']);
    expect(await count(sql`SELECT count(*)::int AS n FROM service_versions`)).toBe(before);
  });

  it('keeps a valid template, and a blank one as the default (null); another agency’s administrator is refused', async () => {
    const drafted = await call('POST', `/services/${serviceId}/versions`, admin, { outputTemplate: '   \n ' });
    expect([drafted.statusCode, drafted.json().outputTemplate]).toEqual([201, null]);
    const v = drafted.json();
    const edited = await call('PUT', `/services/${serviceId}/versions/${v.versionNo}`, admin, { outputTemplate: TEMPLATE_V2, rowVersion: v.rowVersion });
    expect([edited.statusCode, edited.json().outputTemplate]).toEqual([200, TEMPLATE_V2]);
    const refused = await call('PUT', `/services/${serviceId}/versions/${v.versionNo}`, otherAdmin, { outputTemplate: 'x', rowVersion: edited.json().rowVersion });
    expect(refused.statusCode).toBe(404);
    const published = await call('POST', `/services/${serviceId}/versions/${v.versionNo}/publish`, admin, { rowVersion: edited.json().rowVersion });
    expect(published.statusCode, published.body).toBe(200);
  });
});

describe('the signed answer from the version’s template', () => {
  let onV2: { id: string; trackingCode: string };
  const form = { fullName: `رضا ${HOSTILE}`, kind: 'double', copies: 3 };

  it('the PDF holds the template’s text with the applicant’s values; Typst-looking text prints as it is', async () => {
    onV2 = await submit(serviceId, form);
    // Version 3 is published after the request was submitted: the request stays on version 2's template.
    await publish(serviceId, { outputTemplate: 'متن نسخه‌ی سوم برای {{applicant.name}}.' });
    const res = await call('POST', `/requests/${onV2.id}/answer`, clerk, { decision: 'approve', reasons: 'مدارک کامل است.' });
    expect(res.statusCode, res.body).toBe(200);
    const { text, pdf } = await answerPdfText(onV2.id);
    const got = flat(text);
    expect(got).toContain(flat(`بدین‌وسیله به آگاهی زهرا کریمی می‌رساند که درخواست ${persianDigits(onV2.trackingCode)} برای گواهی قالب‌دار با نتیجه‌ی «تأیید» بررسی شد`));
    expect(got).toContain(flat('نام در فرم: رضا'));
    expect(got).toContain(flat('؛ نوع: دوبرگی؛ نسخه‌ها'));
    // Typst-looking text, in the template and in the form's value, is printed character for character
    // (pdftotext reorders the Latin runs inside the Persian line, so each is looked for on its own):
    // were it evaluated, #read would fail the render or print the file, $…$ would be math, ] would close content.
    for (const literal of ['read("/etc/passwd")', 'import"x"', '$x^2$', '#{1+1}', 'import"lib.typ', '$x$', '{یککمانک}']) expect(got).toContain(literal);
    expect(got.split('#').length - 1).toBe(5);
    expect(got.split(']').length - 1).toBe(2);
    expect(got.split('\\').length - 1).toBe(2);
    expect(got).not.toContain('root:');
    expect(got).not.toContain(flat('متن نسخه‌ی سوم'));
    // The fixed parts stay: the decision table, the reasons (the template does not place them), the QR.
    expect(text).toContain('مدارک کامل است.');
    expect(text).toContain('نتیجه');
    expect(readQr(pdf)).toContain(`/v/${res.json().verificationCode}`);
  });

  it('a request on the newer version gets the newer template', async () => {
    const r = await submit(serviceId, { fullName: 'مینا', kind: 'single' });
    expect((await call('POST', `/requests/${r.id}/answer`, clerk, { decision: 'approve' })).statusCode).toBe(200);
    const { text } = await answerPdfText(r.id);
    expect(flat(text)).toContain(flat('متن نسخه‌ی سوم برای'));
  });

  it('a template placing the reasons and the legal basis does not repeat them below', async () => {
    const v = await publish(lawServiceId, { outputTemplate: 'دلیل: {{reasons}}\n\nمستند: {{legalBasis}}' });
    expect(v).toBe(2);
    const r = await submit(lawServiceId, { fullName: 'سعید', kind: 'single' });
    const basis = (await call('GET', `/requests/${r.id}/legal-bases`, clerk)).json().items;
    const res = await call('POST', `/requests/${r.id}/answer`, clerk, { decision: 'reject', reasons: 'مدرک هویتی ناخواناست.', legalBasis: basis.map((b: { lawId: string; article: string }) => ({ lawId: b.lawId, article: b.article })) });
    expect(res.statusCode, res.body).toBe(200);
    const { text } = await answerPdfText(r.id);
    expect(flat(text)).toContain(flat('دلیل: مدرک هویتی ناخواناست.'));
    expect(flat(text)).toContain(flat('مستند: قانون آزمایشی قالب، ماده ۳'));
    expect(text.split('مدرک هویتی ناخواناست').length - 1).toBe(1);
    // Neither heading of the fixed parts (pdftotext writes the لا of «دلایل» backwards).
    for (const heading of ['دلایل:', 'دالیل:', 'مستند قانونی:']) expect(text).not.toContain(heading);
  });
});

describe('POST /requests/:id/decide issues the signed answer', () => {
  it('an approval gives the request decided and its answer: document, event, audit, the template’s text', async () => {
    const r = await submit(serviceId, { fullName: 'نرگس', kind: 'single' });
    const before = await answerDocuments();
    const res = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'approve', note: 'تأیید شد.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: r.id, status: 'approved' });
    expect(await answerDocuments()).toBe(before + 1);
    const answer = (await call('GET', `/requests/${r.id}/answer`, applicant)).json();
    expect(answer).toMatchObject({ decision: 'approved', reasons: 'تأیید شد.', signatureCount: 0, documentStatus: 'issued' });
    const { text } = await answerPdfText(r.id);
    expect(flat(text)).toContain(flat('متن نسخه‌ی سوم برای'));
    await sealAuditNow(t.ctx.database);
    const audits = await rows<{ action: string }>(t.ctx.database.db, sql`SELECT action FROM audit_entries WHERE object_id = ${r.id} AND action LIKE 'service_request.%' ORDER BY seq`);
    expect(audits.map((a) => a.action)).toEqual(['service_request.submit', 'service_request.approve', 'service_request.answer']);
  });

  it('a rejection needs a note; on a card that cites law it needs the basis (/answer); each refusal changes nothing', async () => {
    const r = await submit(serviceId, { fullName: 'نرگس', kind: 'single' });
    const l = await submit(lawServiceId, { fullName: 'نرگس', kind: 'single' });
    const before = await answerDocuments();
    const noNote = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'reject' });
    expect([noNote.statusCode, noNote.json().error.code]).toEqual([400, 'ANSWER_REASONS_REQUIRED']);
    const noBasis = await call('POST', `/requests/${l.id}/decide`, clerk, { decision: 'reject', note: 'مدارک ناقص است.' });
    expect([noBasis.statusCode, noBasis.json().error.code]).toEqual([400, 'ANSWER_LEGAL_BASIS_REQUIRED']);
    const nul = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'reject', note: 'دلیل\u0000' });
    expect(nul.json().error.code).toBe('TEXT_NOT_ALLOWED');
    expect(await answerDocuments()).toBe(before);
    expect((await call('GET', `/requests/${r.id}`, clerk)).json().status).toBe('submitted');
    const rejected = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'reject', note: 'مدارک ناقص است.' });
    expect([rejected.statusCode, rejected.json().status], rejected.body).toEqual([200, 'rejected']);
    expect((await call('GET', `/requests/${r.id}/answer`, clerk)).json()).toMatchObject({ decision: 'rejected', reasons: 'مدارک ناقص است.' });
  });

  it('a replay with the same Idempotency-Key gives the first reply and no second document; a second decision is refused', async () => {
    const r = await submit(serviceId, { fullName: 'نرگس', kind: 'single' });
    const before = await answerDocuments();
    const key = { 'idempotency-key': `decide-${r.id}` };
    const first = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'approve' }, key);
    const again = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'approve' }, key);
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json()).toEqual(first.json());
    const other = await call('POST', `/requests/${r.id}/decide`, clerk, { decision: 'approve' });
    expect([other.statusCode, other.json().error.code]).toEqual([409, 'REQUEST_ACTION_NOT_ALLOWED']);
    expect(await answerDocuments()).toBe(before + 1);
  });

  it('six decisions at once: one wins, one answer, one document', async () => {
    const r = await submit(serviceId, { fullName: 'نرگس', kind: 'single' });
    const before = await answerDocuments();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call('POST', `/requests/${r.id}/decide`, clerk, i % 2 ? { decision: 'approve' } : { decision: 'reject', note: 'رد همزمان' })),
    );
    expect(results.filter((x) => x.statusCode === 200)).toHaveLength(1);
    expect(results.every((x) => x.statusCode === 200 || x.statusCode === 409)).toBe(true);
    expect(await answerDocuments()).toBe(before + 1);
    expect(await count(sql`SELECT count(*)::int AS n FROM request_answers WHERE request_id = ${r.id}`)).toBe(1);
  });
});

describe('the editor’s preview', () => {
  const preview = (who: Session, outputTemplate: string | null, no = 1, id = serviceId) => call('POST', `/services/${id}/versions/${no}/output-preview`, who, { outputTemplate });

  it('renders the template sent with sample values as a PDF marked as a sample, storing nothing', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM documents`);
    const res = await preview(admin, 'نمونه برای {{applicant.name}} با نام {{form.fullName}}: #read("/etc/passwd")');
    expect([res.statusCode, res.headers['content-type'], res.headers['cache-control']]).toEqual([200, 'application/pdf', 'private, no-store']);
    const text = flat(pdfText(res.rawPayload));
    expect(text).toContain(flat('پیش‌نمایش پاسخ (نمونه، بی‌اعتبار)'));
    expect(text).toContain(flat('نمونه برای نام درخواست‌دهنده (نمونه) با نام «نام کامل»'));
    expect(text).toContain('read("/etc/passwd")');
    expect((await preview(admin, null)).statusCode).toBe(200);
    expect(await count(sql`SELECT count(*)::int AS n FROM documents`)).toBe(before);
  });

  it('refuses a bad template at body.outputTemplate, NUL, another agency, a clerk, an unknown version', async () => {
    const bad = await preview(admin, 'x {{form.nope}}');
    expect([bad.statusCode, bad.json().error.details.fields[0].code, bad.json().error.details.fields[0].at.column]).toEqual([400, 'output_template_unknown_placeholder', 3]);
    expect((await preview(admin, 'a\u0000')).json().error.code).toBe('TEXT_NOT_ALLOWED');
    expect((await preview(admin, 'ب'.repeat(100_001))).statusCode).toBe(400);
    expect((await preview(otherAdmin, 'x')).json().error.code).toBe('SERVICE_NOT_FOUND');
    expect((await preview(clerk, 'x')).statusCode).toBe(403);
    expect((await preview(admin, 'x', 99)).json().error.code).toBe('SERVICE_VERSION_NOT_FOUND');
    expect((await call('POST', `/services/${serviceId}/versions/1/output-preview`, applicant, { outputTemplate: 'x' })).statusCode).toBe(403);
  });
});
