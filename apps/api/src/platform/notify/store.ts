import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, list, rows, textArray, type Db } from '../db';
import type { Channel, Lang } from './templates';

/** The SQL of the notification tables (platform code: no module owns them). */

export type DeliveryStatus = 'created' | 'sending' | 'delivered' | 'temporary_failure' | 'permanent_failure';
export type PersonType = 'citizen' | 'staff';

export interface NotificationRow {
  id: string;
  templateId: string;
  templateVersion: number;
  channel: Channel;
  lang: Lang;
  recipient: string;
  personType: PersonType | null;
  personId: string | null;
  agencyId: string | null;
  reference: string | null;
  subject: string | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
}

const COLUMNS = sql`id, template_id AS "templateId", template_version AS "templateVersion", channel, lang, recipient,
  person_type AS "personType", person_id AS "personId", agency_id AS "agencyId", reference, subject, body, status, attempts,
  failure_reason AS "failureReason", created_at AS "createdAt", updated_at AS "updatedAt", delivered_at AS "deliveredAt", read_at AS "readAt"`;

const toRow = (r: NotificationRow): NotificationRow => ({
  ...r,
  createdAt: date(r.createdAt),
  updatedAt: date(r.updatedAt),
  deliveredAt: dateOrNull(r.deliveredAt),
  readAt: dateOrNull(r.readAt),
});

export interface NewNotification {
  templateId: string;
  templateVersion: number;
  channel: Channel;
  lang: Lang;
  recipient: string;
  personType: PersonType | null;
  personId: string | null;
  agencyId: string | null;
  reference: string | null;
  subject: string | null;
  body: string;
  status: DeliveryStatus;
  failureReason?: string;
}

export async function insertNotification(db: Db, n: NewNotification, now: Date): Promise<string> {
  const at = iso(now);
  const [row] = await rows<{ id: string }>(db, sql`
    INSERT INTO notifications (template_id, template_version, channel, lang, recipient, person_type, person_id, agency_id,
      reference, subject, body, status, failure_reason, created_at, updated_at, delivered_at)
    VALUES (${n.templateId}, ${n.templateVersion}, ${n.channel}, ${n.lang}, ${n.recipient}, ${n.personType}, ${n.personId},
      ${n.agencyId}, ${n.reference}, ${n.subject}, ${n.body}, ${n.status}, ${n.failureReason ?? null}, ${at}::timestamptz,
      ${at}::timestamptz, ${n.status === 'delivered' ? at : null}::timestamptz)
    RETURNING id`);
  return row!.id;
}

export async function findNotification(db: Db, id: string): Promise<NotificationRow | undefined> {
  const [r] = await rows<NotificationRow>(db, sql`SELECT ${COLUMNS} FROM notifications WHERE id = ${id}`);
  return r ? toRow(r) : undefined;
}

/** Marks an attempt as started; undefined when the message is already final (delivered or refused). */
export async function startAttempt(db: Db, id: string, now: Date): Promise<NotificationRow | undefined> {
  const [r] = await rows<NotificationRow>(db, sql`
    UPDATE notifications SET status = 'sending', attempts = attempts + 1, updated_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND status NOT IN ('delivered', 'permanent_failure')
    RETURNING ${COLUMNS}`);
  return r ? toRow(r) : undefined;
}

export async function finishAttempt(
  db: Db,
  id: string,
  outcome: { status: 'delivered'; providerRef: string } | { status: 'temporary_failure' | 'permanent_failure'; reason: string },
  now: Date,
): Promise<void> {
  const at = iso(now);
  await rows(db, sql`
    UPDATE notifications
       SET status = ${outcome.status}, updated_at = ${at}::timestamptz,
           provider_ref = ${outcome.status === 'delivered' ? outcome.providerRef : null},
           delivered_at = ${outcome.status === 'delivered' ? at : null}::timestamptz,
           failure_reason = ${outcome.status === 'delivered' ? null : outcome.reason.slice(0, 500)}
     WHERE id = ${id}`);
}

export interface NotificationFilter {
  personType?: PersonType | undefined;
  personId?: string | undefined;
  channel?: Channel | undefined;
  status?: DeliveryStatus | undefined;
  reference?: string | undefined;
  /** null: every agency's. */
  agencyIds?: string[] | null | undefined;
  before?: string | undefined;
  limit: number;
}

/** Messages newest first, `before` a seq for the next page. */
export async function listNotifications(db: Db, f: NotificationFilter): Promise<Array<NotificationRow & { seq: string }>> {
  const found = await rows<NotificationRow & { seq: string | number }>(db, sql`
    SELECT seq, ${COLUMNS} FROM notifications
     WHERE (${f.personType ?? null}::text IS NULL OR person_type = ${f.personType ?? null})
       AND (${f.personId ?? null}::text IS NULL OR person_id = ${f.personId ?? null})
       AND (${f.channel ?? null}::text IS NULL OR channel = ${f.channel ?? null})
       AND (${f.status ?? null}::text IS NULL OR status = ${f.status ?? null})
       AND (${f.reference ?? null}::text IS NULL OR reference = ${f.reference ?? null})
       AND (${f.agencyIds === null || f.agencyIds === undefined} OR agency_id = ANY(${list(f.agencyIds ?? [])}::text[]))
       AND (${f.before ?? null}::bigint IS NULL OR seq < ${f.before ?? null}::bigint)
     ORDER BY seq DESC LIMIT ${f.limit}`);
  return found.map((r) => ({ ...toRow(r), seq: String(r.seq) }));
}

/** Marks a person's in-app message read; false when it is not theirs (or not in-app). */
export async function markRead(db: Db, id: string, personType: PersonType, personId: string, now: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(db, sql`
    UPDATE notifications SET read_at = COALESCE(read_at, ${iso(now)}::timestamptz)
     WHERE id = ${id} AND channel = 'in_app' AND person_type = ${personType} AND person_id = ${personId}
    RETURNING id`);
  return r.length > 0;
}

export async function unreadCount(db: Db, personType: PersonType, personId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM notifications
     WHERE person_type = ${personType} AND person_id = ${personId} AND channel = 'in_app' AND read_at IS NULL`);
  return r?.n ?? 0;
}

/** The channels a person chose for messages that go by their preference (none stored: the defaults). */
export async function findPreferences(db: Db, personType: PersonType, personId: string): Promise<Channel[] | undefined> {
  const [r] = await rows<{ channels: unknown }>(db, sql`
    SELECT channels FROM notification_preferences WHERE person_type = ${personType} AND person_id = ${personId}`);
  return r ? (textArray(r.channels) as Channel[]) : undefined;
}

export async function savePreferences(db: Db, personType: PersonType, personId: string, channels: Channel[], now: Date): Promise<void> {
  await rows(db, sql`
    INSERT INTO notification_preferences (person_type, person_id, channels, updated_at)
    VALUES (${personType}, ${personId}, ${list(channels)}::text[], ${iso(now)}::timestamptz)
    ON CONFLICT (person_type, person_id) DO UPDATE SET channels = EXCLUDED.channels, updated_at = EXCLUDED.updated_at`);
}
