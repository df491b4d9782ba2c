"""Multiple-choice self-checks: the buttons agree with qantar.check, the notebooks and the corpus."""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

import qantar
from qantar._checks import expected_answer, registry
from qantar._selfcheck import SelfCheck, self_check_questions

ROOT = Path(__file__).resolve().parent.parent
SELF_CHECKS = qantar.self_checks()
OPTION = re.compile(r"^- \(([a-z])\) ", re.MULTILINE)


def _right_labels(question: dict[str, Any]) -> list[str]:
    return [a["answer"] for a in question["answers"] if a["correct"]]


def test_every_choice_exercise_and_every_one_source_answer_has_a_self_check() -> None:
    corpus = qantar.load_corpus()
    short_names = {n.lower() for n in corpus.sources.short_name} | set(corpus.sources.source_id)
    for exercise in registry().values():
        if exercise.kind != "auto":
            assert exercise.id not in SELF_CHECKS
            continue
        answer = expected_answer(exercise.id)
        one_source = exercise.match == "text" and str(answer).lower() in short_names
        wanted = exercise.match == "choice" or one_source
        assert (exercise.id in SELF_CHECKS) == wanted, exercise.id
    assert "causes-2" not in SELF_CHECKS  # a number to compute
    assert "sources-3" in SELF_CHECKS  # one source


@pytest.mark.parametrize("exercise_id", [e.id for e in registry().values() if e.match == "set"])
def test_a_set_of_sources_gets_no_buttons_that_would_reveal_it_one_by_one(
    exercise_id: str,
) -> None:
    """Buttons mark each source right or wrong alone: five clicks would give the set away."""
    assert exercise_id not in SELF_CHECKS
    with pytest.raises(ValueError, match="No self-check"):
        self_check_questions(exercise_id)
    # qantar.check grades the set as a whole: one right source alone is not "partly right"
    answer = expected_answer(exercise_id)
    feedback = qantar.check(exercise_id, [min(answer)])
    assert not feedback.correct


@pytest.mark.parametrize("exercise_id", SELF_CHECKS)
def test_the_right_buttons_are_the_answers_qantar_check_accepts(exercise_id: str) -> None:
    [question] = self_check_questions(exercise_id)
    right = _right_labels(question)
    wrong = [a["answer"] for a in question["answers"] if not a["correct"]]
    assert right
    assert wrong
    assert question["type"] == "multiple_choice"
    assert len(right) == 1
    assert qantar.check(exercise_id, right[0]).correct
    for label in wrong:
        assert not qantar.check(exercise_id, label).correct
        assert not qantar.check(exercise_id, [*right, label]).correct


@pytest.mark.parametrize("exercise_id", SELF_CHECKS)
def test_feedback_is_the_hint_or_the_explanation(exercise_id: str) -> None:
    exercise = registry()[exercise_id]
    [question] = self_check_questions(exercise_id)
    assert question["question"].startswith(f"Self-check ({exercise_id}): ")
    wrong = []
    for answer in question["answers"]:
        if not answer["correct"]:
            own = exercise.option_hints.get(html.unescape(answer["answer"]).strip("()"), "")
            if exercise.match == "choice":  # each wrong option has its own hint
                assert own
                wrong.append(answer["feedback"])
            shown = (
                f"Not yet. {own} Hint: {exercise.hint}"
                if own
                else f"Not yet. Hint: {exercise.hint}"
            )
            assert html.unescape(answer["feedback"]) == shown
        else:
            assert answer["feedback"].startswith("Correct. ")
            assert html.unescape(answer["feedback"]) == f"Correct. {exercise.explanation}"
        # text goes into innerHTML: nothing may stay unescaped
        for text in (question["question"], answer["answer"], answer["feedback"]):
            assert "<" not in text
            assert ">" not in text
            assert "'" not in text
    assert len(set(wrong)) == len(wrong)


