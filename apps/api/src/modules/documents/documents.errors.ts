import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of documents, signers' keys and the public verification, with Persian and English text. */
export const documentErrors = defineErrors({
  DOCUMENT_NOT_FOUND: { status: 404, fa: 'سند پیدا نشد.', en: 'The document was not found.' },
  DOCUMENT_NOT_SIGNABLE: {
    status: 409,
    fa: 'این سند جایگزین یا باطل شده است و امضا نمی‌شود.',
    en: 'This document has been superseded or revoked and cannot be signed.',
  },
  DOCUMENT_ALREADY_SUPERSEDED: {
    status: 409,
    fa: 'سند پیشین پیش‌تر جایگزین یا باطل شده است.',
    en: 'The earlier document has already been superseded or revoked.',
  },
  SIGNER_KEY_NOT_FOUND: { status: 404, fa: 'کلید امضا پیدا نشد.', en: 'The signing key was not found.' },
  SIGNER_KEY_MISSING: {
    status: 409,
    fa: 'شما در این دستگاه کلید امضای فعالی ندارید؛ نخست کلید امضا بسازید.',
    en: 'You have no active signing key in this agency; create one first.',
  },
  SIGNER_KEY_EXISTS: {
    status: 409,
    fa: 'شما در این دستگاه کلید امضا دارید؛ هر کارمند در هر دستگاه یک کلید دارد.',
    en: 'You already have a signing key in this agency; each staff member has one per agency.',
  },
  SIGNER_KEY_LOCKED: {
    status: 423,
    fa: 'کلید امضا پس از پنج بار ورود رمز نادرست قفل شده است؛ مدیر دستگاه باید آن را باز کند.',
    en: 'The signing key is locked after five wrong PINs; an administrator of the agency must unlock it.',
  },
  SIGNER_KEY_NOT_LOCKED: { status: 409, fa: 'این کلید امضا قفل نیست.', en: 'This signing key is not locked.' },
  SIGNER_PIN_WRONG: {
    status: 403,
    fa: 'رمز امضا نادرست است.',
    en: 'The signing PIN is wrong.',
  },
  SIGNER_PIN_TOO_WEAK: {
    status: 400,
    fa: 'رمز امضا باید ۶ تا ۶۴ نویسه و بدون نویسه‌های کنترلی باشد.',
    en: 'A signing PIN is 6 to 64 characters with no control characters.',
  },
  SIGNER_NO_ISSUER: {
    status: 503,
    fa: 'در این محیط مرجعی برای صدور گواهی امضاکننده پیکربندی نشده است.',
    en: 'No authority is configured here to issue signers’ certificates.',
  },
  SIGNER_CERTIFICATE_REFUSED: {
    status: 409,
    fa: 'گواهی امضاکننده برای امضا پذیرفته نیست.',
    en: 'The signer’s certificate is not accepted for signing.',
  },
  VERIFY_CODE_NOT_FOUND: {
    status: 404,
    fa: 'سندی با این کد رهگیری پیدا نشد.',
    en: 'No document has this verification code.',
  },
  VERIFY_PDF_MALFORMED: {
    status: 400,
    fa: 'پرونده فرستاده‌شده یک PDF خوانا نیست.',
    en: 'The uploaded file is not a readable PDF.',
  },
  VERIFY_PDF_ENCRYPTED: {
    status: 400,
    fa: 'پرونده PDF رمزگذاری شده است و بررسی نمی‌شود.',
    en: 'The PDF is encrypted and cannot be checked.',
  },
});

/** The module's refusals: the platform's codes and its own. */
export const DocumentsError = errorClassOf(documentErrors);
