import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** The messages the service desk sends to applicants (platform/notify templates). */

const decision = z.object({ trackingCode: z.string(), service: z.string() });

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
