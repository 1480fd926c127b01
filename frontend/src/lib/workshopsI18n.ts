// Staff-only strings for workshops entered by hand (the forum page's section and the
// brief's block): loaded with the staff pages, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/workshops.sv.json';

void useMessages('workshops', sv);
