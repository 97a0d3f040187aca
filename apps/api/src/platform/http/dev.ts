import { formatJalali, toPersianDigits } from '@dargah/persian';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { listOutbox } from '../integrations/sms';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface OutboxItem {
  recipient: string;
  body: string;
  purpose: string;
  status: string;
  /** ISO 8601 (UTC). */
  createdAt: string;
}

const PURPOSES: Record<string, string> = { otp: 'کد یک‌بارمصرف ورود', service_request: 'درخواست خدمت' };
const STATUSES: Record<string, string> = { queued: 'در صف', sent: 'فرستاده شد', failed: 'ناموفق' };

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
.sent{color:var(--ok);border-color:currentColor}.queued{color:var(--wait);border-color:currentColor}
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
      return `<li><article><header><span class="to">${esc(toPersianDigits(m.recipient))}</span><span>${esc(PURPOSES[m.purpose] ?? m.purpose)}</span><span class="tag ${esc(m.status)}">${esc(status)}</span><time datetime="${esc(m.createdAt)}">${esc(formatJalali(at, { locale: 'fa', withTime: true }))}</time></header><p class="body" dir="auto">${esc(m.body)}</p></article></li>`;
    })
    .join('');
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>صندوق پیامک شبیه‌ساز | درگاه</title><style>${STYLE}</style></head>
<body><main><h1>صندوق پیامک شبیه‌ساز</h1><p class="lead">پیامک‌هایی که شبیه‌ساز به جای اپراتور «فرستاده» است، تازه‌ترین در بالا (${toPersianDigits(items.length)} پیام). این صفحه فقط در محیط توسعه وجود دارد؛ برای دیدن پیام تازه صفحه را دوباره بارگذاری کنید. <a href="/">بازگشت به درگاه</a></p>
${items.length ? `<ol>${cards}</ol>` : '<p class="empty">هنوز پیامکی فرستاده نشده است.</p>'}</main></body></html>`;
}

/**
 * Developer pages, never registered in production: /dev/outbox shows what the SMS simulator
 * delivered (one-time codes included), as HTML for people and JSON for scripts and browser tests.
 */
export async function devRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') return;
  app.get('/dev/outbox', { schema: { hide: true } }, async (req, reply) => {
    const items: OutboxItem[] = (await listOutbox(ctx.database, 50)).map((m) => ({
      recipient: m.recipient,
      body: m.body,
      purpose: m.purpose,
      status: m.status,
      createdAt: new Date(m.created_at).toISOString(),
    }));
    reply.header('cache-control', 'no-store');
    if (!req.headers.accept?.includes('text/html')) return { items };
    return reply.type('text/html; charset=utf-8').send(outboxPage(items));
  });
}
