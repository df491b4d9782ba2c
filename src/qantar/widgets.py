"""Interactive explorers for the notebooks, built with ipywidgets.

Each explorer is a thin layer: its callback calls a pure function of this
module that returns HTML (escaped), so tests can call the same function
without a kernel.

One definition feeds two views.  An explorer is an :class:`Explorer`, an
ipywidgets box whose rich output carries both the widget (what JupyterLab
shows, with a live kernel) and a self-contained HTML fallback: the data of
every choice embedded as JSON (escaped so that no text of the corpus can
close the script), and a small script that draws the same controls and
redraws a table from that data with no kernel and no server.  The course
website shows the fallback (``nb_mime_priority_overrides`` in
``course/_config.yml``); the script builds the page with ``textContent``,
never with markup taken from the data.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

import ipywidgets as w

from . import _queries as q

if TYPE_CHECKING:
    import pandas as pd

    from ._corpus import Corpus

__all__ = (
    "Explorer",
    "actor_explorer",
    "actor_html",
    "claims_explorer",
    "claims_html",
    "coding_explorer",
    "coding_html",
    "coding_table",
    "events_html",
    "predictions_explorer",
    "predictions_html",
    "reports_explorer",
    "reports_html",
    "timeline_explorer",
)

_ALL = "(all sources)"

#: A view of the fallback: a title, then blocks (a heading, then a table, a list or a paragraph).
View = dict[str, Any]


def _block(
    heading: str | None = None,
    headers: list[str] | None = None,
    rows: list[list[object]] | None = None,
    items: list[str] | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    block: dict[str, Any] = {"heading": heading}
    if headers is not None:
        block["headers"] = headers
        block["rows"] = [[str(c) for c in row] for row in rows or []]
    if items is not None:
        block["items"] = items
    if text is not None:
        block["text"] = text
    return block


def embed_json(data: object) -> str:
    r"""JSON that is safe inside an HTML ``<script>`` element, whatever the text it holds.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so that no string of the
    corpus can close the script (``</script>``) or open a comment.

    Examples
    --------
    >>> embed_json({"summary": "</script><b>"})
    '{"summary": "\\u003c/script\\u003e\\u003cb\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ": "))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def fallback_html(spec: dict[str, Any], initial: str) -> str:
    """The kernel-free view of an explorer: *initial* (escaped HTML), then data and script.

    Without JavaScript (or in print) the reader sees *initial*, the view of the
    default choice; with it, the script replaces it with working controls.
    """
    script = resources.files("qantar").joinpath("explorer.js").read_text(encoding="utf-8")
    return (
        '<div class="qantar-explorer">'
        f'<div class="qantar-explorer-initial">{initial}</div>'
        f'<script type="application/json" class="qantar-explorer-data">{embed_json(spec)}</script>'
        f"<script>{script}</script></div>"
    )


class Explorer(w.VBox):  # type: ignore[misc]
    """An explorer: an ipywidgets box that also carries a kernel-free HTML view.

    In JupyterLab (a live kernel) the widget is shown; where no widget can run
    (the course website, a notebook viewer) the ``text/html`` view is shown instead.
    """

    def __init__(self, children: list[w.Widget], spec: dict[str, Any], initial: str) -> None:
        super().__init__(children)
        self.spec = spec
        self.initial = initial

    def fallback(self) -> str:
        """The self-contained HTML view (data embedded as JSON, with its script)."""
        return fallback_html(self.spec, self.initial)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data: dict[str, Any] = dict(super()._repr_mimebundle_(**kwargs) or {})
        data["text/html"] = self.fallback()
        return data


