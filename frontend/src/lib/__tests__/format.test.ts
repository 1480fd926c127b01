import { describe, it, expect } from 'vitest';
import { formatPercent, barSize, normaliseCode, formatDateTime } from '../format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatPercent', () => {
  it('rounds to whole percent', () => {
    expect(nbsp(formatPercent(33.333, 'sv'))).toBe('33 %');
    expect(formatPercent(66.666, 'en')).toBe('67%');
  });
  it('keeps one decimal below 1 %', () => {
    expect(formatPercent(0.4, 'en')).toBe('0.4%');
  });
  it('clamps and handles missing values', () => {
    expect(formatPercent(150, 'en')).toBe('100%');
    expect(formatPercent(-3, 'en')).toBe('0%');
    expect(formatPercent(null, 'en')).toBe('0%');
    expect(formatPercent(Number.NaN, 'en')).toBe('0%');
  });
  it('bar sizes are clamped CSS percentages', () => {
    expect(barSize(42.5)).toBe('42.5%');
    expect(barSize(120)).toBe('100%');
    expect(barSize(undefined)).toBe('0%');
  });
});

describe('codes and dates', () => {
  it('normalises join codes', () => {
    expect(normaliseCode(' k7m-2qx ')).toBe('K7M2QX');
  });
  it('formats in Europe/Stockholm', () => {
    // 17:00 UTC in June is 19:00 in Stockholm (CEST)
    expect(formatDateTime('2025-06-10T17:00:00Z', 'sv')).toContain('19:00');
    expect(formatDateTime('not a date', 'sv')).toBe('not a date');
  });
});
