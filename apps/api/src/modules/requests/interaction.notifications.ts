import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** What the applicant is told while the agency works their request: a correction asked, a staff message. */

const about = z.object({ trackingCode: z.string(), service: z.string() });

export const correctionRequestedTemplate = defineTemplate({
  id: 'requests.correction_requested',
  version: 1,
  personalisation: about,
  channels: {
    sms: {
      fa: { body: 'درگاه: دستگاه برای درخواست ((trackingCode)) «((service))» از شما اصلاح یا مدرک خواسته است. تا پاسخ شما مهلت رسیدگی متوقف است.' },
      en: { body: 'Dargah: the agency asked you for a correction or a document on request ((trackingCode)) "((service))". Its deadline is paused until you reply.' },
    },
    in_app: {
      fa: { subject: 'درخواست اصلاح', body: 'دستگاه برای درخواست ((trackingCode)) «((service))» از شما اصلاح یا مدرک خواسته است. در صفحه درخواست پاسخ دهید.' },
      en: { subject: 'Correction requested', body: 'The agency asked you for a correction or a document on request ((trackingCode)) "((service))". Reply on the request page.' },
    },
  },
});

export const staffMessageTemplate = defineTemplate({
  id: 'requests.staff_message',
  version: 1,
  personalisation: about,
  channels: {
    sms: {
      fa: { body: 'درگاه: پیام تازه‌ای از دستگاه درباره درخواست ((trackingCode)) «((service))» دارید.' },
      en: { body: 'Dargah: you have a new message from the agency about request ((trackingCode)) "((service))".' },
    },
    in_app: {
      fa: { subject: 'پیام تازه از دستگاه', body: 'پیام تازه‌ای از دستگاه درباره درخواست ((trackingCode)) «((service))» دارید. آن را در صفحه درخواست ببینید.' },
      en: { subject: 'New message from the agency', body: 'You have a new message from the agency about request ((trackingCode)) "((service))". See it on the request page.' },
    },
  },
});