def _control(label: str, options: list[tuple[str, str]], value: str) -> dict[str, Any]:
    return {"label": label, "options": [[t, v] for t, v in options], "value": value}


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        f'<table class="qantar-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _reports_rows(corpus: Corpus, quantity: str) -> list[list[object]]:
    reports = q.compare_reports(corpus, quantity)
    return [
        [
            r.source,
            f"{r.published:%d %b %Y}",
            str(r.qualifier).replace("_", " "),
            q.format_value(cast("float", r.value), r.unit),
            r.unit,
            ""
            if r.as_of is None or str(r.as_of) == "NaT"
            else f"{cast('pd.Timestamp', r.as_of):%d %b %Y}",
            r.attributed_to,
            r.subject,
            f"{r.figure_id} (para {r.para})",
        ]
        for r in reports.itertuples()
    ]


_REPORT_HEADERS = [
    "source",
    "published",
    "qualifier",
    "value",
    "unit",
    "as of",
    "according to",
    "what is counted",
    "row",
]


def reports_html(corpus: Corpus, quantity: str) -> str:
    """Every source's report of *quantity* as an HTML table.

    Examples
    --------
    >>> import qantar
    >>> "<table" in reports_html(qantar.load_corpus(), "deaths_total")
    True
    """
    rows = _reports_rows(corpus, quantity)
    title = f"<h3>{html.escape(quantity)}: {len(rows)} report(s)</h3>"
    return title + _table(_REPORT_HEADERS, rows)


def reports_explorer(corpus: Corpus, quantity: str | None = None) -> Explorer:
    """Pick a quantity and see every source's report of it."""
    table = q.quantities(corpus)
    if quantity is not None:
        q._check_choice(quantity, list(table.index), "quantity")
    options = [(f"{name} ({n} reports)", str(name)) for name, n in table.reports.items()]
    # a quantity that is not None is in the index here: _check_choice raised otherwise
    first = quantity if quantity is not None else str(table.sources.idxmax())
    picker = w.Dropdown(options=options, value=first, description="Quantity:")
    out = w.HTML(reports_html(corpus, first))

    def update(change: dict[str, object]) -> None:
        out.value = reports_html(corpus, str(change["new"]))

    picker.observe(update, names="value")
    views = {}
    for _, name in options:
        rows = _reports_rows(corpus, name)
        views[name] = {
            "title": f"{name}: {len(rows)} report(s)",
            "blocks": [_block(headers=_REPORT_HEADERS, rows=rows)],
        }
    spec = {
        "kind": "select",
        "controls": [_control("Quantity", options, str(first))],
        "views": views,
    }
    return Explorer([picker, out], spec, out.value)


def claims_html(corpus: Corpus, theme: str, source: str | None = None) -> str:
    """The claims of one theme, grouped by source, as escaped HTML.

    Examples
    --------
    >>> import qantar
    >>> page = claims_html(qantar.load_corpus(), "causes", "OSW")
    >>> page.count("<li>") > 0
    True
    """
    source = None if source in (None, _ALL) else source
    claims = q.claims_for(corpus, theme=theme, source=source)
    names = dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))
    parts = [f"<h3>{html.escape(theme)}: {len(claims)} claim(s)</h3>"]
    for source_id, group in claims.groupby("source_id", observed=True, sort=False):
        parts.append(f"<h4>{html.escape(names[str(source_id)])}</h4><ul>")
        for row in group.itertuples():
            hedge = "" if row.hedge == "none" else f" · hedge: {row.hedge}"
            parts.append(
                f"<li>{html.escape(str(row.summary))} "
                f"<small>({html.escape(str(row.claim_id))}, para "
                f"{row.para}, {html.escape(str(row.claim_type))}{html.escape(hedge)})</small></li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def claims_explorer(corpus: Corpus, theme: str = "causes") -> Explorer:
    """Pick a theme (and a source) and read its claims source by source."""
    q._check_corpus(corpus, "claims_explorer")
    themes = list(corpus.claims.theme.cat.categories)
    q._check_choice(theme, themes, "theme")
    sources = [_ALL, *corpus.sources.short_name]
    theme_picker = w.Dropdown(options=themes, value=theme, description="Theme:")
    source_picker = w.Dropdown(options=sources, value=_ALL, description="Source:")
    out = w.HTML(claims_html(corpus, theme))

    def update(_: object) -> None:
        out.value = claims_html(corpus, theme_picker.value, source_picker.value)

    theme_picker.observe(update, names="value")
    source_picker.observe(update, names="value")
    names = dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))
    views: dict[str, View] = {}
    for one in themes:
        for source in sources:
            picked = q.claims_for(corpus, theme=one, source=None if source == _ALL else source)
            blocks = []
            for source_id, group in picked.groupby("source_id", observed=True, sort=False):
                items = []
                for row in group.itertuples():
                    hedge = "" if row.hedge == "none" else f" · hedge: {row.hedge}"
                    items.append(
                        f"{row.summary} ({row.claim_id}, para {row.para}, {row.claim_type}{hedge})"
                    )
                blocks.append(_block(heading=names[str(source_id)], items=items))
            views[f"{one}|{source}"] = {
                "title": f"{one}: {len(picked)} claim(s)",
                "blocks": blocks,
            }
    spec = {
        "kind": "select",
        "controls": [
            _control("Theme", [(t, t) for t in themes], theme),
            _control("Source", [(x, x) for x in sources], _ALL),
        ],
        "views": views,
    }
    return Explorer([w.HBox([theme_picker, source_picker]), out], spec, out.value)


