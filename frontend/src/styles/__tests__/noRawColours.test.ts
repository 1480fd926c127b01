/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..', '..');
const TOKENS = 'styles/tokens.css';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : files(path);
    return /\.(svelte|css)$/.test(name) ? [path] : [];
  });
}
const sources = files(src).map((path) => ({ name: relative(src, path), text: readFileSync(path, 'utf8') }));

// Hex colours (#abc, #aabbcc, #aabbccdd) and rgb()/hsl() functions, outside comments.
const RAW_COLOUR = /(?<![\w&-])#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})\b|\b(?:rgba?|hsla?)\(/gi;
const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/<!--[\s\S]*?-->/g, '');
// Svelte scripts hold ids and anchors like "#main", not colours; only markup and styles count.
const withoutScripts = (text: string): string => text.replace(/<script[\s\S]*?<\/script>/g, '');

describe('colours come from the design tokens', () => {
  it('finds raw colours where they are (the check can fail)', () => {
    expect('a { color: #fff; border: 1px solid rgb(0 0 0 / 0.1) }'.match(RAW_COLOUR)).toHaveLength(2);
    expect('<a href="#main">'.match(RAW_COLOUR)).toBeNull();
  });

  it('has no hex or rgb colour outside styles/tokens.css', () => {
    expect(sources.length).toBeGreaterThan(30);
    const found = sources
      .filter((f) => f.name !== TOKENS)
      .flatMap((f) => [...withoutScripts(withoutComments(f.text)).matchAll(RAW_COLOUR)].map((m) => `${f.name}: ${m[0]}`));
    expect(found).toEqual([]);
  });

  // var(--x, fallback) is a knob a parent may set; var(--x) must be defined.
  it('uses only custom properties that are defined somewhere', () => {
    const defined = new Set(sources.flatMap((f) => [...f.text.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1])));
    // Set from script as style:--name or style="--name: …".
    for (const f of sources) for (const m of f.text.matchAll(/style:(--[a-z0-9-]+)/g)) defined.add(m[1]);
    const used = sources.flatMap((f) => [...f.text.matchAll(/var\((--[a-z0-9-]+)\)/g)].map((m) => `${f.name}: ${m[1]}`));
    expect(used.filter((u) => !defined.has(u.split(': ')[1]))).toEqual([]);
  });
});
