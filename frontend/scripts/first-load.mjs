// The participant's first load: the JS a phone downloads before the /j/CODE page renders,
// i.e. the entry chunk and everything it imports statically (dynamic imports load later).
// `node scripts/first-load.mjs` (run by `npm run build`) fails when it is over budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIRST_LOAD_BUDGET_BYTES = 60 * 1024;

/**
 * Files of the entry chunk and its static imports, each once, entry first.
 * @param {Record<string, {file: string, imports?: string[]}>} manifest dist/.vite/manifest.json
 * @param {string} [entry]
 * @returns {string[]}
 */
export function firstLoadFiles(manifest, entry = 'index.html') {
  const seen = new Set();
  /** @type {string[]} */
  const files = [];
  /** @param {string} key */
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (chunk.file.endsWith('.js')) files.push(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(entry);
  return files;
}

/**
 * Gzipped bytes of each file (level 9, as a server compressing static files would).
 * @param {string[]} files
 * @param {(file: string) => Buffer} read
 * @returns {Record<string, number>}
 */
export function gzipSizes(files, read) {
  return Object.fromEntries(files.map((f) => [f, gzipSync(read(f), { level: 9 }).length]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const sizes = gzipSizes(firstLoadFiles(manifest), (f) => readFileSync(join(dist, f)));
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  for (const [file, size] of Object.entries(sizes)) console.log(`${(size / 1024).toFixed(1).padStart(7)} kB  ${file}`);
  const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1);
  const line = `participant first load: ${kb(total)} kB gzipped JS (budget ${kb(FIRST_LOAD_BUDGET_BYTES)} kB)`;
  if (total > FIRST_LOAD_BUDGET_BYTES) {
    console.error(`${line}: over budget`);
    process.exit(1);
  }
  console.log(line);
}
