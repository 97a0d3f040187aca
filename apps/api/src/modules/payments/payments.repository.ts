import type { PaymentStatus } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, list, rows, type Db } from '../../platform/db';

/*
 * Fee payments (migrations 0042, 0045): started with the gateway's token, then paid, cancelled,
 * failed or expired; a paid one spent once by a submission; reconciled with the gateway by the
 * payments.reconcile job while started (past a grace) or while a reversal is owed.
 */

export type PaymentFailure = 'cancelled' | 'declined' | 'amount_mismatch' | 'expired';

export interface PaymentRecord {
  id: string;
  citizenId: string;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  amountRials: number;
  gateway: string;
  token: string;
  status: PaymentStatus;
  referenceNumber: string | null;
  failure: PaymentFailure | null;
  createdAt: Date;
  paidAt: Date | null;
  requestId: string | null;
  spentAt: Date | null;
  reversal: 'owed' | 'done' | null;
}

const PAYMENT = sql`
  SELECT id, citizen_id AS "citizenId", service_id AS "serviceId", service_version AS "serviceVersion", agency_id AS "agencyId",
         amount_rials::float8 AS "amountRials", gateway, token, status, reference_number AS "referenceNumber", failure,
         created_at AS "createdAt", paid_at AS "paidAt", request_id AS "requestId", spent_at AS "spentAt", reversal
    FROM payments`;
const fix = (p: PaymentRecord): PaymentRecord => ({ ...p, amountRials: Number(p.amountRials), createdAt: date(p.createdAt), paidAt: dateOrNull(p.paidAt), spentAt: dateOrNull(p.spentAt) });

export async function insertPayment(
  db: Db,
  p: Pick<PaymentRecord, 'id' | 'citizenId' | 'serviceId' | 'serviceVersion' | 'agencyId' | 'amountRials' | 'gateway' | 'token'> & { onBehalfOfId?: string | null },
  now: Date,
  reconcileAt: Date,
): Promise<void> {
  await rows(db, sql`
    INSERT INTO payments (id, citizen_id, service_id, service_version, agency_id, amount_rials, gateway, token, status, created_at, reconcile_at, on_behalf_of_id)
    VALUES (${p.id}, ${p.citizenId}, ${p.serviceId}, ${p.serviceVersion}, ${p.agencyId}, ${p.amountRials}, ${p.gateway}, ${p.token}, 'started', ${iso(now)}::timestamptz,
            ${iso(reconcileAt)}::timestamptz, ${p.onBehalfOfId ?? null})`);
}

export async function findPayment(db: Db, id: string): Promise<PaymentRecord | undefined> {
  const [row] = await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE id = ${id}`);
  return row && fix(row);
}

export async function findPaymentByToken(db: Db, token: string): Promise<PaymentRecord | undefined> {
  const [row] = await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE token = ${token}`);
  return row && fix(row);
}

/**
 * Paid: only from started (a concurrent callback, or the reconcile job, that lost finds it moved,
 * and changes nothing); nothing left to reconcile.
 */
export async function markPaid(db: Db, id: string, referenceNumber: string, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET status = 'paid', reference_number = ${referenceNumber}, paid_at = ${iso(now)}::timestamptz, reconcile_at = NULL
     WHERE id = ${id} AND status = 'started' RETURNING id`);
  return r.length === 1;
}

const ENDED_STATUS: Record<PaymentFailure, 'cancelled' | 'failed' | 'expired'> = { cancelled: 'cancelled', declined: 'failed', amount_mismatch: 'failed', expired: 'expired' };

/**
 * Cancelled, failed or expired: only from started. A payment of the wrong amount whose reversal the
 * gateway did not confirm is owed one, and due to the reconcile job at once.
 */
export async function markEnded(db: Db, id: string, failure: PaymentFailure, now: Date, reversal: 'owed' | 'done' | null = null): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET status = ${ENDED_STATUS[failure]}, failure = ${failure}, ended_at = ${iso(now)}::timestamptz,
                        reversal = ${reversal}, reversed_at = ${reversal === 'done' ? iso(now) : null}::timestamptz,
                        reconcile_at = ${reversal === 'owed' ? iso(now) : null}::timestamptz
     WHERE id = ${id} AND status = 'started' RETURNING id`);
  return r.length === 1;
}

/**
 * The payments whose time to reconcile has come (started past the grace, or owing a reversal), each
 * by one run: FOR UPDATE SKIP LOCKED, then reconcile_at moved to the end of the lease (past the
 * gateway's timeout), so an overlapping run neither waits for them nor takes them; one whose run
 * died, or whose gateway did not answer, is taken again once the lease is over.
 */
export async function claimToReconcile(db: Db, n: number, now: Date, leaseUntil: Date): Promise<PaymentRecord[]> {
  const r = await rows<PaymentRecord>(db, sql`
    WITH claimed AS (
      UPDATE payments SET reconcile_at = ${iso(leaseUntil)}::timestamptz
       WHERE id IN (SELECT id FROM payments WHERE reconcile_at <= ${iso(now)}::timestamptz
                     ORDER BY reconcile_at, id FOR UPDATE SKIP LOCKED LIMIT ${n})
      RETURNING id)
    ${PAYMENT} WHERE id IN (SELECT id FROM claimed)`);
  return r.map(fix);
}

/** The owed reversal confirmed by the gateway: only once (a run that lost its lease finds it done). */
export async function markReversed(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET reversal = 'done', reversed_at = ${iso(now)}::timestamptz, reconcile_at = NULL
     WHERE id = ${id} AND reversal = 'owed' RETURNING id`);
  return r.length === 1;
}

/**
 * Spends the person's paid, unspent payment for the service and amount on the request; false when it
 * is not one (someone else's, another service's or amount, unpaid, or spent). The row lock makes a
 * second submission naming the same payment wait, then find it spent.
 */
export async function spend(db: Db, p: { paymentId: string; citizenId: string; serviceId: string; amountRials: number; requestId: string }, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET request_id = ${p.requestId}, spent_at = ${iso(now)}::timestamptz
     WHERE id = ${p.paymentId} AND citizen_id = ${p.citizenId} AND service_id = ${p.serviceId} AND amount_rials = ${p.amountRials}
       AND status = 'paid' AND request_id IS NULL
    RETURNING id`);
  return r.length === 1;
}

/** The last payment of the page before: its created_at and id. */
export interface Keyset {
  at: Date;
  id: string;
}

/**
 * A payer's payments, newest first: the person's own (companyId null) or, while acting for a
 * company, the company's (as listApplicantRequests). One more than `limit`, to tell a next page.
 */
export async function listPayerPayments(db: Db, who: { citizenId: string; companyId: string | null }, before: Keyset | undefined, limit: number): Promise<PaymentRecord[]> {
  const r = await rows<PaymentRecord>(db, sql`${PAYMENT}
     WHERE ${who.companyId ? sql`on_behalf_of_id = ${who.companyId}` : sql`citizen_id = ${who.citizenId} AND on_behalf_of_id IS NULL`}
       ${before ? sql`AND (created_at, id) < (${iso(before.at)}::timestamptz, ${before.id}::uuid)` : sql``}
     ORDER BY created_at DESC, id DESC
     LIMIT ${limit + 1}`);
  return r.map(fix);
}

/** The payments that requests spent, by request id. */
export async function paymentsOfRequests(db: Db, requestIds: readonly string[]): Promise<Map<string, PaymentRecord>> {
  if (requestIds.length === 0) return new Map();
  const r = (await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE request_id = ANY(${list(requestIds)}::uuid[])`)).map(fix);
  return new Map(r.map((p) => [p.requestId!, p]));
}
