import { formatRials, toPersianDigits } from '@dargah/persian';
import type { FastifyInstance } from 'fastify';
import type { BuyerChoice, PaymentGatewaySimulator, SimulatedTransaction } from './payment-gateway';

/*
 * The simulated payment gateway's page (PAYMENT_PROVIDER=simulator only): what the buyer sees at
 * the bank's gateway, in Persian, right to left, no script. Pay, cancel, or have the bank decline
 * the card; each is a form POST, answered by a 303 to the merchant's callback with the token, the
 * state and the reference number, as a Shaparak gateway does.
 */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

const STYLE = `
:root{color-scheme:light;--ink:#1b2430;--muted:#4d5866;--line:#cfd6df;--bg:#eef2f6;--card:#fff;--accent:#0b5cab;--danger:#a3231f}
*{box-sizing:border-box}
body{margin:0;font-family:Vazirmatn,Tahoma,system-ui,sans-serif;line-height:1.8;color:var(--ink);background:var(--bg)}
main{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.5rem 0}
.note{color:var(--muted);font-size:.9rem}
dl{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.75rem 1rem;margin:1rem 0;display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}
dt{color:var(--muted)}dd{margin:0;font-weight:700;overflow-wrap:anywhere}
form{display:flex;flex-wrap:wrap;gap:.75rem}
button{font:inherit;font-size:1rem;min-height:2.75rem;padding:.4rem 1.2rem;border-radius:.5rem;border:1px solid var(--accent);background:#fff;color:var(--accent);cursor:pointer}
button.pay{background:var(--accent);color:#fff}
button.decline{border-color:var(--danger);color:var(--danger)}
button:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.done{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:1rem}
a{color:var(--accent)}`;

const shell = (title: string, body: string) =>
  `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)} | شبیه‌ساز درگاه پرداخت</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** The page for a transaction: the amount and the merchant, and the buyer's three choices (or where it went). */
export function gatewayPage(t: SimulatedTransaction): string {
  const details = `<dl><dt>پذیرنده</dt><dd>${esc(t.merchant)}</dd><dt>مبلغ</dt><dd>${esc(formatRials(t.amountRials))}</dd><dt>شماره سفارش</dt><dd dir="ltr">${esc(t.orderId)}</dd></dl>`;
  if (t.state !== 'issued')
    return shell(
      'پرداخت انجام شده است',
      `<h1>این پرداخت پیش‌تر انجام یا لغو شده است</h1>${details}<p class="done">برای بازگشت به سایت پذیرنده دکمهٔ زیر را بزنید.</p><form method="post"><button class="pay" name="choice" value="pay" type="submit">بازگشت به سایت پذیرنده</button></form>`,
    );
  return shell(
    'پرداخت',
    `<h1>درگاه پرداخت اینترنتی (شبیه‌ساز)</h1>
<p class="note">این صفحه شبیه‌ساز درگاه پرداخت شاپرک است: پولی جابه‌جا نمی‌شود. در درگاه واقعی اینجا شمارهٔ کارت، رمز دوم و کد امنیتی خواسته می‌شود.</p>
${details}
<form method="post" aria-label="پرداخت ${esc(toPersianDigits(t.amountRials))} ریال">
<button class="pay" name="choice" value="pay" type="submit">پرداخت</button>
<button name="choice" value="cancel" type="submit">انصراف</button>
<button class="decline" name="choice" value="decline" type="submit">رد شدن کارت (شبیه‌سازی)</button>
</form>`,
  );
}

const notFound = shell('یافت نشد', '<h1>این تراکنش پیدا نشد</h1><p class="done">نشانی درگاه نادرست است یا زمان آن گذشته است.</p>');

/** GET and POST /sim/payment-gateway/:token, registered only while the simulator is the gateway. */
export async function paymentSimulatorRoutes(app: FastifyInstance, sim: PaymentGatewaySimulator): Promise<void> {
  await app.register(async (scope) => {
    // The page's form posts application/x-www-form-urlencoded, as a gateway's page does.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.get<{ Params: { token: string } }>('/sim/payment-gateway/:token', { schema: { hide: true } }, async (req, reply) => {
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      const t = TOKEN.test(req.params.token) ? await sim.transaction(req.params.token) : undefined;
      return t ? reply.send(gatewayPage(t)) : reply.code(404).send(notFound);
    });
    scope.post<{ Params: { token: string }; Body: unknown }>('/sim/payment-gateway/:token', { schema: { hide: true } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const choice = (req.body as { choice?: unknown } | undefined)?.choice;
      if (!TOKEN.test(req.params.token) || (choice !== 'pay' && choice !== 'cancel' && choice !== 'decline'))
        return reply.code(404).type('text/html; charset=utf-8').send(notFound);
      const location = await sim.choose(req.params.token, choice satisfies BuyerChoice);
      return location ? reply.redirect(location, 303) : reply.code(404).type('text/html; charset=utf-8').send(notFound);
    });
  });
}
