// Staff-only session editor strings: loaded with the staff pages, not on phones.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/editor.sv.json';
import en from '../locales/editor.en.json';

addMessages('sv', sv);
addMessages('en', en);
