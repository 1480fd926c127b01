// Staff budget strings (and the phone's, for badges and money): loaded with the staff pages only.
import { useMessages } from '../../lib/i18n';
import staffLoaded from '../../lib/staffBudgetI18n';
import phoneSv from '../../locales/budget.sv.json';

export default Promise.all([staffLoaded, useMessages('budget', phoneSv)]);
