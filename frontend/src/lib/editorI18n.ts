// Staff-only session editor strings: loaded with the staff pages, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/editor.sv.json';

void useMessages('editor', sv);
