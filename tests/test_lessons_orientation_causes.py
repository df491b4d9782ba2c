"""Notebooks 00-orientation and 01-causes: their exercises, checks and stored outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import qantar
from qantar._checks import expected_answer, registry
from qantar._editions import exercise_labels

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LESSONS = ("00-orientation", "01-causes")


def _exercises(notebook: str) -> list[str]:
    return [e.id for e in registry().values() if e.notebook == notebook]


def _auto(notebook: str) -> list[str]:
    return [e.id for e in registry().values() if e.notebook == notebook and e.kind == "auto"]


AUTO = [exercise_id for notebook in LESSONS for exercise_id in _auto(notebook)]


@pytest.fixture(scope="module", params=LESSONS, ids=LESSONS)
def lesson(request: pytest.FixtureRequest) -> tuple[str, nbformat.NotebookNode]:
    path = NOTEBOOKS / f"{request.param}.ipynb"
    return request.param, nbformat.read(path, as_version=4)


def test_notebook_labels_match_the_registry(lesson: tuple[str, nbformat.NotebookNode]) -> None:
    name, _ = lesson
    assert exercise_labels(NOTEBOOKS / f"{name}.ipynb") == _exercises(name)


def test_lessons_have_enough_exercises_of_each_kind() -> None:
    for notebook in LESSONS:
        kinds = [e.kind for e in registry().values() if e.notebook == notebook]
        assert len(kinds) >= 5
        assert kinds.count("auto") >= 2
        assert len(kinds) - kinds.count("auto") >= 2


@pytest.mark.parametrize("exercise_id", AUTO, ids=AUTO)
def test_expected_answer_is_accepted(exercise_id: str) -> None:
    feedback = qantar.check(exercise_id, expected_answer(exercise_id))
    assert feedback.correct is True
    assert feedback.message


@pytest.mark.parametrize("exercise_id", AUTO, ids=AUTO)
def test_solution_output_says_correct(exercise_id: str) -> None:
    notebook = registry()[exercise_id].notebook
    nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    call = f'qantar.check("{exercise_id}", answer)'
    solutions = [
        cell
        for cell in nb.cells
        if cell.cell_type == "code"
        and call in cell.source
        and "solution" in cell.metadata.get("tags", [])
    ]
    assert len(solutions) == 1
    shown = [o.data["text/plain"] for o in solutions[0].outputs if "data" in o]
    assert shown
    assert shown[-1].startswith(f"Correct ({exercise_id})")


def test_source_sets_accept_short_names_and_report_missing_items() -> None:
    assert qantar.check("orientation-1", ["OSW", "CSP", "IAN"])
    partial = qantar.check("orientation-1", ["osw"])
    assert not partial
    assert "missing" in partial.message
    assert qantar.check("causes-1", "SCEEUS, CSP")


def test_a_ratio_instead_of_a_percentage_gets_a_hint() -> None:
    feedback = qantar.check("causes-2", 1.4)
    assert feedback.correct is False
    assert "per cent" in feedback.message


def test_days_to_first_troops_agree_with_the_events_table(corpus: qantar.Corpus) -> None:
    dates = corpus.events.set_index("event_id").date
    assert expected_answer("orientation-2") == (dates["e062"] - dates["e048"]).days


def test_csp_prices_imply_the_rise_csp_states(corpus: qantar.Corpus) -> None:
    stated = corpus.figures.set_index("figure_id").value["csp-f01"]
    assert expected_answer("causes-2") == pytest.approx(stated, abs=0.5)


def test_coverage_answers_hold_with_secondary_themes_too(corpus: qantar.Corpus) -> None:
    table = qantar.coverage(corpus, include_other_themes=True)
    assert table.loc["causes"].idxmax().lower() == expected_answer("causes-3")
    assert table.loc["armenia"].idxmax().lower() == expected_answer("orientation-3")


def test_cells_follow_the_conventions(lesson: tuple[str, nbformat.NotebookNode]) -> None:
    _, nb = lesson
    h1 = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
    assert len(h1) == 1
    figures = [c for c in nb.cells if c.cell_type == "code" and "plt.show()" in c.source]
    assert len(figures) >= 2
    for cell in figures:
        assert cell.metadata["mystnb"]["image"]["alt"]
    widgets = [c for c in nb.cells if c.cell_type == "code" and "widgets." in c.source]
    assert len(widgets) == 1
    assert "nbval-ignore-output" in widgets[0].metadata["tags"]
    for cell in nb.cells:
        if "{solution" in cell.source:
            assert "solution" in cell.metadata.get("tags", [])
