// The phones' one string for staff texts in several languages: the quiet "in Swedish" after
// a text that has no translation yet (contentlang namespace; staff strings are contentedit).
import { useMessages } from './i18n';
import sv from '../locales/contentlang.sv.json';

void useMessages('contentlang', sv);
