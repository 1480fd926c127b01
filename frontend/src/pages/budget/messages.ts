// The budget page's strings, registered when its chunk is evaluated (not in the phone's first load).
import { useMessages } from '../../lib/i18n';
import sv from '../../locales/budget.sv.json';

export default useMessages('budget', sv);
