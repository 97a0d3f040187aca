import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the audit log screens, each with a stable code and Persian and English text. */
export const auditErrors = defineErrors({
  AUDIT_ENTRY_NOT_FOUND: { status: 404, fa: 'این رویداد در ردپای حسابرسی پیدا نشد.', en: 'The audit entry was not found.' },
  AUDIT_PERIOD_INVALID: {
    status: 400,
    fa: 'بازهٔ تاریخ درست نیست: «تا تاریخ» نباید پیش از «از تاریخ» باشد.',
    en: 'The date range is not valid: the end must not come before the start.',
  },
  AUDIT_CHECKPOINT_NONE: { status: 404, fa: 'هنوز هیچ نقطه وارسی امضاشده‌ای برای ردپای حسابرسی ساخته نشده است.', en: 'No signed audit checkpoint has been made yet.' },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const AuditError = errorClassOf(auditErrors);
