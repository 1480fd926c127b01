// Staff budget strings (and the phone's, for badges and money): loaded with the staff pages only.
import { useMessages } from '../../lib/i18n';
import sv from '../../locales/staffbudget.sv.json';
import phoneSv from '../../locales/budget.sv.json';

export default Promise.all([useMessages('staffbudget', sv), useMessages('budget', phoneSv)]);
