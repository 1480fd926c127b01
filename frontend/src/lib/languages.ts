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

/** Easy-read Swedish (lättläst): the participant pages' words made simpler; any key it lacks
 * falls back to standard Swedish. A variant of the interface, not a language of content. */
export const EASY_READ_SWEDISH = 'sv-x-lattlast';

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
