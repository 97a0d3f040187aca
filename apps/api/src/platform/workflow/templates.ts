import type { WorkflowAction, WorkflowDefinition, WorkflowState, WorkflowText } from './definition';

/*
 * The three starting points an agency picks a service's workflow from, as data (each passes
 * validateDefinition; workflow.property.test.ts proves it). Role names are the organisation's; `applicant`
 * is the person the case is about (citizen or company), for the steps only they take.
 */

export const APPLICANT_ROLE = 'applicant';

/** Templates are shared: frozen through, so no caller changes one under another (copy it to edit). */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

const DECIDERS = ['desk_clerk', 'expert', 'unit_manager'];
const t = (fa: string, en: string): WorkflowText => ({ fa, en });

const approve = (roles: string[], to = 'approved'): WorkflowAction => ({
  id: 'approve',
  label: t('تأیید درخواست', 'Approve'),
  roles,
  to,
  event: 'approved',
});
const reject = (roles: string[], requiresNote?: boolean): WorkflowAction => ({
  id: 'reject',
  label: t('رد درخواست', 'Reject'),
  roles,
  to: 'rejected',
  event: 'rejected',
  ...(requiresNote ? { requiresNote } : {}),
});
const APPROVED: WorkflowState = {
  id: 'approved',
  label: t('تأیید شده', 'Approved'),
  terminal: true,
  outcome: 'approved',
  actions: [],
};
const REJECTED: WorkflowState = {
  id: 'rejected',
  label: t('رد شده', 'Rejected'),
  terminal: true,
  outcome: 'rejected',
  actions: [],
};
/** The first state of every template: the request as the applicant sent it, two working days to pick it up. */
const submitted = (actions: WorkflowAction[]): WorkflowState => ({
  id: 'submitted',
  label: t('ثبت‌شده', 'Submitted'),
  slaWorkingDays: 2,
  actions,
});
const take = (roles: string[], to: string, label = t('برداشتن برای بررسی', 'Take for review')): WorkflowAction => ({
  id: 'take',
  label,
  roles,
  to,
  event: 'taken',
});
const escalate = (state: string) =>
  ({ id: `escalate_${state}`, kind: 'escalate', state, notifyRole: 'unit_manager', event: 'escalated' }) as const;

/** Staff ask the applicant for information or a correction: the case waits for the applicant. */
const requestInformation = (roles: string[]): WorkflowAction => ({
  id: 'request_information',
  label: t('درخواست اطلاعات یا اصلاح از متقاضی', 'Ask the applicant for information or a correction'),
  roles,
  to: 'awaiting_applicant',
  event: 'information_requested',
  requiresNote: true,
});
/** Waiting for the applicant's reply (the SLA clock is paused); the reply returns the case to `back`. */
const awaitingApplicant = (back: string, more: WorkflowAction[] = []): WorkflowState => ({
  id: 'awaiting_applicant',
  label: t('در انتظار پاسخ متقاضی', 'Waiting for the applicant'),
  waitingForApplicant: true,
  actions: [{ id: 'reply', label: t('پاسخ متقاضی', 'Reply'), roles: [APPLICANT_ROLE], to: back, event: 'applicant_replied' }, ...more],
});

/**
 * Simple approval: a clerk or expert takes the request for review (or decides at once); a decider
 * approves or rejects, or asks the applicant for a correction (the clock pauses until they reply). The service desk's default (modules/requests), exactly its earlier table.
 */
export const SIMPLE_APPROVAL: WorkflowDefinition = {
  id: 'simple_approval',
  version: 1,
  label: t('تأیید ساده', 'Simple approval'),
  initial: 'submitted',
  states: [
    submitted([
      take(['desk_clerk', 'expert'], 'in_review', t('برداشتن برای رسیدگی', 'Take to work on')),
      approve(DECIDERS),
      reject(DECIDERS),
    ]),
    {
      id: 'in_review',
      label: t('در حال بررسی', 'In review'),
      slaWorkingDays: 5,
      actions: [approve(DECIDERS), reject(DECIDERS), requestInformation(DECIDERS)],
    },
    APPROVED,
    REJECTED,
    awaitingApplicant('in_review'),
  ],
  timers: [escalate('submitted'), escalate('in_review')],
};

/**
 * Expert review, then the unit manager signs: the expert may ask the applicant for more
 * (the clock pauses until they reply) and refers the case with a recommendation; the manager
 * approves, approves in part, rejects or sends it back. Unanswered for 15 working days, the case closes.
 */
