import { formatJalali, toPersianDigits } from '@dargah/persian';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { listNotifications } from '../notify';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface OutboxItem {
  channel: 'sms' | 'email' | 'in_app';
  /** The template the message was made from (`identity.otp`, `requests.approved`, …). */
  template: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  /** ISO 8601 (UTC). */
  createdAt: string;
}

const CHANNELS: Record<string, string> = { sms: 'پیامک', email: 'رایانامه', in_app: 'پیام درون درگاه' };
const STATUSES: Record<string, string> = {
  created: 'در صف',
  sending: 'در حال فرستادن',
  delivered: 'رسید',
  temporary_failure: 'نرسید (موقت)',
  permanent_failure: 'نرسید',
};

const STYLE = `
:root{color-scheme:light;--ink:#1b2430;--muted:#5b6675;--line:#d9dee5;--bg:#f5f7fa;--card:#fff;--accent:#0b5cab;--ok:#1c6b3a;--wait:#8a5a00}
*{box-sizing:border-box}
body{margin:0;font-family:Vazirmatn,Tahoma,system-ui,sans-serif;line-height:1.8;color:var(--ink);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0}
.lead{color:var(--muted);margin:0 0 1rem}
ol{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
article{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.75rem 1rem;overflow-wrap:anywhere}
header{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;color:var(--muted);font-size:.9rem}
.to{font-weight:700;color:var(--ink);direction:ltr;unicode-bidi:isolate}
.tag{border:1px solid var(--line);border-radius:1rem;padding:0 .6rem}
.delivered{color:var(--ok);border-color:currentColor}.created,.sending{color:var(--wait);border-color:currentColor}.temporary_failure,.permanent_failure{color:#a3231f;border-color:currentColor}
.subject{margin:.5rem 0 0;font-weight:700}
.body{margin:.5rem 0 0;white-space:pre-wrap;font-size:1.05rem}
.empty{background:var(--card);border:1px dashed var(--line);border-radius:.6rem;padding:1rem}
a{color:var(--accent)}
@media (max-width:30rem){main{padding:.5rem}article{padding:.6rem .75rem}}`;

/** The outbox as a page: Persian, right to left, times in Tehran's Jalali calendar with Persian digits. */
export function outboxPage(items: readonly OutboxItem[]): string {
  const cards = items
    .map((m) => {
      const at = new Date(m.createdAt);
      const status = STATUSES[m.status] ?? m.status;
      const subject = m.subject ? `<p class="subject" dir="auto">${esc(m.subject)}</p>` : '';
      return `<li><article><header><span>${esc(CHANNELS[m.channel] ?? m.channel)}</span><span class="to">${esc(toPersianDigits(m.recipient))}</span><span dir="ltr">${esc(m.template)}</span><span class="tag ${esc(m.status)}">${esc(status)}</span><time datetime="${esc(m.createdAt)}">${esc(formatJalali(at, { locale: 'fa', withTime: true }))}</time></header>${subject}<p class="body" dir="auto">${esc(m.body)}</p></article></li>`;
    })
    .join('');
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>صندوق پیام‌های شبیه‌ساز | درگاه</title><style>${STYLE}</style></head>
<body><main><h1>صندوق پیام‌های شبیه‌ساز</h1><p class="lead">پیامک‌ها، رایانامه‌ها و پیام‌های درون درگاه، تازه‌ترین در بالا (${toPersianDigits(items.length)} پیام)، با وضعیت رسیدنشان. این صفحه فقط در محیط توسعه وجود دارد؛ برای دیدن پیام تازه صفحه را دوباره بارگذاری کنید. <a href="/">بازگشت به درگاه</a></p>
${items.length ? `<ol>${cards}</ol>` : '<p class="empty">هنوز پیامی فرستاده نشده است.</p>'}</main></body></html>`;
}

/**
 * Developer pages, never registered in production: /dev/outbox shows the latest messages of every
 * channel (SMS, e-mail, in-app; one-time codes included) with their delivery status, as HTML for
 * people and JSON for scripts and browser tests.
 */
export async function devRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') return;
  app.get('/dev/outbox', { schema: { hide: true } }, async (req, reply) => {
    const items: OutboxItem[] = (await listNotifications(ctx.database.db, { limit: 50 })).map((m) => ({
      channel: m.channel,
      template: m.templateId,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
    }));
    reply.header('cache-control', 'no-store');
    if (!req.headers.accept?.includes('text/html')) return { items };
    return reply.type('text/html; charset=utf-8').send(outboxPage(items));
  });
}
