/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import sv from '../../locales/sv.json';
import en from '../../locales/en.json';
import liveSv from '../../locales/live.sv.json';
import liveEn from '../../locales/live.en.json';

function keys(o: unknown, prefix = ''): string[] {
  if (o && typeof o === 'object') {
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('locales', () => {
  it('sv and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    expect(keys(liveEn).sort()).toEqual(keys(liveSv).sort());
  });
  it('feature files keep to their own namespace', () => {
    expect(Object.keys(liveSv)).toEqual(['live']);
    expect(Object.keys(sv)).not.toContain('live');
  });
  it('no empty strings', () => {
    for (const [name, data] of Object.entries({ sv, en, liveSv, liveEn })) {
      const flat = keys(data);
      for (const k of flat) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], data);
        expect(typeof v === 'string' && v.trim().length > 0, `${name}:${k}`).toBe(true);
      }
    }
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(p) && !p.includes('__tests__') ? [p] : [];
  });
}

describe('used keys', () => {
  it('every literal $_() / t() key used in the source exists in sv', () => {
    const known = new Set([...keys(sv), ...keys(liveSv)]);
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
