"""Explorers: pure functions return escaped HTML; the widgets call them when a value changes.

The widgets are driven from Python, with no kernel: set a control's ``value``
and read the HTML child, as the callback a browser would trigger does.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
import pytest

import qantar
from qantar import widgets

SCRIPT = '<script>alert("qantar")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;qantar&quot;)&lt;/script&gt;"


# The pure functions ---------------------------------------------------------------------------


def test_reports_html_lists_every_report(corpus: qantar.Corpus) -> None:
    page = widgets.reports_html(corpus, "csto_founded")
    reports = qantar.compare_reports(corpus, "csto_founded")
    assert page.startswith(f"<h3>csto_founded: {len(reports)} report(s)</h3><table")
    assert page.count("<tr>") == len(reports) + 1  # header row + one per report
    for report in reports.itertuples():
        assert f"{report.figure_id} (para {report.para})" in page


def test_claims_html_groups_claims_by_source(corpus: qantar.Corpus) -> None:
    page = widgets.claims_html(corpus, "causes")
    claims = qantar.claims_for(corpus, theme="causes")
    assert page.count("<li>") == len(claims)
    assert f"causes: {len(claims)} claim(s)" in page
    short = dict(zip(corpus.sources.source_id, corpus.sources.short_name, strict=True))
    with_claims = [short[s] for s in corpus.sources.source_id if s in set(claims.source_id)]
    headings = [n for n in corpus.sources.short_name if f"<h4>{n}</h4>" in page]
    assert headings == with_claims
    assert page.index(f"<h4>{with_claims[0]}</h4>") < page.index(f"<h4>{with_claims[-1]}</h4>")


def test_claims_html_for_one_source(corpus: qantar.Corpus) -> None:
    page = widgets.claims_html(corpus, "causes", "OSW")
    assert page.count("<h4>") == 1
    assert page == widgets.claims_html(corpus, "causes", "osw")
    assert widgets.claims_html(corpus, "causes", "(all sources)") == widgets.claims_html(
        corpus, "causes"
    )


def test_events_html_lists_the_days(corpus: qantar.Corpus) -> None:
    page = widgets.events_html(corpus, "2022-01-05", "2022-01-06")
    events = qantar.timeline(corpus, "2022-01-05", "2022-01-06")
    assert page.count("<tr>") == len(events) + 1
    assert "05 Jan 2022" in page


def test_actor_html_counts_the_rows(corpus: qantar.Corpus) -> None:
    rows = qantar.actor_rows(corpus, "masimov")
    page = widgets.actor_html(corpus, "Massimov")
    assert page.startswith("<h3>Karim Masimov (also: ")
    assert "Massimov" in page[: page.index("</h3>")]
    assert (
        f"{len(rows['claims'])} claim(s), {len(rows['events'])} event(s), "
        f"{len(rows['precedents'])} precedent(s)"
    ) in page


def test_coding_table_reports_agreement(corpus: qantar.Corpus) -> None:
    ids = list(corpus.claims.claim_id[:4])
    truth = qantar.claim_codes(corpus, ids)
    page = widgets.coding_table(corpus, ids, truth)
    assert "Agreement 100%; Cohen's kappa 1.00" in page
    assert page.count("<td>yes</td>") == 4


def test_coding_html_waits_until_every_claim_is_coded(corpus: qantar.Corpus) -> None:
    ids = list(corpus.claims.claim_id[:3])
    waiting = widgets.coding_html(corpus, ids, ["fact", None, ""])
    assert waiting == (
        "<p>1 of 3 claims coded: choose a type for every claim to compare with the corpus.</p>"
    )
    codes = qantar.claim_codes(corpus, ids)
    done = widgets.coding_html(corpus, ids, codes)
    assert "kappa" in done
    assert "&#x27;" in done  # the list to copy is escaped too
    with pytest.raises(ValueError, match="need one code per claim"):
        widgets.coding_html(corpus, ids, ["fact"])


# Escaping: a corpus row holding markup is shown as text ---------------------------------------


def _row(frame: object, mask: object) -> int:
    """1-based data row of the first row matching *mask*."""
    return int(frame[mask].index[0]) + 1  # type: ignore[index]


@pytest.fixture
def injected(corpus: qantar.Corpus, corpus_copy: Path, set_cell: Callable) -> qantar.Corpus:
    """A copy of the corpus with markup in a claim, an event, a figure and an actor."""
    claims, events, figures, actors = corpus.claims, corpus.events, corpus.figures, corpus.actors
    claim = _row(claims, (claims.source_id == "osw") & (claims.theme == "causes"))
    set_cell(corpus_copy / "claims.csv", claim, "summary", f"Protests {SCRIPT} spread")
    first = _row(claims, claims.claim_id == claims.claim_id[0])
    set_cell(corpus_copy / "claims.csv", first, "summary", f"First {SCRIPT}")
    event = _row(events, events.date == "2022-01-05")
    set_cell(corpus_copy / "events.csv", event, "summary", f"Unrest {SCRIPT}")
    set_cell(corpus_copy / "events.csv", event, "place", f"<b onmouseover=x>{SCRIPT}")
    figure = _row(figures, figures.quantity == "troops_russia")
    set_cell(corpus_copy / "figures.csv", figure, "subject", f"Troops {SCRIPT}")
    actor = _row(actors, actors.actor_id == "pashinyan")
    set_cell(corpus_copy / "actors.csv", actor, "name", f"Nikol {SCRIPT}")
    set_cell(corpus_copy / "actors.csv", actor, "role", f"Chair {SCRIPT}")
    outcomes = corpus.outcomes
    judged = _row(outcomes, outcomes.context_ids.map(len) > 0)
    set_cell(corpus_copy / "outcomes.csv", judged, "explanation", f"Because {SCRIPT}")
    cited = outcomes.context_ids[judged - 1][0]
    context = _row(corpus.context, corpus.context.context_id == cited)
    set_cell(corpus_copy / "context.csv", context, "publisher", f"Agency {SCRIPT}")
    return qantar.load_corpus(corpus_copy)


PAGES = {
    "claims_html": lambda c: widgets.claims_html(c, "causes", "OSW"),
    "events_html": lambda c: widgets.events_html(c, "2022-01-05", "2022-01-05"),
    "reports_html": lambda c: widgets.reports_html(c, "troops_russia"),
    "actor_html": lambda c: widgets.actor_html(c, "pashinyan"),
    "coding_table": lambda c: widgets.coding_table(c, [c.claims.claim_id[0]], ["fact"]),
    "coding_html": lambda c: widgets.coding_html(c, [c.claims.claim_id[0]], ["fact"]),
    "predictions_html": lambda c: widgets.predictions_html(c),
}


@pytest.mark.parametrize("page", PAGES.values(), ids=PAGES.keys())
def test_html_is_escaped(injected: qantar.Corpus, page: Callable) -> None:
    text = page(injected)
    assert ESCAPED in text
    assert "<script" not in text
    assert "<b onmouseover" not in text


def test_html_escapes_the_arguments_too(corpus: qantar.Corpus) -> None:
    page = widgets.events_html(corpus, "2022-01-05", "2022-01-05")
    assert "<h3>" in page
    with pytest.raises(ValueError, match="needs dates like"):
        widgets.events_html(corpus, SCRIPT, "2022-01-05")


# The widgets: changing a control changes the HTML ---------------------------------------------


def test_reports_explorer_follows_the_dropdown(corpus: qantar.Corpus) -> None:
    box = widgets.reports_explorer(corpus, "troops_russia")
    picker, out = box.children
    assert isinstance(picker, w.Dropdown)
    assert isinstance(out, w.HTML)
    assert out.value == widgets.reports_html(corpus, "troops_russia")
    picker.value = "csto_founded"
    assert out.value == widgets.reports_html(corpus, "csto_founded")
    assert (
        f"csto_founded: {len(qantar.compare_reports(corpus, 'csto_founded'))} report(s)"
        in out.value
    )


def test_reports_explorer_offers_every_quantity(corpus: qantar.Corpus) -> None:
    picker = widgets.reports_explorer(corpus).children[0]
    assert sorted(value for _, value in picker.options) == sorted(corpus.figures.quantity.unique())


def test_claims_explorer_follows_both_dropdowns(corpus: qantar.Corpus) -> None:
    box = widgets.claims_explorer(corpus)
    (controls, out) = box.children
    theme, source = controls.children
    assert out.value == widgets.claims_html(corpus, "causes")
    theme.value = "armenia"
    assert out.value == widgets.claims_html(corpus, "armenia")
    source.value = "IAN"
    assert out.value == widgets.claims_html(corpus, "armenia", "IAN")
    source.value = "(all sources)"
    assert out.value == widgets.claims_html(corpus, "armenia")


def test_timeline_explorer_follows_the_slider(corpus: qantar.Corpus) -> None:
    box = widgets.timeline_explorer(corpus)
    slider, out = box.children
    first, last = slider.value
    assert out.value == widgets.events_html(corpus, first, last)
    days = list(slider.options)
    assert days[0] == "2022-01-02"
    assert days[-1] == "2022-01-19"
    slider.value = (days[2], days[-1])
    assert out.value == widgets.events_html(corpus, days[2], days[-1])


def test_actor_explorer_follows_the_dropdown(corpus: qantar.Corpus) -> None:
    box = widgets.actor_explorer(corpus)
    picker, out = box.children
    assert out.value == widgets.actor_html(corpus, "tokayev")
    picker.value = "pashinyan"
    assert out.value == widgets.actor_html(corpus, "pashinyan")


def test_coding_explorer_compares_once_all_are_coded(corpus: qantar.Corpus) -> None:
    ids = list(corpus.claims.claim_id[:3])
    box = widgets.coding_explorer(corpus, ids)
    *rows, out = box.children
    assert len(rows) == 3
    assert "0 of 3 claims coded" in out.value
    pickers = [row.children[1] for row in rows]
    codes = qantar.claim_codes(corpus, ids)
    for picker, code in zip(pickers, codes, strict=True):
        picker.value = code
    assert out.value == widgets.coding_html(corpus, ids, codes)
    assert "Cohen's kappa 1.00" in out.value


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda c: widgets.claims_explorer(c, "cause"),
            r"No theme 'cause'\. Did you mean 'causes'",
        ),
        (lambda c: widgets.reports_explorer(c, "troops"), r"No quantity 'troops'\. Did you mean"),
        (lambda c: widgets.actor_explorer(c, "Putn"), r"No actor 'Putn'\. Did you mean 'putin'"),
        (lambda c: widgets.timeline_explorer(c, "2022-01-20", "2022-01-19"), r"No events from"),
    ],
    ids=["claims-theme", "reports-quantity", "actor", "empty-range"],
)
def test_explorers_reject_bad_arguments_clearly(
    corpus: qantar.Corpus, make: Callable, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make(corpus)


def test_actor_explorer_accepts_a_name_or_alias(corpus: qantar.Corpus) -> None:
    picker, out = widgets.actor_explorer(corpus, "Massimov").children
    assert picker.value == "masimov"
    assert out.value == widgets.actor_html(corpus, "masimov")


# The kernel-free view: one definition, two outputs ----------------------------------------


EXPLORERS = {
    "reports": lambda c: widgets.reports_explorer(c, "troops_russia"),
    "claims": lambda c: widgets.claims_explorer(c),
    "timeline": lambda c: widgets.timeline_explorer(c),
    "actor": lambda c: widgets.actor_explorer(c, "pashinyan"),
    "coding": lambda c: widgets.coding_explorer(c, list(c.claims.claim_id[:3])),
    "predictions": lambda c: widgets.predictions_explorer(c),
    "outcome-coding": lambda c: widgets.coding_explorer(
        c, list(c.outcomes.claim_id[c.outcomes.context_ids.map(len) > 0][:3]), field="outcome"
    ),
}


@pytest.mark.parametrize("make", EXPLORERS.values(), ids=EXPLORERS.keys())
def test_explorer_output_carries_the_widget_and_a_kernel_free_view(
    corpus: qantar.Corpus, make: Callable
) -> None:
    bundle = make(corpus)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = bundle["text/html"]
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.DOTALL)
    assert data is not None
    spec = json.loads(data.group(1))
    assert spec["kind"] in ("select", "range", "coding")
    assert "innerHTML" not in page  # the script builds the view with textContent only


@pytest.mark.parametrize("make", EXPLORERS.values(), ids=EXPLORERS.keys())
def test_kernel_free_view_keeps_markup_in_the_corpus_as_text(
    injected: qantar.Corpus, make: Callable
) -> None:
    page = make(injected)._repr_mimebundle_()["text/html"]
    assert SCRIPT not in page
    assert "<b onmouseover" not in page


@pytest.mark.parametrize("field", ["claim_type", "outcome"])
def test_coding_view_stores_no_corpus_code_as_a_word(corpus: qantar.Corpus, field: str) -> None:
    """The notebook file and the page source must not show the codes before the student codes."""
    ids = (
        list(corpus.outcomes.claim_id[:12])
        if field == "outcome"
        else list(corpus.claims.claim_id[::40][:12])
    )
    explorer = widgets.coding_explorer(corpus, ids, field=field)
    spec = explorer.spec
    codes = (
        qantar.outcome_codes(corpus, ids) if field == "outcome" else qantar.claim_codes(corpus, ids)
    )
    for claim, code in zip(spec["claims"], codes, strict=True):
        assert all(item != code for item in claim), claim[0]
        assert isinstance(claim[2], int)
        assert widgets.unmask_code(claim[0], claim[2], spec["types"]) == code
    # a spread of codes: the masked numbers do not repeat the codes' pattern
    masked_by_code: dict[str, set[int]] = {}
    for claim, code in zip(spec["claims"], codes, strict=True):
        masked_by_code.setdefault(code, set()).add(claim[2])
    assert any(len(v) > 1 for v in masked_by_code.values())


def test_embedded_json_cannot_close_its_script() -> None:
    assert widgets.embed_json("</script><!--") == '"\\u003c/script\\u003e\\u003c!--"'
    assert json.loads(widgets.embed_json({"a": "</script> & \u2028"})) == {
        "a": "</script> & \u2028"
    }


# Hindsight: the predictions explorer and outcome coding ---------------------------------------


def test_predictions_html_shows_outcome_and_evidence(corpus: qantar.Corpus) -> None:
    table = qantar.predictions(corpus, source="OSW")
    page = widgets.predictions_html(corpus, "OSW")
    assert page.startswith(f"<h3>{len(table)} prediction(s): OSW, any outcome</h3>")
    assert page.count("<h4>") == len(table)
    links = re.findall(r'<a href="([^"]+)"', page)
    assert len(links) == sum(len(e) for e in table.evidence)
    assert all(link.startswith(("https://", "http://")) for link in links)
    code = str(table.outcome.iloc[0])
    picked = widgets.predictions_html(corpus, "OSW", code)
    assert picked.count("<h4>") == (table.outcome == code).sum()
    assert widgets.predictions_html(corpus, "(all sources)", "(all outcomes)") == (
        widgets.predictions_html(corpus)
    )


def test_evidence_link_only_to_http_addresses(
    corpus: qantar.Corpus, corpus_copy: Path, set_cell: Callable
) -> None:
    outcomes = corpus.outcomes
    judged = _row(outcomes, outcomes.context_ids.map(len) > 0)
    cited = outcomes.context_ids[judged - 1][0]
    context = _row(corpus.context, corpus.context.context_id == cited)
    set_cell(corpus_copy / "context.csv", context, "url", 'https://x.org/a"onclick=alert(1)')
    hostile = qantar.load_corpus(corpus_copy)
    page = widgets.predictions_html(hostile)
    assert 'href="https://x.org/a' not in page
    assert widgets._safe_url("javascript:alert(1)") is None
    assert widgets._safe_url("https://www.osw.waw.pl/en/") == "https://www.osw.waw.pl/en/"


def test_predictions_explorer_follows_both_dropdowns(corpus: qantar.Corpus) -> None:
    controls, out = widgets.predictions_explorer(corpus).children
    source, outcome = controls.children
    assert out.value == widgets.predictions_html(corpus)
    source.value = "CSP"
    assert out.value == widgets.predictions_html(corpus, "CSP")
    outcome.value = "did_not_happen"
    assert out.value == widgets.predictions_html(corpus, "CSP", "did_not_happen")
    spec = widgets.predictions_explorer(corpus).spec
    assert set(spec["views"]) == {f"{s}|{o}" for s in source.options for o in outcome.options}


def test_outcome_coding_hides_the_corpus_codes_until_all_are_coded(corpus: qantar.Corpus) -> None:
    ids = list(corpus.outcomes.claim_id[:3])
    box = widgets.coding_explorer(corpus, ids, field="outcome")
    *rows, out = box.children
    assert "0 of 3 predictions coded: choose an outcome" in out.value
    explanations = corpus.outcomes.set_index("claim_id").explanation
    assert not any(
        str(explanations[i]) in row.children[2].value for i, row in zip(ids, rows, strict=True)
    )
    pickers = [row.children[1] for row in rows]
    assert list(pickers[0].options)[1:] == list(corpus.outcomes.outcome.cat.categories)
    codes = qantar.outcome_codes(corpus, ids)
    for picker, code in zip(pickers, codes, strict=True):
        picker.value = code
    assert out.value == widgets.coding_html(corpus, ids, codes, field="outcome")
    assert "Agreement 100%; Cohen's kappa 1.00" in out.value
    with pytest.raises(ValueError, match="Only predictions have outcomes"):
        widgets.coding_explorer(corpus, [str(corpus.claims.claim_id[0])], field="outcome")
