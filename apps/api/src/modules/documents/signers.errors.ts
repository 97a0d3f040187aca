import { defineErrors, errorClassOf } from '../../platform/http/errors';

/**
 * Refusals of production signers (a certificate for a CSR, a PKCS#12 file, an external signer's
 * token) and of revoking a document, with Persian and English text. Certificates are refused before
 * anything is stored; the reason of a chain, key-usage, validity or revocation refusal is also in
 * the details as platform/pki's verdict.
 */
export const signerErrors = defineErrors({
  SIGNER_NATIONAL_CODE_MISSING: {
    status: 409,
    fa: 'کد ملی شما در سامانه ثبت نشده است؛ گواهی امضا به کد ملی شناخته می‌شود. از مدیر دستگاه بخواهید آن را ثبت کند.',
    en: 'Your national code is not recorded; a signing certificate is matched to you by it. Ask an agency administrator to record it.',
  },
  SIGNER_ENROLMENT_EXISTS: {
    status: 409,
    fa: 'درخواست گواهی دیگری از شما در این دستگاه در انتظار گواهی است؛ همان را دوباره بارگیری کنید.',
    en: 'Another of your certificate requests in this agency is awaiting its certificate; download that one again.',
  },
  SIGNER_ENROLMENT_NOT_FOUND: { status: 404, fa: 'درخواست گواهی پیدا نشد.', en: 'The certificate request was not found.' },
  CERTIFICATE_MALFORMED: { status: 400, fa: 'گواهی فرستاده‌شده خوانا نیست.', en: 'The certificate sent cannot be read.' },
  CERTIFICATE_KEY_MISMATCH: {
    status: 409,
    fa: 'این گواهی برای کلید این درخواست صادر نشده است.',
    en: 'This certificate was not issued for this request’s key.',
  },
  CERTIFICATE_UNTRUSTED: {
    status: 409,
    fa: 'گواهی را مرجعی صادر کرده که مورد اعتماد نیست.',
    en: 'The certificate was issued by an authority that is not trusted.',
  },
  CERTIFICATE_WRONG_KEY_USAGE: {
    status: 409,
    fa: 'این گواهی برای امضای سند (امضای دیجیتال یا انکارناپذیری) صادر نشده است.',
    en: 'This certificate was not issued for signing documents (digital signature or non-repudiation).',
  },
  CERTIFICATE_EXPIRED: { status: 409, fa: 'اعتبار گواهی به پایان رسیده است.', en: 'The certificate has expired.' },
  CERTIFICATE_NOT_YET_VALID: { status: 409, fa: 'دوره اعتبار گواهی هنوز آغاز نشده است.', en: 'The certificate is not valid yet.' },
  CERTIFICATE_REVOKED: { status: 409, fa: 'این گواهی باطل شده است.', en: 'This certificate has been revoked.' },
  CERTIFICATE_OTHER_PERSON: {
    status: 409,
    fa: 'این گواهی به نام شما نیست: کد ملی آن با کد ملی شما یکی نیست.',
    en: 'This certificate is not yours: its national code is not yours.',
  },
  PKCS12_MALFORMED: { status: 400, fa: 'پرونده PKCS#۱۲ خوانا نیست.', en: 'The PKCS#12 file cannot be read.' },
  PKCS12_WRONG_PASSWORD: { status: 400, fa: 'گذرواژه پرونده PKCS#۱۲ نادرست است.', en: 'The PKCS#12 file’s password is wrong.' },
  PKCS12_NO_KEY: { status: 400, fa: 'در پرونده PKCS#۱۲ کلید خصوصی نیست.', en: 'The PKCS#12 file holds no private key.' },
  PKCS12_NO_CERTIFICATE: {
    status: 400,
    fa: 'در پرونده PKCS#۱۲ گواهی کلید آن نیست.',
    en: 'The PKCS#12 file holds no certificate for its key.',
  },
  PKCS12_UNSUPPORTED: {
    status: 400,
    fa: 'نوع کلید پرونده PKCS#۱۲ پشتیبانی نمی‌شود (RSA یا ECDSA P-۲۵۶/P-۳۸۴).',
    en: 'The PKCS#12 file’s key type is not supported (RSA or ECDSA P-256/P-384).',
  },
  EXTERNAL_SESSION_NOT_FOUND: { status: 404, fa: 'نشست امضا پیدا نشد.', en: 'The signing session was not found.' },
  EXTERNAL_SESSION_EXPIRED: {
    status: 410,
    fa: 'مهلت این نشست امضا گذشته است؛ امضا را از نو آغاز کنید.',
    en: 'This signing session has expired; begin signing again.',
  },
  EXTERNAL_SESSION_USED: { status: 409, fa: 'این نشست امضا پیش‌تر به کار رفته است.', en: 'This signing session has already been used.' },
  EXTERNAL_SESSION_CERTIFICATE_MISMATCH: {
    status: 409,
    fa: 'این گواهی همان گواهی آغاز نشست امضا نیست.',
    en: 'This is not the certificate the signing session began with.',
  },
  EXTERNAL_SIGNATURE_REFUSED: {
    status: 409,
    fa: 'امضای فرستاده‌شده پذیرفته نشد.',
    en: 'The signature sent was not accepted.',
  },
  EXTERNAL_DOCUMENT_CHANGED: {
    status: 409,
    fa: 'سند پس از آغاز این نشست امضای دیگری خورده است؛ امضا را از نو آغاز کنید.',
    en: 'The document was signed by someone else after this session began; begin signing again.',
  },
});

export const SignersError = errorClassOf(signerErrors);
