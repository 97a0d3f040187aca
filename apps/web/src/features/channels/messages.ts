import type { Widen } from '../../lib/i18n/widen';

/** Persian strings of a request's channel and postal dispatch, on the receipt and the staff's request page (under `channel.`). */
const fa = {
  title: 'راه ثبت و ارسال پاسخ',
  via: 'ثبت از راه',
  online: 'درگاه (برخط)',
  counter: 'دفتر پیشخوان',
  in_person: 'میز خدمت حضوری',
  identity: 'شناسایی',
  otp: 'کد پیامکی شهروند',
  card_seen: 'دیدن اصل کارت ملی',
  postal: 'ارسال پاسخ با پست',
  awaiting_answer: 'پس از صدور پاسخ فرستاده می‌شود',
  due: 'پاسخ صادر شد؛ در حال سپردن به پست',
  dispatched: 'به پست سپرده شد',
  failed: 'سپردن به پست ناموفق ماند',
  attempts: 'تلاش‌ها برای سپردن به پست',
  nextAttempt: 'تلاش بعدی',
  lastError: 'خطای آخرین تلاش',
  failedNote: 'پست پاسخ را نپذیرفت و دیگر تلاش خودکاری نمی‌شود؛ پاسخ را از راه دیگری به متقاضی برسانید.',
  postalCode: 'کد پستی',
  postalTracking: 'کد رهگیری پستی',
};

const en: Widen<typeof fa> = {
  title: 'Channel and delivery of the answer',
  via: 'Submitted through',
  online: 'Dargah (online)',
  counter: 'Counter office',
  in_person: 'In-person desk',
  identity: 'Identified by',
  otp: 'The citizen’s SMS code',
  card_seen: 'Original national card seen',
  postal: 'Answer by post',
  awaiting_answer: 'Sent once the answer is issued',
  due: 'Answer issued; being handed to the post',
  dispatched: 'Handed to the post',
  failed: 'Could not be handed to the post',
  attempts: 'Attempts to hand it to the post',
  nextAttempt: 'Next attempt',
  lastError: 'Last attempt’s error',
  failedNote: 'The post did not take the answer and no more automatic attempts are made; get the answer to the applicant another way.',
  postalCode: 'Postal code',
  postalTracking: 'Postal tracking number',
};

export const messages = { fa: { channel: fa }, en: { channel: en } };
