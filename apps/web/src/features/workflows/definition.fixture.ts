import type { WorkflowDefinition } from '../../lib/contracts';

/* The workflow feature's tests' definition: the simple-approval template's graph. */

const t = (fa: string) => ({ fa, en: fa });
const go = (id: string, to: string) => ({ id, label: t(id), roles: ['expert'], to, event: id });
/** The simple-approval template's graph. */
export const SIMPLE_APPROVAL: WorkflowDefinition = {
  id: 'simple_approval',
  version: 1,
  label: t('تأیید ساده'),
  initial: 'submitted',
  states: [
    { id: 'submitted', label: t('ثبت‌شده'), actions: [go('take', 'in_review'), go('approve', 'approved'), go('reject', 'rejected')] },
    { id: 'in_review', label: t('در حال بررسی'), actions: [go('approve', 'approved'), go('reject', 'rejected'), go('request_information', 'awaiting_applicant')] },
    { id: 'approved', label: t('تأیید شده'), terminal: true, outcome: 'approved', actions: [] },
    { id: 'rejected', label: t('رد شده'), terminal: true, outcome: 'rejected', actions: [] },
    { id: 'awaiting_applicant', label: t('در انتظار'), waitingForApplicant: true, actions: [go('reply', 'in_review')] },
  ],
  timers: [],
};
