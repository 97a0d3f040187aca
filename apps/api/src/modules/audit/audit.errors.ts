import { registerErrorCodes } from '../../platform/http/errors';

/** Refusals of the audit module, each with a stable code and Persian and English text. */
export const auditErrors = {
  AUDIT_CHECKPOINT_NONE: { status: 404, fa: 'هنوز هیچ نقطه وارسی امضاشده‌ای برای ردپای حسابرسی ساخته نشده است.', en: 'No signed audit checkpoint has been made yet.' },
};

let registered = false;
export function registerAuditErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(auditErrors);
}
