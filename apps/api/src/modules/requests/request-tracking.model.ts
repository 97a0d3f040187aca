import type { RequestStatus, WorkflowDefinition } from '@dargah/contracts';
import { stateOf } from '../../platform/workflow';
import type { Lang } from '../../platform/http/i18n';

/*
 * A request in plain words, for those who see it outside the desk (public tracking, the call
 * centre): each status, what the applicant is expected to do in it, and each step of the history.
 * Pure: the service looks the request and its events up.
 */

type Words = Readonly<Record<Lang, string>>;

export const STATUS_WORDS: Readonly<Partial<Record<RequestStatus, { label: Words; expected: Words }>>> = {
  submitted: {
    label: { fa: 'ثبت شده؛ در نوبت بررسی', en: 'Submitted; waiting to be reviewed' },
    expected: {
      fa: 'کاری لازم نیست. دستگاه درخواست را بررسی می‌کند و نتیجه را پیامک می‌کند.',
      en: 'Nothing for now. The agency will review the request and tell you the outcome by SMS.',
    },
  },
  in_review: {
    label: { fa: 'در حال بررسی', en: 'Being reviewed' },
    expected: {
      fa: 'کاری لازم نیست. کارشناس دستگاه درخواست را بررسی می‌کند و نتیجه را پیامک می‌کند.',
      en: 'Nothing for now. An expert of the agency is reviewing it; you will be told the outcome by SMS.',
    },
  },
  awaiting_applicant: {
    label: { fa: 'در انتظار پاسخ شما', en: 'Waiting for the applicant' },
    expected: {
      fa: 'دستگاه از شما اصلاح یا مدرک خواسته است. در پیشخوان خود در درگاه پاسخ دهید؛ تا پاسخ شما، مهلت پاسخ دستگاه متوقف است.',
      en: 'The agency asked you for a correction or a document. Reply in your desk on Dargah; the agency’s deadline is paused until you do.',
    },
  },
  approved: {
    label: { fa: 'پذیرفته شد', en: 'Approved' },
    expected: {
      fa: 'درخواست پذیرفته شد. پاسخ را در پیشخوان خود در درگاه ببینید و از خدمت نظر دهید.',
      en: 'The request was approved. See the answer in your desk on Dargah, and rate the service.',
    },
  },
  rejected: {
    label: { fa: 'رد شد', en: 'Rejected' },
    expected: {
      fa: 'درخواست رد شد. علت را در پیشخوان خود در درگاه ببینید؛ می‌توانید درخواست تازه‌ای ثبت کنید و از خدمت نظر دهید.',
      en: 'The request was rejected. See why in your desk on Dargah; you may submit a new request, and rate the service.',
    },
  },
};

const STEP_WORDS: Readonly<Record<string, Words>> = {
  submitted: { fa: 'ثبت درخواست', en: 'Request submitted' },
  taken: { fa: 'آغاز بررسی', en: 'Review started' },
  approved: { fa: 'پذیرش درخواست', en: 'Request approved' },
  rejected: { fa: 'رد درخواست', en: 'Request rejected' },
  // The signed answer exists; public tracking never serves it (sign in to the desk to download it).
  answer_issued: { fa: 'صدور پاسخ امضاشده (برای بارگیری به پیشخوان خود وارد شوید)', en: 'Signed answer issued (sign in to your desk to download it)' },
  information_requested: { fa: 'درخواست اصلاح از متقاضی', en: 'Correction asked of the applicant' },
  applicant_replied: { fa: 'پاسخ متقاضی', en: 'The applicant replied' },
};

/** A step of the history in plain words; an action this table does not know yet says it was updated. */
export const stepLabel = (action: string, lang: Lang): string => (STEP_WORDS[action] ?? { fa: 'به‌روزرسانی درخواست', en: 'Request updated' })[lang];

/**
 * The words for a request's status under its own workflow definition (ADR 0034): the simple-approval
 * template's fixed words, else the state's label and what a state of its kind expects of the applicant.
 */
export function statusWords(status: RequestStatus, def: WorkflowDefinition): { label: Words; expected: Words } {
  const fixed = STATUS_WORDS[status];
  if (fixed && def.id === 'simple_approval') return fixed;
  const s = stateOf(def, status);
  const label = s ? s.label : { fa: status, en: status };
  if (s?.inPerson)
    return {
      label,
      expected: {
        fa: 'به میز خدمت حضوری دستگاه مراجعه کنید؛ زمان، علت و مدارک لازم در پیام دعوت و صفحهٔ درخواست آمده است.',
        en: 'Come to the agency’s in-person desk; when, why and which documents to bring are in the invitation and on the request page.',
      },
    };
  if (s?.waitingForApplicant) return { label, expected: STATUS_WORDS.awaiting_applicant!.expected };
  if (s?.terminal)
    return { label, expected: { fa: 'پرونده بسته شده است. نتیجه را در پیشخوان خود در درگاه ببینید.', en: 'The case is closed. See the outcome in your desk on Dargah.' } };
  return { label, expected: STATUS_WORDS.in_review!.expected };
}
