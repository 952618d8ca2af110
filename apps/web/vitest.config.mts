import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Component tests of the screens' logic: `npm run test:web`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
