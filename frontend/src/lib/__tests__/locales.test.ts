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
