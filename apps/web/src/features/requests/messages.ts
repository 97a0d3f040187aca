import type { Widen } from '../../lib/i18n/widen';
import { en as answerEn, fa as answerFa } from './answer-messages';
import { en as uploadsEn, fa as uploadsFa } from './upload-messages';

/** Persian strings of the request pages' people, the form formats and the profile's company (under `desk.`). */
export const fa = {
  applicant: {
    title: 'متقاضی',
    person: 'نام و نام خانوادگی',
    representative: 'نماینده‌ای که درخواست داد',
    noName: 'نامی در مشخصات وارد نشده',
    nationalCode: 'کد ملی',
    mobile: 'تلفن همراه',
    company: 'نام شرکت',
    legalId: 'شناسهٔ ملی شرکت',
    masked: 'بخشی از رقم‌ها پنهان است.',
    reveal: 'نمایش کامل کد ملی و تلفن همراه',
    revealing: 'در حال دریافت…',
    revealHelp:
      'نمایش کامل این اطلاعات با نام شما و زمان آن در ردپای حسابرسی ثبت می‌شود؛ فقط برای رسیدگی به همین درخواست.',
    revealed: 'کد ملی و تلفن همراه کامل نمایش داده شد؛ این کار در ردپای حسابرسی ثبت شد.',
  },
  history: {
    onBehalfOf: 'از طرف {{name}}',
  },
  formats: {
    nationalCode: 'کد ملی ۱۰ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با کارت ملی مقایسه کنید.',
    legalId: 'شناسهٔ ملی اشخاص حقوقی ۱۱ رقم است و رقم آخرش رقم کنترل است؛ رقم‌ها را با آگهی ثبت شرکت مقایسه کنید.',
    postalCode: 'کد پستی ۱۰ رقم است و در پنج رقم نخستش ۰ و ۲ نمی‌آید؛ مانند ۱۶۱۹۷۳۵۷۴۴.',
    mobile: 'شمارهٔ تلفن همراه ۱۱ رقم است و با ۰۹ آغاز می‌شود؛ مانند ۰۹۱۲۳۴۵۶۷۸۹.',
    sheba:
      'شمارهٔ شبا با IR و ۲۴ رقم نوشته می‌شود و رقم‌های کنترلش باید درست باشد؛ آن را از کارت یا برگهٔ حساب بانکی بردارید.',
  },
  profile: {
    companyName: 'نام شرکت',
    representative: 'نمایندهٔ شرکت (شما)',
  },
  apply: {
    kicker: 'فرم درخواست خدمت',
  },
};

export const en: Widen<typeof fa> = {
  applicant: {
    title: 'Applicant',
    person: 'First and last name',
    representative: 'Representative who applied',
    noName: 'No name in the profile',
    nationalCode: 'National code',
    mobile: 'Mobile',
    company: 'Company name',
    legalId: 'Company national id',
    masked: 'Some digits are hidden.',
    reveal: 'Show the full national code and mobile',
    revealing: 'Fetching…',
    revealHelp:
      'Showing them in full is recorded in the audit trail with your name and the time; only for handling this request.',
    revealed: 'The full national code and mobile are shown; this was recorded in the audit trail.',
  },
  history: {
    onBehalfOf: 'on behalf of {{name}}',
  },
  formats: {
    nationalCode:
      'A national code has 10 digits, the last one a check digit; compare the digits with the national card.',
    legalId:
      'A legal-entity national id has 11 digits, the last one a check digit; compare the digits with the company’s registration notice.',
    postalCode: 'A postal code has 10 digits, with no 0 or 2 among the first five; for example 1619735744.',
    mobile: 'A mobile number has 11 digits and starts with 09; for example 09123456789.',
    sheba:
      'A Sheba (IBAN) number is IR followed by 24 digits, with correct check digits; copy it from the bank card or statement.',
  },
  profile: {
    companyName: 'Company name',
    representative: 'Company representative (you)',
  },
  apply: {
    kicker: 'Service application form',
  },
};

