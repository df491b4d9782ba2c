"""Tests for the library pieces and exercises of notebooks 02 (Russia's role) and 03 (CSTO)."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import qantar
from qantar import plots
from qantar._checks import expected_answer, registry

mpl.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = {"02-russias-role": "russia-", "03-csto-precedent": "csto-"}


@pytest.fixture(scope="module")
def corpus() -> qantar.Corpus:
    return qantar.load_corpus()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_troop_totals_sums_each_sources_country_figures(corpus):
    table = qantar.troop_totals(corpus)
    countries = ["russia", "belarus", "tajikistan", "kyrgyzstan", "armenia"]
    for source, row in table.iterrows():
        reported = [
            qantar.compare_reports(corpus, f"troops_{c}").set_index("source").value.get(source)
            for c in countries
        ]
        given = [v for v in reported if v is not None]
        assert row.countries_reported == len(given)
        if given:
            assert row.sum_of_countries == pytest.approx(sum(given))


def test_troop_totals_keeps_stated_totals_apart(corpus):
    table = qantar.troop_totals(corpus)
    totals = qantar.compare_reports(corpus, "troops_total")
    for report in totals.itertuples():
        assert table.loc[report.source, "reported_total"] == report.value
        assert table.loc[report.source, "total_qualifier"] == report.qualifier
    assert "COMPASS" not in table.index  # reports no troop figure


def test_troop_totals_rejects_a_non_corpus():
    with pytest.raises(TypeError, match="load_corpus"):
        qantar.troop_totals("osw")


def test_evidence_keeps_order_and_labels(corpus):
    table = qantar.evidence(corpus, {"b": ["osw-052"], "a": ["sceeus-f12", "sceeus-026"]})
    assert list(table.label) == ["b", "a", "a"]
    assert list(table.row_id) == ["osw-052", "sceeus-f12", "sceeus-026"]
    assert list(table.kind) == ["claim", "figure", "claim"]
    assert table.claim_type[1] == ""
    assert table.hedge[2] == corpus.claims.set_index("claim_id").hedge["sceeus-026"]


def test_evidence_accepts_a_list_or_one_id(corpus):
    assert "label" not in qantar.evidence(corpus, ["osw-f05"]).columns
    assert list(qantar.evidence(corpus, "osw-f05").row_id) == ["osw-f05"]
    assert qantar.evidence(corpus, ["osw-f05"]).text[0].startswith("Troops taking part")


def test_evidence_names_a_bad_id(corpus):
    with pytest.raises(ValueError, match="No claim or figure 'osw-999'"):
        qantar.evidence(corpus, ["osw-001", "osw-999"])


def test_themes_by_source_draws_one_bar_per_theme_and_source(corpus):
    themes = ["china", "turkey", "west"]
    ax = plots.themes_by_source(corpus, themes)
    bars = [p for p in ax.patches if p.get_height() >= 0]
    assert len(bars) == len(themes) * len(corpus.sources)
    assert ax.get_title()


def test_themes_by_source_rejects_an_unknown_theme(corpus):
    with pytest.raises(ValueError, match="Valid themes"):
        plots.themes_by_source(corpus, ["chinaa"])


def test_claim_types_for_counts_every_claim_of_the_theme(corpus):
    ax = plots.claim_types_for(corpus, "russia_role")
    total = sum(p.get_width() for p in ax.patches)
    assert total == len(qantar.claims_for(corpus, theme="russia_role"))


def test_precedents_plot_labels_every_precedent(corpus):
    ax = plots.precedents(corpus)
    assert sorted(t.get_text() for t in ax.texts) == sorted(corpus.precedents.precedent_id)
    assert ax.get_xlabel() == "year of the crisis"


@pytest.mark.parametrize("prefix", NOTEBOOKS.values(), ids=list(NOTEBOOKS))
def test_each_notebook_has_enough_exercises_of_each_kind(prefix):
    mine = [e for e in registry().values() if e.id.startswith(prefix)]
    assert sum(e.kind == "auto" for e in mine) >= 2
    assert sum(e.kind != "auto" for e in mine) >= 2
    assert len(mine) >= 5


@pytest.mark.parametrize(
    "exercise_id",
    [
        e.id
        for e in registry().values()
        if e.kind == "auto" and e.id.startswith(("russia-", "csto-"))
    ],
)
def test_auto_exercises_accept_their_answer_and_reject_a_wrong_one(exercise_id):
    exercise = registry()[exercise_id]
    right = expected_answer(exercise_id)
    assert qantar.check(exercise_id, right).correct
    wrong = {"number": -1, "choice": "z", "set": ["no-such-source"], "text": "nothing"}
    assert not qantar.check(exercise_id, wrong[exercise.match]).correct
    assert exercise.hint
    assert exercise.explanation
    assert all(qantar.cite(qantar.load_corpus(), row) for row in exercise.rows)


def test_set_answers_accept_short_names_in_any_case():
    assert qantar.check("csto-2", ["csp", "SCEEUS"]).correct
    assert qantar.check("csto-2", "Sceeus, CSP").correct
