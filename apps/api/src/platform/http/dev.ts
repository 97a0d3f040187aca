import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { listNotifications } from '../notify';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Developer pages, never registered in production: /dev/outbox shows the latest messages of every
 * channel (SMS, e-mail, in-app; one-time codes included) with their delivery status, as HTML for
 * people and JSON for scripts and browser tests.
 */
export async function devRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.NODE_ENV === 'production') return;
  app.get('/dev/outbox', { schema: { hide: true } }, async (req, reply) => {
    const items = (await listNotifications(ctx.database.db, { limit: 50 })).map((m) => ({
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
    const rows = items
      .map((m) => `<tr><td>${esc(m.channel)}</td><td dir="ltr">${esc(m.recipient)}</td><td>${m.subject ? `<strong>${esc(m.subject)}</strong><br>` : ''}${esc(m.body).replace(/\n/g, '<br>')}</td><td dir="ltr">${esc(m.template)}</td><td>${esc(m.status)}</td><td dir="ltr">${esc(m.createdAt)}</td></tr>`)
      .join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>صندوق پیام‌ها (شبیه‌ساز)</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:start}</style></head>
<body><h1>صندوق پیام‌های شبیه‌ساز</h1><p>این صفحه فقط در محیط توسعه وجود دارد.</p>
<table><thead><tr><th>مجرا</th><th>گیرنده</th><th>متن</th><th>الگو</th><th>وضعیت</th><th>زمان</th></tr></thead><tbody>${rows || '<tr><td colspan="6">پیامی فرستاده نشده است.</td></tr>'}</tbody></table></body></html>`);
  });
}
