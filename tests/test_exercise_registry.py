"""What the registry promises students: honest minutes and rubrics they can aim at (#10, #14)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from qantar._checks import registry
from qantar._exercise_cells import good_answer_block, time_to_complete
from qantar._quiz import lesson_material

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
STEMS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
OPEN = [e for e in registry().values() if e.kind != "auto"]
OPEN_IDS = [e.id for e in OPEN]
_WORDS = re.compile(r"(\d+)(?:\s*(?:to|-|–)\s*(\d+))?\s+words")


@pytest.fixture(scope="module")
def prompts() -> dict[str, str]:
    return {label: m.prompt for label, m in lesson_material(NOTEBOOKS).items()}


def _box(exercise_id: str) -> str:
    exercise = registry()[exercise_id]
    nb = nbformat.read(NOTEBOOKS / f"{exercise.notebook}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if f":label: {exercise_id}\n" in c.source)


def test_every_exercise_takes_at_least_two_minutes() -> None:
    assert {e.id: e.minutes for e in registry().values() if e.minutes < 2} == {}


@pytest.mark.parametrize("exercise", OPEN, ids=OPEN_IDS)
def test_open_exercises_allow_two_minutes_per_50_words(exercise: object) -> None:
    from qantar._checks import Exercise

    assert isinstance(exercise, Exercise)
    assert exercise.minutes * 50 >= 2 * exercise.words, (
        f"{exercise.id}: {exercise.words} words of writing need at least "
        f"{-(-2 * exercise.words // 50)} minutes, not {exercise.minutes}"
    )


@pytest.mark.parametrize("exercise_id", OPEN_IDS)
def test_open_exercises_register_the_words_their_prompt_asks(
    exercise_id: str, prompts: dict[str, str]
) -> None:
    # "In 100 to 150 words", "(About 300 words ...)": the registry's `words` is the most asked
    asked = [int(b or a) for a, b in _WORDS.findall(prompts[exercise_id])]
    assert registry()[exercise_id].words == max(asked, default=0)


def test_auto_checked_exercises_have_no_rubric() -> None:
    assert [e.id for e in registry().values() if e.kind == "auto" and e.rubric] == []


@pytest.mark.parametrize("exercise_id", OPEN_IDS)
def test_every_open_exercise_has_a_rubric_of_10_points_with_level_descriptors(
    exercise_id: str,
) -> None:
    rubric = registry()[exercise_id].rubric
    assert rubric, f"{exercise_id}: no rubric registered (src/qantar/_exercises/)"
    assert sum(c.points for c in rubric) == 10
    for criterion in rubric:
        assert criterion.points > 0
        assert criterion.name.strip()
        assert criterion.full.strip()
        assert criterion.partial.strip()
        assert criterion.none.strip()
    assert len({c.name for c in rubric}) == len(rubric)


@pytest.mark.parametrize("exercise_id", OPEN_IDS)
def test_every_open_exercise_prompt_names_each_criterion(exercise_id: str) -> None:
    exercise = registry()[exercise_id]
    assert exercise.rubric, f"{exercise_id}: no rubric registered (src/qantar/_exercises/)"
    box = _box(exercise_id)
    assert good_answer_block(exercise) in box
    for criterion in exercise.rubric:
        assert f"- {criterion.name} ({criterion.points} point" in box


@pytest.mark.parametrize("stem", STEMS)
def test_time_to_complete_adds_up_from_the_registry(stem: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    overview = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert time_to_complete(stem) in overview
