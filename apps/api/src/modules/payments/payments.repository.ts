import type { PaymentStatus } from '@dargah/contracts';
import { sql } from 'drizzle-orm';
import { date, dateOrNull, iso, list, rows, type Db } from '../../platform/db';

/*
 * Fee payments (migration 0042): started with the gateway's token, then paid, cancelled or failed;
 * a paid one spent once by a submission.
 */

export type PaymentFailure = 'cancelled' | 'declined' | 'amount_mismatch';

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
}

const PAYMENT = sql`
  SELECT id, citizen_id AS "citizenId", service_id AS "serviceId", service_version AS "serviceVersion", agency_id AS "agencyId",
         amount_rials::float8 AS "amountRials", gateway, token, status, reference_number AS "referenceNumber", failure,
         created_at AS "createdAt", paid_at AS "paidAt", request_id AS "requestId", spent_at AS "spentAt"
    FROM payments`;
const fix = (p: PaymentRecord): PaymentRecord => ({ ...p, amountRials: Number(p.amountRials), createdAt: date(p.createdAt), paidAt: dateOrNull(p.paidAt), spentAt: dateOrNull(p.spentAt) });

export async function insertPayment(
  db: Db,
  p: Pick<PaymentRecord, 'id' | 'citizenId' | 'serviceId' | 'serviceVersion' | 'agencyId' | 'amountRials' | 'gateway' | 'token'>,
  now: Date,
): Promise<void> {
  await rows(db, sql`
    INSERT INTO payments (id, citizen_id, service_id, service_version, agency_id, amount_rials, gateway, token, status, created_at)
    VALUES (${p.id}, ${p.citizenId}, ${p.serviceId}, ${p.serviceVersion}, ${p.agencyId}, ${p.amountRials}, ${p.gateway}, ${p.token}, 'started', ${iso(now)}::timestamptz)`);
}

export async function findPayment(db: Db, id: string): Promise<PaymentRecord | undefined> {
  const [row] = await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE id = ${id}`);
  return row && fix(row);
}

export async function findPaymentByToken(db: Db, token: string): Promise<PaymentRecord | undefined> {
  const [row] = await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE token = ${token}`);
  return row && fix(row);
}

/** Paid: only from started (a concurrent callback that lost finds it moved, and changes nothing). */
export async function markPaid(db: Db, id: string, referenceNumber: string, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET status = 'paid', reference_number = ${referenceNumber}, paid_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND status = 'started' RETURNING id`);
  return r.length === 1;
}

/** Cancelled or failed: only from started. */
export async function markEnded(db: Db, id: string, failure: PaymentFailure, now: Date): Promise<boolean> {
  const r = await rows(db, sql`
    UPDATE payments SET status = ${failure === 'cancelled' ? 'cancelled' : 'failed'}, failure = ${failure}, ended_at = ${iso(now)}::timestamptz
     WHERE id = ${id} AND status = 'started' RETURNING id`);
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

/** The payments that requests spent, by request id. */
export async function paymentsOfRequests(db: Db, requestIds: readonly string[]): Promise<Map<string, PaymentRecord>> {
  if (requestIds.length === 0) return new Map();
  const r = (await rows<PaymentRecord>(db, sql`${PAYMENT} WHERE request_id = ANY(${list(requestIds)}::uuid[])`)).map(fix);
  return new Map(r.map((p) => [p.requestId!, p]));
}
