import { describe, it, expect } from 'vitest';
import sv from '../../locales/poll.sv.json';
import en from '../../locales/poll.en.json';
import staffSv from '../../locales/pollstaff.sv.json';
import staffEn from '../../locales/pollstaff.en.json';
import aboutSv from '../../locales/aboutyou.sv.json';
import aboutEn from '../../locales/aboutyou.en.json';

function keys(o: unknown, prefix = ''): string[] {
  if (o && typeof o === 'object') {
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('poll locales', () => {
  it('sv and en have exactly the same keys, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    expect(keys(staffEn).sort()).toEqual(keys(staffSv).sort());
    expect(keys(aboutEn).sort()).toEqual(keys(aboutSv).sort());
    for (const data of [sv, en, staffSv, staffEn, aboutSv, aboutEn]) {
      for (const k of keys(data)) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], data);
        expect(typeof v === 'string' && v.trim().length > 0, k).toBe(true);
      }
    }
  });
});