@pytest.mark.parametrize("exercise_id", [e for e in SELF_CHECKS if registry()[e].match == "choice"])
def test_choice_letters_are_the_options_the_notebook_lists(exercise_id: str) -> None:
    exercise = registry()[exercise_id]
    nb = nbformat.read(ROOT / "notebooks" / f"{exercise.notebook}.ipynb", as_version=4)
    [text] = [c.source for c in nb.cells if f":label: {exercise_id}\n" in c.source]
    assert "".join(OPTION.findall(text)) == exercise.choices
    [question] = self_check_questions(exercise_id)
    assert [a["answer"] for a in question["answers"]] == [f"({c})" for c in exercise.choices]


@pytest.mark.parametrize("bad", ["causes-2", "causes-5", "no-such-exercise", "", None, 3])
def test_an_exercise_without_a_self_check_is_refused_with_the_valid_ids(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"No self-check for exercise .*Valid ids: causes-4, "):
        qantar.self_check(bad)


def _displayed(monkeypatch: pytest.MonkeyPatch, exercise_id: str) -> list[Any]:
    import IPython.display

    outputs: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: outputs.append(obj))
    qantar.self_check(exercise_id)
    return outputs


def test_self_check_output_is_the_same_every_time_and_leaves_random_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    random.seed(12345)
    expected_next = random.random()
    random.seed(12345)
    [first] = _displayed(monkeypatch, "causes-4")
    html = first.html(library=False)
    assert random.random() == expected_next  # the caller's random state is given back
    assert html == _displayed(monkeypatch, "causes-4")[0].html(library=False)
    assert html != _displayed(monkeypatch, "csto-3")[0].html(library=False)


def test_every_self_check_carries_the_quiz_script() -> None:
    """A re-run without a kernel restart, or a reloaded page, still draws the quiz."""
    bundles = [SelfCheck(e)._repr_mimebundle_() for e in ("causes-4", "csto-3", "sources-3")]
    assert [b["text/html"].count("qantar-quiz-lib") for b in bundles] == [1, 1, 1]
    assert all("function show_questions" in b["text/html"] for b in bundles)
    assert "Self-check (csto-3)" in bundles[1]["text/html"]


def test_questions_are_escaped_for_a_script_element() -> None:
    html = SelfCheck("sources-3").html(library=False)
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert data is not None
    assert "<" not in data.group(1)
    assert json.loads(data.group(1)) == self_check_questions("sources-3")


def test_self_check_needs_no_internet() -> None:
    html = SelfCheck("sources-3").html(library=True)
    assert "Self-check (sources-3)" in html
    assert "src=" not in html
    # the only address in the script is jupyterquiz's MathJax fallback, which runs only on
    # pages whose MathJax 3 is half-loaded; the book ships MathJax itself (browser tests
    # block and report every request leaving 127.0.0.1)
    addresses = set(re.findall(r"https?://[^\s'\"<>]+", html))
    assert addresses <= {"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js"}


def test_notebooks_show_a_self_check_in_every_exercise_that_has_one() -> None:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        current = None
        shown: list[str] = []
        for cell in nb.cells:
            label = re.search(r"\{exercise-start\}[^\n]*\n:label: (\S+)", cell.source)
            if label:
                current = label.group(1)
            if "{exercise-end}" in cell.source:
                current = None
            call = re.search(r'qantar\.self_check\("([^"]+)"\)', cell.source)
            if cell.cell_type == "code" and call:
                assert call.group(1) == current, f"{path.name}: self-check outside its exercise"
                assert {"exercise", "self-check"} <= set(cell.metadata.tags)
                html = [
                    o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})
                ]
                assert len(html) == 1, f"{path.name}: run the notebook"
                shown.append("".join(html[0]))
                found.setdefault(current, []).append(path.name)
        # each self-check carries jupyterquiz's script (the website keeps one copy a page)
        assert all('class="qantar-quiz-lib"' in h for h in shown), path.name
    assert sorted(found) == sorted(SELF_CHECKS)
    assert all(len(v) == 1 for v in found.values())