def events_html(corpus: Corpus, start: str, end: str) -> str:
    """Events between two dates as an escaped HTML table.

    Examples
    --------
    >>> import qantar
    >>> "Zhanaozen" in events_html(qantar.load_corpus(), "2022-01-02", "2022-01-02")
    True
    """
    events = q.timeline(corpus, start, end)
    rows: list[list[object]] = [
        [
            f"{e.date:%d %b %Y}",
            e.event_type,
            e.place or "",
            e.summary,
            "; ".join(cast("list[str]", e.locators)),
        ]
        for e in events.itertuples()
    ]
    title = f"<h3>{len(events)} event(s) from {html.escape(start)} to {html.escape(end)}</h3>"
    return title + _table(["date", "type", "place", "what happened", "where to read"], rows)


def timeline_explorer(
    corpus: Corpus, start: str = "2022-01-02", end: str = "2022-01-19"
) -> Explorer:
    """Slide over the days of January 2022 and read what happened."""
    days = [d.strftime("%Y-%m-%d") for d in q.timeline(corpus, start, end).date.drop_duplicates()]
    if not days:
        msg = f"No events from {start} to {end}; give a start date on or before the end date"
        raise ValueError(msg)
    slider = w.SelectionRangeSlider(
        options=days, index=(0, min(3, len(days) - 1)), description="Days:", layout={"width": "95%"}
    )
    out = w.HTML(events_html(corpus, *slider.value))

    def update(change: dict[str, object]) -> None:
        first, last = cast("tuple[str, str]", change["new"])
        out.value = events_html(corpus, first, last)

    slider.observe(update, names="value")
    events = q.timeline(corpus, days[0], days[-1])
    index = {day: i for i, day in enumerate(days)}
    rows = [
        [
            index[f"{e.date:%Y-%m-%d}"],
            f"{e.date:%d %b %Y}",
            e.event_type,
            e.place or "",
            e.summary,
            "; ".join(cast("list[str]", e.locators)),
        ]
        for e in events.itertuples()
    ]
    spec = {
        "kind": "range",
        "label": "Days",
        "days": days,
        "start": 0,
        "end": min(3, len(days) - 1),
        "headers": ["date", "type", "place", "what happened", "where to read"],
        "rows": rows,
    }
    return Explorer([slider, out], spec, out.value)


