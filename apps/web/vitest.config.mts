import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests of the screens' logic: `npm run test:web`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  test: {
    environment: 'jsdom',
    // Each file still runs in a fresh VM context, but a worker builds jsdom once
    // instead of once per file: that build was most of this suite's time.
    pool: 'vmThreads',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
