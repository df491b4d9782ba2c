"""Figures: every plot draws on the axes it is given, labels them, and shows the data."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Callable

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex

import qantar
from qantar import plots

CORPUS = qantar.load_corpus()
_ARGS = {"quantity": "troops_russia", "theme": "russia_role", "themes": ["china", "turkey", "west"]}


def _plot_functions() -> dict[str, Callable]:
    """Every public function of qantar.plots that draws (it takes ``ax``)."""
    return {
        name: func
        for name, func in vars(plots).items()
        if inspect.isfunction(func)
        and func.__module__ == plots.__name__
        and not name.startswith("_")
        and "ax" in inspect.signature(func).parameters
    }


PLOTS = _plot_functions()
MULTI = sorted(qantar.quantities(CORPUS).query("reports > 1").index)


def _call(func: Callable, corpus: qantar.Corpus, **kwargs: object) -> Axes:
    params = list(inspect.signature(func).parameters.values())[1:]
    args = [_ARGS[p.name] for p in params if p.default is inspect.Parameter.empty]
    return func(corpus, *args, **kwargs)


def test_every_plot_is_exported() -> None:
    constants = {"OKABE_ITO", "FIGURE_WIDTH", "MIN_FONT_PT", "PHONE_WIDTH_PX"}
    assert set(PLOTS) | {"source_colors"} | constants == set(plots.__all__)


def test_figure_text_is_9_css_px_tall_on_a_390_px_phone() -> None:
    # A figure shown PHONE_WIDTH_PX wide shows a text of s points at
    # s / 72 * PHONE_WIDTH_PX / width CSS px, whatever the image's dpi; Jupyter saves the figure
    # with bbox_inches="tight", which adds 0.1 in of padding on each side.
    assert plots.MIN_FONT_PT / 72 * plots.PHONE_WIDTH_PX / (plots.FIGURE_WIDTH + 0.2) >= 9


@pytest.mark.parametrize("func", PLOTS.values(), ids=PLOTS.keys())
def test_figure_is_drawn_for_a_phone(corpus: qantar.Corpus, func: Callable) -> None:
    """Every new figure is FIGURE_WIDTH wide, no text is smaller than MIN_FONT_PT, none is cut."""
    from matplotlib.text import Text

    ax = _call(func, corpus)
    figure = ax.figure
    figure.canvas.draw()
    assert figure.get_figwidth() == pytest.approx(plots.FIGURE_WIDTH)
    renderer = figure.canvas.get_renderer()
    frame = figure.bbox
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    # Tick labels outside the axis limits are kept but not drawn; constrained layout places the
    # drawn ones, so only their size is checked.
    ticks = {
        id(label)
        for axes in figure.axes
        for axis in (axes.xaxis, axes.yaxis)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        for label in (tick.label1, tick.label2)
    }
    for text in texts:
        assert text.get_fontsize() >= plots.MIN_FONT_PT, (text.get_text(), text.get_fontsize())
        if id(text) in ticks:
            continue
        box = text.get_window_extent(renderer)
        inside = (
            box.x0 >= frame.x0 - 1
            and box.x1 <= frame.x1 + 1
            and box.y0 >= frame.y0 - 1
            and box.y1 <= frame.y1 + 1
        )
        assert inside, f"{text.get_text()!r} is cut at the figure's edge"


@pytest.mark.parametrize("func", PLOTS.values(), ids=PLOTS.keys())
def test_plot_returns_labelled_axes(corpus: qantar.Corpus, func: Callable) -> None:
    ax = _call(func, corpus)
    assert isinstance(ax, Axes)
    assert ax.get_title().strip()
    assert ax.get_xlabel().strip()
    assert ax.get_ylabel().strip()
    assert ax.has_data() or ax.images


@pytest.mark.parametrize("func", PLOTS.values(), ids=PLOTS.keys())
def test_plot_draws_on_the_axes_it_is_given(corpus: qantar.Corpus, func: Callable) -> None:
    _fig, (left, right) = plt.subplots(1, 2)
    figures_before = plt.get_fignums()
    ax = _call(func, corpus, ax=right)
    assert ax is right
    assert not left.has_data()
    assert plt.get_fignums() == figures_before


@pytest.mark.parametrize("func", PLOTS.values(), ids=PLOTS.keys())
def test_plot_leaves_global_settings_alone(corpus: qantar.Corpus, func: Callable) -> None:
    before = dict(mpl.rcParams)
    backend = mpl.get_backend()
    _call(func, corpus)
    assert dict(mpl.rcParams) == before
    assert mpl.get_backend() == backend


def test_importing_plots_changes_no_setting() -> None:
    code = (
        "import matplotlib as mpl; before = dict(mpl.rcParams);"
        "import qantar.plots; assert dict(mpl.rcParams) == before; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("quantity", MULTI, ids=MULTI)
def test_compare_reports_draws_one_bar_per_report(corpus: qantar.Corpus, quantity: str) -> None:
    reports = qantar.compare_reports(corpus, quantity)
    ax = plots.compare_reports(corpus, quantity)
    bars = ax.patches
    assert len(bars) == len(reports)
    assert [b.get_width() for b in bars] == pytest.approx(reports.value.tolist())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"{r.source} ({r.figure_id})" for r in reports.itertuples()]
    assert ax.get_title().startswith(quantity)
    assert str(reports.unit.iloc[0]) in ax.get_xlabel()


def test_compare_reports_colours_bars_by_source(corpus: qantar.Corpus) -> None:
    colors = plots.source_colors(corpus)
    reports = qantar.compare_reports(corpus, "troops_armenia")
    ax = plots.compare_reports(corpus, "troops_armenia")
    assert [to_hex(b.get_facecolor()) for b in ax.patches] == [
        colors[s].lower() for s in reports.source
    ]


def test_source_colors_are_distinct_okabe_ito(corpus: qantar.Corpus) -> None:
    colors = plots.source_colors(corpus)
    assert list(colors) == list(corpus.sources.short_name)
    assert len(set(colors.values())) == len(colors)
    assert set(colors.values()) <= set(plots.OKABE_ITO)


def test_troops_by_country_one_bar_per_source_and_country(corpus: qantar.Corpus) -> None:
    ax = plots.troops_by_country(corpus)
    figures = corpus.figures[corpus.figures.quantity.str.match(r"troops_(?!total)")]
    sources = figures.source_id.nunique()
    assert len(ax.patches) == 5 * sources
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        n
        for s, n in zip(corpus.sources.source_id, corpus.sources.short_name, strict=True)
        if s in set(figures.source_id)
    ]
    heights = {round(b.get_height()) for b in ax.patches if b.get_height() > 0}
    assert heights == {round(v) for v in figures.value}


def test_theme_coverage_shows_the_coverage_table(corpus: qantar.Corpus) -> None:
    ax = plots.theme_coverage(corpus)
    (image,) = ax.images
    np.testing.assert_array_equal(image.get_array(), qantar.coverage(corpus).to_numpy())
    assert len(ax.texts) == qantar.coverage(corpus).size


def test_claim_types_bars_add_up_to_one_per_source(corpus: qantar.Corpus) -> None:
    ax = plots.claim_types(corpus)
    totals: dict[float, float] = {}
    for bar in ax.patches:
        totals[round(bar.get_y(), 6)] = totals.get(round(bar.get_y(), 6), 0) + bar.get_width()
    assert len(totals) == len(corpus.sources)
    assert list(totals.values()) == pytest.approx([1.0] * len(corpus.sources))


def test_hedge_profile_leaves_out_unhedged_claims(corpus: qantar.Corpus) -> None:
    ax = plots.hedge_profile(corpus)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "none" not in labels
    shares = qantar.hedge_profile(corpus).drop(columns="none")
    assert sum(b.get_width() for b in ax.patches) == pytest.approx(shares.to_numpy().sum())


def test_timeline_plots_every_event_in_range(corpus: qantar.Corpus) -> None:
    ax = plots.timeline(corpus, "2022-01-02", "2022-01-19")
    points = sum(len(c.get_offsets()) for c in ax.collections)
    assert points == len(qantar.timeline(corpus, "2022-01-02", "2022-01-19"))
    assert "02 Jan 2022 to 19 Jan 2022" in ax.get_title()


def test_precedents_labels_every_precedent(corpus: qantar.Corpus) -> None:
    ax = plots.precedents(corpus)
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == sorted(corpus.precedents.precedent_id)
    # no label overlaps another (p03 and p06, a year apart on Armenia's line, once did)
    ax.figure.canvas.draw()
    boxes = {t.get_text(): t.get_window_extent() for t in ax.texts}
    for first, a in boxes.items():
        for second, b in boxes.items():
            if first < second:
                assert not a.overlaps(b), f"labels {first} and {second} overlap"


def test_themes_by_source_draws_one_bar_per_theme_and_source(corpus: qantar.Corpus) -> None:
    themes = ["china", "turkey", "west"]
    ax = plots.themes_by_source(corpus, themes)
    assert len(ax.patches) == len(themes) * len(corpus.sources)
    with pytest.raises(ValueError, match="Valid themes"):
        plots.themes_by_source(corpus, ["chinaa"])


def test_claim_types_for_counts_every_claim_of_the_theme(corpus: qantar.Corpus) -> None:
    ax = plots.claim_types_for(corpus, "russia_role")
    total = sum(p.get_width() for p in ax.patches)
    assert total == len(qantar.claims_for(corpus, theme="russia_role"))


def test_report_spread_draws_one_dot_per_report(corpus: qantar.Corpus) -> None:
    spread = qantar.report_spread(corpus).dropna(subset=["ratio"])
    ax = plots.report_spread(corpus)
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == sum(len(qantar.compare_reports(corpus, q)) for q in spread.index)
    assert ax.get_yticklabels()[0].get_text().startswith(spread.index[0])


def test_outcomes_by_source_counts_every_judged_prediction(corpus: qantar.Corpus) -> None:
    counts = qantar.outcome_counts(corpus, by="source")
    ax = plots.outcomes_by_source(corpus)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(counts.index)
    ends: dict[float, float] = {}
    for bar in ax.patches:
        key = round(bar.get_y(), 6)
        ends[key] = ends.get(key, 0) + bar.get_width()
    assert list(ends.values()) == pytest.approx(counts.sum(axis=1).tolist())
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [c.replace("_", " ") for c in counts.columns]


def test_outcomes_by_hedge_shows_shares_and_group_sizes(corpus: qantar.Corpus) -> None:
    counts = qantar.outcome_counts(corpus, by="hedge_group")
    ax = plots.outcomes_by_hedge(corpus)
    ends: dict[float, float] = {}
    for bar in ax.patches:
        key = round(bar.get_y(), 6)
        ends[key] = ends.get(key, 0) + bar.get_width()
    assert list(ends.values()) == pytest.approx([1.0] * len(counts))
    labels = [t.get_text().split("\n")[0] for t in ax.get_yticklabels()]
    assert labels == list(counts.index)
    assert [t.get_text() for t in ax.texts] == [f" n={n}" for n in counts.sum(axis=1)]
