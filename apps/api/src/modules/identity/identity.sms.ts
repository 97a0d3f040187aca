import { toPersianDigits } from '@dargah/persian';

/** The text messages of sign-in (Persian: they go to Iranian mobiles), and how numbers are shown in them and in the audit log. */

/** 0912•••4567: enough for the owner to recognise the number, not enough to dial it. */
export const maskMobile = (mobile: string) => `${mobile.slice(0, 4)}•••${mobile.slice(-4)}`;

/** 001••••419 for the audit log. */
export const maskNationalCode = (code: string) => `${code.slice(0, 3)}••••${code.slice(-3)}`;

export const otpSms = (code: string) => `درگاه: کد ورود شما ${code}\nاین کد را به کسی ندهید.`;

/** To the number a person's account had, when a sign-in matched a new number to them. */
export const mobileChangedSms = (newMobile: string) =>
  `درگاه: شمارهٔ همراه حساب شما به ${toPersianDigits(maskMobile(newMobile))} تغییر کرد؛ با کد ملی شما و آن شماره، که به نام شما ثبت است، وارد شده‌اند. ` +
  'اگر این کار شما نبوده است، سیم‌کارت‌های ثبت‌شده به نامتان را نزد اپراتور بررسی کنید.';
