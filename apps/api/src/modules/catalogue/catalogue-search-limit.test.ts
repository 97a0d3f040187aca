import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';

/*
 * The public catalogue search is limited per client address (SEARCH_RATE_PER_MINUTE), counted in
 * the database so two app processes over one database enforce one limit, not one each.
 */
describe('catalogue search rate limit', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await buildTestApp({ SEARCH_RATE_PER_MINUTE: '6' });
    b = await buildTestApp({ SEARCH_RATE_PER_MINUTE: '6' }, a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const search = (t: TestApp, remoteAddress: string, q = 'گواهی') =>
    t.app.inject({ url: `/api/v1/catalogue/services?q=${encodeURIComponent(q)}`, remoteAddress });

  it('refuses the seventh search in a minute from one address across two processes, with Retry-After, and not another address', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await search(i % 2 ? b : a, '10.9.0.1')).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await search(b, '10.9.0.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await search(a, '10.9.0.2')).statusCode).toBe(200);
    // The window passes: searches again.
    a.clock.advance(61_000);
    expect((await search(a, '10.9.0.1')).statusCode).toBe(200);
  });

  it('counts sixteen concurrent searches exactly: six answered, ten refused', async () => {
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => search(i % 2 ? b : a, '10.9.0.3', `q${i}`)));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(6);
    expect(codes.filter((c) => c === 429)).toHaveLength(10);
  });
});
