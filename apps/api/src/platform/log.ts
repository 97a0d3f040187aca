import type { LoggerOptions } from 'pino';

/** Keys whose values never reach a log line. */
const SECRET_KEYS = [
  'password', 'newPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'otp', 'code_verifier',
  'nationalCode', 'national_code', 'nationalId', 'national_id', 'legalId', 'mobile', 'phone', 'phoneNumber',
  'postalCode', 'sheba', 'iban',
];

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/** Masks what looks like a national code (10 digits), an Iranian mobile number or a bearer token. */
export function scrubText(s: string): string {
  return s
    .replace(/(?<!\d)(?:\+98|0098|0)?9\d{9}(?!\d)/g, '[mobile]')
    .replace(/(?<!\d)\d{10}(?!\d)/g, '[national-code]')
    .replace(/(?<=[?&](?:token|code|otp|password)=)[^&\s]+/gi, '[redacted]');
}

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; headers?: Record<string, string | undefined> }) => ({
        method: req.method,
        url: req.url ? scrubText(req.url) : req.url,
        userAgent: req.headers?.['user-agent'],
      }),
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
        );
      },
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}
