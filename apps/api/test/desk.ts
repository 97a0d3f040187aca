import { createService } from '../src/modules/services';
import type { TestApp } from './app';
import type { Session } from './factories';

/*
 * Desk requests for tests of what comes after them (public tracking, the call centre, feedback):
 * a published G2C service with a one-field form, a citizen's submission, a staff decision.
 */

export const DESK_FORM = {
  type: 'object',
  required: ['reason'],
  properties: { reason: { type: 'string', title: 'علت درخواست', maxLength: 100 } },
  additionalProperties: false,
};

/** A published G2C service of the agency, open for requests (not linked to a card: open by default). */
export const buildDeskService = (t: TestApp, agencyId: string, titleFa = 'گواهی آزمایشی') =>
  createService(
    t.ctx.database.db,
    { agencyId, titleFa, titleEn: 'Test certificate', descriptionFa: 'خدمت آزمایشی', recipients: 'G2C', normDays: 5, formSchema: DESK_FORM, published: true },
    t.clock.now(),
  );

/** The citizen submits a request to the service; its receipt. */
export async function submitDeskRequest(t: TestApp, citizen: Session, serviceId: string): Promise<{ id: string; trackingCode: string; dueDateJalali: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/requests', headers: citizen.headers, payload: { serviceId, form: { reason: 'ارائه به بانک' } } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

/** A staff member decides the request (approve, or reject with its reasons: the signed answer needs them). */
export async function decideDeskRequest(t: TestApp, staff: Session, requestId: string, decision: 'approve' | 'reject' = 'approve'): Promise<void> {
  const payload = decision === 'reject' ? { decision, note: 'مدارک ناقص است.' } : { decision };
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/requests/${requestId}/decide`, headers: staff.headers, payload });
  if (res.statusCode !== 200) throw new Error(res.body);
}

/** Digits as Persian (۰–۹) or Arabic-Indic (٠–٩) ones, as people type them. */
export const persianDigits = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
export const arabicDigits = (s: string) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
