// Audit log page strings (namespace audit): loaded with that page and the staff home's link
// to it, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/audit.sv.json';

void useMessages('audit', sv);
