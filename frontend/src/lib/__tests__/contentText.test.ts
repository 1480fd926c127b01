import { describe, expect, it } from 'vitest';
import { localizeQuestion, pickText, supportedLanguage } from '../contentText';

const offered = ['sv', 'ar', 'so'];
const translations = { ar: { text: 'أي يوم؟' }, fa: { text: 'کدام روز؟' } };

describe('pickText', () => {
  it('reads the translation in an offered language', () => {
    expect(pickText('Vilken dag?', translations, 'text', 'ar', offered)).toEqual({ text: 'أي يوم؟', lang: 'ar', fallback: false });
  });

  it('falls back to Swedish, marked, when the translation is missing', () => {
    expect(pickText('Vilken dag?', translations, 'text', 'so', offered)).toEqual({ text: 'Vilken dag?', lang: 'sv', fallback: true });
  });

  it('reads Swedish for a language the forum does not offer, even when translated', () => {
    expect(pickText('Vilken dag?', translations, 'text', 'fa', offered).text).toBe('Vilken dag?');
  });

  it('reads easy-read Swedish and unknown codes as Swedish without throwing', () => {
    expect(pickText('Vilken dag?', translations, 'text', 'sv-x-lattlast', offered)).toEqual({ text: 'Vilken dag?', lang: 'sv', fallback: false });
    expect(pickText('Vilken dag?', null, 'text', 'xx', offered).lang).toBe('sv');
    expect(pickText('Vilken dag?', { ar: 'broken' } as never, 'text', 'ar', offered).lang).toBe('sv');
  });

  it('maps regional codes to the language', () => {
    expect(supportedLanguage('ar-SA')).toBe('ar');
    expect(supportedLanguage(undefined)).toBe('sv');
  });
});

describe('localizeQuestion', () => {
  it('localizes the question and each option, saying which language each is in', () => {
    const q = {
      id: 1,
      text: 'Vilken dag?',
      translations,
      options: [
        { id: 1, label: 'Fredag', translations: { ar: { label: 'الجمعة' } } },
        { id: 2, label: 'Lördag', translations: {} },
      ],
    };

    const shown = localizeQuestion(q, 'ar', offered);

    expect([shown.text, shown.text_lang]).toEqual(['أي يوم؟', 'ar']);
    expect(shown.options.map((o) => [o.label, o.label_lang])).toEqual([
      ['الجمعة', 'ar'],
      ['Lördag', 'sv'],
    ]);
    expect(q.text).toBe('Vilken dag?');
  });
});
