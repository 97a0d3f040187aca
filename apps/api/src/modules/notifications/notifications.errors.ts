import { registerErrorCodes } from '../../platform/http/errors';

/** Refusals of the notifications module, each with a stable code and Persian and English text. */
export const notificationErrors = {
  NOTIFICATION_NOT_FOUND: { status: 404, fa: 'پیام پیدا نشد.', en: 'The message was not found.' },
};

let registered = false;
export function registerNotificationErrors(): void {
  if (registered) return;
  registered = true;
  registerErrorCodes(notificationErrors);
}
