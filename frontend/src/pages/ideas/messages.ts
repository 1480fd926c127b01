// The idea-board strings, registered when the first idea page's chunk is evaluated, so
// they are not in the main bundle a phone loads to vote (about 6 kB gzipped).
import { addMessages } from 'svelte-i18n';
import sv from '../../locales/ideas.sv.json';
import en from '../../locales/ideas.en.json';

addMessages('sv', sv);
addMessages('en', en);
import wordlistsSv from '../../locales/wordlists.sv.json';
import wordlistsEn from '../../locales/wordlists.en.json';

addMessages('sv', wordlistsSv);
addMessages('en', wordlistsEn);
import moveCodeSv from '../../locales/movecode.sv.json';
import moveCodeEn from '../../locales/movecode.en.json';

addMessages('sv', moveCodeSv);
addMessages('en', moveCodeEn);
