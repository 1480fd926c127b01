/// <reference types="node" />
// Right-to-left pages mirror only if every style says start/end, not left/right.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : files(path);
    return /\.(svelte|css)$/.test(name) ? [path] : [];
  });
}

const styles = (text: string): string =>
  [...text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n') || (text.includes('<script') ? '' : text);

// Physical properties and values with a logical twin (margin-inline-start, inset-inline-end,
// text-align: start, float: inline-start ...).
const PHYSICAL =
  /(?:^|[\s;{])(?:(?:margin|padding|border)-(?:left|right)(?:-[a-z]+)?|left|right|border-(?:top|bottom)-(?:left|right)-radius)\s*:|text-align\s*:\s*(?:left|right)\b|float\s*:\s*(?:left|right)\b|clear\s*:\s*(?:left|right)\b/g;

export function physicalRules(css: string): string[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(PHYSICAL)].map((m) => m[0].trim());
}

describe('styles are written with logical properties', () => {
  it('finds physical properties (the check can fail)', () => {
    expect(physicalRules('a { margin-left: 1px; text-align: right; left: 0; border-top-left-radius: 2px }')).toHaveLength(4);
    expect(physicalRules('a { margin-inline-start: 1px; text-align: start; inset-inline-start: 0; transform: translateX(-50%) }')).toEqual([]);
  });

  it('no style in src uses left/right where start/end exists', () => {
    const found = files(src).flatMap((path) =>
      physicalRules(styles(readFileSync(path, 'utf8'))).map((rule) => `${relative(src, path)}: ${rule}`),
    );
    expect(found).toEqual([]);
  });
});
