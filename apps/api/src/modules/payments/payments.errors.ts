import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of fee payments and of submissions that must spend one (ADR 0037). */
export const paymentsErrors = defineErrors({
  PAYMENT_NOT_FOUND: { status: 404, fa: 'پرداخت پیدا نشد.', en: 'The payment was not found.' },
  PAYMENT_NOT_REQUIRED: {
    status: 400,
    fa: 'این خدمت هزینه‌ای ندارد و پرداختی لازم نیست.',
    en: 'This service has no fee; no payment is needed.',
  },
  PAYMENT_REQUIRED: {
    status: 402,
    fa: 'هزینهٔ این خدمت باید پیش از ثبت درخواست پرداخت شود؛ نخست آن را بپردازید.',
    en: 'The service’s fee must be paid before the request is submitted; pay it first.',
  },
  PAYMENT_NOT_USABLE: {
    status: 400,
    fa: 'این پرداخت را نمی‌توان برای این درخواست به کار برد: باید پرداخت موفق خودتان برای همین خدمت و به همین مبلغ باشد و پیش‌تر در درخواست دیگری به کار نرفته باشد.',
    en: 'This payment cannot be used for this request: it must be your own successful payment for this service, of this amount, not already used for another request.',
  },
  PAYMENT_GATEWAY_UNAVAILABLE: {
    status: 503,
    fa: 'درگاه پرداخت اکنون پاسخ نمی‌دهد؛ چند دقیقهٔ دیگر دوباره تلاش کنید. از حساب شما چیزی برداشته نشده است یا در صورت برداشت بازگردانده می‌شود.',
    en: 'The payment gateway is not answering now; try again in a few minutes. Nothing was taken from your account, or anything taken will be returned.',
  },
});

export const PaymentsError = errorClassOf(paymentsErrors);