/** Persian strings under `receipt.` in the interface catalogue. */
const receiptFa = {
  loadingTitle: 'در حال دریافت رسید…',
  errorTitle: 'رسید پیدا نشد',
  title: 'رسید درخواست',
  summary: 'خلاصهٔ رسید',
  submittedTitle: 'درخواست شما ثبت شد',
  submittedBody: 'کد رهگیری را نگه دارید؛ وضعیت درخواست را هر زمان در «میز شهروند» می‌بینید.',
  trackingCode: 'کد رهگیری',
  trackingHelp: 'با این کد می‌توانید درخواست خود را پیگیری کنید.',
  copy: 'کپی کد رهگیری',
  decisionNote: 'توضیح دستگاه',
  print: 'چاپ رسید',
  downloadPdf: 'دریافت رسید (PDF)',
  backToMine: 'درخواست‌های من',
};

const receiptEn: Widen<typeof receiptFa> = {
  loadingTitle: 'Loading the receipt…',
  errorTitle: 'Receipt not found',
  title: 'Application receipt',
  summary: 'Receipt summary',
  submittedTitle: 'Your application has been submitted',
  submittedBody: 'Keep the tracking code; you can follow the status any time under “My services”.',
  trackingCode: 'Tracking code',
  trackingHelp: 'Use this code to follow your application.',
  copy: 'Copy tracking code',
  decisionNote: 'Note from the agency',
  print: 'Print receipt',
  downloadPdf: 'Download receipt (PDF)',
  backToMine: 'My requests',
};

/** Persian strings under `requests.` in the interface catalogue. */
const requestsFa = {
  status: {
    submitted: 'ثبت‌شده',
    in_review: 'در حال بررسی',
    awaiting_applicant: 'در انتظار پاسخ متقاضی',
    approved: 'تأیید شده',
    rejected: 'رد شده',
    expert_review: 'بررسی کارشناس',
    manager_signoff: 'امضای مدیر',
    partially_approved: 'تأیید بخشی',
    withdrawn: 'انصراف یا عدم مراجعه',
    closed: 'بسته شده بی‌پاسخ',
    in_person: 'مراجعهٔ حضوری به میز خدمت',
    decision: 'تصمیم‌گیری',
  },
  inPerson: {
    title: 'مراجعه‌ی حضوری به میز خدمت دستگاه',
    when: 'زمان و علت',
    documents: 'اصل این مدارک را همراه داشته باشید (به میز خدمت حضوری، نه اتاق کارشناسان):',
  },
  fields: {
    trackingCode: 'کد رهگیری',
    status: 'وضعیت',
    service: 'خدمت',
    agency: 'دستگاه',
    applicant: 'متقاضی',
    submittedAt: 'زمان ثبت',
    dueDate: 'موعد پاسخ',
    dueDateHelp: 'بر پایهٔ مهلت خدمت، به روز کاری',
    feePaid: 'هزینهٔ پرداخت‌شده',
    feeReference: 'شماره مرجع {{ref}}',
    dueAt: 'مهلت رسیدگی',
  },
  history: {
    title: 'روند رسیدگی',
    empty: 'هنوز رویدادی ثبت نشده است.',
    dueMoved: 'موعد پاسخ از {{from}} به {{to}} رفت ({{days}} روز کاری توقف).',
    dueUnchanged: 'موعد پاسخ همان {{date}} ماند (توقف کمتر از یک روز کاری بود).',
    actions: {
      submitted: 'درخواست ثبت شد',
      taken: 'کارشناس رسیدگی را آغاز کرد',
      assigned: 'درخواست ارجاع شد',
      approved: 'درخواست تأیید شد',
      rejected: 'درخواست رد شد',
      info_requested: 'اطلاعات بیشتر خواسته شد',
      information_requested: 'اصلاح یا مدرک از متقاضی خواسته شد',
      applicant_replied: 'متقاضی پاسخ داد',
      commented: 'یادداشت افزوده شد',
      answer_issued: 'پاسخ امضاشده صادر شد',
      other: 'اقدام روی درخواست',
    },
  },
  answers: {
    title: 'پاسخ‌های فرم',
    empty: 'فرم این درخواست پاسخی ندارد.',
  },
};

