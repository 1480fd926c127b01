import { describe, it, expect } from 'vitest';
import { intlLocale, LANGUAGES } from '../languages';
import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import { direction, isLocale, offerLanguages, preferredLanguage } from '../i18n';

const ALL = LANGUAGES.map((l) => l.code);

describe('first visit', () => {
  it("follows the browser's languages among those offered", () => {
    expect(preferredLanguage(['ar-SA', 'en'], ALL)).toBe('ar');
    expect(preferredLanguage(['de-DE', 'so-SO', 'sv'], ALL)).toBe('so');
    expect(preferredLanguage(['ti_ER'], ALL)).toBe('ti');
    // Not offered by the forum: the next preference, then Swedish.
    expect(preferredLanguage(['fa-IR', 'en-GB'], ['sv', 'en'])).toBe('en');
    expect(preferredLanguage(['fa-IR'], ['sv', 'en'])).toBe('sv');
    expect(preferredLanguage([], ALL)).toBe('sv');
  });

  it('never leaves the offered languages and Swedish, whatever the browser says', () => {
    const odd = ['', '-', 'ar-', '_so', 'AR', 'x-lattlast', 'sv-x-lattlast', 'zz-ZZ', 'ti-ER-u-nu-ethi', '*', 'fa;q=0.5'];
    for (let i = 0; i < 500; i++) {
      const prefs = [odd[i % odd.length], ALL[(i * 7) % ALL.length] + (i % 3 ? '-XX' : ''), odd[(i * 5) % odd.length]];
      const offered = ALL.filter((_, j) => (i >> j) & 1);
      const chosen = preferredLanguage(prefs, offered);
      expect(chosen === 'sv' || offered.includes(chosen), `${prefs} / ${offered}`).toBe(true);
    }
  });

  it('an unknown or made-up code is no language', () => {
    expect(isLocale('klingon')).toBe(false);
    expect(isLocale('')).toBe(false);
    expect(isLocale('sv-x-lattlast')).toBe(true);
    expect(direction('klingon')).toBe('ltr');
    expect(direction('fa')).toBe('rtl');
  });
});

describe('formats', () => {
  const date = new Date('2026-12-07T12:00:00Z');
  it('keeps Latin digits and the Gregorian calendar in Arabic and Persian', () => {
    expect(new Intl.NumberFormat(intlLocale('ar')).format(1234)).toMatch(/1.?234/);
    expect(new Intl.NumberFormat(intlLocale('fa')).format(42)).toBe('42');
    expect(new Intl.DateTimeFormat(intlLocale('fa'), { year: 'numeric' }).format(date)).toContain('2026');
  });
  it('uses the plural rules of each language (six in Arabic)', () => {
    expect(new Intl.PluralRules(intlLocale('ar')).resolvedOptions().pluralCategories.sort()).toEqual(
      ['few', 'many', 'one', 'other', 'two', 'zero'],
    );
    expect(new Intl.PluralRules(intlLocale('tr')).select(1)).toBe('one');
  });
  it('writes dates and percentages the way each language does', () => {
    expect(new Intl.DateTimeFormat(intlLocale('sv'), { month: 'long' }).format(date)).toBe('december');
    expect(new Intl.DateTimeFormat(intlLocale('so'), { month: 'long', timeZone: 'UTC' }).format(date)).not.toBe('December');
    expect(new Intl.NumberFormat(intlLocale('tr'), { style: 'percent' }).format(0.42)).toBe('%42');
    expect(intlLocale('sv-x-lattlast')).toBe('sv-SE');
  });
});

describe('a forum offers some languages', () => {
  it('moves a device that never chose by hand to an offered language, and leaves an offered one alone', async () => {
    await locale.set('ti');
    offerLanguages(['sv', 'ti']);
    expect(get(locale)).toBe('ti');
    offerLanguages(['sv', 'en']);
    // The browser here prefers no offered language: Swedish.
    await new Promise((r) => setTimeout(r, 0));
    expect(get(locale)).toBe('sv');
    await locale.set('sv-x-lattlast');
    offerLanguages(['sv']);
    expect(get(locale)).toBe('sv-x-lattlast');
  });
});
