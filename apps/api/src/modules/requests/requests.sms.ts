import { formatJalali, toPersianDigits } from '@dargah/persian';

/**
 * The text messages of the service desk (Persian: a citizen's phone reads them). Tracking codes
 * and dates in Persian digits, dates in the Jalali calendar (Tehran).
 */

/** The day a `dueAt` instant closes (it is exclusive), e.g. `۱۹ فروردین ۱۴۰۳`. */
const dueDayText = (dueAt: Date) => formatJalali(new Date(dueAt.getTime() - 1), { locale: 'fa' });

/** Sent in the submission's transaction: the tracking code and the answer date. */
export const submittedSms = (r: { trackingCode: string; serviceTitle: string; dueAt: Date }) =>
  `درگاه: درخواست شما برای «${r.serviceTitle}» ثبت شد. کد رهگیری: ${toPersianDigits(r.trackingCode)}. پاسخ تا ${dueDayText(r.dueAt)}.`;

/** Sent with a decision. */
export function decisionSms(decision: 'approved' | 'rejected', r: { trackingCode: string; serviceTitle: string }): string {
  const code = toPersianDigits(r.trackingCode);
  return decision === 'approved'
    ? `درگاه: درخواست شما با کد رهگیری ${code} برای «${r.serviceTitle}» تأیید شد.`
    : `درگاه: درخواست شما با کد رهگیری ${code} برای «${r.serviceTitle}» رد شد. علت را در درگاه ببینید.`;
}