const requestsEn: Widen<typeof requestsFa> = {
  status: {
    submitted: 'Submitted',
    in_review: 'In review',
    awaiting_applicant: 'Waiting for the applicant',
    approved: 'Approved',
    rejected: 'Rejected',
    expert_review: 'Expert review',
    manager_signoff: 'Manager sign-off',
    partially_approved: 'Approved in part',
    withdrawn: 'Withdrawn or did not come',
    closed: 'Closed unanswered',
    in_person: 'Visit to the in-person desk',
    decision: 'Decision',
  },
  inPerson: {
    title: 'A visit to the agency’s in-person desk',
    when: 'When and why',
    documents: 'Bring the originals of (to the in-person desk, not the experts’ offices):',
  },
  fields: {
    trackingCode: 'Tracking code',
    status: 'Status',
    service: 'Service',
    agency: 'Agency',
    applicant: 'Applicant',
    submittedAt: 'Submitted',
    dueDate: 'Answer due',
    dueDateHelp: 'From the service norm, in working days',
    feePaid: 'Fee paid',
    feeReference: 'Reference number {{ref}}',
    dueAt: 'Due',
  },
  history: {
    title: 'Progress',
    empty: 'Nothing has been recorded yet.',
    dueMoved: 'The answer date moved from {{from}} to {{to}} ({{days}} working days paused).',
    dueUnchanged: 'The answer date stays {{date}} (paused for less than a working day).',
    actions: {
      submitted: 'Application submitted',
      taken: 'A clerk started working on it',
      assigned: 'Referred',
      approved: 'Application approved',
      rejected: 'Application rejected',
      info_requested: 'More information requested',
      information_requested: 'A correction or document was asked of the applicant',
      applicant_replied: 'The applicant replied',
      commented: 'Note added',
      answer_issued: 'Signed answer issued',
      other: 'Action on the application',
    },
  },
  answers: {
    title: 'Answers in the form',
    empty: 'This application’s form has no answers.',
  },
};

/** Persian strings of public tracking (under `track.`; the call centre's result shows them too). */
const trackFa = {
  title: 'پیگیری درخواست',
  lead: 'با کد رهگیری و کد ملی متقاضی، بدون ورود به درگاه، ببینید درخواست در چه مرحله‌ای است.',
  formTitle: 'کد رهگیری و کد ملی',
  again: 'پیگیری درخواستی دیگر',
  code: 'کد رهگیری',
  codeHelp: '۱۰ رقم، روی رسید درخواست و در پیامک ثبت آن.',
  nationalCode: 'کد ملی متقاضی',
  nationalCodeHelp: 'کد ملی کسی که درخواست را ثبت کرد؛ رقم‌های فارسی هم پذیرفته می‌شود.',
  submit: 'پیگیری',
  notFound: 'درخواستی پیدا نشد',
  tooMany: 'تلاش‌ها بیش از حد مجاز است',
  privacy: 'این صفحه جز وضعیت و مراحل درخواست چیزی نشان نمی‌دهد؛ برای دیدن پاسخ و مدارک وارد میز شهروند شوید.',
  expected: 'اکنون از شما چه انتظاری می‌رود',
  dueWas: 'موعد پاسخ بود',
  overdue: 'از موعد گذشته',
  homeLink: 'پیگیری درخواست با کد رهگیری، بدون ورود',
};

