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
  dispatched: 'به پست سپرده شد',
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
  dispatched: 'Handed to the post',
  postalCode: 'Postal code',
  postalTracking: 'Postal tracking number',
};

export const messages = { fa: { channel: fa }, en: { channel: en } };
