import { defineConfig } from 'vitest/config';

/** Unit tests of the web app's pure parts (formatting, API client, message catalogues). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
