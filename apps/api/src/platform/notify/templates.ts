import { formatJalali, toPersianDigits } from '@dargah/persian';
import type { z } from 'zod';

export type Channel = 'sms' | 'email' | 'in_app';
export const CHANNELS: readonly Channel[] = ['sms', 'email', 'in_app'];
export type Lang = 'fa' | 'en';

/** The text of one channel in one language; `((name))` is replaced by the personalisation value. */
export interface ChannelText {
  /** E-mail and in-app messages have a subject (a title); SMS has none. */
  subject?: string;
  body: string;
}

/**
 * A notification template, modelled on GOV.UK Notify: an id, a version (raised whenever its text
 * changes; every message records the version it was made from), the personalisation it needs, and
 * its text per channel in Persian and English. Modules declare their templates as data beside
 * their services; services pass data, never message text.
 */
export interface NotificationTemplate<P extends z.ZodType = z.ZodType> {
  id: string;
  version: number;
  personalisation: P;
  channels: Partial<Record<Channel, Record<Lang, ChannelText>>>;
  /**
   * Fields whose digits stay as given in Persian text (a one-time code phones read out of the SMS);
   * every other value's digits are written in Persian digits in Persian messages.
   */
  verbatim?: readonly string[];
}

const PLACEHOLDER = /\(\(([a-zA-Z][a-zA-Z0-9_]*)\)\)/g;

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Declares a template, checking at start-up that every placeholder of every text is a field of
 * the personalisation schema (a typo fails the process, not a message at 3 a.m.).
 */
export function defineTemplate<P extends z.ZodObject>(t: NotificationTemplate<P>): NotificationTemplate<P> {
  const fields = new Set(Object.keys(t.personalisation.shape));
  for (const [channel, byLang] of Object.entries(t.channels)) {
    for (const [lang, text] of Object.entries(byLang)) {
      for (const name of [...placeholders(text.body), ...placeholders(text.subject ?? '')]) {
        if (!fields.has(name)) throw new Error(`template ${t.id} v${t.version} (${channel}, ${lang}) uses ((${name})), which its personalisation does not define`);
      }
      if (channel !== 'sms' && !text.subject) throw new Error(`template ${t.id} (${channel}, ${lang}) needs a subject`);
    }
  }
  return t;
}

/**
 * Fills a text's placeholders from validated personalisation values, in the message's language:
 * dates as Jalali days, numbers in Persian digits in Persian messages (but `verbatim` fields).
 */
export function render(
  text: ChannelText,
  values: Record<string, unknown>,
  lang: Lang,
  verbatim: readonly string[] = [],
): { subject: string | null; body: string } {
  const value = (name: string) => {
    const raw = values[name];
    // A date reads as a Jalali day in the message's language (Tehran time).
    if (raw instanceof Date) return formatJalali(raw, { locale: lang });
    const v = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
    return lang === 'fa' && !verbatim.includes(name) ? toPersianDigits(v) : v;
  };
  const fill = (s: string) => s.replace(PLACEHOLDER, (_, name: string) => value(name));
  return { subject: text.subject ? fill(text.subject) : null, body: fill(text.body) };
}
