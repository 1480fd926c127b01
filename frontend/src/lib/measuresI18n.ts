// Staff-only strings of measurement points, the template polls and the evaluation report
// (namespace measures): loaded with the forum, follow-up and evaluation pages, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/measures.sv.json';

void useMessages('measures', sv);
