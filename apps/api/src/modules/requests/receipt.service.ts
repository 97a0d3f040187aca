import { formatRials, normalizeDisplay, toPersianDigits } from '@dargah/persian';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { renderPdf } from '../../platform/pdf';
import { versionFormSchema } from '../services';
import { getRequest } from './requests.service';

/** The public tracking page's address for a tracking code: what the receipt's QR holds. */
export const publicTrackingUrl = (baseUrl: string, trackingCode: string): string => `${baseUrl}/track?code=${encodeURIComponent(trackingCode)}`;

/** A form answer as the receipt prints it: text and numbers (Persian digits), yes/no; anything else is left out. */
function shown(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'بله' : 'خیر';
  if (typeof v === 'number' && Number.isFinite(v)) return toPersianDigits(String(v));
  if (typeof v === 'string' && v.trim()) return toPersianDigits(normalizeDisplay(v)).slice(0, 2000);
  return undefined;
}

/**
 * The receipt (رسید) of a request as a printable Persian PDF: the tracking code, the service, the
 * applicant, when it was received and the answer date, the form's answers under their labels, the fee
 * paid through the payment gateway (amount and reference number) when one was, and a
 * QR to public tracking. For whoever may open the request (its applicant, desk staff of its agency);
 * anyone else gets REQUEST_NOT_FOUND. Rendered from the stored request each time: nothing is kept.
 */
export async function receiptPdf(ctx: AppContext, actor: Actor, id: string): Promise<{ pdf: Buffer; fileName: string }> {
  const r = await getRequest(ctx, actor, id, 'fa');
  // The labels of the version the request was submitted on: a later version may rename or drop fields.
  const schema = await versionFormSchema(ctx.database.db, r.serviceId, r.serviceVersion);
  const properties = (schema?.properties ?? {}) as Record<string, { title?: unknown }>;
  const fields = Object.entries(r.form).flatMap(([key, value]) => {
    const v = shown(value);
    const title = properties[key]?.title;
    return v === undefined ? [] : [{ label: (typeof title === 'string' && title.trim() ? title : key).slice(0, 100), value: v }];
  });
  const tracking = publicTrackingUrl(ctx.config.PUBLIC_BASE_URL, r.trackingCode);
  const pdf = await renderPdf(
    'receipt',
    {
      title: 'رسید دریافت درخواست',
      agency: { name: r.agencyName },
      qr: { payload: tracking, caption: 'پیگیری درخواست' },
      receipt: {
        trackingCode: r.trackingCode,
        serviceName: r.serviceTitle,
        applicantName: r.applicant?.company?.name ?? r.applicant?.person.name ?? '—',
        receivedAt: new Date(r.submittedAt),
        // dueAt is the first instant after the answer day.
        answerDueAt: new Date(new Date(r.dueAt).getTime() - 1),
        fields: fields.slice(0, 40),
        notes: [
          // The fee paid through the payment gateway (ADR 0037).
          ...(r.payment ? [`هزینهٔ پرداخت‌شده: ${formatRials(r.payment.amountRials)}؛ شماره مرجع پرداخت: ${toPersianDigits(r.payment.referenceNumber)}`] : []),
          'موعد پاسخ بر پایه‌ی روزهای کاری دستگاه و زمان استاندارد خدمت حساب شده است.',
          `پیگیری بدون ورود: ${tracking} (کد رهگیری و کد ملی درخواست‌دهنده)`,
        ],
      },
    },
    { agencyId: r.agencyId },
  );
  return { pdf, fileName: `receipt-${r.trackingCode}.pdf` };
}
