import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** The messages the channels send (platform/notify templates). */

/** The citizen's consent code, read out to the counter operator or desk clerk entering a request for them. */
export const consentCodeTemplate = defineTemplate({
  id: 'channels.consent-code',
  version: 1,
  personalisation: z.object({ code: z.string().regex(/^\d{6}$/), place: z.string() }),
  // Phones read the code out of the message: keep its digits as they are.
  verbatim: ['code'],
  channels: {
    sms: {
      fa: { body: 'درگاه: کد رضایت شما برای ثبت درخواست در «((place))»: ((code))\nفقط اگر خودتان آنجا هستید این کد را بگویید.' },
      en: { body: 'Dargah: your consent code for a request entered at "((place))": ((code))\nRead it out only if you are there yourself.' },
    },
  },
});
