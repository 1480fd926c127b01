/// <reference types="node" />
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', 'tokens.css'), 'utf8');

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

interface Claim {
  fg: string;
  bg: string;
  written: number;
  ui: boolean;
}
// The :root block and the dark block, each: colour tokens and the claims written beside them.
function themes(): Record<string, { colours: Record<string, string>; claims: Claim[] }> {
  const out: Record<string, { colours: Record<string, string>; claims: Claim[] }> = {};
  for (const [, selector, body] of css.matchAll(/(:root|\[data-theme='dark'\])\s*\{([^}]*)\}/g)) {
    const colours: Record<string, string> = {};
    const claims: Claim[] = [];
    for (const [, name, value, comment = ''] of body.matchAll(/--color-([a-z0-9-]+):\s*(#[0-9a-f]{6});(?:\s*\/\*([^*]*)\*\/)?/g)) {
      colours[name] = value;
      for (const [, ui, ratio, bg] of comment.matchAll(/(ui )?(\d+(?:\.\d+)?):1 on ([a-z-]+)/g)) {
        claims.push({ fg: name, bg, written: Number(ratio), ui: !!ui });
      }
    }
    out[selector] = { colours, claims };
  }
  return out;
}

describe('design tokens', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('has a light and a dark theme with the same colour names', () => {
    const t = themes();
    expect(Object.keys(t)).toEqual([':root', "[data-theme='dark']"]);
    expect(Object.keys(t["[data-theme='dark']"].colours).sort()).toEqual(Object.keys(t[':root'].colours).sort());
  });

  it('defines the shared token names', () => {
    const names = ['bg', 'surface', 'text', 'text-muted', 'border', 'accent', 'on-accent', 'danger', 'on-danger', 'success', 'warning', 'focus'];
    for (const n of names) expect(css).toContain(`--color-${n}:`);
    for (let i = 1; i <= 6; i++) expect(css).toMatch(new RegExp(`--space-${i}: ${[4, 8, 12, 16, 24, 32][i - 1]}px;`));
    for (const n of ['radius-s', 'radius-m', 'radius-l', 'radius-pill', 'font-family', 'shadow-1']) expect(css).toContain(`--${n}:`);
    for (const n of ['s', 'm', 'l', 'xl', 'xxl', 'display']) expect(css).toContain(`--font-size-${n}:`);
    expect(css).toContain('--touch-min: 44px;');
  });

  it('writes the true contrast beside every pair, and text pairs reach 4.5:1, borders and focus 3:1', () => {
    for (const [theme, { colours, claims }] of Object.entries(themes())) {
      expect(claims.length, theme).toBeGreaterThan(25);
      for (const c of claims) {
        const where = `${theme} ${c.fg} on ${c.bg}`;
        expect(colours[c.bg], where).toBeDefined();
        const actual = contrast(colours[c.fg], colours[c.bg]);
        expect(Math.abs(actual - c.written), `${where}: written ${c.written}, is ${actual.toFixed(2)}`).toBeLessThan(0.06);
        expect(actual, where).toBeGreaterThanOrEqual(c.ui ? 3 : 4.5);
      }
    }
  });

  it('claims every text colour on the surfaces it is shown on', () => {
    for (const [theme, { claims }] of Object.entries(themes())) {
      const pairs = new Set(claims.map((c) => `${c.fg}/${c.bg}`));
      for (const fg of ['text', 'text-muted', 'accent', 'danger', 'success', 'warning']) {
        for (const bg of ['bg', 'surface']) expect(pairs.has(`${fg}/${bg}`), `${theme} ${fg} on ${bg}`).toBe(true);
      }
      for (const [fg, bg] of [['on-accent', 'accent'], ['on-danger', 'danger'], ['on-success', 'success'], ['on-highlight', 'highlight'], ['danger', 'danger-soft'], ['success', 'success-soft'], ['warning', 'warning-soft']]) {
        expect(pairs.has(`${fg}/${bg}`), `${theme} ${fg} on ${bg}`).toBe(true);
      }
    }
  });
});
