"""Tests for the library pieces and exercises of notebooks 04 (Belarus) and 05 (reading the sources)."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

import qantar
from qantar import plots, widgets
from qantar._checks import expected_answer, registry
from qantar._exercises import nb05

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = {"04-belarus-impact": "belarus-", "05-reading-the-sources": "sources-"}
MINE = [e for e in registry().values() if e.id.startswith(tuple(NOTEBOOKS.values()))]


# --- report_spread -------------------------------------------------------------------------


def test_report_spread_divides_highest_by_lowest(corpus):
    table = qantar.report_spread(corpus)
    assert set(table.index) == set(qantar.disagreements(corpus).index)
    row = table.loc["detained_total"]
    assert row.ratio == pytest.approx(row.highest / row.lowest)
    assert row.difference == pytest.approx(row.highest - row.lowest)


def test_report_spread_has_no_ratio_for_years_and_sorts_widest_first(corpus):
    table = qantar.report_spread(corpus)
    assert table.loc[table.unit == "year", "ratio"].isna().all()
    ratios = table.ratio.dropna().tolist()
    assert ratios == sorted(ratios, reverse=True)
    assert table.ratio.notna().tolist() == sorted(table.ratio.notna().tolist(), reverse=True)


def test_report_spread_rejects_a_non_corpus():
    with pytest.raises(TypeError, match="load_corpus"):
        qantar.report_spread("osw")


# --- claim_codes ---------------------------------------------------------------------------


def test_claim_codes_keep_the_order_given(corpus):
    ids = ["osw-004", "osw-003", "osw-004"]
    types = corpus.claims.set_index("claim_id").claim_type.astype(str)
    assert qantar.claim_codes(corpus, ids) == [types[i] for i in ids]
    assert qantar.claim_codes(corpus, "osw-003") == [types["osw-003"]]


def test_claim_codes_name_an_unknown_id_and_suggest_one(corpus):
    with pytest.raises(ValueError, match=r"No claim 'osw-03'.*Did you mean"):
        qantar.claim_codes(corpus, ["osw-001", "osw-03"])


# --- plots.report_spread -------------------------------------------------------------------


def test_report_spread_plot_draws_one_dot_per_report(corpus):
    spread = qantar.report_spread(corpus).dropna(subset=["ratio"])
    ax = plots.report_spread(corpus)
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    reports = sum(len(qantar.compare_reports(corpus, q)) for q in spread.index)
    assert dots == reports
    assert ax.get_yticklabels()[0].get_text().startswith(spread.index[0])
    assert ax.get_title()
    assert {t.get_text() for t in ax.get_legend().get_texts()} <= set(corpus.sources.short_name)


# --- the coding widget ---------------------------------------------------------------------


def test_coding_html_waits_until_every_claim_is_coded(corpus):
    ids = list(nb05.SAMPLE_IDS[:3])
    page = widgets.coding_html(corpus, ids, ["fact", None, "(choose a type)"])
    assert page.startswith("<p>1 of 3 claims coded")
    assert "kappa" not in page


def test_coding_html_compares_and_lists_the_codes_once_complete(corpus):
    ids = list(nb05.SAMPLE_IDS)
    page = widgets.coding_html(corpus, ids, list(nb05.CODER_B))
    kappa = qantar.cohen_kappa(list(nb05.CODER_B), qantar.claim_codes(corpus, ids))
    assert f"Cohen's kappa {kappa:.2f}" in page
    assert "&#x27;interpretation&#x27;" in page  # the codes, escaped, ready to copy


def test_coding_html_needs_one_code_per_claim(corpus):
    with pytest.raises(ValueError, match="one code per claim"):
        widgets.coding_html(corpus, ["osw-001", "osw-002"], ["fact"])


def test_coding_explorer_updates_when_every_claim_is_coded(corpus):
    ids = ["osw-003", "osw-004"]
    box = widgets.coding_explorer(corpus, ids)
    pickers = [row.children[1] for row in box.children[:-1]]
    out = box.children[-1]
    assert "0 of 2" in out.value
    pickers[0].value = "fact"
    assert "1 of 2" in out.value
    pickers[1].value = "interpretation"
    assert "kappa" in out.value


def test_coding_explorer_rejects_an_unknown_claim(corpus):
    with pytest.raises(ValueError, match="No claim"):
        widgets.coding_explorer(corpus, ["osw-001", "xyz-1"])


# --- exercises -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", NOTEBOOKS.values(), ids=list(NOTEBOOKS))
def test_each_notebook_has_enough_exercises_of_each_kind(prefix):
    mine = [e for e in MINE if e.id.startswith(prefix)]
    assert sum(e.kind == "auto" for e in mine) >= 2
    assert sum(e.kind != "auto" for e in mine) >= 2
    assert len(mine) >= 5


@pytest.mark.parametrize("exercise_id", [e.id for e in MINE if e.kind == "auto"])
def test_auto_exercises_accept_their_answer_and_reject_a_wrong_one(corpus, exercise_id):
    exercise = registry()[exercise_id]
    right = expected_answer(exercise_id)
    assert right not in ("", None)
    assert qantar.check(exercise_id, right).correct
    wrong = {"number": -1, "choice": "z", "set": ["no-such-source"], "text": "nothing"}
    assert not qantar.check(exercise_id, wrong[exercise.match]).correct
    assert exercise.hint
    assert exercise.explanation
    assert all(qantar.cite(corpus, row) for row in exercise.rows)


def test_source_answers_accept_short_names_and_ids():
    assert qantar.check("belarus-1", ["csp", "SCEEUS"]).correct
    assert qantar.check("belarus-1", "Sceeus, CSP").correct
    assert qantar.check("sources-3", "osw").correct
    assert qantar.check("sources-3", "OSW").correct


def test_kappa_exercise_accepts_an_unrounded_answer(corpus):
    exact = qantar.cohen_kappa(
        list(nb05.CODER_B), qantar.claim_codes(corpus, list(nb05.SAMPLE_IDS))
    )
    assert qantar.check("sources-4", exact).correct


def _assigned_lists(nb) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        # IPython syntax (the imports cell's %pip) as the Python it runs
        source = TransformerManager().transform_cell(cell.source)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = ast.literal_eval(node.value)
    return found


def _notebook(stem: str):
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    if not path.exists():
        pytest.skip(f"{path.name} not written yet")
    return nbformat.read(path, as_version=4)


def test_notebook_05_prints_the_registrys_sample_and_coder_b():
    lists = _assigned_lists(_notebook("05-reading-the-sources"))
    assert lists["sample_ids"] == list(nb05.SAMPLE_IDS)
    assert lists["coder_b"] == list(nb05.CODER_B)
