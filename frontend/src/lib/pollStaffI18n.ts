// Staff-only poll strings (builder, reports, poll pictures): loaded with the staff pages, not on phones.
import { useMessages } from './i18n';
import sv from '../locales/pollstaff.sv.json';
import imageSv from '../locales/pollimage.sv.json';

void useMessages('pollstaff', sv);
void useMessages('pollimage', imageSv);
