import { addMessages, init, locale, setLanguageLoader } from 'svelte-i18n';
import { derived, get } from 'svelte/store';
import bundles, { groupOf } from 'virtual:locale-bundles';
import { baseLanguage, EASY_READ_SWEDISH, LANGUAGES, type LanguageCode } from './languages';
import sv from '../locales/sv.json?first-load';
import pollSv from '../locales/poll.sv.json';
// "Om dig": the one card polls, live phones and idea boards offer (field labels in poll.about).
import aboutYouSv from '../locales/aboutyou.sv.json';
// Idea boards: only the links shown on eager pages load here; the rest of the idea
// strings load with the (lazy) idea pages, see pages/ideas/messages.ts.
import ideasNavSv from '../locales/ideas-nav.sv.json';
import yousaidSv from '../locales/yousaid.sv.json';
import liveSv from '../locales/live.sv.json';
// Shared words of the ui components (components/ui), e.g. the toast's close button.
import uiSv from '../locales/ui.sv.json';
import wordcloudSv from '../locales/wordcloud.sv.json';
import liveprepSv from '../locales/liveprep.sv.json';
// "Kopplad till nämndens planeringspunkt …" on idea, board and poll pages.
import councilLinksSv from '../locales/councillinks.sv.json';
// Decisions back to phones, live activities routed to planning items, unlinking.
import councilFlowSv from '../locales/councilflow.sv.json';

/** What a device can choose: the seven languages and, after Swedish, easy-read Swedish. */
export const LOCALES = [
  LANGUAGES[0],
  { code: EASY_READ_SWEDISH, nativeName: 'Lättläst svenska', dir: 'ltr' },
  ...LANGUAGES.slice(1),
] as const;
export type LocaleCode = LanguageCode | typeof EASY_READ_SWEDISH;
const STORAGE_KEY = 'rostrum.locale';

/*
 * Swedish ships with each namespace's code (it is the fallback of every other language);
 * another language's words load on demand, only on a device set to it: one chunk for what
 * participants see, one for the staff pages, each fetched when a page of its namespaces is
 * first shown or the device switches (vite.config.ts groups the namespaces; a namespace is
 * a file family `locales/<ns>.<code>.json`, the main family `locales/<code>.json`).
 */
const namespaces = new Set<string>();
const loaded = new Map<string, Promise<void>>();

function loadFile(ns: string, code: string): Promise<void> {
  if (code === 'sv') return Promise.resolve();
  const key = `${code}/${groupOf[ns]}`;
  let done = loaded.get(key);
  if (!done) {
    const load = bundles[key];
    // Easy-read Swedish covers the participant pages only: without its file a namespace
    // reads in standard Swedish.
    done = load
      ? load().then((m) => {
          for (const dictionary of Object.values(m.default)) addMessages(code, dictionary);
        })
      : Promise.resolve();
    done.catch(() => loaded.delete(key));
    loaded.set(key, done);
  }
  return done;
}

function loadLanguage(code: string): Promise<void> {
  return Promise.all([...namespaces].map((ns) => loadFile(ns, code))).then(() => undefined);
}
setLanguageLoader(loadLanguage);

/**
 * A page's strings: `swedish` is the namespace's Swedish file, bundled with the page; the
 * device's own language loads now if it is another. Resolves when the words are there.
 */
export function useMessages(ns: string, ...swedish: Record<string, unknown>[]): Promise<void> {
  if (swedish.length) addMessages('sv', ...swedish);
  namespaces.add(ns);
  const code = get(locale);
  return code ? loadFile(ns, code) : Promise.resolve();
}

useMessages('', sv);
useMessages('councillinks', councilLinksSv);
useMessages('councilflow', councilFlowSv);
useMessages('poll', pollSv);
useMessages('aboutyou', aboutYouSv);
useMessages('ideas-nav', ideasNavSv);
useMessages('yousaid', yousaidSv);
useMessages('live', liveSv);
useMessages('ui', uiSv);
// Word clouds and answer walls in live sessions (after live: adds live.activity.* kinds).
useMessages('wordcloud', wordcloudSv);
// Preparing sessions, info slide pictures and idea collection (phones need some of it).
useMessages('liveprep', liveprepSv);

// Every page but the phone's waits for its strings (the start page, /insyn, staff pages), so a
// phone's first load holds only what the phone shows (scripts/first-load.mjs).
let pagesLoaded: Promise<void> | null = null;
export function loadPageMessages(): Promise<void> {
  pagesLoaded ??= import('./messagesPages').then((m) => m.default);
  return pagesLoaded;
}

// Council pages' strings load with those pages, keeping them out of the phones' bundle.
let routingLoaded: Promise<void> | null = null;
export function loadRoutingMessages(): Promise<void> {
  routingLoaded ??= import('../locales/routing.sv.json').then((m) => useMessages('routing', m.default));
  return routingLoaded;
}

export function isLocale(code: string | null | undefined): code is LocaleCode {
  return !!code && LOCALES.some((l) => l.code === code);
}

/**
 * The first language a device's preferences name among those offered: `ar-SA` matches
 * Arabic, `sv` matches Swedish; nothing matching gives Swedish. Easy-read Swedish is
 * only ever chosen by hand.
 */
export function preferredLanguage(preferences: readonly string[], offered: readonly string[]): LanguageCode {
  for (const preference of preferences) {
    const primary = preference.trim().toLowerCase().split(/[-_]/)[0];
    const match = LANGUAGES.find((l) => l.code === primary && offered.includes(l.code));
    if (match) return match.code;
  }
  return 'sv';
}

function savedLocale(): LocaleCode | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : null;
  } catch {
    return null; // storage blocked
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? ''];
}

function initialLocale(): LocaleCode {
  // A choice made on this device wins; a first visit follows the browser's languages.
  return (
    savedLocale() ??
    preferredLanguage(
      browserLanguages(),
      LANGUAGES.map((l) => l.code),
    )
  );
}

/**
 * A forum offers some of the languages: a device that never chose one by hand and reads a
 * language the forum does not offer switches to its best offered match.
 */
export function offerLanguages(offered: readonly string[]): void {
  const current = get(locale);
  if (savedLocale() || !current || offered.includes(baseLanguage(current))) return;
  void locale.set(preferredLanguage(browserLanguages(), offered));
}

export function direction(code: string | null | undefined): 'ltr' | 'rtl' {
  return LOCALES.find((l) => l.code === code)?.dir ?? 'ltr';
}

export function setupI18n(): void {
  void init({ fallbackLocale: 'sv', initialLocale: initialLocale() });
  locale.subscribe((l) => {
    if (!l || typeof document === 'undefined') return;
    document.documentElement.lang = baseLanguage(l);
    document.documentElement.dir = direction(l);
    // Websockets can't carry our Accept-Language; the server reads this cookie instead.
    document.cookie = `django_language=${encodeURIComponent(l)}; path=/; max-age=31536000; SameSite=Lax`;
  });
}

export function setLocale(code: LocaleCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* storage blocked */
  }
  void locale.set(code);
}

/** The device's language for Accept-Language (the server answers easy-read in Swedish). */
export function currentLang(): LocaleCode {
  const l = get(locale);
  return isLocale(l) ? l : 'sv';
}

export const lang = derived(locale, (l) => (isLocale(l) ? l : 'sv'));
