import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the signed answer (issue 11, item 7), each with a stable code and Persian and English text. */
export const answerErrors = defineErrors({
  ANSWER_REASONS_REQUIRED: {
    status: 400,
    fa: 'برای رد یا تأیید بخشی از درخواست، دلایل را بنویسید (دست‌کم ۲ نویسه).',
    en: 'Write the reasons (at least 2 characters) to reject a request or approve it in part.',
  },
  ANSWER_LEGAL_BASIS_REQUIRED: {
    status: 400,
    fa: 'برای رد درخواست، دست‌کم یک مستند قانونی از شناسنامه خدمت برگزینید.',
    en: 'Choose at least one legal basis from the service’s card to reject the request.',
  },
  ANSWER_LEGAL_BASIS_NOT_ON_CARD: {
    status: 400,
    fa: 'مستند قانونی برگزیده در شناسنامه این خدمت نیست.',
    en: 'The legal basis chosen is not one the service’s card cites.',
  },
  ANSWER_NOT_GRANTED_REQUIRED: {
    status: 400,
    fa: 'برای تأیید بخشی از درخواست، بخش‌هایی را که پذیرفته نمی‌شود بنویسید؛ این بخش‌ها تنها در تأیید بخشی معنا دارند.',
    en: 'To approve in part, write the parts not granted; they apply to a partial approval only.',
  },
  ANSWER_NOT_A_DECISION: {
    status: 400,
    fa: 'بخش‌های پذیرفته‌نشده و مستند قانونی تنها همراه اقدامی داده می‌شوند که درخواست را با تصمیم می‌بندد.',
    en: 'The parts not granted and the legal basis go only with an action that decides the request.',
  },
  ANSWER_NOT_FOUND: { status: 404, fa: 'این درخواست هنوز پاسخ امضاشده ندارد.', en: 'This request has no signed answer yet.' },
  ANSWER_NOT_SIGNED: {
    status: 409,
    fa: 'پاسخ این درخواست صادر شده و در انتظار امضاست؛ پس از امضا می‌توانید آن را بارگیری کنید.',
    en: 'The answer has been issued and is waiting to be signed; you can download it once it is signed.',
  },
});

export const AnswerError = errorClassOf(answerErrors);
