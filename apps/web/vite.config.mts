import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev:web`: hot reload here, GraphQL (HTTP and graphql-ws) proxied to the API.
const api = process.env.SPLITWORK_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    // Size budget is checked by tools/web/check-bundle-budget.ts, not by a warning here.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
});
