// Swedish messages for component tests of the live views (synchronous: no loaders).
import { addMessages, init } from 'svelte-i18n';
import sv from '../../../locales/sv.json';
import liveSv from '../../../locales/live.sv.json';
import wordcloudSv from '../../../locales/wordcloud.sv.json';
import aboutYouSv from '../../../locales/aboutyou.sv.json';
import roomSv from '../../../locales/room.sv.json';

addMessages('sv', sv);
addMessages('sv', liveSv);
addMessages('sv', wordcloudSv);
addMessages('sv', aboutYouSv);
addMessages('sv', roomSv);
init({ fallbackLocale: 'sv', initialLocale: 'sv' });
