// The console's and big screen's strings (staff pages only), registered when their chunk
// is evaluated so a phone never downloads them.
import { useMessages } from './i18n';
import sv from '../locales/room.sv.json';
// The console's result downloads (CSV, XLSX and the PDF summary).
import liveSummarySv from '../locales/livesummary.sv.json';

void useMessages('room', sv);
void useMessages('livesummary', liveSummarySv);
