import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into dist/, which the hub serves at `/`.
export default defineConfig({ root: import.meta.dirname, plugins: [react()], build: { outDir: 'dist', emptyOutDir: true } });
