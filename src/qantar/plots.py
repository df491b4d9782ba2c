"""Figures for the course, drawn with matplotlib.

Every function takes the corpus, draws on ``ax`` (a new figure when ``ax`` is
None) and returns the axes.  Colours come from the Okabe-Ito palette, which
stays distinguishable for the common forms of colour blindness; nothing here
changes matplotlib's backend or global settings.

Figures are drawn for a phone as much as for a desktop: each new figure is
:data:`FIGURE_WIDTH` inches wide and no text in it is smaller than
:data:`MIN_FONT_PT` points, so that when a page shows the figure
:data:`PHONE_WIDTH_PX` CSS pixels wide (a 390 px phone screen less the page
margins) its smallest text is ``MIN_FONT_PT / 72 * PHONE_WIDTH_PX /
(FIGURE_WIDTH + 0.2)`` = 9.2 CSS pixels tall, whatever the resolution of the
image (Jupyter saves a figure with 0.1 inch of padding on each side).
Legends sit below the plot and long titles wrap, so that the plot keeps the
whole width.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, cast

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import _queries as q

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend

    from ._corpus import Corpus

__all__ = (
    "FIGURE_WIDTH",
    "MIN_FONT_PT",
    "OKABE_ITO",
    "PHONE_WIDTH_PX",
    "claim_types",
    "claim_types_for",
    "compare_reports",
    "hedge_profile",
    "outcomes_by_hedge",
    "outcomes_by_source",
    "precedents",
    "report_spread",
    "source_colors",
    "theme_coverage",
    "themes_by_source",
    "timeline",
    "troops_by_country",
)

OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#000000",
)
_HATCHES = ("", "//", "..", "xx", "\\\\", "oo", "++", "--")


FIGURE_WIDTH = 5.2
"""Width of every new figure, in inches."""
MIN_FONT_PT = 10.0
"""Smallest font size used in any figure, in points."""
PHONE_WIDTH_PX = 358
"""Width, in CSS pixels, at which a 390 px wide phone shows a figure."""
_TITLE_CHARS = 42


def _axes(ax: Axes | None, height: float) -> Axes:
    """Return *ax*, or the axes of a new figure :data:`FIGURE_WIDTH` wide and *height* tall."""
    if ax is None:
        _, ax = plt.subplots(figsize=(FIGURE_WIDTH, height), layout="constrained")
    ax.tick_params(labelsize=MIN_FONT_PT)
    return ax


def _title(ax: Axes, *lines: str) -> None:
    """Set the title of *ax*, each of *lines* wrapped to fit the figure's width."""
    ax.set_title("\n".join(textwrap.fill(line, _TITLE_CHARS) for line in lines))


def _legend_below(ax: Axes, title: str, columns: int = 2, **kwargs: Any) -> Legend:
    """Put the legend of *ax* below its x axis label, in *columns* columns."""
    from matplotlib.transforms import ScaledTranslation

    drop = ScaledTranslation(0, -3.8 * MIN_FONT_PT / 72, ax.figure.dpi_scale_trans)
    below = ax.transAxes + drop
    return ax.legend(
        title=title,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncols=columns,
        fontsize=MIN_FONT_PT,
        title_fontsize=MIN_FONT_PT,
        **kwargs,
    )


