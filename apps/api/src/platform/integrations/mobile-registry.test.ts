import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import {
  checkMobileOwnership,
  createMobileRegistrySimulator,
  MobileRegistryUnavailable,
  registerSimulatedSubscriber,
  type MobileOwnershipRegistry,
} from './mobile-registry';

let db: TestDatabase;
let registry: MobileOwnershipRegistry;
beforeAll(async () => {
  db = await createTestDatabase();
  registry = createMobileRegistrySimulator(db.database, { latencyMs: 5 });
  await registerSimulatedSubscriber(db.database.db, { nationalCode: '0013542419', mobile: '09121234567' }, new Date());
});
afterAll(() => db.drop());

const ask = (nationalCode: string, mobile: string, timeoutMs = 1_000) => checkMobileOwnership(registry, { nationalCode, mobile }, timeoutMs);

describe('the mobile-ownership simulator', () => {
  it('answers match, no match and not found from its register, each with a reference', async () => {
    expect(await ask('0013542419', '09121234567')).toEqual({ outcome: 'match', reference: expect.stringMatching(/^sim-[0-9a-f-]{36}$/) });
    expect((await ask('0010350829', '09121234567')).outcome).toBe('no_match');
    expect((await ask('0013542419', '09127654321')).outcome).toBe('not_found');
    const [x, y] = [await ask('0013542419', '09121234567'), await ask('0013542419', '09121234567')];
    expect(x.reference).not.toBe(y.reference);
  });

  it('registers a SIM passed on to a new owner to them', async () => {
    await registerSimulatedSubscriber(db.database.db, { nationalCode: '0084575948', mobile: '09120001111' }, new Date());
    await registerSimulatedSubscriber(db.database.db, { nationalCode: '0499370899', mobile: '09120001111' }, new Date());
    expect((await ask('0084575948', '09120001111')).outcome).toBe('no_match');
    expect((await ask('0499370899', '09120001111')).outcome).toBe('match');
  });

  it('stays silent for 0999 999 98xx, which the caller’s timeout turns into "unavailable"', async () => {
    const err = await ask('0013542419', '09999999981', 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MobileRegistryUnavailable);
    expect((err as MobileRegistryUnavailable).reason).toBe('timeout');
  });

  it('reports a failing registry as unavailable too', async () => {
    const failing: MobileOwnershipRegistry = { mode: 'live', check: async () => Promise.reject(new Error('HTTP 502')) };
    const err = await checkMobileOwnership(failing, { nationalCode: '0013542419', mobile: '09121234567' }, 1_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MobileRegistryUnavailable', reason: 'error' });
  });
});
