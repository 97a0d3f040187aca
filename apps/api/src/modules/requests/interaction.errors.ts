import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the interaction during the work: corrections, replies and the request's thread. */
export const interactionErrors = defineErrors({
  CORRECTION_FIELDS_UNKNOWN: {
    status: 400,
    fa: 'این فیلدها در فرم این خدمت نیستند؛ فقط فیلدهای فرم درخواست را برای اصلاح انتخاب کنید.',
    en: 'These fields are not in the service’s form; pick only fields of the request’s form to correct.',
  },
  CORRECTION_EMPTY: {
    status: 400,
    fa: 'دست‌کم یک فیلد برای اصلاح یا یک مدرک برای افزودن نام ببرید.',
    en: 'Name at least one field to correct or one document to add.',
  },
  REPLY_FIELDS_NOT_ASKED: {
    status: 400,
    fa: 'فقط فیلدهایی را که دستگاه برای اصلاح خواسته است می‌توانید تغییر دهید.',
    en: 'You may change only the fields the agency asked you to correct.',
  },
  REPLY_DOCUMENTS_REQUIRED: {
    status: 400,
    fa: 'دستگاه مدرکی خواسته است؛ آن را پیوست کنید و سپس پاسخ دهید.',
    en: 'The agency asked for a document; attach it, then reply.',
  },
  REQUEST_NOT_AWAITING_APPLICANT: {
    status: 409,
    fa: 'این درخواست اکنون در انتظار پاسخ شما نیست؛ صفحه را دوباره بارگذاری کنید.',
    en: 'This request is not waiting for your reply now; reload the page.',
  },
  REQUEST_THREAD_CLOSED: {
    status: 409,
    fa: 'پرونده این درخواست بسته شده است و پیام تازه نمی‌پذیرد.',
    en: 'This request is closed and takes no new messages.',
  },
  ATTACHMENT_NOT_FOUND: { status: 404, fa: 'پیوست پیدا نشد.', en: 'The attachment was not found.' },
  ATTACHMENT_UNUSABLE: {
    status: 400,
    fa: 'برخی پیوست‌ها را نمی‌توان به این پیام افزود: باید پیش‌تر خودتان برای همین درخواست بارگذاری کرده باشید و به پیام دیگری پیوست نشده باشند.',
    en: 'Some attachments cannot be added to this message: they must be your own uploads to this request, not yet attached to another message.',
  },
});

export const InteractionError = errorClassOf(interactionErrors);
