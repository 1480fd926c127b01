// The languages Röstrum speaks, as forum/core/languages.py lists them (one registry each side;
// src/lib/__tests__/languages.test.ts keeps the two in step).
export const LANGUAGES = [
  { code: 'sv', nativeName: 'Svenska', dir: 'ltr' },
  { code: 'en', nativeName: 'English', dir: 'ltr' },
  { code: 'ar', nativeName: 'العربية', dir: 'rtl' },
  { code: 'so', nativeName: 'Soomaali', dir: 'ltr' },
  { code: 'ti', nativeName: 'ትግርኛ', dir: 'ltr' },
  { code: 'fa', nativeName: 'فارسی', dir: 'rtl' },
  { code: 'tr', nativeName: 'Türkçe', dir: 'ltr' },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);
/** Each language's own name, as a speaker looks for it in a list. */
export const NATIVE_NAMES: Record<string, string> = Object.fromEntries(LANGUAGES.map((l) => [l.code, l.nativeName]));

export function isRtl(code: string | null | undefined): boolean {
  return LANGUAGES.some((l) => l.code === code && l.dir === 'rtl');
}

/** Easy-read Swedish (lättläst): the participant pages' words made simpler; any key it lacks
 * falls back to standard Swedish. A variant of the interface, not a language of content. */
export const EASY_READ_SWEDISH = 'sv-x-lattlast';

/** The language a locale is written in: easy-read Swedish is Swedish (to the browser, a
 * screen reader, the server and a forum's offered languages). */
export function baseLanguage(code: string): string {
  return code === EASY_READ_SWEDISH ? 'sv' : code;
}

/**
 * The locale Intl formats with: Swedish and British English conventions, the Gregorian
 * calendar for Persian (meetings happen in Sweden) and Latin digits in Arabic and Persian,
 * so a count, a percentage or a date reads like the voting codes and the big screen's
 * numbers (docs/decisions/0046-interface-in-seven-languages.md).
 */
export function intlLocale(code: string | null | undefined): string {
  switch (code) {
    case 'en':
      return 'en-GB';
    case 'ar':
      return 'ar-u-nu-latn';
    case 'fa':
      return 'fa-u-ca-gregory-nu-latn';
    case 'so':
    case 'ti':
    case 'tr':
      return code;
    default:
      return 'sv-SE';
  }
}
