// The English strings of everything in the first load (lib/i18n.ts holds the Swedish ones)
// and of en.json's page sections, loaded on demand so a Swedish phone does not download them.
// Keep the two lists in step (src/lib/__tests__/i18nBundles.test.ts checks).
import { addMessages } from 'svelte-i18n';
import en from '../locales/en.json';
import councilLinksEn from '../locales/councillinks.en.json';
import councilFlowEn from '../locales/councilflow.en.json';
import pollEn from '../locales/poll.en.json';
import aboutYouEn from '../locales/aboutyou.en.json';
import ideasNavEn from '../locales/ideas-nav.en.json';
import yousaidEn from '../locales/yousaid.en.json';
import liveEn from '../locales/live.en.json';
import uiEn from '../locales/ui.en.json';
import liveSummaryEn from '../locales/livesummary.en.json';
import wordcloudEn from '../locales/wordcloud.en.json';
import liveprepEn from '../locales/liveprep.en.json';

for (const part of [
  en,
  councilLinksEn,
  councilFlowEn,
  pollEn,
  aboutYouEn,
  ideasNavEn,
  yousaidEn,
  liveEn,
  uiEn,
  liveSummaryEn,
  wordcloudEn,
  liveprepEn,
])
  addMessages('en', part);

export default {};