def actor_html(corpus: Corpus, actor: str) -> str:
    """Every claim, event and precedent that mentions one actor, as escaped HTML.

    Examples
    --------
    >>> import qantar
    >>> "Pashinyan" in actor_html(qantar.load_corpus(), "pashinyan")
    True
    """
    actor_id = q.find_actor(corpus, actor)
    info = corpus.actors.set_index("actor_id").loc[actor_id]
    rows = q.actor_rows(corpus, actor_id)
    aliases = f" (also: {', '.join(info.aliases)})" if info.aliases else ""
    parts = [
        f"<h3>{html.escape(str(info['name']))}{html.escape(aliases)}</h3>",
        f"<p>{html.escape(str(info.role))}</p>",
        (
            f"<p>{len(rows['claims'])} claim(s), {len(rows['events'])} event(s), "
            f"{len(rows['precedents'])} precedent(s)</p>"
        ),
        _table(
            ["claim", "source", "summary"],
            [[c.claim_id, c.source_id, c.summary] for c in rows["claims"].itertuples()],
        ),
    ]
    return "".join(parts)


def actor_explorer(corpus: Corpus, actor: str = "tokayev") -> Explorer:
    """Pick an actor and see every row that mentions them."""
    q._check_corpus(corpus, "actor_explorer")
    actor = q.find_actor(corpus, actor)  # a name or alias works too
    counts = corpus.claims.actors.explode().value_counts()
    actors = corpus.actors[corpus.actors.actor_id.isin([*counts.index, actor])]
    options = sorted((str(r.name), str(r.actor_id)) for r in actors.itertuples())
    picker = w.Dropdown(options=options, value=actor, description="Actor:")
    out = w.HTML(actor_html(corpus, actor))

    def update(change: dict[str, object]) -> None:
        out.value = actor_html(corpus, str(change["new"]))

    picker.observe(update, names="value")
    views = {}
    for _, actor_id in options:
        info = corpus.actors.set_index("actor_id").loc[actor_id]
        found = q.actor_rows(corpus, actor_id)
        aliases = f" (also: {', '.join(info.aliases)})" if info.aliases else ""
        views[actor_id] = {
            "title": f"{info['name']}{aliases}",
            "blocks": [
                _block(text=str(info.role)),
                _block(
                    text=(
                        f"{len(found['claims'])} claim(s), {len(found['events'])} event(s), "
                        f"{len(found['precedents'])} precedent(s)"
                    )
                ),
                _block(
                    headers=["claim", "source", "summary"],
                    rows=[
                        [c.claim_id, c.source_id, c.summary] for c in found["claims"].itertuples()
                    ],
                ),
            ],
        }
    spec = {"kind": "select", "controls": [_control("Actor", options, actor)], "views": views}
    return Explorer([picker, out], spec, out.value)


_CODING_FIELDS = ("claim_type", "outcome")


def _corpus_codes(corpus: Corpus, ids: list[str], field: str) -> list[str]:
    q._check_choice(field, list(_CODING_FIELDS), "coding field")
    if field == "outcome":
        return q.outcome_codes(corpus, ids)
    return q.claim_codes(corpus, ids)


def coding_table(
    corpus: Corpus, claim_ids: list[str], codes: list[str], field: str = "claim_type"
) -> str:
    """Compare a student's codes with the corpus coding, as HTML.

    *field* is what was coded: ``"claim_type"`` (the codebook's claim types) or
    ``"outcome"`` (what became of a prediction, from the outcomes table).

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> ids = list(corpus.claims.claim_id[:2])
    >>> "kappa" in coding_table(corpus, ids, ["fact", "fact"])
    True
    """
    q._check_corpus(corpus, "coding_table")
    corpus_codes = _corpus_codes(corpus, list(claim_ids), field)
    summaries = corpus.claims.set_index("claim_id").summary
    rows = [
        [cid, summaries[cid], mine, theirs, "yes" if mine == theirs else "no"]
        for cid, mine, theirs in zip(claim_ids, codes, corpus_codes, strict=True)
    ]
    agreement = q.percent_agreement(codes, corpus_codes)
    kappa = q.cohen_kappa(codes, corpus_codes)
    noun = "prediction" if field == "outcome" else "claim"
    summary = f"<p>Agreement {agreement:.0%}; Cohen's kappa {kappa:.2f}</p>"
    return summary + _table([noun, "summary", "your code", "corpus code", "same?"], rows)


