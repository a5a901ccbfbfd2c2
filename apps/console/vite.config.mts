import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// Billing serves the build at /console (CONSOLE_DIR), same origin as /admin/v1, so there is no
// CORS in production; `vite` in development proxies /admin to a billing on :3001.
export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: { outDir: `${root}../../dist/apps/console`, emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/admin': 'http://127.0.0.1:3001' } },
  test: {
    root,
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
