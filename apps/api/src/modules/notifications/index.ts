import type { AppModule } from '..';
import { registerNotificationErrors } from './notifications.errors';
import { notificationRoutes } from './notifications.routes';

registerNotificationErrors();

/** A person's in-app messages and channel preferences; staff follow their agencies' deliveries. */
export const notificationsModule: AppModule = { name: 'notifications', register: notificationRoutes };