const trackEn: Widen<typeof trackFa> = {
  title: 'Track a request',
  lead: 'With the tracking code and the applicant’s national code, see where a request stands without signing in.',
  formTitle: 'Tracking code and national code',
  again: 'Track another request',
  code: 'Tracking code',
  codeHelp: '10 digits, on the request’s receipt and in the SMS that confirmed it.',
  nationalCode: 'Applicant’s national code',
  nationalCodeHelp: 'The national code of whoever submitted the request; Persian digits are accepted.',
  submit: 'Track',
  notFound: 'No request found',
  tooMany: 'Too many attempts',
  privacy: 'This page shows only the request’s status and steps; sign in to your desk to see the answer and documents.',
  expected: 'What is expected of you now',
  dueWas: 'The answer was due',
  overdue: 'overdue',
  homeLink: 'Track a request with its tracking code, without signing in',
};

/** This feature's strings under their keys in the interface catalogue; `app/messages.ts` joins the features. */
/** Persian strings of the interaction during the work (under `interaction.`). */
const interactionFa = {
  correctionTitle: 'اصلاح خواسته‌شده',
  correctionLead: '{{who}} از شما اصلاح خواسته است',
  paused: 'از {{date}} مهلت پاسخ دستگاه متوقف است و پس از پاسخ شما به همان اندازه روز کاری عقب می‌رود.',
  documentsAsked: 'مدارکی که باید پیوست کنید:',
  replyMessage: 'توضیح شما',
  sendReply: 'ارسال پاسخ',
  files: 'پیوست‌ها',
  filesHelp: 'PDF، JPEG یا PNG؛ هر پرونده حداکثر ۵ مگابایت، تا ۵ پرونده.',
  ask: 'درخواست اصلاح از متقاضی',
  askTitle: 'درخواست اصلاح از متقاضی',
  askBody: 'درخواست تا پاسخ متقاضی در انتظار می‌ماند و مهلت رسیدگی متوقف می‌شود. متقاضی با پیامک باخبر می‌شود.',
  askConfirm: 'ارسال درخواست اصلاح',
  cancel: 'انصراف',
  fieldsToCorrect: 'فیلدهایی که باید اصلاح شوند',
  documents: 'مدارکی که باید افزوده شوند',
  documentsHelp: 'هر مدرک در یک سطر.',
  askMessage: 'پیام به متقاضی',
  threadTitle: 'پیام‌ها',
  threadEmpty: 'هنوز پیامی فرستاده نشده است.',
  threadClosed: 'رسیدگی پایان یافته و پیام تازه پذیرفته نمی‌شود.',
  newMessage: 'پیام تازه',
  send: 'ارسال پیام',
  size: '{{kb}} کیلوبایت',
};

const interactionEn: Widen<typeof interactionFa> = {
  correctionTitle: 'Correction asked',
  correctionLead: '{{who}} asked you for a correction',
  paused: 'Since {{date}} the agency’s deadline is paused; it moves later by as many working days once you reply.',
  documentsAsked: 'Documents to attach:',
  replyMessage: 'Your note',
  sendReply: 'Send the reply',
  files: 'Attachments',
  filesHelp: 'PDF, JPEG or PNG; at most 5 MB each, up to 5 files.',
  ask: 'Ask the applicant for a correction',
  askTitle: 'Ask the applicant for a correction',
  askBody: 'The request waits for the applicant and its deadline pauses until they reply. The applicant is told by SMS.',
  askConfirm: 'Send the request for correction',
  cancel: 'Cancel',
  fieldsToCorrect: 'Fields to correct',
  documents: 'Documents to add',
  documentsHelp: 'One document per line.',
  askMessage: 'Message to the applicant',
  threadTitle: 'Messages',
  threadEmpty: 'No messages yet.',
  threadClosed: 'The request is closed and takes no new messages.',
  newMessage: 'New message',
  send: 'Send the message',
  size: '{{kb}} KB',
};

export const messages = {
  fa: { desk: fa, receipt: receiptFa, requests: requestsFa, track: trackFa, answer: answerFa, interaction: interactionFa, uploads: uploadsFa },
  en: { desk: en, receipt: receiptEn, requests: requestsEn, track: trackEn, answer: answerEn, interaction: interactionEn, uploads: uploadsEn },
};
