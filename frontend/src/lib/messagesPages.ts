// Strings of every page but the phone's: the Swedish page sections of the main file and the
// public pages' strings (lib/i18n.ts, loadPageMessages). Other languages load their whole
// main file with the first load, so only Swedish is split.
import { addMessages } from 'svelte-i18n';
import { useMessages } from './i18n';
import pagesSv from '../locales/sv.json?pages';
import publicSv from '../locales/public.sv.json';

addMessages('sv', pagesSv);
export default useMessages('public', publicSv);
