"""The exercise cells generator: written from the registry, idempotent, hand-written text kept.

Most tests use a made-up lesson (``99-demo``) and registry, so that they do not depend on
what the lessons say today; the first ones run on the real notebooks.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from qantar import _checks
from qantar._checks import Criterion, Exercise
from qantar._exercise_cells import (
    READING_MINUTES,
    ExerciseCellsError,
    good_answer_block,
    header,
    options_block,
    rubric_block,
    update_notebook,
)

ROOT = Path(__file__).resolve().parent.parent
STEMS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
DEMO = "99-demo"
RUBRIC = (
    Criterion("the dates of writing compared", 4, "Both dates.", "One date.", "No date."),
    Criterion("a justified conclusion", 6, "Argued.", "Asserted.", "Missing."),
)
OPTIONS = {
    "a": "rises",
    "b": "rises, then falls: the source published last gives the lowest figure of all three, "
    "well below the others",
    "c": "falls",
    "d": "stays the same",
}
PROMPT_1 = "Read the figures in order of publication. Which\ndescription fits?"
PROMPT_2 = "Two sources give different tolls. In 100 to 150\nwords, explain why."
MODEL_2 = "**Model answer.** One wrote first; the other\ncounts differently."
OLD_RUBRIC_3 = "**Rubric**\n\nTotal 10 points.\n\n- Argues from two sources (10 pts)"


def _exercises(**changes: dict[str, Any]) -> dict[str, Exercise]:
    exercises = {
        "demo-1": Exercise(
            "demo-1",
            DEMO,
            "In order of publication",
            "Separate the date of writing from the date of a figure.",
            "auto",
            3,
            answer=lambda corpus: "b",
            match="choice",
            choices="abcd",
            options=OPTIONS,
        ),
        "demo-2": Exercise(
            "demo-2",
            DEMO,
            "Two tolls",
            "Explain a numerical disagreement.",
            "short_answer",
            8,
            rubric=RUBRIC,
            words=150,
        ),
        "demo-3": Exercise("demo-3", DEMO, "Where each stands", "Relate.", "discussion", 12),
    }
    for label, fields in changes.items():
        key = label.replace("_", "-")
        exercises[key] = dataclasses.replace(exercises[key], **fields)
    return exercises


def _tagged(cell: Any, *tags: str) -> Any:
    cell.metadata["tags"] = list(tags)
    return cell


def _demo() -> Any:
    """A lesson as an author left it: stale headers, hand-written options and rubrics."""
    return new_notebook(
        cells=[
            new_markdown_cell("# Demo"),
            new_markdown_cell(
                "## Overview\n\nYou will learn.\n\n**Time to complete:** about 50 minutes (20 "
                "minutes of\nreading, 30 of exercises)."
            ),
            _tagged(
                new_markdown_cell(
                    "```{exercise-start} demo-1: An old title\n:label: demo-1\n:nonumber:\n```\n\n"
                    "**Objective:** Old. · *auto-checked · 9 min*\n\n"
                    f"{PROMPT_1}\n\n- (a) up\n- (b) up, then\n  down\n- (c) down\n- (d) same\n\n"
                    "Answer with the letter."
                ),
                "exercise-gate",
            ),
            _tagged(
                new_code_cell('answer = ...  # a letter\nqantar.check("demo-1", answer)'),
                "exercise",
            ),
            _tagged(new_markdown_cell("```{exercise-end}\n```"), "exercise-gate"),
            _tagged(
                new_markdown_cell("```{solution-start} demo-1\n:class: dropdown\n```"), "solution"
            ),
            _tagged(new_code_cell('answer = "b"\nqantar.check("demo-1", answer)'), "solution"),
            _tagged(new_markdown_cell("```{solution-end}\n```"), "solution"),
            new_markdown_cell(
                "```{exercise} demo-2: Old\n:label: demo-2\n:nonumber:\n:class: wide\n\n"
                f"**Objective:** Old. · *short answer · 5 min*\n\n{PROMPT_2}\n\n"
                "**A good answer (8 points)**\n\n- old criterion (8 points)\n```"
            ),
            _tagged(new_markdown_cell("**Your answer:** *(write here)*"), "exercise"),
            _tagged(
                new_markdown_cell(
                    f"```{{solution}} demo-2\n:class: dropdown\n\n{MODEL_2}\n\n**Rubric**\n\n"
                    "Total 8 points.\n\n- old criterion (8 pts)\n```"
                ),
                "solution",
            ),
            new_markdown_cell(
                "```{exercise} demo-3: Where each stands\n:label: demo-3\n:nonumber:\n\n"
                "**Objective:** Relate. · *discussion · 12 min*\n\nChoose three sources.\n```"
            ),
            _tagged(new_markdown_cell("**Your answer:** *(write here)*"), "exercise"),
            _tagged(
                new_markdown_cell(
                    f"```{{solution}} demo-3\n:class: dropdown\n\nA model.\n\n{OLD_RUBRIC_3}\n```"
                ),
                "solution",
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )


@pytest.fixture(autouse=True)
def _demo_reading_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(READING_MINUTES, DEMO, 20)


def _markdown(nb: Any) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def _cell(nb: Any, start: str) -> str:
    found = [c.source for c in nb.cells if c.source.startswith(start)]
    assert len(found) == 1, start
    return found[0]


# The real lessons ----------------------------------------------------------------------------


def _scramble_headers(nb: Any) -> None:
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
    committed = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    nb = copy.deepcopy(committed)
    _scramble_headers(nb)
    assert _markdown(nb) != _markdown(committed)
    update_notebook(nb, stem)
    assert _markdown(nb) == _markdown(committed)


def test_the_script_checks_without_writing(tmp_path: Path) -> None:
    stem = STEMS[0]
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    committed = _markdown(nb)
    _scramble_headers(nb)
    path = tmp_path / f"{stem}.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    script = [sys.executable, str(ROOT / "scripts" / "exercise_cells.py")]
    checked = subprocess.run(
        [*script, "--check", str(path)], check=False, capture_output=True, text=True
    )
    assert checked.returncode == 1
    assert re.search(r"out of date: \S+: header", checked.stdout)
    assert path.read_bytes() == before
    written = subprocess.run([*script, str(path)], check=False, capture_output=True, text=True)
    assert written.returncode == 0
    assert _markdown(nbformat.read(path, as_version=4)) == committed
    again = subprocess.run([*script, "--check", str(path)], check=False, capture_output=True)
    assert again.returncode == 0


# A made-up lesson ----------------------------------------------------------------------------


def test_every_region_is_written_from_the_registry_and_the_rest_kept() -> None:
    exercises = _exercises()
    before = _demo()
    nb = copy.deepcopy(before)
    changed = update_notebook(nb, DEMO, exercises)
    assert changed == [
        f"{DEMO}: time to complete",
        "demo-1: header",
        "demo-1: options",
        "demo-2: header",
        "demo-2: a good answer",
        "demo-2: rubric",
    ]
    # the lesson's time: its reading time plus its exercises' minutes
    assert _cell(nb, "## Overview") == (
        "## Overview\n\nYou will learn.\n\n**Time to complete:** about 43 minutes (20 to read "
        "and run the cells, 23 for the exercises)."
    )
    # headers, with a writer's own directive option kept
    choice = _cell(nb, "```{exercise-start} demo-1")
    assert choice.startswith(header(exercises["demo-1"]) + "\n\n" + PROMPT_1 + "\n\n")
    assert "**Objective:** Separate the date of writing from the date of a figure. · " in choice
    assert "*auto-checked · 3 min*" in choice
    box = _cell(nb, "```{exercise} demo-2")
    assert box.startswith(
        "```{exercise} demo-2: Two tolls\n:label: demo-2\n:nonumber:\n:class: wide\n\n"
        "**Objective:** Explain a numerical disagreement. · *short answer · 8 min*\n\n"
        f"{PROMPT_2}\n\n"
    )
    # options: the list replaced (long ones wrapped), the question and what follows kept
    assert options_block(exercises["demo-1"]) in choice
    assert (
        "\n- (b) rises, then falls: the source published last gives the lowest figure of all"
        in (choice)
    )
    assert "\n  the others\n- (c) falls\n- (d) stays the same\n\n" in choice
    assert max(len(line) for line in choice.split("\n")[7:]) <= 100
    assert choice.endswith("\n\nAnswer with the letter.")
    assert "- (a) up\n" not in choice
    # what a good answer contains, before the box's closing fence
    assert box.endswith(
        "\n\n**A good answer (10 points)** contains:\n\n"
        "- the dates of writing compared (4 points)\n- a justified conclusion (6 points)\n```"
    )
    assert "old criterion" not in box
    # the solution keeps its model answer; the rubric is the registry's
    solution = _cell(nb, "```{solution} demo-2")
    assert solution == (
        f"```{{solution}} demo-2\n:class: dropdown\n\n{MODEL_2}\n\n"
        f"{rubric_block(exercises['demo-2'])}\n```"
    )
    assert "  - *partial (1–5 points):* Asserted." in solution
    assert "Total 8 points" not in solution
    # an exercise without a registered rubric keeps its hand-written one
    assert _cell(nb, "```{solution} demo-3") == _cell(before, "```{solution} demo-3")
    assert _cell(nb, "```{exercise} demo-3") == _cell(before, "```{exercise} demo-3")
    # only Markdown changes
    for old, new in zip(before.cells, nb.cells, strict=True):
        assert old.cell_type == new.cell_type
        if old.cell_type == "code":
            assert old == new
    # a second run changes nothing
    again = copy.deepcopy(nb)
    assert update_notebook(again, DEMO, exercises) == []
    assert _markdown(again) == _markdown(nb)


def test_blocks_are_inserted_where_none_was_written() -> None:
    exercises = _exercises()
    nb = _demo()
    for cell in nb.cells:
        if cell.source.startswith("```{solution} demo-2"):
            cell.source = cell.source.split("**Rubric**")[0].rstrip() + "\n```"
        if cell.source.startswith("```{exercise} demo-2"):
            cell.source = cell.source.split("**A good answer")[0].rstrip() + "\n```"
        if cell.source.startswith("```{exercise-start} demo-1"):
            cell.source = re.sub(r"\n- \([a-d]\)[^\n]*(\n  [^\n]*)*", "", cell.source)
            cell.source = cell.source.replace("\n\n\n", "\n\n")
            assert "- (" not in cell.source
    update_notebook(nb, DEMO, exercises)
    assert _cell(nb, "```{solution} demo-2").endswith(
        f"{MODEL_2}\n\n{rubric_block(exercises['demo-2'])}\n```"
    )
    assert _cell(nb, "```{exercise} demo-2").endswith(
        f"{PROMPT_2}\n\n{good_answer_block(exercises['demo-2'])}\n```"
    )
    choice = _cell(nb, "```{exercise-start} demo-1")
    assert f"{PROMPT_1}\n\n{options_block(exercises['demo-1'])}\n\nAnswer with" in choice
    assert update_notebook(copy.deepcopy(nb), DEMO, exercises) == []


@pytest.mark.parametrize(
    ("exercises", "message"),
    [
        (
            _exercises(demo_2={"kind": "auto"}),
            (
                r"99-demo\.ipynb cell 8: demo-2 is registered as 'auto' but its cell is an "
                r"\{exercise\} box"
            ),
        ),
        (
            _exercises(demo_1={"kind": "discussion", "options": {}}),
            r"demo-1 is registered as 'discussion' but its cell is a gated \{exercise-start\} box",
        ),
        (
            {**_exercises(), "demo-4": Exercise("demo-4", DEMO, "T", "O", "discussion", 5)},
            r"99-demo\.ipynb: no exercise cell for demo-4",
        ),
        (
            {k: v for k, v in _exercises().items() if k != "demo-3"},
            r"cell 11: exercise 'demo-3' is not in the registry",
        ),
    ],
    ids=["open-box-for-auto", "gated-box-for-open", "no-cell", "unregistered"],
)
def test_a_lesson_that_does_not_fit_the_registry_is_refused(
    exercises: dict[str, Exercise], message: str
) -> None:
    with pytest.raises(ExerciseCellsError, match=message):
        update_notebook(_demo(), DEMO, exercises)


def test_a_lesson_without_a_reading_time_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from qantar._exercise_cells import time_to_complete

    monkeypatch.delitem(READING_MINUTES, DEMO)
    with pytest.raises(ExerciseCellsError, match="no reading time for lesson '99-demo'"):
        time_to_complete(DEMO, _exercises().values())


def test_quiz_and_nbgrader_read_rubric_and_options_from_the_registry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from qantar._nbgrader import assignment_notebook
    from qantar._quiz import lesson_material, moodle_xml, points

    exercises = _exercises()
    monkeypatch.setattr(_checks, "registry", lambda: exercises)
    path = tmp_path / f"{DEMO}.ipynb"
    nbformat.write(_demo(), path)  # the hand-written rubric and options, not regenerated
    material = lesson_material(tmp_path)
    assert material["demo-2"].rubric == rubric_block(exercises["demo-2"])
    assert material["demo-1"].options == OPTIONS
    assert points(exercises["demo-2"], material["demo-2"]) == 10
    # without a registered rubric, the lesson's own
    assert material["demo-3"].rubric == OLD_RUBRIC_3
    assert points(exercises["demo-3"], material["demo-3"]) == 10
    nb = assignment_notebook(path, material)
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}
    assert rubric_block(exercises["demo-2"]) in cells["demo-2-rubric"].source
    assert cells["demo-2-answer"].metadata["nbgrader"]["points"] == 10
    xml = moodle_xml(tmp_path)
    assert "well below the others" in xml
    assert "Total 8 points" not in xml
    assert "Both dates." in xml  # the rubric's descriptors, as grader information
