/*
 * Vite builds the playground as static files. `base: './'` makes dist/ work
 * from any sub-path; the engine's Web Worker is an ES module chunk of its own.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', sourcemap: true, target: 'es2022' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
