import { z } from 'zod';

export const NotificationChannel = z.enum(['sms', 'email', 'in_app']);
export const DeliveryStatus = z.enum(['created', 'sending', 'delivered', 'temporary_failure', 'permanent_failure']);

/** A message in a person's in-app inbox. */
export const InboxMessage = z.object({
  id: z.uuid(),
  subject: z.string().nullable(),
  body: z.string(),
  reference: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type InboxMessage = z.infer<typeof InboxMessage>;
export const Inbox = z.object({ items: z.array(InboxMessage), unread: z.number().int(), nextBefore: z.string().nullable() });
export type Inbox = z.infer<typeof Inbox>;

/** The channels a person chose for messages that go by preference (in-app messages always arrive). */
export const NotificationPreferences = z.object({
  channels: z.array(z.enum(['sms', 'email'])).max(2),
  /** Where those channels reach them (masked), as the person's record holds it. */
  addresses: z.object({ sms: z.string().nullable(), email: z.string().nullable() }),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const SetNotificationPreferences = z.object({ channels: z.array(z.enum(['sms', 'email'])).max(2) }).strict();

/** A message's delivery as staff follow it (the recipient masked). */
export const DeliveryRecord = z.object({
  id: z.uuid(),
  template: z.string(),
  templateVersion: z.number().int(),
  channel: NotificationChannel,
  recipient: z.string(),
  reference: z.string().nullable(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  failureReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;
export const DeliveryPage = z.object({ items: z.array(DeliveryRecord), nextBefore: z.string().nullable() });
export type DeliveryPage = z.infer<typeof DeliveryPage>;
