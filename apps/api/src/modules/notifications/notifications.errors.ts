import { defineErrors, errorClassOf } from '../../platform/http/errors';

/** Refusals of the notifications module, each with a stable code and Persian and English text. */
export const notificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, fa: 'پیام پیدا نشد.', en: 'The message was not found.' },
  NOTIFICATION_CHANNEL_WITHOUT_ADDRESS: {
    status: 422,
    fa: 'برای این راه نشانی‌ای در پرونده شما نیست؛ نخست نشانی را ثبت و تأیید کنید.',
    en: 'You have no address on file for this channel; add and confirm one first.',
  },
});

/** The module's refusals: the platform's codes and its own (an undeclared code does not compile). */
export const NotificationsError = errorClassOf(notificationErrors);
