import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db, Tx } from '../db';
import { enqueue, type JobDefinition, type JobRegistry, type JobRunner } from '../jobs';
import { DeliveryError, type Provider } from './providers';
import * as store from './store';
import { render, type Channel, type Lang, type NotificationTemplate } from './templates';

/** Where a person can be reached, as the module that knows them says. */
export interface Contact {
  mobile?: string | null;
  email?: string | null;
  lang?: Lang | undefined;
}
export type ContactResolver = (db: Db, personId: string) => Promise<Contact | undefined>;

/**
 * Who a message goes to: a person (their chosen channels, their addresses on file, and always their
 * in-app inbox when the template has one), or one explicit address, which bypasses preferences — for
 * messages that must reach that number or mailbox (a one-time code, the old number told of a change).
 */
export type Recipient =
  | { person: { type: store.PersonType; id: string } }
  | { sms: string; lang?: Lang }
  | { email: string; lang?: Lang };

/** What a person gets by default for messages that go by preference. */
export const DEFAULT_CHANNELS: Record<store.PersonType, Channel[]> = { citizen: ['sms'], staff: ['email', 'sms'] };

export const NOTIFY_SEND = 'notify.send';

/** The platform's notification service: the providers, and the modules' contact resolvers. */
export class Notifier {
  private readonly resolvers = new Map<store.PersonType, ContactResolver>();
  constructor(
    readonly providers: { sms: Provider; email: Provider },
    /** Told of every delivery attempt's outcome (/metrics). */
    readonly onDelivery: (channel: 'sms' | 'email', outcome: store.DeliveryStatus) => void = () => undefined,
  ) {}

  /** A module that knows a kind of person says how to reach them (at start-up). */
  registerContacts(personType: store.PersonType, resolver: ContactResolver): void {
    if (this.resolvers.has(personType)) throw new Error(`contacts of ${personType} registered twice`);
    this.resolvers.set(personType, resolver);
  }

  async contactOf(db: Db, personType: store.PersonType, personId: string): Promise<Contact | undefined> {
    const resolver = this.resolvers.get(personType);
    if (!resolver) throw new Error(`no contact resolver for ${personType}`);
    return resolver(db, personId);
  }
}

export interface NotifyContext {
  notify: Notifier;
  jobs: JobRegistry;
  clock: Clock;
  runner?: JobRunner | undefined;
}

export interface NotifyRequest<P extends z.ZodType> {
  to: Recipient;
  personalisation: z.input<P>;
  /** The agency on whose behalf it is sent (whose staff may follow its delivery). */
  agencyId?: string | null;
  /** The caller's reference, e.g. a request id: staff follow the messages of one case by it. */
  reference?: string | null;
}

interface Planned {
  channel: Channel;
  recipient: string;
  lang: Lang;
}

/** The messages a request makes: one per channel that can reach the recipient. */
async function plan(ctx: NotifyContext, tx: Tx, template: NotificationTemplate, to: Recipient): Promise<{ planned: Planned[]; person: { type: store.PersonType; id: string } | null }> {
  const has = (c: Channel) => Boolean(template.channels[c]);
  if ('sms' in to || 'email' in to) {
    const channel: Channel = 'sms' in to ? 'sms' : 'email';
    if (!has(channel)) throw new Error(`template ${template.id} has no ${channel} text`);
    return { planned: [{ channel, recipient: 'sms' in to ? to.sms : to.email, lang: to.lang ?? 'fa' }], person: null };
  }
  const { type, id } = to.person;
  const contact = (await ctx.notify.contactOf(tx.db, type, id)) ?? {};
  const lang = contact.lang ?? 'fa';
  const chosen = (await store.findPreferences(tx.db, type, id)) ?? DEFAULT_CHANNELS[type];
  const planned: Planned[] = [];
  if (has('in_app')) planned.push({ channel: 'in_app', recipient: id, lang });
  const addresses: Partial<Record<Channel, string | null | undefined>> = { sms: contact.mobile, email: contact.email };
  for (const channel of ['sms', 'email'] as const) {
    const address = addresses[channel];
    if (chosen.includes(channel) && has(channel) && address) planned.push({ channel, recipient: address, lang });
  }
  // No chosen channel reaches them: the first external channel that can.
  if (!planned.some((p) => p.channel !== 'in_app')) {
    const fallback = (['sms', 'email'] as const).find((c) => has(c) && addresses[c]);
    if (fallback) planned.push({ channel: fallback, recipient: addresses[fallback]!, lang });
  }
  return { planned, person: { type, id } };
}

