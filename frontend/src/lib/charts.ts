import { countWords } from './format';

/**
 * One bar of a result chart: the web's side of the one chart model (forum/core/charts.py
 * ChartRow, docs/architecture.md "Charts"). Rows come in the order the API gives them;
 * `value` is the bar's length 0–100, null when the figure is hidden (no bar); `text` the
 * figure as written, a hidden one in the suppression rule's words (countWords, the same
 * words as the server's count_text: a test checks both locales).
 */
export interface ChartRow {
  key: number;
  label: string;
  value: number | null;
  text: string;
  note: string;
  hidden_to_protect: boolean;
}

/** One option's result as the API sends it (results, shown results, a scale's values). */
export interface OptionFigure {
  option_id: number;
  label: string;
  // null: hidden outside the live room, "fewer than 5" unless hidden_to_protect.
  count: number | null;
  percent: number | null;
  hidden_to_protect?: boolean;
}

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** A choice question's rows: the bar is the share of answers, the text the votes. */
export function optionChartRows(options: OptionFigure[], t: Translate): ChartRow[] {
  return options.map((o) => {
    if (o.count === null) {
      const hidden = Boolean(o.hidden_to_protect);
      return {
        key: o.option_id,
        label: o.label,
        value: null,
        text: countWords(t, null, hidden),
        note: '',
        hidden_to_protect: hidden,
      };
    }
    return {
      key: o.option_id,
      label: o.label,
      value: o.percent ?? 0,
      text: t('results.votes', { values: { count: o.count } }),
      note: '',
      hidden_to_protect: false,
    };
  });
}
