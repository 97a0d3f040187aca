/**
 * The developer SMS outbox: `GET /dev/outbox` (JSON unless HTML is asked for; never in production)
 * lists the latest messages of every channel, newest first:
 * `{ items: [{ channel, template, recipient, subject, body, status, createdAt }] }`. Journeys read
 * one-time codes (template `identity.otp`) here.
 */

export interface OutboxMessage {
  channel: 'sms' | 'email' | 'in_app';
  template: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  createdAt: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Persian and Arabic-Indic digits to ASCII. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

export async function readOutbox(baseURL: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${baseURL}/dev/outbox`, { headers: { accept: 'application/json' } });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || !type.includes('json')) {
    throw new Error(
      `GET /dev/outbox answered ${response.status} (${type}); the server must run outside production (NODE_ENV=development).`,
    );
  }
  const body = (await response.json()) as { items?: OutboxMessage[] };
  return body.items ?? [];
}

/**
 * The six-digit one-time code most recently sent to `mobile` (ASCII, `09…`) since `since` (a sign-in
 * code, or another template's: a counter consent's `channels.consent-code`), waiting
 * up to `timeoutMs` for the message to arrive (it is queued and delivered by a background job).
 */
export async function readOtp(
  baseURL: string,
  mobile: string,
  { since, timeoutMs = 20_000, template = 'identity.otp' }: { since: Date; timeoutMs?: number; template?: string },
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    const items = await readOutbox(baseURL);
    seen = items.length;
    const message = items
      .filter((m) => m.recipient === mobile && m.template === template && Date.parse(m.createdAt) >= since.getTime() - 1000)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const code = message ? /\b(\d{6})\b/.exec(asciiDigits(message.body))?.[1] : undefined;
    if (code) return code;
    await sleep(250);
  }
  throw new Error(`No one-time code for ${mobile} in /dev/outbox within ${timeoutMs} ms (${seen} messages listed).`);
}
