import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit tests of the packages and integration tests of the API against a real
 * database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set. Each test file gets its
 * own database (see apps/api/test/db.ts). Browser tests live in e2e/ and run with `npm run test:e2e`.
 */
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tools/**/*.test.ts', 'apps/api/src/**/*.test.ts', 'apps/api/test/**/*.test.ts', 'apps/web/src/**/*.test.{ts,tsx}'],
    globalSetup: ['apps/api/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
