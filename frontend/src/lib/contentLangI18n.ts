// Strings for staff texts in several languages (the "in Swedish" marker, the translation
// editor, the needs-translating list). The main session moves this to the generic loader.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/contentlang.sv.json';
import en from '../locales/contentlang.en.json';

addMessages('sv', sv);
addMessages('en', en);
