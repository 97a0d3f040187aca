import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Paths served by the Dargah API; in development Vite forwards them to it. */
const API_ORIGIN = 'http://127.0.0.1:3000';
const apiProxy = Object.fromEntries(
  ['/api', '/healthz', '/readyz', '/dev'].map((path) => [path, { target: API_ORIGIN, changeOrigin: false }]),
);

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: apiProxy,
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: apiProxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Browsers of citizens' phones: keep to what ES2022 engines run natively.
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Third-party code changes less often than ours: its own chunk stays in browser caches.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }] },
      },
    },
  },
});