/**
 * Sends a notification from a template, in the caller's transaction: a message row per channel
 * (in-app messages are delivered at once) and a delivery job for each SMS and e-mail, which exist
 * if and only if the change commits. Returns the message ids. A person no channel can reach gets a
 * message recorded as a permanent failure, so staff can see that they were not told.
 */
export async function notify<P extends z.ZodType>(ctx: NotifyContext, tx: Tx, template: NotificationTemplate<P>, req: NotifyRequest<P>): Promise<string[]> {
  const values = template.personalisation.parse(req.personalisation) as Record<string, unknown>;
  const now = ctx.clock.now();
  const { planned, person } = await plan(ctx, tx, template, req.to);
  const base = {
    templateId: template.id,
    templateVersion: template.version,
    personType: person?.type ?? null,
    personId: person?.id ?? null,
    agencyId: req.agencyId ?? null,
    reference: req.reference ?? null,
  };
  if (planned.length === 0) {
    const channel = (['sms', 'email'] as const).find((c) => template.channels[c])!;
    const text = template.channels[channel]!.fa;
    const rendered = render(text, values, 'fa', template.verbatim);
    return [await store.insertNotification(tx.db, { ...base, channel, lang: 'fa', recipient: '', ...rendered, status: 'permanent_failure', failureReason: 'NO_ADDRESS_ON_FILE' }, now)];
  }
  const job = ctx.jobs.get(NOTIFY_SEND);
  if (!job) throw new Error(`job kind ${NOTIFY_SEND} is not defined`);
  const ids: string[] = [];
  for (const p of planned) {
    const text = template.channels[p.channel]![p.lang];
    const id = await store.insertNotification(tx.db, { ...base, ...p, ...render(text, values, p.lang, template.verbatim), status: p.channel === 'in_app' ? 'delivered' : 'created' }, now);
    if (p.channel !== 'in_app') await enqueue(tx, job, { id }, now, { maxAttempts: 5 });
    ids.push(id);
  }
  tx.afterCommit(() => ctx.runner?.nudge());
  return ids;
}

export const NotifySendPayload = z.object({ id: z.uuid() });

/**
 * Delivers one SMS or e-mail through its provider and records the outcome. Idempotent: a message
 * already delivered or refused for good is left alone. A temporary failure is recorded and thrown,
 * so the job queue retries it with backoff; after the last attempt it stays a temporary failure.
 * (A worker that dies between the provider's answer and the record sends it again: at least once.)
 */
export function createNotifySendJob(notifier: Notifier): JobDefinition<typeof NotifySendPayload> {
  return {
    kind: NOTIFY_SEND,
    payload: NotifySendPayload,
    maxAttempts: 5,
    async handle({ id }, { database, clock }) {
      const msg = await store.startAttempt(database.db, id, clock.now());
      if (!msg || msg.channel === 'in_app') return;
      const provider = notifier.providers[msg.channel];
      try {
        const ref = await provider.send({ to: msg.recipient, subject: msg.subject, body: msg.body });
        await store.finishAttempt(database.db, id, { status: 'delivered', providerRef: ref }, clock.now());
        notifier.onDelivery(msg.channel, 'delivered');
      } catch (err) {
        const failure = err instanceof DeliveryError ? err : new DeliveryError('temporary', String(err));
        const status = failure.kind === 'permanent' ? 'permanent_failure' : 'temporary_failure';
        notifier.onDelivery(msg.channel, status);
        await store.finishAttempt(database.db, id, { status, reason: failure.message }, clock.now());
        if (failure.kind === 'temporary') throw failure;
      }
    },
  };
}
