import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { precompileMessages } from './build-tools/precompileMessages.ts';

const src = (p: string): string => fileURLToPath(new URL(`./src/${p}`, import.meta.url));
const i18nRuntime = src('lib/i18nRuntime.ts');
// Top-level sections of the locale files that only pages other than the phone show: they load
// with those pages (lib/i18n.ts, `?pages`), not in the phone's first load (`?first-load`).
const pageSections = ['start', 'present', 'staff', 'council', 'brief', 'a11y'];

// Which bundle each namespace's files (locales/<ns>.<code>.json) load in for a language other
// than Swedish: what participants see, or the staff pages' words (lib/i18n.ts).
const messageGroups = {
  phone: [
    '',
    'councillinks',
    'councilflow',
    'poll',
    'aboutyou',
    'ideas-nav',
    'yousaid',
    'live',
    'ui',
    'livesummary',
    'wordcloud',
    'liveprep',
    'ideas',
    'movecode',
    'public',
    'contentlang',
    'budget',
  ],
  staff: ['editor', 'pollstaff', 'pollimage', 'room', 'routing', 'wordlists', 'uigallery', 'langadmin', 'contentedit', 'measures', 'mfa', 'workshops', 'staffbudget', 'forumadmin', 'audit'],
};

const backend = 'http://127.0.0.1:8000';

export default defineConfig({
  base: '/static/',
  // svelteTesting: browser build of Svelte and automatic cleanup in component tests.
  plugins: [svelte(), svelteTesting(), precompileMessages(src('locales'), i18nRuntime, pageSections, messageGroups)],
  resolve: {
    // Messages are parsed at build time and formatted by our own small runtime, which pages
    // import under svelte-i18n's name (tsconfig.json maps it the same way for types).
    alias: [{ find: /^svelte-i18n$/, replacement: i18nRuntime }],
  },
  build: {
    // dist/.vite/manifest.json: what each page loads, read by the first-load budget check.
    manifest: true,
    rolldownOptions: {
      output: {
        // The phone loads Svelte, the API client and the i18n runtime in any case: one chunk
        // compresses better than the three the automatic splitting makes.
        codeSplitting: {
          groups: [
            {
              name: 'runtime',
              // Not Svelte's transitions and animations: only staff pages use them.
              test: /node_modules[\\/](?:svelte[\\/](?!src[\\/](?:animate|transition|easing|motion)[\\/])|openapi-fetch[\\/]|clsx[\\/]|esm-env[\\/])|i18nRuntime\.ts$/,
            },
          ],
        },
      },
    },
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
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
