import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dashboard = fileURLToPath(new URL('./dashboard/', import.meta.url));

/** Builds the dashboard (app + chart gallery) from `dashboard/` into `dist/dashboard`, served at `/` by api/server.ts. */
export default defineConfig({
  root: dashboard,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/dashboard/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./dashboard/index.html', import.meta.url)),
        gallery: fileURLToPath(new URL('./dashboard/gallery.html', import.meta.url)),
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
