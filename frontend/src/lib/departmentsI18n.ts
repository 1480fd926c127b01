// Staff-only strings of the departments page and the department picker (namespace
// departments): loaded with the pages that use them, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/departments.sv.json';

void useMessages('departments', sv);
