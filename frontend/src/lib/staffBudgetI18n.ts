// Staff budget strings for the staff home and forum pages' links (the budget pages load them too).
import { useMessages } from './i18n';
import sv from '../locales/staffbudget.sv.json';

export default useMessages('staffbudget', sv);