_NOT_CODED = "(choose a type)"
_NOT_JUDGED = "(choose an outcome)"


def coding_html(
    corpus: Corpus, claim_ids: list[str], codes: list[str | None], field: str = "claim_type"
) -> str:
    """Progress of a coding exercise, then the comparison with the corpus once all are coded.

    *codes* holds one code per claim, or None (or an empty string) for a
    claim not yet coded.  Until every claim is coded this says how many are
    left; then it shows :func:`coding_table` and the codes as a Python list
    to copy into a notebook cell.  *field* is ``"claim_type"`` or
    ``"outcome"``, as for :func:`coding_table`.

    Examples
    --------
    >>> import qantar
    >>> corpus = qantar.load_corpus()
    >>> coding_html(corpus, ["osw-003", "osw-004"], ["fact", None])
    '<p>1 of 2 claims coded: choose a type for every claim to compare with the corpus.</p>'
    >>> "kappa" in coding_html(corpus, ["osw-003", "osw-004"], ["fact", "fact"])
    True
    """
    if len(codes) != len(claim_ids):
        msg = f"need one code per claim: {len(claim_ids)} claims, {len(codes)} codes"
        raise ValueError(msg)
    done = [str(c) for c in codes if c not in (None, "", _NOT_CODED, _NOT_JUDGED)]
    if len(done) < len(claim_ids):
        noun, choose = ("prediction", "an outcome") if field == "outcome" else ("claim", "a type")
        return (
            f"<p>{len(done)} of {len(claim_ids)} {noun}s coded: choose {choose} for every "
            f"{noun} to compare with the corpus.</p>"
        )
    listing = html.escape(repr(done))
    return (
        coding_table(corpus, list(claim_ids), done, field)
        + f"<p>Your codes as a Python list, to copy into the notebook:</p><pre>{listing}</pre>"
    )


def _evidence_links(evidence: list[dict[str, Any]], with_summary: bool) -> list[list[str]]:
    """``[text, label, url]`` for each evidence row: the fact, then where it was read."""
    return [
        [
            str(e["summary"]) if with_summary else "",
            f"{e['context_id']}: {e['publisher']}, {_day(e['published'])}",
            str(e["url"]),
        ]
        for e in evidence
    ]


def _shift(claim_id: str) -> int:
    return sum((n + 1) * ord(ch) for n, ch in enumerate(claim_id))


def masked_code(claim_id: str, code: str, types: list[str]) -> int:
    """The corpus's *code* for *claim_id* as a number that does not read as the code.

    The kernel-free coding view needs the corpus's codes to compare once the
    student has coded every claim, so the page carries them; stored as plain
    words they could be read in the notebook file or the page source before
    coding.  Each is kept as its position in *types*, shifted by a number
    derived from the claim id (``explorer.js`` undoes it).  This keeps the
    codes out of sight, not secret: anyone who reads the script can decode them.

    Examples
    --------
    >>> types = ["fact", "interpretation", "prediction"]
    >>> masked_code("osw-003", "fact", types) != masked_code("osw-004", "fact", types)
    True
    >>> unmask_code("osw-003", masked_code("osw-003", "prediction", types), types)
    'prediction'
    """
    return (types.index(code) + _shift(claim_id)) % len(types) + len(types) * (_shift(claim_id) % 7)


def unmask_code(claim_id: str, masked: int, types: list[str]) -> str:
    """Undo :func:`masked_code` (what ``explorer.js`` does in the browser)."""
    return types[(masked % len(types) - _shift(claim_id)) % len(types)]


