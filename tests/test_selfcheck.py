"""Multiple-choice self-checks: the buttons agree with qantar.check, the notebooks and the corpus."""

from __future__ import annotations

import html
import random
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

import qantar
from qantar._checks import expected_answer, registry
from qantar._selfcheck import self_check_questions

ROOT = Path(__file__).resolve().parent.parent
SELF_CHECKS = qantar.self_checks()
OPTION = re.compile(r"^- \(([a-z])\) ", re.MULTILINE)


def _right_labels(question: dict[str, Any]) -> list[str]:
    return [a["answer"] for a in question["answers"] if a["correct"]]


def test_every_choice_exercise_and_every_source_answer_has_a_self_check() -> None:
    corpus = qantar.load_corpus()
    short_names = {n.lower() for n in corpus.sources.short_name} | set(corpus.sources.source_id)
    for exercise in registry().values():
        if exercise.kind != "auto":
            assert exercise.id not in SELF_CHECKS
            continue
        answer = expected_answer(exercise.id)
        items = [answer] if isinstance(answer, str) else answer
        names_sources = exercise.match in ("set", "text") and all(
            str(i).lower() in short_names for i in items
        )
        wanted = exercise.match == "choice" or names_sources
        assert (exercise.id in SELF_CHECKS) == wanted, exercise.id
    assert "causes-2" not in SELF_CHECKS  # a number to compute


@pytest.mark.parametrize("exercise_id", SELF_CHECKS)
def test_the_right_buttons_are_the_answers_qantar_check_accepts(exercise_id: str) -> None:
    [question] = self_check_questions(exercise_id)
    right = _right_labels(question)
    wrong = [a["answer"] for a in question["answers"] if not a["correct"]]
    assert right
    assert wrong
    if question["type"] == "many_choice":
        assert qantar.check(exercise_id, right).correct
        assert len(right) >= 2
    else:
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
        elif question["type"] == "multiple_choice":
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
    with pytest.raises(ValueError, match=r"No self-check for exercise .*Valid ids: orientation-1"):
        qantar.self_check(bad)


def _displayed(monkeypatch: pytest.MonkeyPatch, exercise_id: str) -> list[dict[str, str]]:
    import jupyterquiz.dynamic.display as shown

    outputs: list[Any] = []
    monkeypatch.setattr(shown, "display", lambda obj: outputs.append(obj))
    qantar.self_check(exercise_id)
    return [{"type": type(o).__name__, "data": o.data} for o in outputs]


def test_self_check_output_is_the_same_every_time_and_leaves_random_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    random.seed(12345)
    expected_next = random.random()
    random.seed(12345)
    first = _displayed(monkeypatch, "causes-4")
    assert random.random() == expected_next  # the caller's random state is given back
    assert first == _displayed(monkeypatch, "causes-4")
    assert first != _displayed(monkeypatch, "csto-3")
    assert [o["type"] for o in first] == ["HTML", "Javascript"]


def test_self_check_needs_no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    html, script = (o["data"] for o in _displayed(monkeypatch, "csto-2"))
    assert "Self-check (csto-2)" in script
    assert "src=" not in html
    # the only address in the script is jupyterquiz's MathJax fallback, which runs only on
    # pages whose MathJax 3 is half-loaded; the book ships MathJax itself (browser tests
    # block and report every request leaving 127.0.0.1)
    addresses = set(re.findall(r"https?://[^\s'\"<>]+", script))
    assert addresses <= {"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js"}


def test_notebooks_show_a_self_check_in_every_exercise_that_has_one() -> None:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        current = None
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
                kinds = {k for o in cell.outputs for k in o.get("data", {})}
                assert "application/javascript" in kinds, f"{path.name}: run the notebook"
                found.setdefault(current, []).append(path.name)
    assert sorted(found) == sorted(SELF_CHECKS)
    assert all(len(v) == 1 for v in found.values())
