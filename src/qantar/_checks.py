"""Exercise registry and instant feedback: ``qantar.check(exercise_id, answer)``.

Every exercise of every notebook is registered here with its id, notebook,
type, learning objective and estimated time.  Auto-checked exercises also carry
how to compute the right answer from the corpus, so answers never go stale when
the corpus grows.  :func:`check` never raises: whatever a student passes, it
returns a :class:`Feedback`.
"""

from __future__ import annotations

import html
import importlib
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ._corpus import Corpus

__all__ = ("KINDS", "Exercise", "Feedback", "check", "exercises", "registry")

KINDS = ("auto", "short_answer", "discussion")
_NOTEBOOK_MODULES = ("nb00", "nb01", "nb02", "nb03", "nb04", "nb05")
_MAX_ITEMS = 10_000
_NUMBER = re.compile(r"[-+]?\d[\d,\s]*(?:\.\d+)?")

Match = Literal["number", "choice", "set", "text"]


@dataclass(frozen=True)
class Exercise:
    """One exercise of the course.

    Attributes
    ----------
    id : str
        Stable id used in the notebook label and in ``qantar.check``.
    notebook : str
        Notebook stem, e.g. ``"01-causes"``.
    title : str
        Short title shown in the exercise box.
    objective : str
        The learning objective the exercise serves.
    kind : {"auto", "short_answer", "discussion"}
        Auto-checked by :func:`check`, or graded by an instructor with a rubric.
    minutes : int
        Estimated time for a student.
    answer : callable or None
        For auto-checked exercises, a function of the corpus returning the
        right answer (a number, a choice letter, a string, or a set).
    match : {"number", "choice", "set", "text"}
        How an answer is compared with the right one.
    choices : str
        For ``choice`` exercises, the option letters the exercise text lists
        (``"abcd"``); the self-check shows one button per letter.
    tolerance : float
        Allowed absolute difference for numbers.
    normalize : callable or None
        Maps each answer item to a canonical form before comparing (for
        instance a source short name to its id); gets (corpus, item).
    explanation : str
        Shown after a right answer: why it is right.
    hint : str
        Shown after a wrong answer: where to look.
    rows : tuple of str
        Corpus row ids (claims, figures) that hold the evidence.
    """

    id: str
    notebook: str
    title: str
    objective: str
    kind: str
    minutes: int
    answer: Callable[[Corpus], Any] | None = None
    match: Match = "text"
    choices: str = ""
    tolerance: float = 0.0
    normalize: Callable[[Corpus, str], str] | None = None
    explanation: str = ""
    hint: str = ""
    rows: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Feedback:
    """The result of :func:`check`: right or wrong, and why.

    ``correct`` is ``None`` for exercises that are not auto-checked.  An
    exercise not answered yet is not correct, but ``answered`` is False and it is
    shown as a neutral prompt ("Your turn"), not as a failure.
    """

    exercise_id: str
    correct: bool | None
    message: str
    answered: bool = True

    def __bool__(self) -> bool:
        return bool(self.correct)

    def _label(self) -> str:
        if not self.answered:
            return "Your turn"
        return {True: "Correct", False: "Not yet", None: "Note"}[self.correct]

    def __str__(self) -> str:
        return f"{self._label()} ({self.exercise_id}): {self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour = {True: "#1b7837", False: "#b2182b", None: "#4d4d4d"}[self.correct]
        if not self.answered:
            colour = "#4d4d4d"  # a prompt, not a failure
        return (
            f'<div class="qantar-feedback" role="status" style="border-left:4px solid {colour};'
            f'padding:0.3em 0.8em"><strong>{self._label()}</strong> '
            f"({html.escape(self.exercise_id)}): {html.escape(self.message)}</div>"
        )


@cache
def registry() -> dict[str, Exercise]:
    """Every exercise of the course by id, in notebook order."""
    found: dict[str, Exercise] = {}
    for module_name in _NOTEBOOK_MODULES:
        module = importlib.import_module(f"qantar._exercises.{module_name}")
        for exercise in module.EXERCISES:
            if exercise.id in found:
                msg = f"exercise id {exercise.id!r} is registered twice"
                raise RuntimeError(msg)
            if exercise.kind not in KINDS:
                msg = f"exercise {exercise.id!r}: kind must be one of {KINDS}"
                raise RuntimeError(msg)
            found[exercise.id] = exercise
    return found


def exercises(notebook: str | None = None) -> pd.DataFrame:
    """Every exercise with its notebook, type, objective and estimated time.

    Examples
    --------
    >>> table = exercises()
    >>> {"id", "notebook", "kind", "objective", "minutes"} <= set(table.columns)
    True
    >>> set(table.kind) <= {"auto", "short_answer", "discussion"}
    True
    """
    import pandas as pd

    rows = [
        {
            "id": e.id,
            "notebook": e.notebook,
            "title": e.title,
            "kind": e.kind,
            "objective": e.objective,
            "minutes": e.minutes,
        }
        for e in registry().values()
        if notebook is None or e.notebook == notebook
    ]
    return pd.DataFrame(rows, columns=["id", "notebook", "title", "kind", "objective", "minutes"])


@cache
def _corpus() -> Corpus:
    from ._corpus import load_corpus

    return load_corpus()


