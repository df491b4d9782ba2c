"""Every lesson notebook against the exercise registry and the notebook conventions."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from qantar._checks import registry
from qantar._exercise_cells import update_notebook

ROOT = Path(__file__).resolve().parent.parent
STEMS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _notebook(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def test_every_lesson_has_registered_exercises() -> None:
    # the lesson list is the notebooks folder: a new lesson needs its nbNN.py, and back
    assert len(STEMS) >= 6
    assert {e.notebook for e in registry().values()} == set(STEMS)


@pytest.mark.parametrize("stem", STEMS, ids=STEMS)
def test_notebook_is_up_to_date_with_the_registry(stem: str) -> None:
    # the headers, option lists, rubrics and time to complete are written from the registry
    nb = _notebook(stem)
    assert update_notebook(nb, stem) == [], "run `make exercise-cells` and commit the notebooks"


@pytest.mark.parametrize("stem", STEMS, ids=STEMS)
def test_every_exercise_has_its_solution(stem: str) -> None:
    nb = _notebook(stem)
    text = "\n".join(cell.source for cell in nb.cells)
    for exercise in registry().values():
        if exercise.notebook != stem:
            continue
        if exercise.kind == "auto":
            solutions = [
                c
                for c in nb.cells
                if c.cell_type == "code"
                and "solution" in c.metadata.get("tags", [])
                and f'qantar.check("{exercise.id}"' in c.source
            ]
            outputs = [o for c in solutions for o in c.outputs if "data" in o]
            assert any("Correct" in o.data.get("text/plain", "") for o in outputs)
        else:
            assert f"```{{solution}} {exercise.id}" in text
            assert "**Rubric**" in text


@pytest.mark.parametrize("stem", STEMS, ids=STEMS)
def test_notebook_has_alt_text_and_ignored_explorers(stem: str) -> None:
    nb = _notebook(stem)
    figures = [c for c in nb.cells if c.cell_type == "code" and "plots." in c.source]
    assert len(figures) >= 2
    assert all(c.metadata["mystnb"]["image"]["alt"] for c in figures)
    widget_cells = [c for c in nb.cells if c.cell_type == "code" and "widgets." in c.source]
    explorers = [c for c in widget_cells if "explorer(" in c.source]
    # one explorer per lesson; a lesson whose students code before they read on adds a coding one
    others = [c for c in explorers if "coding_explorer(" not in c.source]
    assert len(others) <= 1
    assert 1 <= len(explorers) <= 2
    assert all("nbval-ignore-output" in c.metadata["tags"] for c in explorers)


@pytest.mark.parametrize("stem", STEMS, ids=STEMS)
def test_notebook_has_one_title(stem: str) -> None:
    nb = _notebook(stem)
    titles = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("# ")]
    assert len(titles) == 1
