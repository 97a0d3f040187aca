import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';

/**
 * A provider refused a message. Temporary failures (the phone is off, the mail server is busy or
 * unreachable) are retried with backoff; permanent ones (no such number or mailbox) are not.
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'temporary' | 'permanent',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A channel's provider: sends one message, resolves to the provider's reference. */
export interface Provider {
  readonly channel: 'sms' | 'email';
  readonly mode: 'simulator' | 'live';
  readonly description: string;
  send(message: { to: string; subject: string | null; body: string }): Promise<string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Behaves like an SMS operator: a short latency; numbers of the reserved test range
 * 0999 999 99x0–x4 fail permanently (no such subscriber) and x5–x9 temporarily (phone off),
 * so callers can exercise both failure paths.
 */
export function createSmsSimulator(opts: { latencyMs?: number } = {}): Provider {
  return {
    channel: 'sms',
    mode: 'simulator',
    description: 'SMS gateway (one-time codes, notifications)',
    async send({ to }) {
      await sleep(opts.latencyMs ?? 5);
      const m = /^0999999999(\d)$/.exec(to);
      if (m) {
        if (Number(m[1]) <= 4) throw new DeliveryError('permanent', `SMS simulator: ${to} is not a subscriber`);
        throw new DeliveryError('temporary', `SMS simulator: ${to} is switched off`);
      }
      return `sim-${randomUUID()}`;
    },
  };
}

/** Records e-mail as delivered without sending it (development, when no SMTP server is configured). */
export function createEmailSimulator(): Provider {
  return {
    channel: 'email',
    mode: 'simulator',
    description: 'E-mail (simulated: messages are recorded, not sent)',
    async send({ to }) {
      if (/@invalid\.example$/i.test(to)) throw new DeliveryError('permanent', `e-mail simulator: ${to} does not exist`);
      return `sim-${randomUUID()}`;
    },
  };
}

/** SMTP reply codes 4xx are temporary, 5xx permanent; a lost connection is temporary. */
export function classifySmtpError(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const text = e.message ?? String(err);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new DeliveryError('permanent', text);
  return new DeliveryError('temporary', text);
}

/** E-mail over SMTP (nodemailer): `smtp://user:pass@host:587` or `smtps://…:465`. */
export function createSmtpProvider(url: string, from: string): Provider & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    channel: 'email',
    mode: 'live',
    description: `E-mail over SMTP (${new URL(url).host})`,
    async send({ to, subject, body }) {
      try {
        const info = await transport.sendMail({ from, to, subject: subject ?? '', text: body, headers: { 'Content-Language': /[\u0600-\u06FF]/.test(body) ? 'fa' : 'en' } });
        const rejected = (info.rejected as unknown[]).length > 0;
        if (rejected) throw new DeliveryError('permanent', `rejected: ${String(info.response)}`);
        return String(info.messageId);
      } catch (err) {
        throw err instanceof DeliveryError ? err : classifySmtpError(err);
      }
    },
    close: () => transport.close(),
  };
}
