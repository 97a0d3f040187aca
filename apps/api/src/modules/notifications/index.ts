import type { AppModule } from '../../platform/module';
import { notificationErrors } from './notifications.errors';
import { notificationRoutes } from './notifications.routes';

/** A person's in-app messages and channel preferences; staff follow their agencies' deliveries. */
export const notificationsModule: AppModule = { name: 'notifications', register: notificationRoutes, errors: [notificationErrors] };
