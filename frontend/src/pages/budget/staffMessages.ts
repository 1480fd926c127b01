// Staff budget strings, loaded with the staff pages only (the phone's come with ./common).
import { budgetMessages } from './common';
import { useMessages } from '../../lib/i18n';
import sv from '../../locales/staffbudget.sv.json';

export default Promise.all([useMessages('staffbudget', sv), budgetMessages]);
