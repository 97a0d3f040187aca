import { DeliveryPage, DeliveryStatus, Inbox, NotificationChannel, NotificationPreferences, SetNotificationPreferences } from '@dargah/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { deliveries, myInbox, myPreferences, readMessage, setMyPreferences } from './notifications.service';

const tags = ['notifications'];
const before = z.string().regex(/^\d{1,18}$/).optional();

export async function notificationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/me/notifications',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The signed-in person’s in-app messages, newest first, with the unread count', querystring: z.object({ before, limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: Inbox } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return myInbox(ctx, req.actor, req.query);
    },
  );

  r.post(
    '/me/notifications/:id/read',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Mark one of your in-app messages read', params: z.object({ id: z.uuid() }), response: { 204: z.null() } } },
    async (req, reply) => {
      await readMessage(ctx, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me/notification-preferences',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'The channels by which you receive messages that go by preference, and your addresses on file (masked)', response: { 200: NotificationPreferences } } },
    async (req) => myPreferences(ctx, req.actor),
  );

  r.put(
    '/me/notification-preferences',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Choose the channels (SMS, e-mail) for messages that go by preference; in-app messages always arrive. A channel with no address on file (no mobile, no confirmed e-mail) is refused: 422 NOTIFICATION_CHANNEL_WITHOUT_ADDRESS', body: SetNotificationPreferences, response: { 200: NotificationPreferences } } },
    async (req) => setMyPreferences(ctx, req.actor, req.body.channels, req.origin),
  );

  r.get(
    '/notifications',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Delivery status of the messages sent for the agencies you administer (all agencies, for platform administrators and auditors), newest first; recipients masked. With requestId: the messages of one service request, for whoever may open that request (its desk staff); anyone else gets 404 REQUEST_NOT_FOUND',
        querystring: z.object({ requestId: z.uuid().optional(), reference: z.string().max(200).optional(), status: DeliveryStatus.optional(), channel: NotificationChannel.optional(), before, limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: DeliveryPage },
      },
    },
    async (req) => deliveries(ctx, req.actor, req.query),
  );
}
