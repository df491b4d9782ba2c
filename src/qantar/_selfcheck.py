"""Multiple-choice self-checks that also work in the static book: ``qantar.self_check(id)``.

A self-check shows the options of an auto-checked exercise as buttons and gives
instant feedback in the browser, with no kernel: in JupyterLab after the cell
has run, and on the pages of the course website, where the output stored by the
book build carries its own JavaScript (jupyterquiz, no CDN, no internet).

Two kinds of exercise get one, with their options and right answers taken from
the exercise registry and the corpus, never typed in twice:

* ``choice`` exercises: one button per option letter listed in the exercise
  text (``Exercise.choices``), one right;
* exercises whose answer is one source (``text``): one button per source of
  the corpus, one right.

Numeric exercises have none: their point is the computation.  Nor do exercises
whose answer is a set of sources (``set``): buttons mark each source right or
wrong on its own, so five clicks would give away the set that the exercise asks
the student to work out (``qantar.check`` grades the set as a whole).  Because the
right answers travel with the page, self-checks are for practice, not for
graded work (see the instructor guide).
"""

from __future__ import annotations

import html
import json
import random
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import _checks
from ._queries import _short_names, _source_id

if TYPE_CHECKING:
    from ._checks import Exercise
    from ._corpus import Corpus

__all__ = ("self_check", "self_check_questions", "self_checks")

#: The quiz colours: the course's dark blue with white text (contrast above 7:1);
#: green and red feedback dark enough to read on white.
COLOURS = {
    "--jq-multiple-choice-bg": "#0b3c5d",
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
    """Whether the exercise's right answer is one source of the corpus.

    Set answers are left out on purpose: see the module's docstring.
    """
    if exercise.match != "text" or exercise.answer is None:
        return False
    answer = _checks.expected_answer(exercise.id)
    try:
        return isinstance(answer, str) and bool(_source_id(corpus, answer))
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
    else:
        wanted = _source_id(corpus, str(answer))
        names = _short_names(corpus)
        labels = [(names[source], source == wanted) for source in names]
        prompt = "Choose one source."
    answers = []
    for label, correct in labels:
        if not correct:
            own = (
                exercise.option_hints.get(label.strip("()"), "")
                if exercise.match == "choice"
                else ""
            )
            feedback = f"Not yet. {own} Hint: {exercise.hint}" if own else hint
        else:
            feedback = f"Correct. {exercise.explanation}"
        answers.append(
            {"answer": html.escape(label), "correct": correct, "feedback": html.escape(feedback)}
        )
    title = exercise.title if exercise.title.endswith(("?", ".", "!")) else f"{exercise.title}."
    question = f"Self-check ({exercise.id}): {title} {prompt}"
    return [{"question": html.escape(question), "type": "multiple_choice", "answers": answers}]


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
    Outside Jupyter the output (one HTML block: the quiz, its questions as JSON and the
    script that draws it) shows as text:

    >>> self_check("csto-3")
    <self-check csto-3>
    """
    from IPython.display import display

    # IPython's display() carries no annotations, so strict mypy cannot check the call
    display(SelfCheck(exercise_id))  # type: ignore[no-untyped-call]


def quiz_library() -> str:
    """jupyterquiz's script (its question types and ``show_questions``), as one text.

    The course website serves it once, as ``_static/qantar-quiz.js``, on the
    pages that hold a self-check (``course/_ext/qantar_web.py``).
    """
    folder = resources.files("jupyterquiz").joinpath("js")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".js")), key=lambda f: f.name)
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _embed(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


#: Draws one quiz once jupyterquiz's ``show_questions`` is defined (by the script shown with
#: the first self-check of a notebook, or by the website's ``qantar-quiz.js``), then has
#: screen readers announce its feedback.
_DRAW = """(function (id) {
  var tries = 0;
  function draw() {
    var box = document.getElementById(id);
    if (box && box.dataset.drawn) { return; }
    if (!box) {  // JupyterLab runs the script before the output is in the page
      if (++tries < 300) { setTimeout(draw, 100); }
      return;
    }
    // wait for jupyterquiz's script, and for a MathJax that is still starting up (else
    // jupyterquiz fetches its own from a CDN)
    var mathjax = window.MathJax;
    var starting = mathjax && typeof mathjax.typeset !== "function";
    if (typeof window.show_questions !== "function" || (starting && tries < 250)) {
      if (++tries < 300) { setTimeout(draw, 100); }
      else { box.textContent = "Run the first self-check of this notebook again to load the quiz."; }
      return;
    }
    box.dataset.drawn = "1";
    var data = document.getElementById(id + "-data");
    window.show_questions(JSON.parse(data.textContent), box);
    box.querySelectorAll(".Feedback").forEach(function (f) {
      f.setAttribute("aria-live", "polite");
      f.setAttribute("role", "status");
    });
  }
  draw();
})(%s);"""


class SelfCheck:
    """The rich output of :func:`self_check`: the quiz's HTML, its questions, and the code to draw it.

    The questions travel as JSON (escaped for a ``<script>`` element).  jupyterquiz's
    script is included in every output, so that a re-run or a reloaded page still draws
    the quiz; the course website strips those copies and loads the script once per page.
    """

    def __init__(self, exercise_id: str) -> None:
        self.exercise_id = exercise_id
        self.questions = self_check_questions(exercise_id)

    def __repr__(self) -> str:
        return f"<self-check {self.exercise_id}>"

    def html(self, *, library: bool) -> str:
        """The quiz's HTML, with jupyterquiz's script if *library*."""
        # a stable id, derived from the exercise id: the same output every time
        state = random.getstate()
        random.seed(f"qantar-self-check-{self.exercise_id}")
        try:
            div_id = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(12))
        finally:
            random.setstate(state)
        colours = "".join(f"{k}: {v}; " for k, v in COLOURS.items())
        css = resources.files("jupyterquiz").joinpath("styles.css").read_text(encoding="utf-8")
        parts = [
            f'<div class="qantar-quiz" style="{colours}">',
            (
                f'<div id="{div_id}" data-shufflequestions="False" data-shuffleanswers="False" '
                'data-preserveresponses="false" data-numquestions="1000000" data-maxwidth="720" '
                'style="border-radius: 10px; text-align: left"></div>'
            ),
            f"<style>{css}</style>",
            f'<script type="application/json" id="{div_id}-data">{_embed(self.questions)}</script>',
        ]
        if library:
            parts.append(f'<script class="qantar-quiz-lib">{quiz_library()}</script>')
        parts.append(f"<script>{_DRAW % json.dumps(div_id)}</script></div>")
        return "".join(parts)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, str]:
        # every output carries jupyterquiz's script: a cell re-run without restarting the
        # kernel, or a reloaded page, must still draw the quiz; the book keeps one copy a page
        return {"text/html": self.html(library=True), "text/plain": repr(self)}
