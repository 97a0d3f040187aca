import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** What the desk's workflows tell people besides a decision (ADR 0034): the in-person step, other endings, an escalation. */

/**
 * The applicant is invited to the in-person desk: when and why (the staff member's note) and which
 * originals to bring. They are received only at the in-person desk, never sent to an expert's room.
 */
export const inPersonInvitationTemplate = defineTemplate({
  id: 'requests.in_person_invitation',
  version: 1,
  personalisation: z.object({ trackingCode: z.string(), service: z.string(), note: z.string(), documents: z.string() }),
  channels: {
    sms: {
      fa: { body: 'درگاه: برای درخواست ((trackingCode)) «((service))» به میز خدمت حضوری دستگاه مراجعه کنید. ((note)) مدارک همراه: ((documents)).' },
      en: { body: 'Dargah: for request ((trackingCode)) "((service))" please come to the agency’s in-person desk. ((note)) Bring: ((documents)).' },
    },
    in_app: {
      fa: {
        subject: 'دعوت به میز خدمت حضوری',
        body: 'برای درخواست ((trackingCode)) «((service))» به میز خدمت حضوری دستگاه (نه اتاق کارشناسان) مراجعه کنید. زمان و علت: ((note)) اصل این مدارک را همراه داشته باشید: ((documents)).',
      },
      en: {
        subject: 'Invitation to the in-person desk',
        body: 'For request ((trackingCode)) "((service))" please come to the agency’s in-person desk (not the experts’ offices). When and why: ((note)) Bring the originals of: ((documents)).',
      },
    },
  },
});

/** The request ended another way than a decision (withdrawn, closed unanswered, no visit): its new status in words. */
export const requestEndedTemplate = defineTemplate({
  id: 'requests.ended',
  version: 1,
  personalisation: z.object({ trackingCode: z.string(), service: z.string(), status: z.string() }),
  channels: {
    sms: {
      fa: { body: 'درگاه: درخواست ((trackingCode)) «((service))» بسته شد: ((status)).' },
      en: { body: 'Dargah: request ((trackingCode)) "((service))" was closed: ((status)).' },
    },
    in_app: {
      fa: { subject: 'درخواست شما بسته شد', body: 'درخواست ((trackingCode)) «((service))» بسته شد: ((status)).' },
      en: { subject: 'Your request was closed', body: 'Request ((trackingCode)) "((service))" was closed: ((status)).' },
    },
  },
});

/** The unit manager is told a request missed its state's SLA (once per entry into the state). */
export const requestEscalatedTemplate = defineTemplate({
  id: 'requests.escalated',
  version: 1,
  personalisation: z.object({ trackingCode: z.string(), service: z.string(), status: z.string() }),
  channels: {
    email: {
      fa: { subject: 'ارجاع: مهلت رسیدگی گذشته است', body: 'مهلت رسیدگی درخواست ((trackingCode)) «((service))» در وضعیت «((status))» گذشته است. در کارتابل پیگیری کنید.' },
      en: { subject: 'Escalation: a deadline was missed', body: 'Request ((trackingCode)) "((service))" missed its deadline in state "((status))". Follow it up in the cartable.' },
    },
    in_app: {
      fa: { subject: 'مهلت رسیدگی گذشته است', body: 'مهلت رسیدگی درخواست ((trackingCode)) «((service))» در وضعیت «((status))» گذشته است.' },
      en: { subject: 'A deadline was missed', body: 'Request ((trackingCode)) "((service))" missed its deadline in state "((status))".' },
    },
  },
});