def source_colors(corpus: Corpus) -> dict[str, str]:
    """A fixed colour for each source short name, the same in every figure.

    Examples
    --------
    >>> import qantar
    >>> source_colors(qantar.load_corpus())["OSW"]
    '#56B4E9'
    """
    q._check_corpus(corpus, "source_colors")
    names = list(corpus.sources.short_name)
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def compare_reports(corpus: Corpus, quantity: str, ax: Axes | None = None) -> Axes:
    """Bar chart of every source's report of one quantity, with its qualifier.

    Examples
    --------
    >>> import qantar
    >>> ax = compare_reports(qantar.load_corpus(), "troops_russia")
    >>> ax.get_title().startswith("troops_russia")
    True
    """
    reports = q.compare_reports(corpus, quantity)
    ax = _axes(ax, 0.6 * len(reports) + 2.0)
    colors = source_colors(corpus)
    labels = [f"{r.source} ({r.figure_id})" for r in reports.itertuples()]
    y = np.arange(len(reports))
    ax.barh(y, reports.value, color=[colors[s] for s in reports.source], edgecolor="black")
    for yi, r in zip(y, reports.itertuples(), strict=True):
        qualifier = "" if r.qualifier == "exact" else f"{str(r.qualifier).replace('_', ' ')} "
        ax.annotate(
            f" {qualifier}{q.format_value(cast('float', r.value), r.unit)} ({r.attributed_to})",
            (r.value, yi),
            va="center",
            fontsize=MIN_FONT_PT,
        )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    unit = str(reports.unit.iloc[0])
    ax.set_xlabel(f"reported value ({unit})")
    ax.set_ylabel("source (figure id)")
    _title(ax, f"{quantity}: every source's report")
    ax.set_xlim(0, reports.value.max() * 2.2)
    return ax


