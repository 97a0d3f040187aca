import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** The messages the identity module sends (platform/notify templates). */

export const otpTemplate = defineTemplate({
  id: 'identity.otp',
  version: 1,
  personalisation: z.object({ code: z.string().regex(/^\d{6}$/) }),
  // Phones read the code out of the message: keep its digits as they are.
  verbatim: ['code'],
  channels: {
    sms: {
      fa: { body: 'درگاه: کد ورود شما ((code))\nاین کد را به کسی ندهید.' },
      en: { body: 'Dargah: your sign-in code is ((code)).\nDo not share it with anyone.' },
    },
  },
});
