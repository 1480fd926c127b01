// Strings of every page but the phone's: en.json's page sections come with messagesEn.ts,
// the Swedish ones and the public pages' strings load here (lib/i18n.ts, loadPageMessages).
import { addMessages } from 'svelte-i18n';
import pagesSv from '../locales/sv.json?pages';
import publicSv from '../locales/public.sv.json';
import publicEn from '../locales/public.en.json';

addMessages('sv', pagesSv, publicSv);
addMessages('en', publicEn);
