// Staff-only languages page strings (namespace langadmin): loaded with that page and the staff
// home's link to it, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/langadmin.sv.json';

void useMessages('langadmin', sv);
