// The console's and big screen's strings (staff pages only), registered when their chunk
// is evaluated so a phone never downloads them.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/room.sv.json';
import en from '../locales/room.en.json';

addMessages('sv', sv);
addMessages('en', en);
