import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { precompileMessages } from './build-tools/precompileMessages';

const src = (p: string): string => fileURLToPath(new URL(`./src/${p}`, import.meta.url));
const compiledMessages = src('lib/i18nCompiled.ts');

const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  base: '/static/',
  // svelteTesting: browser build of Svelte and automatic cleanup in component tests.
  plugins: [svelte(), svelteTesting(), precompileMessages(src('locales'), compiledMessages)],
  resolve: {
    // Messages are parsed at build time; the browser gets their trees, not the parser.
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: compiledMessages }],
  },
  build: {
    // dist/.vite/manifest.json: what each page loads, read by the first-load budget check.
    manifest: true,
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    // Unit tests run in node; component tests opt into jsdom with `// @vitest-environment jsdom`.
    environment: 'node',
    setupFiles: ['./src/test-setup.ts'],
  },
});
