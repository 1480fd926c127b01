// The idea-board strings, registered when the first idea page's chunk is evaluated, so
// they are not in the main bundle a phone loads to vote (about 6 kB gzipped).
import { useMessages } from '../../lib/i18n';
import sv from '../../locales/ideas.sv.json';
import wordlistsSv from '../../locales/wordlists.sv.json';
import moveCodeSv from '../../locales/movecode.sv.json';

void useMessages('ideas', sv);
void useMessages('wordlists', wordlistsSv);
void useMessages('movecode', moveCodeSv);
