import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildAgency, buildStaff, signInCitizen, signInStaff, type Session } from '../../../test/factories';
import { pdfText, readQr } from '../../platform/pdf/test-support';
import { createService } from '../services';

/*
 * The receipt as a printable PDF: what it says (Persian digits, Jalali dates, the form's answers
 * under their labels), its QR to public tracking, and who may download it.
 */
let t: TestApp;
let serviceId: string;
let clerkA: Session;
let clerkB: Session;
beforeAll(async () => {
  t = await buildTestApp();
  const a = await buildAgency(t, { nameFa: 'اداره کل ثبت رسید' });
  const b = await buildAgency(t, { nameFa: 'اداره دیگر' });
  serviceId = await createService(
    t.ctx.database.db,
    {
      agencyId: a.id,
      titleFa: 'صدور گواهی رسید',
      titleEn: 'Receipt certificate',
      descriptionFa: 'خدمت آزمایشی',
      recipients: 'G2C',
      normDays: 5,
      formSchema: {
        type: 'object',
        required: ['reason', 'count'],
        properties: { reason: { type: 'string', title: 'علت درخواست' }, count: { type: 'integer', title: 'تعداد نسخه' }, urgent: { type: 'boolean', title: 'فوری' } },
        additionalProperties: false,
      },
      published: true,
    },
    t.clock.now(),
  );
  clerkA = await signInStaff(t, (await buildStaff(t, a.id, ['desk_clerk'])).username);
  clerkB = await signInStaff(t, (await buildStaff(t, b.id, ['desk_clerk'])).username);
});
afterAll(() => t?.close());

const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });

describe('GET /requests/:id/receipt.pdf', () => {
  it('gives the applicant a Persian PDF with the tracking code, the answer date, the answers and a QR to public tracking', async () => {
    const citizen = await signInCitizen(t);
    const submitted = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId, form: { reason: 'ارائه به بانک', count: 3, urgent: true } } });
    expect(submitted.statusCode).toBe(201);
    const r = submitted.json();
    const res = await get(`/api/v1/requests/${r.id}/receipt.pdf`, citizen);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="receipt-${r.trackingCode}.pdf"`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const fa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    expect(text).toContain(fa(r.trackingCode));
    expect(text).toContain('صدور گواهی رسید');
    expect(text).toContain('علت درخواست');
    expect(text).toContain('ارائه به بانک');
    expect(text).toContain(fa(r.dueDateJalali));
    // Digits are Persian on paper; only the tracking address keeps ASCII (it is typed into a browser).
    expect(text.replace(/https?:\/\/\S+/g, '')).not.toMatch(/[0-9]/);
    expect(readQr(pdf)).toBe(`${t.ctx.config.PUBLIC_BASE_URL}/track?code=${r.trackingCode}`);
    expect((await get(`/api/v1/requests/${r.id}/receipt.pdf?disposition=inline`, citizen)).headers['content-disposition']).toMatch(/^inline;/);
  });

  it('is for the applicant and desk staff of the agency only: another citizen, another agency and no session are refused alike', async () => {
    const citizen = await signInCitizen(t);
    const r = (await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId, form: { reason: 'سایر', count: 1 } } })).json();
    expect((await get(`/api/v1/requests/${r.id}/receipt.pdf`, clerkA)).statusCode).toBe(200);
    const stranger = await signInCitizen(t);
    for (const s of [stranger, clerkB]) {
      const res = await get(`/api/v1/requests/${r.id}/receipt.pdf`, s);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('REQUEST_NOT_FOUND');
    }
    expect((await get(`/api/v1/requests/${r.id}/receipt.pdf`)).statusCode).toBe(401);
    expect((await get(`/api/v1/requests/not-a-uuid/receipt.pdf`, citizen)).statusCode).toBe(400);
    expect((await get(`/api/v1/requests/${r.id}/receipt.pdf?disposition=evil%00`, citizen)).statusCode).toBe(400);
  });
});
