"""Multiple-choice self-checks that also work in the static book: ``qantar.self_check(id)``.

A self-check shows the options of an auto-checked exercise as buttons and gives
instant feedback in the browser, with no kernel: in JupyterLab after the cell
has run, and on the pages of the course website, where the output stored by the
book build carries its own JavaScript (jupyterquiz, no CDN, no internet).

Two kinds of exercise get one, with their options and right answers taken from
the exercise registry and the corpus, never typed in twice:

* ``choice`` exercises: one button per option letter listed in the exercise
  text (``Exercise.choices``), one right;
* exercises whose answer is one source or a set of sources: one button per
  source of the corpus, one right (``text``) or several (``set``).

Numeric exercises have none: their point is the computation.  Because the
right answers travel with the page, self-checks are for practice, not for
graded work (see the instructor guide).
"""

from __future__ import annotations

import html
import random
from typing import TYPE_CHECKING, Any

from . import _checks
from ._queries import _short_names, _source_id

if TYPE_CHECKING:
    from ._checks import Exercise
    from ._corpus import Corpus

__all__ = ("self_check", "self_check_questions", "self_checks")

#: The quiz colours: the course's dark blue for single choice and a dark orange for
#: several answers, both with white text (contrast above 7:1); green and red feedback
#: dark enough to read on white.
COLOURS = {
    "--jq-multiple-choice-bg": "#0b3c5d",
    "--jq-many-choice-bg": "#8a3b00",
    "--jq-mc-button-bg": "#fafafa",
    "--jq-mc-button-border": "#5a5a5a",
    "--jq-text-color": "#ffffff",
    "--jq-correct-color": "#0a6b1f",
    "--jq-incorrect-color": "#a50f15",
    "--jq-link-color": "#cfe3ff",
}


def _has_self_check(corpus: Corpus, exercise: Exercise) -> bool:
    if exercise.kind != "auto":
        return False
    return (exercise.match == "choice" and bool(exercise.choices)) or _source_valued(
        corpus, exercise
    )


def _source_valued(corpus: Corpus, exercise: Exercise) -> bool:
    """Whether every item of the exercise's right answer names a source of the corpus."""
    if exercise.match not in ("text", "set") or exercise.answer is None:
        return False
    answer = _checks.expected_answer(exercise.id)
    items = [answer] if isinstance(answer, str) else list(answer)
    try:
        return bool(items) and all(_source_id(corpus, str(item)) for item in items)
    except ValueError:
        return False


def self_checks() -> list[str]:
    """The ids of the exercises that have a multiple-choice self-check, in course order.

    Examples
    --------
    >>> "causes-4" in self_checks()
    True
    >>> "causes-2" in self_checks()  # a number to compute: no self-check
    False
    """
    corpus = _checks._corpus()
    return [e.id for e in _checks.registry().values() if _has_self_check(corpus, e)]


def _unknown(exercise_id: Any) -> ValueError:
    valid = ", ".join(self_checks())
    return ValueError(f"No self-check for exercise {str(exercise_id)[:60]!r}. Valid ids: {valid}")


def self_check_questions(exercise_id: str) -> list[dict[str, Any]]:
    """The jupyterquiz question list of a self-check (escaped HTML, right answers marked).

    Raises
    ------
    ValueError
        If the exercise has no self-check; the message lists the ids that do.

    Examples
    --------
    >>> [question] = self_check_questions("causes-4")
    >>> question["type"], [a["answer"] for a in question["answers"]]
    ('multiple_choice', ['(a)', '(b)', '(c)', '(d)'])
    >>> [a["answer"] for a in question["answers"] if a["correct"]]
    ['(c)']
    """
    corpus = _checks._corpus()
    exercise = _checks.registry().get(exercise_id) if isinstance(exercise_id, str) else None
    if exercise is None or not _has_self_check(corpus, exercise):
        raise _unknown(exercise_id)
    answer = _checks.expected_answer(exercise_id)
    hint = f"Not yet. Hint: {exercise.hint}"
    if exercise.match == "choice":
        right = str(answer).strip("() ").lower()
        labels = [(f"({letter})", letter == right) for letter in exercise.choices]
        prompt = "Choose the letter of one option listed above."
        kind = "multiple_choice"
    else:
        items = [answer] if isinstance(answer, str) else list(answer)
        wanted = {_source_id(corpus, str(item)) for item in items}
        names = _short_names(corpus)
        labels = [(names[source], source in wanted) for source in names]
        if exercise.match == "set":
            prompt = "Choose every source that applies: each right choice is counted."
            kind = "many_choice"
        else:
            prompt = "Choose one source."
            kind = "multiple_choice"
    answers = []
    for label, correct in labels:
        if not correct:
            own = (
                exercise.option_hints.get(label.strip("()"), "")
                if exercise.match == "choice"
                else ""
            )
            feedback = f"Not yet. {own} Hint: {exercise.hint}" if own else hint
        elif kind == "many_choice":
            feedback = f"Yes, {label} is one of them."
        else:
            feedback = f"Correct. {exercise.explanation}"
        answers.append(
            {"answer": html.escape(label), "correct": correct, "feedback": html.escape(feedback)}
        )
    title = exercise.title if exercise.title.endswith(("?", ".", "!")) else f"{exercise.title}."
    question = f"Self-check ({exercise.id}): {title} {prompt}"
    return [{"question": html.escape(question), "type": kind, "answers": answers}]


def self_check(exercise_id: str) -> None:
    """Show the multiple-choice self-check of an exercise: buttons with instant feedback.

    Works without a kernel once displayed: in JupyterLab after the cell has run
    and on the pages of the course website.  The same exercise gives the same
    output every time (the quiz's element id is derived from the exercise id),
    so notebooks that show self-checks keep stable stored outputs.

    Parameters
    ----------
    exercise_id : str
        An id from :func:`self_checks`, e.g. ``"causes-4"``.

    Raises
    ------
    ValueError
        If the exercise has no self-check; the message lists the ids that do.

    Examples
    --------
    Outside Jupyter the two outputs (the quiz's HTML and its script) show as objects:

    >>> self_check("csto-3")
    <IPython.core.display.HTML object>
    <IPython.core.display.Javascript object>
    """
    questions = self_check_questions(exercise_id)
    from jupyterquiz import display_quiz

    # jupyterquiz names its container with the module-level random generator: seed it
    # with the exercise id for a stable id, then give the caller's state back.
    state = random.getstate()
    random.seed(f"qantar-self-check-{exercise_id}")
    try:
        display_quiz(questions, shuffle_answers=False, colors=COLOURS, max_width=720)
    finally:
        random.setstate(state)
