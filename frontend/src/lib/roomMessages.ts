// The console's and big screen's strings (staff pages only), registered when their chunk
// is evaluated so a phone never downloads them.
import { useMessages } from './i18n';
import sv from '../locales/room.sv.json';

void useMessages('room', sv);
