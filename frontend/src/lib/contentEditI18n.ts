// Staff-only strings for texts in several languages (the translation editor, the forum's
// languages, the needs-translating list, the big screen's second language): loaded with
// the staff pages, not on phones. The main session moves this to the generic loader.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/contentedit.sv.json';
import en from '../locales/contentedit.en.json';

addMessages('sv', sv);
addMessages('en', en);
