import { addMessages, init, locale, register } from 'svelte-i18n';
import { derived, get } from 'svelte/store';
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
// The console's result downloads (CSV, XLSX and the PDF summary).
import liveSummarySv from '../locales/livesummary.sv.json';
import wordcloudSv from '../locales/wordcloud.sv.json';
import liveprepSv from '../locales/liveprep.sv.json';
// "Kopplad till nämndens planeringspunkt …" on idea, board and poll pages.
import councilLinksSv from '../locales/councillinks.sv.json';
// Decisions back to phones, live activities routed to planning items, unlinking.
import councilFlowSv from '../locales/councilflow.sv.json';

export const LOCALES = [
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
] as const;
export type LocaleCode = (typeof LOCALES)[number]['code'];
const RTL = new Set(['ar', 'fa', 'he', 'ur']);
const STORAGE_KEY = 'rostrum.locale';

// Swedish is in the first load; English loads only on a device set to English
// (svelte-i18n shows the loading state until it has arrived).
addMessages('sv', sv);
register('en', () => import('./messagesEn'));
addMessages('sv', councilLinksSv);
addMessages('sv', councilFlowSv);
addMessages('sv', pollSv);
addMessages('sv', aboutYouSv);
addMessages('sv', ideasNavSv);
addMessages('sv', yousaidSv);

// Every page but the phone's waits for its strings (the start page, /insyn, staff pages), so a
// phone's first load holds only what the phone shows (scripts/first-load.mjs).
let pagesLoaded: Promise<void> | null = null;
export function loadPageMessages(): Promise<void> {
  pagesLoaded ??= import('./messagesPages').then(() => undefined);
  return pagesLoaded;
}

// Council pages' strings load with those pages, keeping them out of the phones' bundle.
let routingLoaded: Promise<void> | null = null;
export function loadRoutingMessages(): Promise<void> {
  routingLoaded ??= Promise.all([import('../locales/routing.sv.json'), import('../locales/routing.en.json')]).then(
    ([sv, en]) => {
      addMessages('sv', sv.default);
      addMessages('en', en.default);
    },
  );
  return routingLoaded;
}
addMessages('sv', liveSv);
addMessages('sv', uiSv);
addMessages('sv', liveSummarySv);
// Word clouds and answer walls in live sessions (after live: adds live.activity.* kinds).
addMessages('sv', wordcloudSv);
// Preparing sessions, info slide pictures and idea collection (phones need some of it).
addMessages('sv', liveprepSv);

function isKnown(code: string | null | undefined): code is LocaleCode {
  return !!code && LOCALES.some((l) => l.code === code);
}

function initialLocale(): LocaleCode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isKnown(saved)) return saved;
  } catch {
    /* storage blocked */
  }
  // Swedish is the default; the language switch (remembered on the device) changes it.
  return 'sv';
}

export function setupI18n(): void {
  const start = initialLocale();
  init({ fallbackLocale: 'sv', initialLocale: start });
  locale.subscribe((l) => {
    if (!l || typeof document === 'undefined') return;
    const short = l.slice(0, 2);
    document.documentElement.lang = short;
    document.documentElement.dir = RTL.has(short) ? 'rtl' : 'ltr';
    // Websockets can't carry our Accept-Language; the server reads this cookie instead.
    document.cookie = `django_language=${encodeURIComponent(short)}; path=/; max-age=31536000; SameSite=Lax`;
  });
}

export function setLocale(code: LocaleCode): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* storage blocked */
  }
  locale.set(code);
}

/** Short language code for Accept-Language and Intl. */
export function currentLang(): LocaleCode {
  const l = (get(locale) ?? 'sv').slice(0, 2);
  return isKnown(l) ? l : 'sv';
}

export const lang = derived(locale, (l) => {
  const s = (l ?? 'sv').slice(0, 2);
  return isKnown(s) ? s : 'sv';
});