export const EXPERT_THEN_MANAGER: WorkflowDefinition = {
  id: 'expert_then_manager',
  version: 1,
  label: t('بررسی کارشناس و امضای مدیر', 'Expert review then manager sign-off'),
  initial: 'submitted',
  states: [
    submitted([
      take(['expert'], 'expert_review'),
      {
        id: 'withdraw',
        label: t('انصراف', 'Withdraw'),
        roles: [APPLICANT_ROLE],
        to: 'withdrawn',
        event: 'withdrawn',
      },
    ]),
    {
      id: 'expert_review',
      label: t('بررسی کارشناس', 'Expert review'),
      slaWorkingDays: 5,
      actions: [
        {
          id: 'refer',
          label: t('ارجاع به مدیر با نظر کارشناسی', 'Refer to the manager with a recommendation'),
          roles: ['expert'],
          to: 'manager_signoff',
          event: 'referred',
          requiresNote: true,
        },
        requestInformation(['expert']),
      ],
    },
    awaitingApplicant('expert_review', [
        {
          id: 'close_unanswered',
          label: t('بستن بی‌پاسخ', 'Close unanswered'),
          roles: ['unit_manager'],
          to: 'closed',
          event: 'closed_unanswered',
          requiresNote: true,
        },
    ]),
    {
      id: 'manager_signoff',
      label: t('امضای مدیر', 'Manager sign-off'),
      slaWorkingDays: 3,
      actions: [
        approve(['unit_manager']),
        {
          id: 'approve_partially',
          label: t('تأیید بخشی', 'Approve in part'),
          roles: ['unit_manager'],
          to: 'partially_approved',
          event: 'partially_approved',
          requiresNote: true,
        },
        reject(['unit_manager'], true),
        {
          id: 'return_to_expert',
          label: t('بازگرداندن به کارشناس', 'Return to the expert'),
          roles: ['unit_manager'],
          to: 'expert_review',
          event: 'returned',
          requiresNote: true,
        },
      ],
    },
    APPROVED,
    {
      id: 'partially_approved',
      label: t('تأیید بخشی', 'Approved in part'),
      terminal: true,
      outcome: 'partial',
      actions: [],
    },
    REJECTED,
    { id: 'withdrawn', label: t('انصراف متقاضی', 'Withdrawn'), terminal: true, outcome: 'withdrawn', actions: [] },
    { id: 'closed', label: t('بسته شده بی‌پاسخ', 'Closed unanswered'), terminal: true, outcome: 'closed', actions: [] },
  ],
  timers: [
    escalate('submitted'),
    escalate('expert_review'),
    escalate('manager_signoff'),
    {
      id: 'unanswered',
      kind: 'deadline',
      state: 'awaiting_applicant',
      after: { workingDays: 15 },
      action: 'close_unanswered',
      event: 'closed_unanswered',
    },
  ],
};

/** What the applicant brings to the in-person desk in the template (the service's card lists its own). */
export const IN_PERSON_DOCUMENTS = ['national_card_original', 'birth_certificate_original'];

/**
 * With an in-person step: after review the applicant is invited to the in-person desk of the
 * headquarters or unit (told electronically when, why and with which documents; never sent to
 * experts inside the office). The desk clerk records the visit once the originals are seen; no
 * visit within 10 working days and the case is closed as withdrawn.
 */
export const WITH_IN_PERSON_STEP: WorkflowDefinition = {
  id: 'with_in_person_step',
  version: 1,
  label: t('با مراجعهٔ حضوری', 'With an in-person step'),
  initial: 'submitted',
  states: [
    submitted([take(['desk_clerk', 'expert'], 'in_review')]),
    {
      id: 'in_review',
      label: t('در حال بررسی', 'In review'),
      slaWorkingDays: 5,
      actions: [
        {
          id: 'invite',
          label: t('دعوت به میز خدمت حضوری', 'Invite to the in-person desk'),
          roles: ['desk_clerk', 'expert'],
          to: 'in_person',
          event: 'invited_in_person',
          requiresNote: true,
        },
        reject(['expert', 'unit_manager'], true),
      ],
    },
    {
      id: 'in_person',
      label: t('مراجعهٔ حضوری به میز خدمت', 'Visit to the in-person desk'),
      waitingForApplicant: true,
      inPerson: true,
      requiredDocuments: IN_PERSON_DOCUMENTS,
      actions: [
        {
          id: 'attended',
          label: t('ثبت مراجعه و رؤیت اصل مدارک', 'Record the visit and the originals seen'),
          roles: ['desk_clerk'],
          to: 'decision',
          event: 'attended',
        },
        {
          id: 'no_show',
          label: t('عدم مراجعه', 'Did not come'),
          roles: ['desk_clerk'],
          to: 'withdrawn',
          event: 'no_show',
          withoutDocuments: true,
        },
      ],
    },
    {
      id: 'decision',
      label: t('تصمیم‌گیری', 'Decision'),
      slaWorkingDays: 3,
      actions: [approve(['expert', 'unit_manager']), reject(['expert', 'unit_manager'], true)],
    },
    APPROVED,
    REJECTED,
    {
      id: 'withdrawn',
      label: t('عدم مراجعهٔ متقاضی', 'Applicant did not come'),
      terminal: true,
      outcome: 'withdrawn',
      actions: [],
    },
  ],
  timers: [
    escalate('submitted'),
    escalate('in_review'),
    escalate('decision'),
    {
      id: 'no_show',
      kind: 'deadline',
      state: 'in_person',
      after: { workingDays: 10 },
      action: 'no_show',
      event: 'no_show',
    },
  ],
};

export const WORKFLOW_TEMPLATES: readonly WorkflowDefinition[] = frozen([
  SIMPLE_APPROVAL,
  EXPERT_THEN_MANAGER,
  WITH_IN_PERSON_STEP,
]);
