import type { TFunction } from 'i18next';
import type { DeliveryRecord } from '../api';

/** A delivery's channel, status and template in the reader's language (an unknown template by its id). */
export const channelLabel = (t: TFunction, c: DeliveryRecord['channel']) => t(`notifications.deliveries.channels.${c}`);
export const statusLabel = (t: TFunction, s: DeliveryRecord['status']) => t(`notifications.deliveries.statuses.${s}`);
export const templateLabel = (t: TFunction, id: string) =>
  t(`notifications.deliveries.templates.${id}` as 'notifications.deliveries.templates.requests.received', {
    defaultValue: id,
  });

export const statusTone = (s: DeliveryRecord['status']) =>
  s === 'delivered' ? 'badge--success' : s === 'permanent_failure' ? 'badge--danger' : 'badge--warning';
