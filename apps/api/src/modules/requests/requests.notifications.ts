import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** The messages the service desk sends to applicants (platform/notify templates). */

const decision = z.object({ trackingCode: z.string(), service: z.string() });

/** Sent in the submission's transaction: the tracking code and the day the answer is due. */
export const requestReceivedTemplate = defineTemplate({
  id: 'requests.received',
  version: 1,
  personalisation: z.object({ trackingCode: z.string(), service: z.string(), answerBy: z.date() }),
  channels: {
    sms: {
      fa: { body: 'درگاه: درخواست شما برای «((service))» ثبت شد. کد رهگیری: ((trackingCode)). پاسخ تا ((answerBy)).' },
      en: { body: 'Dargah: your request for "((service))" was received. Tracking code: ((trackingCode)). Answer by ((answerBy)).' },
    },
    in_app: {
      fa: { subject: 'درخواست شما ثبت شد', body: 'درخواست شما برای «((service))» با کد رهگیری ((trackingCode)) ثبت شد. پاسخ تا ((answerBy)) داده می‌شود.' },
      en: { subject: 'Your request was received', body: 'Your request for "((service))" was received with tracking code ((trackingCode)). It will be answered by ((answerBy)).' },
    },
  },
});

export const requestApprovedTemplate = defineTemplate({
  id: 'requests.approved',
  version: 1,
  personalisation: decision,
  channels: {
    sms: {
      fa: { body: 'درگاه: درخواست شما با کد رهگیری ((trackingCode)) برای «((service))» تأیید شد.' },
      en: { body: 'Dargah: your request ((trackingCode)) for "((service))" was approved.' },
    },
    in_app: {
      fa: { subject: 'درخواست شما تأیید شد', body: 'درخواست شما با کد رهگیری ((trackingCode)) برای «((service))» تأیید شد.' },
      en: { subject: 'Your request was approved', body: 'Your request ((trackingCode)) for "((service))" was approved.' },
    },
  },
});

export const requestRejectedTemplate = defineTemplate({
  id: 'requests.rejected',
  version: 1,
  personalisation: decision,
  channels: {
    sms: {
      fa: { body: 'درگاه: درخواست شما با کد رهگیری ((trackingCode)) برای «((service))» رد شد. علت را در درگاه ببینید.' },
      en: { body: 'Dargah: your request ((trackingCode)) for "((service))" was rejected. See why in Dargah.' },
    },
    in_app: {
      fa: { subject: 'درخواست شما رد شد', body: 'درخواست شما با کد رهگیری ((trackingCode)) برای «((service))» رد شد. علت در صفحه درخواست آمده است.' },
      en: { subject: 'Your request was rejected', body: 'Your request ((trackingCode)) for "((service))" was rejected. The reason is on the request page.' },
    },
  },
});
