/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import sv from '../../locales/sv.json';
import en from '../../locales/en.json';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Feature locale files (locales/<feature>.<lang>.json) are merged into the main ones.
const localeDir = join(__dirname, '..', '..', 'locales');
const load = (file: string): unknown => JSON.parse(readFileSync(join(localeDir, file), 'utf8'));
const features = readdirSync(localeDir)
  .filter((f) => /^[a-z0-9_-]+\.sv\.json$/.test(f))
  .map((f) => ({ name: f, sv: load(f), en: load(f.replace(/\.sv\.json$/, '.en.json')) }));

function keys(o: unknown, prefix = ''): string[] {
  if (o && typeof o === 'object') {
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('locales', () => {
  it('sv and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const f of features) expect(keys(f.en).sort()).toEqual(keys(f.sv).sort());
  });
  it('feature files do not clash with the main files', () => {
    for (const f of features) for (const k of keys(f.sv)) expect(keys(sv)).not.toContain(k);
  });
  it('no empty strings', () => {
    const all = {
      sv,
      en,
      ...Object.fromEntries(features.flatMap((f, i) => [[`sv${i}`, f.sv], [`en${i}`, f.en]])),
    };
    for (const [name, data] of Object.entries(all)) {
      const flat = keys(data);
      for (const k of flat) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], data);
        expect(typeof v === 'string' && v.trim().length > 0, `${name}:${k}`).toBe(true);
      }
    }
  });
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(p) && !p.includes('__tests__') ? [p] : [];
  });
}

describe('used keys', () => {
  it('every literal $_() / t() key used in the source exists in sv', () => {
    const known = new Set([...keys(sv), ...features.flatMap((f) => keys(f.sv))]);
    const missing: string[] = [];
    for (const f of files(join(__dirname, '..', '..'))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:\$_|\bt)\(\s*'([a-z0-9_.]+)'/g)) {
        if (!known.has(m[1])) missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

// Keys a code builds without their full name or a fixed-prefix template in sight (from
// data the server sends, say), each with why. Empty today: every key built at run time
// has its prefix in a template (`editor.kind.${kind}`, `a11y.${section}.title`); a key
// added here must say where it is built, and one no longer needed fails below.
const BUILT_ELSEWHERE: Record<string, string> = {};

/** Every key in src/locales/*.json that no code uses: a key is used when its full dotted
 * name appears quoted in src (outside tests), or it starts with the fixed part of a
 * template like `live.activity.${kind}`. */
function usage(): { quoted: Set<string>; prefixes: Set<string> } {
  const text = files(join(__dirname, '..', '..'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const prefixes = new Set<string>();
  for (const m of text.matchAll(/`([a-z0-9_]+(?:\.[a-z0-9_]+)*\.)\$\{/g)) prefixes.add(m[1]);
  const quoted = new Set<string>();
  for (const m of text.matchAll(/['"`]([a-z0-9_]+(?:\.[a-z0-9_]+)+)['"`]/g)) quoted.add(m[1]);
  return { quoted, prefixes };
}

const allKeys = (): string[] => [
  ...new Set(
    readdirSync(localeDir)
      .filter((f) => f.endsWith('.json'))
      .flatMap((f) => keys(load(f))),
  ),
];
const seen = (k: string, u: ReturnType<typeof usage>) => u.quoted.has(k) || [...u.prefixes].some((p) => k.startsWith(p));

function unusedKeys(): string[] {
  const u = usage();
  return allKeys()
    .filter((k) => !seen(k, u) && !(k in BUILT_ELSEWHERE))
    .sort();
}

describe('unused keys', () => {
  it('every key in src/locales is used by some code', () => {
    expect(unusedKeys()).toEqual([]);
  });
  it('the allow-list holds only existing keys the source does not show', () => {
    const u = usage();
    const all = new Set(allKeys());
    for (const k of Object.keys(BUILT_ELSEWHERE)) {
      expect(all.has(k), `${k} is no key`).toBe(true);
      expect(seen(k, u), `${k} is used plainly: drop it from the allow-list`).toBe(false);
    }
  });
  it('finds a key nobody uses (the check can fail)', () => {
    const u = usage();
    expect(seen('editor.kind.budget', u)).toBe(true);
    expect(seen('editor.heading', u)).toBe(true);
    expect(seen('editor.no_such_key_anywhere', u)).toBe(false);
  });
});
