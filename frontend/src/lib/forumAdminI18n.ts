// Staff-only forum settings strings (namespace forumadmin): loaded with the forum settings
// page and the staff pages that link to it, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/forumadmin.sv.json';

void useMessages('forumadmin', sv);
