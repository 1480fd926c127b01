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
