import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context';
import { rows, type Database, type Tx } from '../db';
import { enqueue, type JobDefinition } from '../jobs';

/** An SMS gateway. The real one is an operator's HTTP API; the simulator records deliveries. */
export interface SmsGateway {
  readonly mode: 'simulator' | 'live';
  /** Sends one message; resolves to the provider's reference, or rejects (the job retries). */
  send(to: string, body: string): Promise<string>;
}

/**
 * Behaves like an operator: a short latency, and numbers of the reserved test range
 * 0999 999 99xx fail permanently so callers can exercise their failure paths.
 */
export function createSmsSimulator(opts: { latencyMs?: number } = {}): SmsGateway {
  return {
    mode: 'simulator',
    async send(to) {
      await new Promise((r) => setTimeout(r, opts.latencyMs ?? 5));
      if (/^0999999999\d$/.test(to)) throw new Error(`SMS simulator: ${to} is unreachable`);
      return `sim-${randomUUID()}`;
    },
  };
}

export const SmsSendPayload = z.object({ outboxId: z.uuid() });

/** Delivers one sms_outbox row; idempotent (a row already sent is left alone). */
export function createSmsJob(gateway: SmsGateway): JobDefinition<typeof SmsSendPayload> {
  return {
    kind: SMS_JOB,
    payload: SmsSendPayload,
    maxAttempts: 5,
    async handle({ outboxId }, { database, clock }) {
      const [msg] = await rows<{ recipient: string; body: string; status: string }>(
        database.db,
        sql`SELECT recipient, body, status FROM sms_outbox WHERE id = ${outboxId}`,
      );
      if (!msg || msg.status === 'sent') return;
      const ref = await gateway.send(msg.recipient, msg.body);
      await rows(database.db, sql`UPDATE sms_outbox SET status = 'sent', provider_ref = ${ref}, sent_at = ${clock.now().toISOString()}::timestamptz WHERE id = ${outboxId}`);
    },
  };
}

export const SMS_JOB = 'sms.send';

/**
 * Queues one text message in the caller's transaction: an sms_outbox row and the sms.send job that
 * delivers it (after commit, nudging this process's runner). The one way modules send an SMS.
 */
export async function queueSms(ctx: AppContext, tx: Tx, msg: { to: string; body: string; purpose: string }, now: Date): Promise<string> {
  const [row] = await rows<{ id: string }>(tx.db, sql`
    INSERT INTO sms_outbox (recipient, body, purpose, status, created_at)
    VALUES (${msg.to}, ${msg.body}, ${msg.purpose}, 'queued', ${now.toISOString()}::timestamptz) RETURNING id`);
  const job = ctx.jobs.get(SMS_JOB);
  if (!job) throw new Error(`job kind ${SMS_JOB} is not defined`);
  await enqueue(tx, job, { outboxId: row!.id }, now, { maxAttempts: 5 });
  tx.afterCommit(() => ctx.runner?.nudge());
  return row!.id;
}

/** The dev outbox: the latest messages, for developers outside production. */
export function listOutbox(database: Database, limit = 50) {
  return rows<{ id: string; recipient: string; body: string; purpose: string; status: string; created_at: Date }>(
    database.db,
    sql`SELECT id, recipient, body, purpose, status, created_at FROM sms_outbox ORDER BY seq DESC LIMIT ${limit}`,
  );
}
