"""The one chart renderer: rows in the order given, every figure as text, hidden figures
in the suppression rule's words and without a bar, named for assistive technology, and
mirrored on a right-to-left page (logical CSS only)."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation

from forum.core.charts import ChartRow, bar_chart, hidden_row, share
from forum.core.suppression import count_text, protected_note


def _texts(chart: str) -> list[str]:
    """The chart's words in reading order: labels, figures and notes."""
    return [t for t in re.findall(r">([^<>]+)<", chart) if t.strip()]


def test_a_chart_is_a_table_named_by_its_title() -> None:
    chart = bar_chart([ChartRow("Ja", 70.0, "7 (70 %)")], title="Öppet på lördagar?")

    assert chart.startswith('<figure class="chart" aria-label="Öppet på lördagar?"')
    assert '<th scope="row" class="label"' in chart


def test_the_chart_uses_logical_css_only_so_it_mirrors_right_to_left() -> None:
    chart = bar_chart([ChartRow("نعم", 70.0, "7 (70 %)", note="✓")], title="t")

    assert "inline-size: 70.0%" in chart
    for physical in ("left", "right", "width:", "height:", "margin-top", "padding-top"):
        assert physical not in chart


def test_rows_keep_their_order_and_print_label_figure_and_note() -> None:
    chart = bar_chart(
        [
            ChartRow("Lördag", 30.0, "3 (30 %)"),
            ChartRow("Fredag", 70.0, "7 (70 %)", note="✓ vald"),
        ],
        title="Dag",
    )

    assert _texts(chart) == ["Lördag", "3 (30 %)", "Fredag", "7 (70 %)", "✓ vald"]


def test_hidden_rows_use_the_suppression_words_and_draw_no_bar() -> None:
    with translation.override("sv"):
        rows = [
            hidden_row("Fredag", protected=True),
            hidden_row("Lördag"),
            ChartRow("Söndag", 100.0, "9 (100 %)"),
        ]
        chart = bar_chart(rows, title="Dag")

    assert [r.text for r in rows[:2]] == ["dold", "färre än 5"]
    assert rows[0].hidden_to_protect
    assert not rows[1].hidden_to_protect
    assert "dold" in _texts(chart)
    assert "färre än 5" in _texts(chart)
    assert chart.count('class="track"') == 3
    assert chart.count('class="bar"') == 1  # only Söndag has a bar


def test_long_labels_go_above_their_bars_full_width() -> None:
    long_label = "Att fritidsgården har öppet längre på fredagar och lördagar under hela sommaren"
    side = bar_chart([ChartRow("Kort", 50.0, "5")], title="t")
    stacked = bar_chart([ChartRow(long_label, 50.0, "5")], title="t")

    assert "colspan" not in side
    assert '<th scope="row" colspan="2"' in stacked


def test_share_is_relative_to_the_largest() -> None:
    assert share(5, 20) == 25.0
    assert share(3, 0) == 0.0


@pytest.mark.parametrize("language", ["sv", "en", "ar", "so", "ti", "fa", "tr"])
def test_the_web_writes_hidden_figures_in_the_same_words(language: str) -> None:
    # The web draws the same result rows (ResultBars.svelte, countWords in lib/format.ts)
    # from its own locale files: they must say what the server's renderer says.
    # (In the main locale file: phones show hidden counts too, not only council pages.)
    locale = settings.BASE_DIR / "frontend" / "src" / "locales" / f"{language}.json"
    words = json.loads(locale.read_text(encoding="utf-8"))["results"]

    with translation.override(language):
        assert words["fewer_than_five"] == count_text(None)
        assert words["hidden_to_protect"] == count_text(None, protected=True)
        assert words["hidden_to_protect_note"] == protected_note()


def test_a_label_running_the_other_way_than_the_page_keeps_its_own_direction() -> None:
    rows = [ChartRow("Fredag?", 50.0, "5"), ChartRow("الجمعة", 50.0, "5")]
    with translation.override("ar"):
        chart = bar_chart(rows, title="t")

    swedish, arabic = re.findall(r"<th [^>]*>", chart)
    assert 'dir="ltr"' in swedish
    assert "text-align: end" in swedish
    assert "dir=" not in arabic
