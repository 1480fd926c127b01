// The phones' one string for staff texts in several languages: the quiet "in Swedish" after
// a text that has no translation yet (contentlang namespace; staff strings are contentedit).
// The main session moves this to the generic loader.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/contentlang.sv.json';
import en from '../locales/contentlang.en.json';

addMessages('sv', sv);
addMessages('en', en);
