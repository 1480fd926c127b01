// Staff-written texts (questions, options, boards, activities) in the reader's language.
// The same rule as the server's forum/core/translations.py `localized`: the translation when
// the forum offers the language and one exists, else the Swedish source, marked as a
// fallback. The live body carries every translation and each phone picks here
// (docs/decisions/0045); REST pages get `text_lang` from the server instead.

import { LANGUAGE_CODES } from './languages';

export type Translations = Record<string, Record<string, string> | undefined> | null | undefined;

export interface Localized {
  text: string;
  /** The language `text` is written in: the asked one, or 'sv' when it fell back. */
  lang: string;
  fallback: boolean;
}

export const SOURCE_LANGUAGE = 'sv';
/** 'ar-SA' → 'ar', lättläst and unknown codes → 'sv' (never throws). */
export function supportedLanguage(code: string | null | undefined): string {
  const primary = (code ?? '').trim().toLowerCase().replace('_', '-').split('-')[0];
  return (LANGUAGE_CODES as readonly string[]).includes(primary) ? primary : SOURCE_LANGUAGE;
}

export function pickText(
  source: string,
  translations: Translations,
  field: string,
  language: string | null | undefined,
  offered: readonly string[] | null | undefined,
): Localized {
  const code = supportedLanguage(language);
  if (code !== SOURCE_LANGUAGE && (offered ?? []).includes(code) && translations && typeof translations === 'object') {
    const texts = translations[code];
    const text = texts && typeof texts === 'object' ? texts[field] : undefined;
    if (typeof text === 'string' && text) return { text, lang: code, fallback: false };
  }
  return { text: source, lang: SOURCE_LANGUAGE, fallback: code !== SOURCE_LANGUAGE };
}

interface TranslatableOption {
  label: string;
  translations?: Translations;
  label_lang?: string;
}
interface TranslatableQuestion {
  text: string;
  translations?: Translations;
  text_lang?: string;
  options: TranslatableOption[];
}

/** A copy of a live question with its text and options in `language` (text_lang/label_lang
 * say which language each is in), for components that render a REST question the same way. */
export function localizeQuestion<Q extends TranslatableQuestion>(
  question: Q,
  language: string | null | undefined,
  offered: readonly string[] | null | undefined,
): Omit<Q, 'options' | 'text_lang'> & { text_lang: string; options: (Q['options'][number] & { label_lang: string })[] } {
  const text = pickText(question.text, question.translations, 'text', language, offered);
  return {
    ...question,
    text: text.text,
    text_lang: text.lang,
    options: question.options.map((o) => {
      const label = pickText(o.label, o.translations, 'label', language, offered);
      return { ...o, label: label.text, label_lang: label.lang };
    }),
  };
}

interface TranslatableActivity {
  title: string;
  body: string;
  translations?: Translations;
  question: TranslatableQuestion | null;
  board: { question: string; translations?: Translations } | null;
}

/** A copy of a live activity with its title, text, question and board in `language`;
 * `title_lang`/`body_lang` say which language each is in. */
export function localizeActivity<A extends TranslatableActivity>(
  activity: A,
  language: string | null | undefined,
  offered: readonly string[] | null | undefined,
): A & { title_lang: string; body_lang: string } {
  const title = pickText(activity.title, activity.translations, 'title', language, offered);
  const body = pickText(activity.body, activity.translations, 'body', language, offered);
  const board = activity.board
    ? { ...activity.board, question: pickText(activity.board.question, activity.board.translations, 'question', language, offered).text }
    : activity.board;
  return {
    ...activity,
    title: title.text,
    title_lang: title.lang,
    body: body.text,
    body_lang: body.lang,
    question: activity.question ? localizeQuestion(activity.question, language, offered) : activity.question,
    board,
  };
}
