export { createNotifySendJob, DEFAULT_CHANNELS, notify, Notifier, NOTIFY_SEND, type Contact, type ContactResolver, type NotifyContext, type Recipient } from './notify';
export { maskAddress } from '@dargah/persian';
export { classifySmtpError, createEmailSimulator, createSmsSimulator, createSmtpProvider, DeliveryError, type Provider } from './providers';
export { findPreferences, listNotifications, markRead, savePreferences, unreadCount, type DeliveryStatus, type NotificationFilter, type NotificationRow, type PersonType } from './store';
export { CHANNELS, defineTemplate, render, type Channel, type Lang, type NotificationTemplate } from './templates';
