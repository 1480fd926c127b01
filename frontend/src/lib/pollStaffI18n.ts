// Staff-only poll strings (builder, reports): loaded with the staff pages, not on phones.
import { addMessages } from 'svelte-i18n';
import sv from '../locales/pollstaff.sv.json';
import en from '../locales/pollstaff.en.json';

addMessages('sv', sv);
addMessages('en', en);
import imageSv from '../locales/pollimage.sv.json';
import imageEn from '../locales/pollimage.en.json';

addMessages('sv', imageSv);
addMessages('en', imageEn);