def coding_explorer(corpus: Corpus, claim_ids: list[str], field: str = "claim_type") -> Explorer:
    """Code each claim with a dropdown, then compare your coding with the corpus.

    With ``field="claim_type"`` (the default) each claim gets a claim type;
    with ``field="outcome"`` each prediction gets an outcome code, and the
    explorer shows the evidence for it (the context rows the corpus cites,
    with the pages they were read in) but not the corpus's code or
    explanation.  Once every item is coded, the table of :func:`coding_table`
    (agreement and Cohen's kappa) appears below.
    """
    claim_ids = list(claim_ids)
    _corpus_codes(corpus, claim_ids, field)  # fails early, clearly, on an unknown id or field
    summaries = corpus.claims.set_index("claim_id").summary
    evidence: dict[str, list[list[str]]] = {cid: [] for cid in claim_ids}
    if field == "outcome":
        blank = _NOT_JUDGED
        types = [blank, *q._outcome_codes(corpus)]
        found = q.predictions(corpus).set_index("claim_id").evidence
        evidence = {cid: _evidence_links(found[cid], with_summary=True) for cid in claim_ids}
    else:
        blank = _NOT_CODED
        types = [blank, *map(str, corpus.claims.claim_type.cat.categories)]
    pickers = [w.Dropdown(options=types, value=blank, layout={"width": "12em"}) for _ in claim_ids]
    rows = [
        w.HBox(
            [
                w.HTML(f"<b>{html.escape(cid)}</b>", layout={"width": "7em"}),
                picker,
                w.HTML(
                    html.escape(str(summaries[cid])) + _links_html(evidence[cid]),
                    layout={"width": "60%"},
                ),
            ]
        )
        for cid, picker in zip(claim_ids, pickers, strict=True)
    ]
    out = w.HTML(coding_html(corpus, claim_ids, [None] * len(claim_ids), field))

    def update(_: object) -> None:
        out.value = coding_html(corpus, claim_ids, [p.value for p in pickers], field)

    for picker in pickers:
        picker.observe(update, names="value")
    codes = _corpus_codes(corpus, claim_ids, field)
    spec: dict[str, Any] = {
        "kind": "coding",
        "types": types[1:],
        "none": blank,
        "claims": [
            [
                cid,
                str(summaries[cid]),
                masked_code(cid, code, types[1:]),
                *([evidence[cid]] if evidence[cid] else []),
            ]
            for cid, code in zip(claim_ids, codes, strict=True)
        ],
    }
    if field == "outcome":
        spec.update(noun="prediction", choose="an outcome")
    return Explorer([*rows, out], spec, out.value)


# Hindsight: predictions with their outcome and evidence ---------------------------------------

_EVERY_OUTCOME = "(all outcomes)"
_SAFE_URL = re.compile(r"https?://[^\s\"'<>`\\{}]+")


def _safe_url(url: object) -> str | None:
    """*url* if it is a plain http(s) address, else None (it is then shown as text)."""
    text = str(url or "")
    return text if _SAFE_URL.fullmatch(text) else None


def _day(value: object) -> str:
    if value is None or str(value) in ("NaT", "nan", "None", ""):
        return "undated"
    return f"{cast('pd.Timestamp', value):%d %b %Y}"


