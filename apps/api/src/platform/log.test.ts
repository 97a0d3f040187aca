import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, scrubText } from './log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino(loggerOptions('info', false), stream), lines };
}

describe('log redaction', () => {
  it('hides secrets and personal data by key, at any depth up to two levels', () => {
    const { log, lines } = capture();
    log.info({ nationalCode: '0013542419', body: { mobile: '09121234567', password: 'p@ss' }, req: { headers: { authorization: 'Bearer abc', cookie: 'dargah_session=x' } } }, 'signed in');
    const out = lines.join('');
    for (const secret of ['0013542419', '09121234567', 'p@ss', 'Bearer abc', 'dargah_session=x']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks national codes, mobiles and tokens inside messages and URLs', () => {
    expect(scrubText('citizen 0013542419 from +989121234567 at /x?token=abc&y=1')).toBe('citizen [national-code] from [mobile] at /x?token=[redacted]&y=1');
    const { log, lines } = capture();
    log.info('otp sent to 09121234567');
    expect(lines.join('')).not.toContain('09121234567');
  });
});
