import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/db';
import { rows } from './db';
import { loggerOptions, scrubText, serializeError } from './log';

function capture(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino(loggerOptions(level, false), stream), lines };
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

describe('a logged request', () => {
  // What a signer, a citizen and an agency's system send: none of it may reach a log line, whoever logs it.
  const secrets = {
    authorization: 'Bearer dgh_agencySystemToken0123456789',
    cookie: 'dargah_session=sessionCookieValue0123456789',
    csrf: 'csrfHeaderValue0123456789',
    pin: '۱۳۵۷۹۲',
    pkcs12Password: 'p12-export-passphrase',
    password: 'Staff-password-1404',
    privateKey: '-----BEGIN PRIVATE KEY-----MC4CAQAwBQYDK2VwBCIEI',
    clientSecret: 'oidc-client-secret-value',
    queryToken: 'resetTokenInTheUrl',
  };
  const body = {
    pin: secrets.pin,
    newPin: `${secrets.pin}0`,
    // Two levels below what is logged (`{ body }`), as deep as the redaction goes.
    signer: { pkcs12Password: secrets.pkcs12Password, password: secrets.password, privateKey: secrets.privateKey },
    oidc: { clientSecret: secrets.clientSecret },
    note: 'kept',
  };

  async function logRequest(level: string) {
    const { log, lines } = capture(level);
    const app = Fastify({ loggerInstance: log });
    app.post('/api/v1/documents/:id/sign', async (req) => {
      // A handler that logs too much: the request with its headers, the body, the headers alone.
      req.log.info({ req, body: req.body }, 'signing');
      req.log.info({ headers: req.headers }, 'headers');
      req.log.debug(req.body as object, 'body at the top level');
      req.log.warn(`retrying ${req.url}`);
      // Refused as platform/pki refuses a PKCS#12 file with the wrong password; Fastify logs the refusal.
      throw Object.assign(new Error('PKCS#12: wrong_password'), { statusCode: 400 });
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/documents/0b5c/sign?token=${secrets.queryToken}&x=1`,
      headers: { authorization: secrets.authorization, cookie: secrets.cookie, 'x-csrf-token': secrets.csrf, 'user-agent': 'probe/1.0' },
      payload: body,
    });
    await app.close();
    return { res, out: lines.join('') };
  }

  it.each(['info', 'debug', 'trace'])('at level %s, leaves out the Authorization, Cookie and CSRF headers, PINs, PKCS#12 and other passwords, keys and tokens', async (level) => {
    const { res, out } = await logRequest(level);
    expect(res.statusCode).toBe(400);
    for (const [name, secret] of Object.entries(secrets)) expect(out, name).not.toContain(secret);
    expect(out).not.toContain('13579'); // the PIN in any digits
    // The lines are there, with what they may say.
    expect(out).toContain('"msg":"signing"');
    expect(out).toContain('"note":"kept"');
    expect(out).toContain('"userAgent":"probe/1.0"');
    expect(out).toContain('token=[redacted]&x=1');
    expect(out.match(/\[redacted\]/g)!.length).toBeGreaterThanOrEqual(8);
    if (level !== 'info') expect(out).toContain('"msg":"body at the top level"');
  });

  it('is not vacuous: without the redaction the same request leaks them', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) });
    const app = Fastify({ loggerInstance: pino({ level: 'info' }, stream) });
    app.post('/x', async (req) => {
      req.log.info({ headers: req.headers, body: req.body }, 'signing');
      return {};
    });
    await app.inject({ method: 'POST', url: '/x', headers: { authorization: secrets.authorization }, payload: body });
    await app.close();
    expect(lines.join('')).toContain(secrets.pin);
    expect(lines.join('')).toContain(secrets.authorization);
  });
});

describe('a logged database error', () => {
  const form = { nationalCode: '0013542419', mobile: '09121234567', note: 'نشانی منزل: خیابان آزادی ۱۲' };
  const secrets = ['0013542419', '09121234567', 'خیابان آزادی', '\\u0000', '\\ud800'];

  it('keeps the statement, the SQLSTATE and the constraint, and leaves out the parameters, the row and the input (PGlite or PostgreSQL)', async () => {
    const db = await createTestDatabase();
    try {
      const failures = [
        // jsonb refuses a lone surrogate; the error's "where" quotes the JSON, form and all.
        await rows(db.database.db, sql`SELECT ${JSON.stringify({ ...form, note: `${form.note}\uD800` })}::jsonb`).catch((e: unknown) => e),
        // text refuses NUL; the failed query's message lists its parameters.
        await rows(db.database.db, sql`SELECT ${`${form.nationalCode}\u0000`}::text, ${form.mobile}::text`).catch((e: unknown) => e),
        // a unique violation names the duplicate value in its detail.
        await db.database
          .query('CREATE TABLE citizens_probe (national_code text UNIQUE)')
          .then(() => db.database.query('INSERT INTO citizens_probe VALUES ($1), ($1)', [form.nationalCode]))
          .catch((e: unknown) => e),
      ];
      const { log, lines } = capture();
      for (const err of failures) {
        expect(err).toBeInstanceOf(Error);
        log.error({ err, code: 'INTERNAL' }, 'request failed');
        log.error(err);
      }
      const out = lines.join('');
      for (const secret of secrets) expect(out).not.toContain(secret);
      expect(out).not.toMatch(/"(params|parameters|detail|where)":/);
      const logged = lines.map((l) => JSON.parse(l) as { err: { message: string; query?: string; cause?: { code?: string } } });
      expect(logged[0]!.err.message).toContain('params: [redacted]');
      expect(logged[0]!.err.query ?? logged[0]!.err.message).toMatch(/::jsonb/);
      expect(JSON.stringify(logged.map((l) => l.err))).toMatch(/"code":"22P02"/);
      expect(JSON.stringify(logged.map((l) => l.err))).toMatch(/"code":"23505".*"constraint":"citizens_probe_national_code_key"/);
    } finally {
      await db.drop();
    }
  });

  it('masks quoted values in messages and follows causes and aggregated errors', () => {
    const inner = Object.assign(new Error('invalid input syntax for type uuid: "0013542419-secret"'), { code: '22P02', severity: 'ERROR', detail: 'Key (mobile)=(09121234567)', parameters: ['x'] });
    const outer = new AggregateError([inner], 'several', { cause: inner });
    const s = JSON.stringify(serializeError(outer));
    expect(s).not.toContain('0013542419');
    expect(s).not.toContain('09121234567');
    expect(s).toContain('"code":"22P02"');
    expect(s).toContain('for type uuid: \\"[redacted]\\"');
    expect(serializeError('a thrown string with 09121234567')).toBe('a thrown string with [mobile]');
  });
});
