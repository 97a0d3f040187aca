import { z } from 'zod';
import { defineTemplate } from '../../platform/notify';

/** A staff member's one-time code to set a new password, sent when an administrator asks. */
export const passwordResetTemplate = defineTemplate({
  id: 'identity.password-reset',
  version: 1,
  personalisation: z.object({ code: z.string(), link: z.string(), minutes: z.number().int() }),
  // The code and the link are typed or followed as they are.
  verbatim: ['code', 'link'],
  channels: {
    sms: {
      fa: { body: 'درگاه: کد بازنشانی گذرواژهٔ شما ((code))\n((link))\nاین کد ((minutes)) دقیقه اعتبار دارد؛ آن را به کسی ندهید.' },
      en: { body: 'Dargah: your password reset code is ((code))\n((link))\nIt is valid for ((minutes)) minutes; do not share it.' },
    },
  },
});
