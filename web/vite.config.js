import { defineConfig } from 'vite';

// A static page: relative asset paths, so web/dist can be served from any folder of any host.
export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  // The examples are read from ../examples at build time.
  server: { fs: { allow: ['..'] } },
});
