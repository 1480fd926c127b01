// Two-step verification strings (namespace mfa): staff only, loaded with the staff layout
// and the account page, never on phones.
import { useMessages } from './i18n';
import sv from '../locales/mfa.sv.json';

void useMessages('mfa', sv);