def expected_answer(exercise_id: str) -> Any:
    """The right answer of an auto-checked exercise (for instructors and tests)."""
    exercise = registry()[exercise_id]
    if exercise.answer is None:
        return None
    return exercise.answer(_corpus())


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        try:
            return _to_number(value.item())
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        match = _NUMBER.search(value)
        if not match:
            return None
        try:
            return float(re.sub(r"[,\s]", "", match.group()))
        except ValueError:
            return None
    return None


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().strip(".").strip().lower()


def _choice(value: Any) -> str:
    text = _text(value)
    match = re.fullmatch(r"\(?([a-z])\)?\.?", text)
    return match.group(1) if match else text


def _items(value: Any) -> list[Any] | None:
    if isinstance(value, str):
        return [part for part in re.split(r"[,;\n]", value) if part.strip()]
    if isinstance(value, dict):
        return list(value)
    if isinstance(value, Iterable):
        # a range(10**9) or an endless generator must not hang the lesson
        items = list(itertools.islice(value, _MAX_ITEMS + 1))
        return items if len(items) <= _MAX_ITEMS else None
    return None


def _same(exercise: Exercise, answer: Any, expected: Any) -> tuple[bool, str]:
    """Compare; return (correct, extra message for a wrong answer)."""
    corpus = _corpus()

    def canon(item: Any) -> str:
        text = _text(item)
        if exercise.normalize is not None:
            try:
                return _text(exercise.normalize(corpus, text))
            except (ValueError, KeyError, TypeError):
                return text
        return text

    if exercise.match == "number":
        number = _to_number(answer)
        if number is None:
            return False, "Give a number, for example 1200 or '1,200'."
        # a hair of slack so that 0.43 is within 0.01 of 0.42 despite binary floats
        slack = 1e-9 * max(1.0, abs(float(expected)))
        return abs(number - float(expected)) <= exercise.tolerance + slack, ""
    if exercise.match == "choice":
        if not isinstance(answer, str | int):
            return False, "Give the letter of one option as a string, for example 'b'."
        return _choice(answer) == _choice(expected), ""
    if exercise.match == "set":
        items = _items(answer)
        if items is None:
            return False, "Give a list of items, for example ['osw', 'sceeus']."
        given = {canon(text) for text in {_text(i) for i in items}}  # each distinct item once
        wanted = {canon(i) for i in expected}
        if given == wanted:
            return True, ""
        if given < wanted:
            return False, f"Right so far, but {len(wanted - given)} item(s) are missing."
        return False, "At least one item does not belong."
    wanted_texts = expected if isinstance(expected, list | tuple | set) else [expected]
    return canon(answer) in {canon(w) for w in wanted_texts}, ""


def check(exercise_id: Any, answer: Any = ...) -> Feedback:
    """Check a student's answer to an auto-checked exercise.

    Accepts reasonable variants: case and spacing in text, numbers given as
    strings (``"3,000"``), lists in any order where order does not matter.
    Never raises, whatever it is given.

    Parameters
    ----------
    exercise_id : str
        The exercise's id, shown in its box (e.g. ``"orientation-1"``).
    answer : any
        The answer; ``...`` (the blank template) counts as no answer yet.

    Returns
    -------
    Feedback
        ``correct`` is True or False, and ``message`` says why, with a hint
        pointing to the corpus rows to re-read after a wrong answer.

    Examples
    --------
    >>> check("no-such-exercise", 1).correct
    False
    >>> check("orientation-1", ...).correct
    False
    """
    try:
        return _check(exercise_id, answer)
    except Exception as err:  # noqa: BLE001 - feedback must never crash a lesson
        return Feedback(
            _shown(exercise_id), False, f"Could not check this answer ({type(err).__name__})."
        )


def _shown(value: Any) -> str:
    """``str(value)`` cut to 60 characters, even for objects whose ``__str__`` fails."""
    try:
        return str(value)[:60]
    except Exception:  # noqa: BLE001
        return f"<{type(value).__name__}>"


def _check(exercise_id: Any, answer: Any) -> Feedback:
    exercises_by_id = registry()
    key = str(exercise_id).strip().lower() if isinstance(exercise_id, str) else None
    if key not in exercises_by_id:
        valid = ", ".join(exercises_by_id)
        shown = str(exercise_id)[:60]
        return Feedback(shown, False, f"No exercise {shown!r}. Valid ids: {valid}")
    exercise = exercises_by_id[key]
    if exercise.kind != "auto":
        return Feedback(
            key,
            None,
            "This exercise is not auto-checked: write your answer in the notebook and compare "
            "it with the rubric your instructor gives, or discuss it in the seminar.",
        )
    if answer is ... or answer is None or (isinstance(answer, str) and not answer.strip()):
        return Feedback(
            key, False, "No answer yet: replace ... with your answer and run the cell.", False
        )
    expected = expected_answer(key)
    right, extra = _same(exercise, answer, expected)
    if right:
        return Feedback(key, True, exercise.explanation)
    rows = f"Evidence: {', '.join(exercise.rows)}." if exercise.rows else ""
    message = " ".join(part for part in (extra, f"Hint: {exercise.hint}", rows) if part)
    return Feedback(key, False, message.strip())
