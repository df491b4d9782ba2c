"""The exercise cells generator: written from the registry, idempotent, hand-written text kept."""

from __future__ import annotations

import copy
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from qantar._checks import Criterion, Exercise, registry
from qantar._exercise_cells import (
    READING_MINUTES,
    ExerciseCellsError,
    good_answer_block,
    header,
    rubric_block,
    update_notebook,
)

ROOT = Path(__file__).resolve().parent.parent
STEMS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LESSON = "05-reading-the-sources"
RUBRIC = (
    Criterion("the dates of writing compared", 4, "Both dates.", "One date.", "No date."),
    Criterion("a justified conclusion", 6, "Argued.", "Asserted.", "Missing."),
)
OPTIONS = {"a": "rises", "b": "rises, then falls", "c": "falls", "d": "stays the same"}


def _notebook(stem: str = LESSON) -> nbformat.NotebookNode:
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def _markdown(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _cell(nb: nbformat.NotebookNode, start: str) -> str:
    return next(c.source for c in nb.cells if c.source.startswith(start))


def _registry(**changes: dict[str, object]) -> dict[str, Exercise]:
    found = dict(registry())
    for label, fields in changes.items():
        found[label.replace("_", "-")] = dataclasses.replace(
            found[label.replace("_", "-")], **fields
        )
    return found


def _scramble_headers(nb: nbformat.NotebookNode) -> None:
    """Stale titles, minutes and objectives, as a hand edit of an old notebook would leave."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("```{exercise"):
            cell.source = re.sub(
                r"(\{exercise(?:-start)?\} \S+) .*", r"\1 An old title", cell.source
            )
            cell.source = re.sub(
                r"\*\*Objective:\*\*.*", "**Objective:** old. · *9 min*", cell.source
            )


@pytest.mark.parametrize("stem", STEMS, ids=STEMS)
def test_the_generator_restores_every_header_it_owns(stem: str) -> None:
    committed = _notebook(stem)
    nb = copy.deepcopy(committed)
    _scramble_headers(nb)
    assert _markdown(nb) != _markdown(committed)
    update_notebook(nb, stem)
    assert _markdown(nb) == _markdown(committed)


def test_headers_follow_the_registry() -> None:
    exercises = _registry(sources_5={"title": "Two tolls", "minutes": 14})
    nb = _notebook()
    assert update_notebook(nb, LESSON, exercises) == [
        f"{LESSON}: time to complete",
        "sources-5: header",
    ]
    cell = _cell(nb, "```{exercise} sources-5")
    assert cell.startswith(header(exercises["sources-5"]) + "\n\n")
    assert cell.startswith("```{exercise} sources-5: Two tolls\n:label: sources-5\n:nonumber:\n")
    assert "· *short answer · 14 min*" in cell
    first = _cell(nb, "## Overview")
    practice = sum(e.minutes for e in exercises.values() if e.notebook == LESSON)
    reading = READING_MINUTES[LESSON]
    assert (
        f"**Time to complete:** about {reading + practice} minutes ({reading} to read and run "
        f"the cells, {practice} for the exercises)."
    ) in first


def test_rubric_and_options_written_and_hand_written_text_kept() -> None:
    exercises = _registry(sources_5={"rubric": RUBRIC}, sources_2={"options": OPTIONS})
    before = _notebook()
    nb = copy.deepcopy(before)
    changed = update_notebook(nb, LESSON, exercises)
    assert changed == [
        "sources-2: options",
        "sources-5: a good answer",
        "sources-5: rubric",
    ]
    # the exercise box lists what a good answer contains, before its closing fence
    box = _cell(nb, "```{exercise} sources-5")
    assert box.endswith(good_answer_block(exercises["sources-5"]) + "\n```")
    assert "- the dates of writing compared (4 points)" in box
    assert "**A good answer (10 points)** contains:" in box
    # the prompt stays as written
    prompt = _cell(before, "```{exercise} sources-5").split("\n")[6:-1]
    assert "\n".join(prompt) in box
    # the solution keeps its model answer; the rubric is the registry's
    solution = _cell(nb, "```{solution} sources-5")
    old_solution = _cell(before, "```{solution} sources-5")
    model = old_solution.split("**Rubric**")[0]
    assert solution.startswith(model)
    assert solution.endswith(rubric_block(exercises["sources-5"]) + "\n```")
    assert "Total 8 points" in old_solution
    assert "Total 8 points" not in solution
    assert "  - *partial (1–5 points):* Asserted." in solution
    # options: the list is replaced, the question and the text after the list stay
    choice = _cell(nb, "```{exercise-start} sources-2")
    assert (
        "- (b) rises, then falls\n- (c) falls\n- (d) stays the same\n\nAnswer with the letter."
        in (choice)
    )
    assert "each later source gives a higher figure" not in choice
    assert "Which\ndescription fits?" in choice
    # exercises without a registered rubric keep the hand-written one
    assert _cell(nb, "```{solution} sources-6") == _cell(before, "```{solution} sources-6")
    # a second run changes nothing
    again = copy.deepcopy(nb)
    assert update_notebook(again, LESSON, exercises) == []
    assert _markdown(again) == _markdown(nb)
    # only Markdown changes
    for old, new in zip(before.cells, nb.cells, strict=True):
        if old.cell_type == "code":
            assert old == new


def test_blocks_are_inserted_where_none_was_written() -> None:
    exercises = _registry(sources_5={"rubric": RUBRIC}, sources_2={"options": OPTIONS})
    nb = _notebook()
    for cell in nb.cells:
        if cell.source.startswith("```{solution} sources-5"):
            cell.source = cell.source.split("**Rubric**")[0].rstrip() + "\n```"
        if cell.source.startswith("```{exercise-start} sources-2"):
            cell.source = re.sub(r"\n- \([a-d]\)[^\n]*(\n  [^\n]*)*", "", cell.source)
            assert "- (a)" not in cell.source
    update_notebook(nb, LESSON, exercises)
    assert _cell(nb, "```{solution} sources-5").endswith(
        "\n\n" + rubric_block(exercises["sources-5"]) + "\n```"
    )
    choice = _cell(nb, "```{exercise-start} sources-2")
    assert "description fits?\n\n- (a) rises\n" in choice
    assert update_notebook(copy.deepcopy(nb), LESSON, exercises) == []


def test_a_box_that_does_not_fit_the_kind_is_refused() -> None:
    exercises = _registry(sources_5={"kind": "auto"})
    with pytest.raises(
        ExerciseCellsError, match=r"sources-5 is registered as 'auto'.*\{exercise\} box"
    ):
        update_notebook(_notebook(), LESSON, exercises)


def test_an_exercise_without_a_cell_is_refused() -> None:
    exercises = dict(registry())
    exercises["sources-9"] = dataclasses.replace(exercises["sources-5"], id="sources-9")
    with pytest.raises(ExerciseCellsError, match="no exercise cell for sources-9"):
        update_notebook(_notebook(), LESSON, exercises)


def test_the_script_checks_without_writing(tmp_path: Path) -> None:
    nb = _notebook()
    _scramble_headers(nb)
    path = tmp_path / f"{LESSON}.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    script = [sys.executable, str(ROOT / "scripts" / "exercise_cells.py")]
    checked = subprocess.run(
        [*script, "--check", str(path)], check=False, capture_output=True, text=True
    )
    assert checked.returncode == 1
    assert "out of date: sources-1: header" in checked.stdout
    assert path.read_bytes() == before
    written = subprocess.run([*script, str(path)], check=False, capture_output=True, text=True)
    assert written.returncode == 0
    assert _markdown(nbformat.read(path, as_version=4)) == _markdown(_notebook())
    assert (
        subprocess.run([*script, "--check", str(path)], check=False, capture_output=True).returncode
        == 0
    )
