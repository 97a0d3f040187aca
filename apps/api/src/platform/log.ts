import type { LoggerOptions } from 'pino';
import { traceIds } from './telemetry/tracing';

/**
 * Keys whose values never reach a log line, at the top or one or two levels down: credentials
 * (passwords, a signer's PIN and a PKCS#12 file's password, tokens, the CSRF token, private keys,
 * OIDC client secrets), the headers that carry them (wherever a handler puts the headers), and
 * personal data.
 */
const SECRET_KEYS = [
  'password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'idToken', 'secret', 'clientSecret', 'client_secret',
  'otp', 'code_verifier', 'pin', 'newPin', 'currentPin', 'passphrase', 'pkcs12Password', 'privateKey', 'csrfToken', '_csrf',
  'authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'x-api-key',
  'nationalCode', 'national_code', 'nationalId', 'national_id', 'legalId', 'mobile', 'phone', 'phoneNumber',
  'postalCode', 'sheba', 'iban',
];

/** `k` as pino's redaction paths write it: `.k`, or `["k"]` for a name that is not an identifier. */
const member = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [member(k).replace(/^\./, ''), `*${member(k)}`, `*.*${member(k)}`]),
];

/** Masks what looks like a national code (10 digits), an Iranian mobile number or a bearer token. */
export function scrubText(s: string): string {
  return s
    .replace(/(?<!\d)(?:\+98|0098|0)?9\d{9}(?!\d)/g, '[mobile]')
    .replace(/(?<!\d)\d{10}(?!\d)/g, '[national-code]')
    .replace(/(?<=[?&](?:token|code|otp|password)=)[^&\s]+/gi, '[redacted]');
}

/**
 * What an error keeps in a log line: what names the failure (type, message, stack, the SQLSTATE and
 * the table, column or constraint it concerns, the SQL text) and never the data it carried. Database
 * errors carry the statement's parameters (`params`, and in a Drizzle error's message), the row
 * (`detail`: "Key (national_code)=(…)") and the input (`where`: "JSON data, line 1: {…form…}"):
 * those are left out, quoted values in messages are masked, and national codes and mobile numbers
 * anywhere are scrubbed.
 */
const ERROR_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType', 'hint', 'position', 'statusCode'] as const;

function cleanErrorText(s: string): string {
  return scrubText(
    s
      .replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [redacted]')
      .replace(/: "[^"\n]*"/g, ': "[redacted]"'),
  );
}

export function serializeError(err: unknown, depth = 0): unknown {
  if (typeof err === 'string') return cleanErrorText(err);
  if (typeof err !== 'object' || err === null) return err;
  const e = err as Record<string, unknown> & { message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown };
  const out: Record<string, unknown> = {
    type: (err as { constructor?: { name?: string } }).constructor?.name ?? 'Object',
    message: typeof e.message === 'string' ? cleanErrorText(e.message) : undefined,
    stack: typeof e.stack === 'string' ? cleanErrorText(e.stack) : undefined,
  };
  for (const k of ERROR_FIELDS) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = typeof e[k] === 'string' ? scrubText(e[k]) : e[k];
  if (typeof e.query === 'string') out.query = scrubText(e.query.slice(0, 2000));
  if (depth < 5 && e.cause !== undefined) out.cause = serializeError(e.cause, depth + 1);
  if (depth < 5 && Array.isArray(e.errors)) out.errors = e.errors.slice(0, 10).map((x) => serializeError(x, depth + 1));
  return out;
}

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // The active span's trace id on every line while tracing is on (ADR 0025), beside the request id.
    mixin: traceIds,
    serializers: {
      req: (req: { method?: string; url?: string; headers?: Record<string, string | undefined> }) => ({
        method: req.method,
        url: req.url ? scrubText(req.url) : req.url,
        userAgent: req.headers?.['user-agent'],
      }),
      err: serializeError,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a));
        // log.error(err) would make the error's own message the line's message, parameters and all.
        if (scrubbed[0] instanceof Error && typeof scrubbed[1] !== 'string') scrubbed.splice(1, 0, cleanErrorText(scrubbed[0].message));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}
