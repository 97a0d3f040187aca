import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the documents uploaded with a request and of the server drafts. */
export const uploadsErrors = defineErrors({
  REQUEST_DOCUMENT_MISSING: {
    status: 400,
    fa: 'مدرکی که این خدمت لازم دارد بارگذاری نشده است؛ آن را بارگذاری کنید و دوباره بفرستید.',
    en: 'A document the service requires has not been uploaded; upload it and submit again.',
  },
  REQUEST_DOCUMENT_UNKNOWN: {
    status: 400,
    fa: 'این مدرک در فهرست مدارک این خدمت نیست.',
    en: 'This document is not in the service’s list of documents.',
  },
  UPLOAD_UNUSABLE: {
    status: 400,
    fa: 'این فایل را نمی‌توان به درخواست پیوست کرد: باید خودتان برای همین خدمت بارگذاری کرده باشید و پیش‌تر در درخواست دیگری به کار نرفته باشد.',
    en: 'This file cannot be attached to the request: it must be your own upload for this service, not already used in another request.',
  },
  UPLOAD_NOT_FOUND: { status: 404, fa: 'فایل پیدا نشد.', en: 'The file was not found.' },
  DRAFT_NOT_FOUND: { status: 404, fa: 'پیش‌نویسی برای این خدمت ذخیره نشده است.', en: 'No draft is saved for this service.' },
  DRAFT_CONFLICT: {
    status: 409,
    fa: 'پیش‌نویس این درخواست در جای دیگری (دستگاه یا پنجره‌ای دیگر) تغییر کرده است؛ آن را دوباره باز کنید یا آگاهانه روی آن ذخیره کنید.',
    en: 'The draft was changed elsewhere (another device or window); open it again, or save over it deliberately.',
  },
});

export const UploadsError = errorClassOf(uploadsErrors);
