import type { Actor, RequestOrigin } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { withTransaction } from '../../platform/db';
import { recordChange } from '../../platform/events';
import { DEFAULT_CHANNELS, findPreferences, listNotifications, markRead, savePreferences, unreadCount, maskAddress, type PersonType } from '../../platform/notify';
import { agenciesWithRole, isCentral } from '../organisation';
import { requestVisibleTo } from '../requests';
import { NotificationsError } from './notifications.errors';

/** The signed-in person as the notification service knows them. */
function personOf(actor: Actor): { type: PersonType; id: string } {
  if (actor.type === 'citizen' || actor.type === 'staff') return { type: actor.type, id: actor.id };
  throw new NotificationsError('FORBIDDEN');
}

export async function myInbox(ctx: AppContext, actor: Actor, q: { before?: string | undefined; limit: number }) {
  const me = personOf(actor);
  const db = ctx.database.db;
  const rows = await listNotifications(db, { personType: me.type, personId: me.id, channel: 'in_app', before: q.before, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((m) => ({ id: m.id, subject: m.subject, body: m.body, reference: m.reference, createdAt: m.createdAt.toISOString(), readAt: m.readAt?.toISOString() ?? null })),
    unread: await unreadCount(db, me.type, me.id),
    nextBefore: rows.length > q.limit ? page.at(-1)!.seq : null,
  };
}

/** Marks one of the person's own messages read; anyone else's answers like a missing one. */
export async function readMessage(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const me = personOf(actor);
  const ok = await withTransaction(ctx.database, (tx) => markRead(tx.db, id, me.type, me.id, ctx.clock.now()));
  if (!ok) throw new NotificationsError('NOTIFICATION_NOT_FOUND', { id });
}

export async function myPreferences(ctx: AppContext, actor: Actor) {
  const me = personOf(actor);
  const db = ctx.database.db;
  const contact = (await ctx.notify.contactOf(db, me.type, me.id)) ?? {};
  const channels = (await findPreferences(db, me.type, me.id)) ?? DEFAULT_CHANNELS[me.type];
  return {
    channels: channels.filter((c): c is 'sms' | 'email' => c === 'sms' || c === 'email'),
    addresses: { sms: contact.mobile ? maskAddress(contact.mobile) : null, email: contact.email ? maskAddress(contact.email) : null },
  };
}

/**
 * Keeps the person's channel choice. A channel with no address on file (no mobile; no confirmed
 * e-mail) is refused, as the settings page does not offer it: a choice that could never be used is
 * not kept. (An address removed later is covered by the fallback: in-app, and any channel that can.)
 */
export async function setMyPreferences(ctx: AppContext, actor: Actor, channels: Array<'sms' | 'email'>, origin: RequestOrigin) {
  const me = personOf(actor);
  const unique = [...new Set(channels)];
  await withTransaction(ctx.database, async (tx) => {
    const contact = (await ctx.notify.contactOf(tx.db, me.type, me.id)) ?? {};
    const missing = unique.find((c) => !(c === 'sms' ? contact.mobile : contact.email));
    if (missing) throw new NotificationsError('NOTIFICATION_CHANNEL_WITHOUT_ADDRESS', { channel: missing });
    const before = await findPreferences(tx.db, me.type, me.id);
    await savePreferences(tx.db, me.type, me.id, unique, ctx.clock.now());
    await recordChange(
      tx,
      { actor, origin, at: ctx.clock.now() },
      { stream: me.type, id: me.id, event: 'notification_channels_set', audit: `${me.type}.notification_channels_set`, agencyId: null, details: { before: before ?? null, after: unique } },
    );
  });
  return myPreferences(ctx, actor);
}

/**
 * Who may follow every delivery of an agency: platform administrators and auditors all agencies'; an
 * agency administrator their agencies'. Other staff see a message's status only on the page of the
 * request it was sent for (`requestId`), so a list cannot reveal requests they may not open.
 */
function deliveryScope(actor: Actor): string[] | null {
  if (actor.type !== 'staff') throw new NotificationsError('FORBIDDEN');
  if (isCentral(actor)) return null;
  const agencies = agenciesWithRole(actor, ['agency_admin']);
  if (agencies.length === 0) throw new NotificationsError('FORBIDDEN');
  return agencies;
}

export async function deliveries(ctx: AppContext, actor: Actor, q: { requestId?: string | undefined; reference?: string | undefined; status?: string | undefined; channel?: string | undefined; before?: string | undefined; limit: number }) {
  if (actor.type !== 'staff') throw new NotificationsError('FORBIDDEN');
  let agencyIds: string[] | null;
  let reference = q.reference;
  if (q.requestId !== undefined) {
    // One request's messages: for whoever may open the request, as its page decides.
    const r = await requestVisibleTo(ctx, actor, q.requestId);
    if (reference !== undefined && reference !== r.id) return { items: [], nextBefore: null };
    agencyIds = [r.agencyId];
    reference = r.id;
  } else {
    agencyIds = deliveryScope(actor);
  }
  const rows = await listNotifications(ctx.database.db, {
    agencyIds,
    reference,
    status: q.status as never,
    channel: q.channel as never,
    before: q.before,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((m) => ({
      id: m.id,
      template: m.templateId,
      templateVersion: m.templateVersion,
      channel: m.channel,
      recipient: m.channel === 'in_app' ? '' : maskAddress(m.recipient),
      reference: m.reference,
      status: m.status,
      attempts: m.attempts,
      failureReason: m.failureReason,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
      deliveredAt: m.deliveredAt?.toISOString() ?? null,
    })),
    nextBefore: rows.length > q.limit ? page.at(-1)!.seq : null,
  };
}