def _links_html(links: list[list[str]]) -> str:
    if not links:
        return ""
    items = []
    for text, label, url in links:
        safe = _safe_url(url)
        shown = (
            f'<a href="{html.escape(safe)}" rel="noopener noreferrer">{html.escape(label)}</a>'
            if safe
            else html.escape(label)
        )
        items.append(f"<li>{html.escape(text)}{' ' if text else ''}{shown}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _outcome_label(row: Any) -> str:
    outcome = (
        "no outcome coded yet"
        if row.outcome is None or row.outcome != row.outcome
        else (str(row.outcome).replace("_", " "))
    )
    judged = "" if str(row.judged_on) == "NaT" else f", judged on {row.judged_on:%d %b %Y}"
    contested = "; contested" if row.contested else ""
    return f"Outcome: {outcome}{judged}{contested}."


def _prediction_blocks(table: pd.DataFrame) -> list[dict[str, Any]]:
    blocks = []
    for row in table.itertuples():
        hedge = "" if row.hedge == "none" else f" · hedge: {row.hedge}"
        blocks.append(
            _block(
                heading=f"{row.claim_id} ({row.source}, para {row.para}{hedge})",
                text=str(row.summary),
            )
        )
        detail = _block(text=f"{_outcome_label(row)} {row.explanation}".strip())
        links = _evidence_links(cast("list[dict[str, Any]]", row.evidence), with_summary=False)
        if links:
            detail["links"] = links
        else:
            detail["links"] = []
        blocks.append(detail)
    return blocks


def _prediction_title(count: int, source: str, outcome: str) -> str:
    where = "all sources" if source == _ALL else source
    what = "any outcome" if outcome == _EVERY_OUTCOME else outcome.replace("_", " ")
    return f"{count} prediction(s): {where}, {what}"


def predictions_html(corpus: Corpus, source: str | None = None, outcome: str | None = None) -> str:
    """The sources' predictions with their outcome and evidence, as escaped HTML.

    Evidence links go only to http(s) addresses; any other address is shown as text.

    Examples
    --------
    >>> import qantar
    >>> page = predictions_html(qantar.load_corpus(), "OSW")
    >>> page.startswith("<h3>") and "OSW" in page
    True
    """
    source = None if source in (None, _ALL) else source
    outcome = None if outcome in (None, _EVERY_OUTCOME) else outcome
    table = q.predictions(corpus, source=source, outcome=outcome)
    shown_source = (
        _ALL if source is None else str(q._short_names(corpus)[q._source_id(corpus, source)])
    )
    parts = [
        "<h3>"
        + html.escape(_prediction_title(len(table), shown_source, outcome or _EVERY_OUTCOME))
        + "</h3>"
    ]
    for row in table.itertuples():
        hedge = "" if row.hedge == "none" else f" · hedge: {row.hedge}"
        links = _evidence_links(cast("list[dict[str, Any]]", row.evidence), with_summary=False)
        parts.append(
            f"<h4>{html.escape(f'{row.claim_id} ({row.source}, para {row.para}{hedge})')}</h4>"
            f"<p>{html.escape(str(row.summary))}</p>"
            f"<p>{html.escape(f'{_outcome_label(row)} {row.explanation}'.strip())}</p>"
            + _links_html(links)
        )
    return "".join(parts)


def predictions_explorer(corpus: Corpus, source: str | None = None) -> Explorer:
    """Pick a source and an outcome and read the predictions, what became of them and why.

    Each prediction shows its outcome, the course's explanation and the pages
    the evidence was read in (the ``context`` table, outside the five sources).
    """
    q._check_corpus(corpus, "predictions_explorer")
    table = q.predictions(corpus)
    sources = [_ALL, *(s for s in corpus.sources.short_name if s in set(table.source))]
    first = _ALL
    if source is not None:
        first = str(q._short_names(corpus)[q._source_id(corpus, source)])
        q._check_choice(first, sources, "source with predictions")
    outcomes = [_EVERY_OUTCOME, *map(str, table.outcome.cat.categories)]
    source_picker = w.Dropdown(options=sources, value=first, description="Source:")
    outcome_picker = w.Dropdown(options=outcomes, value=_EVERY_OUTCOME, description="Outcome:")
    out = w.HTML(predictions_html(corpus, first))

    def update(_: object) -> None:
        out.value = predictions_html(corpus, source_picker.value, outcome_picker.value)

    source_picker.observe(update, names="value")
    outcome_picker.observe(update, names="value")
    views: dict[str, View] = {}
    for one in sources:
        for code in outcomes:
            picked = table
            if one != _ALL:
                picked = picked[picked.source == one]
            if code != _EVERY_OUTCOME:
                picked = picked[picked.outcome == code]
            views[f"{one}|{code}"] = {
                "title": _prediction_title(len(picked), one, code),
                "blocks": _prediction_blocks(picked),
            }
    spec = {
        "kind": "select",
        "controls": [
            _control("Source", [(x, x) for x in sources], first),
            _control("Outcome", [(x.replace("_", " "), x) for x in outcomes], _EVERY_OUTCOME),
        ],
        "views": views,
    }
    return Explorer([w.HBox([source_picker, outcome_picker]), out], spec, out.value)