def troops_by_country(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Grouped bars: CSTO troops per contributing country, as each source reports.

    Examples
    --------
    >>> import qantar
    >>> ax = troops_by_country(qantar.load_corpus())
    >>> ax.get_ylabel()
    'troops reported'
    """
    q._check_corpus(corpus, "troops_by_country")
    figures = corpus.figures
    countries = ["russia", "belarus", "tajikistan", "kyrgyzstan", "armenia"]
    wanted = [f"troops_{c}" for c in countries]
    rows = figures[figures.quantity.isin(wanted)]
    table = rows.pivot_table(
        index="quantity", columns="source_id", values="value", aggfunc="first", observed=True
    ).reindex(wanted)
    sources = [s for s in corpus.sources.source_id if s in table.columns]
    names = dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))
    colors = source_colors(corpus)
    ax = _axes(ax, 5.2)
    width = 0.8 / max(len(sources), 1)
    x = np.arange(len(countries))
    for i, source in enumerate(sources):
        values = table[source].to_numpy(dtype=float)
        ax.bar(
            x + i * width - 0.4 + width / 2,
            np.nan_to_num(values),
            width,
            label=names[source],
            color=colors[names[source]],
            hatch=_HATCHES[i % len(_HATCHES)],
            edgecolor="black",
        )
    ax.set_xticks(x, [c.capitalize() for c in countries])
    ax.set_yscale("log")
    ax.set_xlabel("contributing country")
    ax.set_ylabel("troops reported")
    _title(ax, "CSTO contingent by country, as each source reports it", "(log scale)")
    _legend_below(ax, "source")
    return ax


def theme_coverage(
    corpus: Corpus, ax: Axes | None = None, include_other_themes: bool = False
) -> Axes:
    """Heat map of claims per theme and source, each cell labelled with its count.

    Examples
    --------
    >>> import qantar
    >>> ax = theme_coverage(qantar.load_corpus())
    >>> ax.get_xlabel()
    'source'
    """
    table = q.coverage(corpus, include_other_themes=include_other_themes)
    ax = _axes(ax, 6.2)
    image = ax.imshow(table.to_numpy(), cmap="cividis", aspect="auto")
    ax.set_xticks(range(len(table.columns)), table.columns)
    ax.set_yticks(range(len(table.index)), [t.replace("_", " ") for t in table.index])
    limit = table.to_numpy().max() / 2
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        ax.text(
            j,
            i,
            str(value),
            ha="center",
            va="center",
            color="black" if value > limit else "white",
            fontsize=MIN_FONT_PT,
        )
    ax.set_xlabel("source")
    ax.set_ylabel("theme")
    _title(ax, "Which source says how much about what:", "claims per theme")
    ax.figure.colorbar(image, ax=ax, label="number of claims")
    return ax


def _stacked_by_source(corpus: Corpus, table: pd.DataFrame, ax: Axes) -> np.ndarray:
    """Draw one horizontal stacked bar per source (rows of *table*, by source_id); return totals."""
    names = dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))
    left = np.zeros(len(table))
    for i, kind in enumerate(table.columns):
        ax.barh(
            [names[s] for s in table.index],
            table[kind],
            left=left,
            label=str(kind),
            color=OKABE_ITO[i % len(OKABE_ITO)],
            hatch=_HATCHES[i % len(_HATCHES)],
            edgecolor="black",
        )
        left += table[kind].to_numpy()
    return left


def claim_types(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Stacked bars: share of facts, interpretations, predictions and recommendations per source.

    Examples
    --------
    >>> import qantar
    >>> ax = claim_types(qantar.load_corpus())
    >>> bool(ax.get_xlim()[1] >= 1)
    True
    """
    q._check_corpus(corpus, "claim_types")
    claims = corpus.claims
    table = pd.crosstab(claims.source_id, claims.claim_type, normalize="index", dropna=False)
    table = table.reindex(index=corpus.sources.source_id, fill_value=0)
    ax = _axes(ax, 4.8)
    _stacked_by_source(corpus, table, ax)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the source's claims")
    ax.set_ylabel("source")
    _title(ax, "What kind of statements each source makes")
    _legend_below(ax, "claim type")
    return ax


def hedge_profile(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Stacked bars: how each source qualifies its claims (hedges and boosters).

    Claims without any hedge are left out so the qualified ones can be compared.

    Examples
    --------
    >>> import qantar
    >>> ax = hedge_profile(qantar.load_corpus())
    >>> ax.get_ylabel()
    'source'
    """
    table = q.hedge_profile(corpus).drop(columns="none")
    table = table.loc[:, table.sum() > 0]
    ax = _axes(ax, 4.8)
    left = np.zeros(len(table))
    for i, hedge in enumerate(table.columns):
        ax.barh(
            table.index,
            table[hedge],
            left=left,
            label=str(hedge).replace("_", " "),
            color=OKABE_ITO[i % len(OKABE_ITO)],
            hatch=_HATCHES[(i // len(OKABE_ITO)) % len(_HATCHES)] or None,
            edgecolor="black",
        )
        left += table[hedge].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("share of the source's claims that carry this marker")
    ax.set_ylabel("source")
    _title(ax, "Hedging and boosting:", "how sources qualify what they assert")
    _legend_below(ax, "marker")
    return ax


def timeline(
    corpus: Corpus,
    start: str | None = "2022-01-01",
    end: str | None = "2022-01-31",
    ax: Axes | None = None,
) -> Axes:
    """Dot timeline of events between two dates, one row per event type.

    Marker size shows how many sources mention the event.

    Examples
    --------
    >>> import qantar
    >>> ax = timeline(qantar.load_corpus())
    >>> ax.get_xlabel()
    'date'
    """
    events = q.timeline(corpus, start, end)
    types = list(corpus.events.event_type.cat.categories)
    ax = _axes(ax, 4.4)
    for i, kind in enumerate(types):
        rows = events[events.event_type == kind]
        if rows.empty:
            continue
        ax.scatter(
            rows.date,
            [i] * len(rows),
            s=40 + 50 * rows.source_ids.map(len),
            color=OKABE_ITO[i % len(OKABE_ITO)],
            edgecolor="black",
            alpha=0.85,
            label=kind,
        )
    ax.set_yticks(range(len(types)), types)
    ax.set_ylim(-0.7, len(types) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("date")
    ax.set_ylabel("event type")
    span = f"{events.date.min():%d %b %Y} to {events.date.max():%d %b %Y}" if len(events) else ""
    _title(ax, "Timeline of events,", f"{span} (larger dot = more sources)")
    ax.figure.autofmt_xdate()
    return ax


def themes_by_source(corpus: Corpus, themes: list[str], ax: Axes | None = None) -> Axes:
    """Grouped bars: claims per source on each of several themes (main or secondary theme).

    Examples
    --------
    >>> import qantar
    >>> ax = themes_by_source(qantar.load_corpus(), ["china", "turkey", "west"])
    >>> ax.get_ylabel()
    'number of claims'
    """
    table = q.coverage(corpus, include_other_themes=True)
    for theme in themes:
        q._check_choice(theme, list(table.index), "theme")
    table = table.loc[themes]
    colors = source_colors(corpus)
    ax = _axes(ax, 5.0)
    width = 0.8 / len(table.columns)
    x = np.arange(len(themes))
    for i, source in enumerate(table.columns):
        bars = ax.bar(
            x + i * width - 0.4 + width / 2,
            table[source],
            width,
            label=source,
            color=colors[source],
            hatch=_HATCHES[i % len(_HATCHES)],
            edgecolor="black",
        )
        ax.bar_label(bars, fontsize=MIN_FONT_PT, padding=1)
    ax.set_xticks(x, [t.replace("_", " ") for t in themes])
    ax.set_xlabel("theme")
    ax.set_ylabel("number of claims")
    _title(ax, "Claims on each theme, by source", "(main or secondary theme)")
    _legend_below(ax, "source")
    return ax


def claim_types_for(corpus: Corpus, theme: str, ax: Axes | None = None) -> Axes:
    """Stacked bars: how many of each source's claims on one theme are facts, interpretations, ...

    Counts claims whose main or secondary theme is *theme*.

    Examples
    --------
    >>> import qantar
    >>> ax = claim_types_for(qantar.load_corpus(), "russia_role")
    >>> ax.get_xlabel()
    'number of claims'
    """
    claims = q.claims_for(corpus, theme=theme)
    table = pd.crosstab(claims.source_id, claims.claim_type, dropna=False)
    table = table.reindex(
        index=corpus.sources.source_id,
        columns=corpus.claims.claim_type.cat.categories,
        fill_value=0,
    )
    ax = _axes(ax, 4.8)
    left = _stacked_by_source(corpus, table, ax)
    for y, total in enumerate(left):
        ax.annotate(f" {total:.0f}", (total, y), va="center", fontsize=MIN_FONT_PT)
    ax.invert_yaxis()
    ax.set_xlim(0, left.max() * 1.12 if left.max() else 1)
    ax.set_xlabel("number of claims")
    ax.set_ylabel("source")
    _title(
        ax,
        f"Claims on {theme.replace('_', ' ')}:",
        "what kind of statement each source makes",
    )
    _legend_below(ax, "claim type")
    return ax


_RESPONSE_MARKERS = {"deployed": "o", "declined": "X", "ignored": "s", "no_action": "D"}


def precedents(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Dot chart of the crises where CSTO help was sought or expected, and what the CSTO did.

    One dot per precedent, by year and member state in crisis; marker shape and
    colour show the CSTO's response, a filled marker a formal request (hollow:
    help only expected), marker size the number of sources that mention it.
    Each dot is labelled with its ``precedent_id``.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> ax = precedents(corpus)
    >>> len(ax.texts) == len(corpus.precedents)
    True
    """
    q._check_corpus(corpus, "precedents")
    table = corpus.precedents.sort_values(["year", "precedent_id"])
    states = list(dict.fromkeys(table.state))
    names = corpus.actors.set_index("actor_id").name
    responses = list(corpus.precedents.csto_response.cat.categories)
    palette = [OKABE_ITO[i] for i in (3, 4, 5, 7, 0, 1, 2)]
    colors = dict(zip(responses, palette, strict=False))
    ax = _axes(ax, 0.9 * len(states) + 4.0)
    seen: dict[tuple[int, str], int] = {}
    placed: list[tuple[float, float]] = []
    for row in table.itertuples():
        key = (int(cast("int", row.year)), str(row.state))
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        placed.append((float(key[0]), states.index(row.state) - 0.3 * repeat))
    for row, (year, y) in zip(table.itertuples(), placed, strict=True):
        repeat = int(y != states.index(row.state))
        color = colors[str(row.csto_response)]
        ax.scatter(
            year,
            y,
            s=70 + 45 * len(cast("list[str]", row.source_ids)),
            marker=_RESPONSE_MARKERS.get(str(row.csto_response), "o"),
            facecolor=color if row.request == "requested" else "white",
            edgecolor=color,
            linewidth=2,
            zorder=3,
        )
        # a dot a year or two away on the same line: label beside the dot, away from it,
        # so that neighbouring labels (p03 in 2020, p06 in 2021) do not overlap
        near = [x for x, other_y in placed if other_y == y and 0 < abs(x - year) <= 2]
        if near:
            right = all(x < year for x in near)
            offset, align = ((14, 0), "left") if right else ((-14, 0), "right")
        else:
            offset, align = (0, -16 if repeat else 13), "center"
        ax.annotate(
            str(row.precedent_id),
            (year, y),
            xytext=offset,
            textcoords="offset points",
            ha=align,
            va="center",
            fontsize=MIN_FONT_PT,
            annotation_clip=False,
        )
    for response in responses:
        ax.scatter(
            [],
            [],
            marker=_RESPONSE_MARKERS.get(response, "o"),
            color=colors[response],
            label=response.replace("_", " "),
        )
    ax.scatter(
        [], [], marker="o", facecolor="white", edgecolor="black", label="hollow: help expected"
    )
    ax.scatter([], [], marker="o", color="black", label="filled: help requested")
    ax.set_yticks(range(len(states)), [str(names.get(s, s)) for s in states])
    ax.set_ylim(-0.6, len(states) - 0.4)
    years = table.year.astype(int)
    ax.set_xticks(range(years.min(), years.max() + 1, 4))
    ax.set_xlim(years.min() - 1, years.max() + 2)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("year of the crisis")
    ax.set_ylabel("member state in crisis")
    _title(
        ax,
        "When members sought CSTO help, and what the CSTO did",
        "(larger = more sources)",
    )
    _legend_below(ax, "CSTO response")
    return ax


_MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")


def report_spread(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Dot plot: every source's report of each disputed quantity, as a multiple of the lowest.

    One row per quantity that sources report with different values (counts
    and shares only: see :func:`qantar.report_spread`), widest spread on top;
    each dot is one source's report, with its own colour and marker.

    Examples
    --------
    >>> import qantar
    >>> ax = report_spread(qantar.load_corpus())
    >>> ax.get_xlabel()
    'report as a multiple of the lowest report (1 = lowest)'
    """
    spread = q.report_spread(corpus).dropna(subset=["ratio"])
    names = list(corpus.sources.short_name)
    colors = source_colors(corpus)
    ax = _axes(ax, 0.7 * len(spread) + 3.4)
    offsets = np.linspace(-0.2, 0.2, len(names))
    shown: set[str] = set()
    for y, (quantity, row) in enumerate(spread.iterrows()):
        reports = q.compare_reports(corpus, str(quantity))
        for r in reports.itertuples():
            source, value = str(r.source), cast("float", r.value)
            i = names.index(source)
            ax.scatter(
                value / row.lowest,
                y + offsets[i],
                s=70,
                color=colors[source],
                marker=_MARKERS[i % len(_MARKERS)],
                edgecolor="black",
                label=None if source in shown else source,
                zorder=3,
            )
            qualifier = "" if r.qualifier == "exact" else f"{str(r.qualifier).replace('_', ' ')} "
            ax.annotate(
                f"{qualifier}{q.format_value(value, r.unit)}",
                (value / row.lowest, y + offsets[i]),
                xytext=(7, 0),
                textcoords="offset points",
                va="center",
                fontsize=MIN_FONT_PT,
            )
            shown.add(source)
    ax.axvline(1, color="grey", linewidth=1, linestyle="--", zorder=1)
    ax.set_xlim(0.9, spread.ratio.max() * 1.15)
    labels = [f"{quantity} ({row.unit})" for quantity, row in spread.iterrows()]
    ax.set_yticks(range(len(spread)), labels)
    ax.set_ylim(len(spread) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("report as a multiple of the lowest report (1 = lowest)")
    ax.set_ylabel("quantity (unit)")
    _title(ax, "How far apart the sources' numbers are")
    handles, texts = ax.get_legend_handles_labels()
    order = sorted(range(len(texts)), key=lambda k: names.index(texts[k]))
    _legend_below(
        ax, "source", handles=[handles[k] for k in order], labels=[texts[k] for k in order]
    )
    return ax


#: A fixed colour and hatch for each outcome code (Okabe-Ito), the same in every figure.
_OUTCOME_STYLES = {
    "came_true": ("#009E73", ""),
    "partly": ("#F0E442", "//"),
    "did_not_happen": ("#D55E00", "xx"),
    "not_yet_decidable": ("#56B4E9", ".."),
    "not_checkable": ("#FFFFFF", "\\\\"),
}


def _stacked_outcomes(table: pd.DataFrame, ax: Axes, labels: list[str], shares: bool) -> None:
    """One horizontal bar per row of *table* (counts by outcome), its total written after it.

    With *shares*, each bar shows the shares of its row's predictions (it ends at 1) and is
    labelled with the number of predictions it stands for.
    """
    totals = table.sum(axis=1).to_numpy(dtype=float)
    drawn = table.div(np.where(totals > 0, totals, 1), axis=0) if shares else table
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for i, outcome in enumerate(table.columns):
        color, hatch = _OUTCOME_STYLES.get(
            str(outcome), (OKABE_ITO[i % len(OKABE_ITO)], _HATCHES[i % len(_HATCHES)])
        )
        ax.barh(
            y,
            drawn[outcome],
            left=left,
            label=str(outcome).replace("_", " "),
            color=color,
            hatch=hatch or None,
            edgecolor="black",
        )
        left += drawn[outcome].to_numpy(dtype=float)
    for yi, end, total in zip(y, left, totals, strict=True):
        ax.annotate(
            f" n={total:.0f}" if shares else f" {total:.0f}",
            (end, yi),
            va="center",
            fontsize=MIN_FONT_PT,
        )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    widest = left.max() if len(left) and left.max() else 1.0
    ax.set_xlim(0, widest * (1.2 if shares else 1.12))
    if shares:
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_xlabel("share of the group's predictions" if shares else "number of predictions")


def outcomes_by_source(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Stacked bars: what became of each source's predictions, judged from later evidence.

    One bar per source with predictions, split by outcome code (came true,
    partly, did not happen, not yet decidable, not checkable), its total at
    its end.  The outcomes rest on the ``context`` table, outside the five
    sources.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> ax = outcomes_by_source(corpus)
    >>> round(sum(p.get_width() for p in ax.patches)) == int(qantar.outcome_counts(corpus).sum().sum())
    True
    """
    table = q.outcome_counts(corpus, by="source")
    ax = _axes(ax, 0.5 * len(table) + 3.6)
    _stacked_outcomes(table, ax, [str(s) for s in table.index], shares=False)
    ax.set_ylabel("source")
    _title(ax, "What became of each source's predictions", "(judged from later public reports)")
    _legend_below(ax, "outcome")
    return ax


def outcomes_by_hedge(corpus: Corpus, ax: Axes | None = None) -> Axes:
    """Stacked bars: outcomes of flat, hedged and boosted predictions.

    Predictions are grouped by how the source worded them
    (:data:`qantar.HEDGE_GROUPS`: no hedge, a weakening word such as "may",
    words passed on from others, or a booster such as "certainly"); each bar
    shows the shares of the group's predictions by outcome code and ends with the
    number of predictions in the group, since the groups differ in size.

    Examples
    --------
    >>> import qantar
    >>> ax = outcomes_by_hedge(qantar.load_corpus())
    >>> ax.get_ylabel()
    'how the source worded it'
    """
    table = q.outcome_counts(corpus, by="hedge_group")
    predicted = q.predictions(corpus)
    labels = []
    for group in table.index:
        words = sorted(set(predicted.hedge[predicted.hedge_group == group]))
        shown = ", ".join(w.replace("_", " ") for w in words if w != "none")
        labels.append(f"{group}\n" + textwrap.fill(f"({shown or 'no hedge'})", 12))
    ax = _axes(ax, 0.9 * len(table) + 3.4)
    _stacked_outcomes(table, ax, labels, shares=True)
    ax.set_ylabel("how the source worded it")
    _title(ax, "Do hedged predictions fare differently?", "Outcomes by the prediction's wording")
    _legend_below(ax, "outcome")
    return ax
