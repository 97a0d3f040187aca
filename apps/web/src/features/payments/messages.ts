import type { Widen } from '../../lib/i18n/widen';

/** Persian strings of paying a service's fee (under `payments.`). */
const fa = {
  title: 'هزینهٔ خدمت',
  fee: 'هزینهٔ این خدمت {{amount}} است و پیش از ثبت درخواست از درگاه پرداخت اینترنتی پرداخت می‌شود. پاسخ‌هایتان به‌صورت پیش‌نویس ذخیره می‌شود و پس از پرداخت به همین صفحه برمی‌گردید.',
  pay: 'پرداخت {{amount}}',
  paying: 'در حال رفتن به درگاه پرداخت…',
  payAgain: 'پرداخت دوباره',
  paid: 'هزینه پرداخت شد: {{amount}}',
  reference: 'شماره مرجع پرداخت: {{ref}}',
  paidAt: 'زمان پرداخت: {{time}}',
  payFirst: 'نخست هزینهٔ خدمت را بپردازید؛ سپس درخواست را ثبت کنید.',
  started: 'پرداخت هنوز از سوی درگاه تأیید نشده است. اگر پرداخت را تمام نکرده‌اید، دوباره بپردازید؛ مبلغ پرداخت تأییدنشده را بانک بازمی‌گرداند.',
  cancelled: 'پرداخت را لغو کردید؛ مبلغی برداشته نشد.',
  declined: 'بانک پرداخت را نپذیرفت؛ مبلغی برداشته نشد. دوباره تلاش کنید یا کارت دیگری به کار ببرید.',
  amount_mismatch: 'مبلغ پرداخت‌شده با هزینهٔ خدمت یکی نبود و به حساب شما بازگردانده شد. دوباره بپردازید.',
  spent: 'این پرداخت پیش‌تر برای درخواست دیگری به کار رفته است.',
};

const en: Widen<typeof fa> = {
  title: 'The service’s fee',
  fee: 'This service costs {{amount}}, paid through the internet payment gateway before the request is submitted. Your answers are saved as a draft and you come back to this page after paying.',
  pay: 'Pay {{amount}}',
  paying: 'Going to the payment gateway…',
  payAgain: 'Pay again',
  paid: 'The fee is paid: {{amount}}',
  reference: 'Payment reference number: {{ref}}',
  paidAt: 'Paid at: {{time}}',
  payFirst: 'Pay the service’s fee first, then submit the request.',
  started: 'The gateway has not confirmed the payment yet. If you did not finish paying, pay again; the bank returns an unconfirmed payment.',
  cancelled: 'You cancelled the payment; nothing was taken.',
  declined: 'The bank declined the payment; nothing was taken. Try again or use another card.',
  amount_mismatch: 'The amount paid was not the service’s fee and was returned to your account. Pay again.',
  spent: 'This payment was already used for another request.',
};

export const messages = { fa: { payments: fa }, en: { payments: en } };
