// Staff-only strings for texts in several languages (the translation editor, the forum's
// languages, the needs-translating list, the big screen's second language): loaded with
// the staff pages, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/contentedit.sv.json';

void useMessages('contentedit', sv);
