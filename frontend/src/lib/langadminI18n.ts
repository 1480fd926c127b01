// Staff-only languages page strings (namespace langadmin): loaded with that page and the staff
// home's link to it, not on phones.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/langadmin.sv.json';
import en from '../locales/langadmin.en.json';

addMessages('sv', sv);
addMessages('en', en);
