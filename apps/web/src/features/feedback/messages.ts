import type { Widen } from '../../lib/i18n/widen';

/** Persian strings of the applicant's rating (under `feedback.`). */
const fa = {
  title: 'نظر شما دربارهٔ این خدمت',
  lead: 'کار این درخواست تمام شده است. به خدمتی که گرفتید از ۱ تا ۵ ستاره بدهید؛ نظر شما فقط یک بار ثبت می‌شود.',
  rating: 'امتیاز شما',
  star_one: '{{n}} ستاره',
  star_other: '{{n}} ستاره',
  starWords: {
    '1': 'بسیار بد',
    '2': 'بد',
    '3': 'متوسط',
    '4': 'خوب',
    '5': 'بسیار خوب',
  },
  chooseRating: 'یکی از امتیازها را برگزینید.',
  comment: 'توضیح',
  commentHelp: 'آنچه خوب بود یا باید بهتر شود؛ تا ۱۰۰۰ نویسه. امتیاز ۱ و ۲ با این توضیح به مدیر واحد می‌رسد.',
  submit: 'ثبت نظر',
  thanks: 'نظر شما ثبت شد؛ سپاس‌گزاریم.',
  given: 'نظر شما: {{stars}}',
  givenAt: 'ثبت‌شده در {{time}}',
};

const en: Widen<typeof fa> = {
  title: 'Your opinion of this service',
  lead: 'This request is closed. Rate the service you received from 1 to 5 stars; your rating is recorded once.',
  rating: 'Your rating',
  star_one: '{{n}} star',
  star_other: '{{n}} stars',
  starWords: {
    '1': 'Very poor',
    '2': 'Poor',
    '3': 'Fair',
    '4': 'Good',
    '5': 'Very good',
  },
  chooseRating: 'Choose one of the ratings.',
  comment: 'Comment',
  commentHelp: 'What was good or should be better; up to 1000 characters. Ratings of 1 and 2 reach the unit manager with this comment.',
  submit: 'Send rating',
  thanks: 'Your rating has been recorded; thank you.',
  given: 'Your rating: {{stars}}',
  givenAt: 'Given on {{time}}',
};

/** This feature's public strings; `app/messages.ts` joins them. */
export const messages = { fa: { feedback: fa }, en: { feedback: en } };
