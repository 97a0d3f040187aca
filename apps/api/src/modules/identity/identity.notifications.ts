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

/** To the number a person's account had, when a sign-in matched a new number to them. */
export const mobileChangedTemplate = defineTemplate({
  id: 'identity.mobile-changed',
  version: 1,
  personalisation: z.object({ newMobile: z.string() }),
  channels: {
    sms: {
      fa: {
        body:
          'درگاه: شمارهٔ همراه حساب شما به ((newMobile)) تغییر کرد؛ با کد ملی شما و آن شماره، که به نام شما ثبت است، وارد شده‌اند. ' +
          'اگر این کار شما نبوده است، سیم‌کارت‌های ثبت‌شده به نامتان را نزد اپراتور بررسی کنید.',
      },
      en: {
        body:
          'Dargah: the mobile number of your account changed to ((newMobile)): someone signed in with your national code and that number, which is registered to you. ' +
          'If it was not you, check the SIM cards registered in your name with your operator.',
      },
    },
  },
});

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

/** The code that proves a citizen reads the e-mail address they asked to keep on file. */
export const emailVerifyTemplate = defineTemplate({
  id: 'identity.email-verify',
  version: 1,
  personalisation: z.object({ code: z.string().regex(/^\d{6}$/), minutes: z.number().int() }),
  // The code is typed as it is.
  verbatim: ['code'],
  channels: {
    email: {
      fa: {
        subject: 'درگاه: کد تأیید نشانی ایمیل',
        body: 'کد تأیید نشانی ایمیل شما در درگاه: ((code))\nاین کد ((minutes)) دقیقه اعتبار دارد. اگر شما این نشانی را در درگاه ثبت نکرده‌اید، این پیام را نادیده بگیرید.',
      },
      en: {
        subject: 'Dargah: your e-mail verification code',
        body: 'Your Dargah e-mail verification code is ((code)).\nIt is valid for ((minutes)) minutes. If you did not add this address in Dargah, ignore this message.',
      },
    },
  },
});
