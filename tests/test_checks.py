"""``qantar.check``: instant feedback that accepts fair variants and never crashes a lesson.

The registry is filled by the notebook authors, so the tests run over whatever
``qantar._checks.registry()`` holds; the matching rules are also tested on a
small registry of made-up exercises.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qantar
from qantar import _checks
from qantar._checks import KINDS, Exercise, Feedback, expected_answer, registry

REGISTRY = registry()
AUTO = [e for e in REGISTRY.values() if e.kind == "auto"]
OPEN = [e for e in REGISTRY.values() if e.kind != "auto"]
AUTO_IDS = [e.id for e in AUTO]
OPEN_IDS = [e.id for e in OPEN]
BLANK = "No answer yet: replace ... with your answer and run the cell."


class StrRaises:
    """An answer whose ``str()`` fails, like a half-built object."""

    def __str__(self) -> str:
        msg = "no text for you"
        raise RuntimeError(msg)

    def __repr__(self) -> str:  # hypothesis prints the examples it tries
        return "StrRaises()"


class IterRaises:
    def __iter__(self) -> Any:
        msg = "not iterable after all"
        raise TypeError(msg)


class StrSubclassRaises(str):
    def __str__(self) -> str:
        msg = "broken str subclass"
        raise ValueError(msg)

    def strip(self, chars: str | None = None) -> str:
        msg = "broken strip"
        raise ValueError(msg)


HOSTILE = [
    StrRaises(),
    IterRaises(),
    StrSubclassRaises("orientation-1"),
    object(),
    type,
    print,
    np.array([1, 2, 3]),
    np.float64("nan"),
    np.int64(4),
    range(10**9),
    "9" * 200_000,
    "a " * 100_000,
    "osw," * 50_000,
    "\x00\udcff\u202e",
    b"\xff\xfe",
    1e308 * 10,
    -0.0,
    10**400,
    complex(1, 1),
]


def _feedback_ok(feedback: object) -> None:
    assert isinstance(feedback, Feedback)
    assert feedback.correct in (True, False, None)
    assert isinstance(feedback.message, str)
    assert isinstance(feedback.exercise_id, str)
    str(feedback)
    repr(feedback)
    feedback._repr_html_()
    bool(feedback)


# Never raises ---------------------------------------------------------------------------------

_scalars = (
    st.none()
    | st.just(...)
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.binary()
    | st.complex_numbers()
    | st.sampled_from(HOSTILE[:6])
)
answers = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        | st.sets(st.text(max_size=8) | st.integers(), max_size=6)
    ),
    max_leaves=12,
)
exercise_ids = (
    st.sampled_from([*REGISTRY, "no-such-exercise"])
    | st.sampled_from([*REGISTRY, "x"]).map(lambda s: f"  {s.upper()} ")
    | st.text()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.none()
    | st.binary()
    | st.sampled_from(HOSTILE[:6])
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exercise_id=exercise_ids, answer=answers)
def test_check_never_raises(exercise_id: Any, answer: Any) -> None:
    _feedback_ok(qantar.check(exercise_id, answer))


@pytest.mark.parametrize("exercise_id", AUTO_IDS, ids=AUTO_IDS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_check_never_raises_on_auto_exercises(exercise_id: str, answer: Any) -> None:
    _feedback_ok(qantar.check(exercise_id, answer))


@pytest.mark.parametrize("answer", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_check_survives_hostile_answers(answer: Any) -> None:
    for exercise_id in [*AUTO_IDS, *OPEN_IDS[:1], "no-such-exercise"]:
        feedback = qantar.check(exercise_id, answer)
        _feedback_ok(feedback)
        assert feedback.correct is not True or exercise_id in AUTO_IDS


@pytest.mark.parametrize("exercise_id", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_check_survives_hostile_ids(exercise_id: Any) -> None:
    feedback = qantar.check(exercise_id, "b")
    _feedback_ok(feedback)
    assert feedback.correct is False
    assert len(feedback.exercise_id) <= 60


def test_check_without_an_answer_is_the_blank_template() -> None:
    for exercise in AUTO:
        assert qantar.check(exercise.id).message == BLANK


# Unknown ids, blank templates, open exercises -------------------------------------------------


@pytest.mark.parametrize(
    "exercise_id",
    ["no-such-exercise", "causes 1", "", 42],
    ids=["unknown", "space", "empty", "int"],
)
def test_unknown_id_lists_the_valid_ones(exercise_id: Any) -> None:
    feedback = qantar.check(exercise_id, "b")
    assert feedback.correct is False
    assert feedback.message.startswith(f"No exercise {str(exercise_id)!r}. Valid ids: ")
    for known in REGISTRY:
        assert known in feedback.message


def test_registry_is_not_empty() -> None:
    if not REGISTRY:
        pytest.skip("no exercise registered yet in src/qantar/_exercises")
    assert AUTO, "at least one exercise should be auto-checked"


@pytest.mark.parametrize("exercise_id", AUTO_IDS, ids=AUTO_IDS)
@pytest.mark.parametrize(
    "blank", [..., None, "", "   \n"], ids=["ellipsis", "None", "empty", "spaces"]
)
def test_blank_template_is_wrong_with_a_helpful_message(exercise_id: str, blank: Any) -> None:
    feedback = qantar.check(exercise_id, blank)
    assert feedback.correct is False
    assert not feedback
    assert feedback.message == BLANK
    assert str(feedback) == f"Your turn ({exercise_id}): {BLANK}"
    assert not feedback.answered
    assert "#b2182b" not in feedback._repr_html_()  # a neutral prompt, not a red failure


@pytest.mark.parametrize("exercise_id", OPEN_IDS, ids=OPEN_IDS)
def test_open_exercises_are_not_auto_checked(exercise_id: str) -> None:
    feedback = qantar.check(exercise_id, "My long answer about the CSTO.")
    assert feedback.correct is None
    assert "not auto-checked" in feedback.message
    assert str(feedback).startswith(f"Note ({exercise_id})")


# Every registered exercise: metadata, expected answer, variants, wrong answers ---------------


@pytest.mark.parametrize("exercise", REGISTRY.values(), ids=REGISTRY.keys())
def test_exercise_metadata(exercise: Exercise) -> None:
    assert re.fullmatch(r"[a-z]+-\d+", exercise.id)
    assert re.fullmatch(r"\d\d-[a-z0-9-]+", exercise.notebook)
    assert exercise.kind in KINDS
    assert exercise.title.strip()
    assert exercise.objective.strip()
    assert 0 < exercise.minutes <= 60
    if exercise.kind == "auto":
        assert callable(exercise.answer)
        assert exercise.explanation.strip()
        assert exercise.hint.strip()
    else:
        assert exercise.answer is None


def test_exercises_table_lists_the_registry() -> None:
    table = qantar.exercises()
    assert table.id.tolist() == list(REGISTRY)
    for notebook in set(table.notebook):
        part = qantar.exercises(notebook)
        assert set(part.notebook) == {notebook}
        assert part.id.tolist() == [e.id for e in REGISTRY.values() if e.notebook == notebook]


def _variants(exercise: Exercise, expected: Any) -> list[Any]:
    """Answers a fair marker would accept, by how the exercise compares answers."""
    if exercise.match == "number":
        value = float(expected)
        out: list[Any] = [expected, value, str(expected), f"  {expected}  ", np.float64(value)]
        if value.is_integer():
            out += [int(value), str(int(value)), f"{int(value):,}", f"about {int(value):,} people"]
        return out
    if exercise.match == "choice":
        letter = str(expected)
        return [letter, letter.upper(), f"({letter})", f" {letter}. ", f"{letter.upper()})"]
    if exercise.match == "set":
        items = sorted(map(str, expected))
        return [
            items,
            list(reversed(items)),
            tuple(items),
            set(items),
            [i.upper() for i in items],
            ", ".join(reversed(items)),
            "; ".join(i.upper() for i in items),
            [*items, items[0]],
        ]
    texts = expected if isinstance(expected, list | tuple | set) else [expected]
    text = str(next(iter(texts)))
    return [text, text.upper(), f"  {text}  ", f"{text}.", text.replace(" ", "  ")]


def _wrong(exercise: Exercise, expected: Any) -> list[Any]:
    if exercise.match == "number":
        value = float(expected)
        return [value + exercise.tolerance + 1, -value - 1, "no idea", [value]]
    if exercise.match == "choice":
        other = next(c for c in "abcdefgh" if c != str(expected).strip().lower())
        return [other, "z", 3.5]
    if exercise.match == "set":
        items = sorted(map(str, expected))
        return [[*items, "no-such-source"], items[:-1], ["no-such-source"], 7]
    return ["definitely not the answer", 12345]


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_expected_answer_passes(exercise: Exercise) -> None:
    expected = expected_answer(exercise.id)
    assert expected is not None
    if exercise.match == "number":
        assert math.isfinite(float(expected))
    if exercise.match == "choice":
        assert re.fullmatch(r"[a-z]", str(expected))
    if exercise.match == "set":
        assert len(expected) > 0
    feedback = qantar.check(exercise.id, expected)
    assert feedback.correct is True, feedback.message
    assert feedback.message == exercise.explanation
    assert str(feedback).startswith(f"Correct ({exercise.id})")


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_fair_variants_pass(exercise: Exercise) -> None:
    expected = expected_answer(exercise.id)
    for answer in _variants(exercise, expected):
        feedback = qantar.check(exercise.id, answer)
        assert feedback.correct is True, f"{answer!r}: {feedback.message}"
    assert qantar.check(f"  {exercise.id.upper()} ", expected).correct is True


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_wrong_answers_fail_with_a_hint(exercise: Exercise) -> None:
    expected = expected_answer(exercise.id)
    for answer in _wrong(exercise, expected):
        feedback = qantar.check(exercise.id, answer)
        assert feedback.correct is False, f"{answer!r} was accepted"
        assert f"Hint: {exercise.hint}" in feedback.message
        if exercise.rows:
            assert f"Evidence: {', '.join(exercise.rows)}." in feedback.message


# The matching rules, on made-up exercises -------------------------------------------------


def _made_up(**kwargs: Any) -> Exercise:
    base = {
        "notebook": "99-test",
        "title": "t",
        "objective": "o",
        "kind": "auto",
        "minutes": 1,
        "explanation": "Because.",
        "hint": "Look again.",
    }
    return Exercise(**{**base, **kwargs})


def _source(corpus: qantar.Corpus, item: str) -> str:
    names = dict(zip(corpus.sources.short_name.str.lower(), corpus.sources.source_id, strict=True))
    return str(names.get(item, item))


MADE_UP = {
    e.id: e
    for e in [
        _made_up(id="num-1", answer=lambda c: 3000.0, match="number"),
        _made_up(id="num-2", answer=lambda c: 0.42, match="number", tolerance=0.01),
        _made_up(id="choice-1", answer=lambda c: "b", match="choice"),
        _made_up(id="set-1", answer=lambda c: {"osw", "sceeus"}, match="set", normalize=_source),
        _made_up(id="text-1", answer=lambda c: "Karim Masimov", match="text", rows=("osw-003",)),
        _made_up(id="text-2", answer=lambda c: ["CSTO", "Collective Security Treaty Organization"]),
        _made_up(id="open-1", kind="discussion"),
    ]
}


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_checks, "registry", lambda: MADE_UP)


@pytest.mark.usefixtures("made_up")
@pytest.mark.parametrize(
    ("exercise_id", "answer", "correct"),
    [
        ("num-1", 3000, True),
        ("num-1", "3,000", True),
        ("num-1", "3 000", True),
        ("num-1", " 3000.0 ", True),
        ("num-1", "about 3,000 troops", True),
        ("num-1", np.int64(3000), True),
        ("num-1", 3001, False),
        ("num-1", True, False),
        ("num-1", float("nan"), False),
        ("num-1", float("inf"), False),
        ("num-2", 0.425, True),
        ("num-2", "0.43", True),
        ("num-2", 0.44, False),
        ("choice-1", "B", True),
        ("choice-1", "(b)", True),
        ("choice-1", "b.", True),
        ("choice-1", "c", False),
        ("choice-1", ["b"], False),
        ("set-1", ["sceeus", "osw"], True),
        ("set-1", ("OSW", "SCEEUS"), True),
        ("set-1", "SCEEUS, OSW", True),
        ("set-1", "osw;\nsceeus", True),
        ("set-1", {"osw": 1, "sceeus": 2}, True),
        ("set-1", ["osw"], False),
        ("set-1", ["osw", "sceeus", "ian"], False),
        ("set-1", 12, False),
        ("text-1", "karim  masimov", True),
        ("text-1", "KARIM MASIMOV.", True),
        ("text-1", "Masimov", False),
        ("text-2", "csto", True),
        ("text-2", "collective security treaty organization", True),
        ("text-2", "NATO", False),
    ],
)
def test_matching_rules(exercise_id: str, answer: Any, correct: bool) -> None:
    assert qantar.check(exercise_id, answer).correct is correct


@pytest.mark.usefixtures("made_up")
def test_messages_of_the_matching_rules() -> None:
    assert qantar.check("num-1", "lots").message.startswith("Give a number, for example 1200")
    assert qantar.check("choice-1", 2.5).message.startswith("Give the letter of one option")
    assert qantar.check("set-1", 12).message.startswith("Give a list of items")
    assert qantar.check("set-1", ["osw"]).message.startswith("Right so far, but 1 item(s)")
    assert qantar.check("set-1", ["osw", "ian"]).message.startswith("At least one item does not")
    assert qantar.check("text-1", "Putin").message == "Hint: Look again. Evidence: osw-003."
    assert qantar.check("text-1", "karim masimov").message == "Because."
    assert qantar.check("open-1", "anything").correct is None


@pytest.mark.usefixtures("made_up")
def test_an_answer_function_that_fails_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(corpus: qantar.Corpus) -> Any:
        raise KeyError("renamed column")

    monkeypatch.setitem(MADE_UP, "broken-1", _made_up(id="broken-1", answer=broken))
    feedback = qantar.check("broken-1", "x")
    assert feedback.correct is False
    assert feedback.message == "Could not check this answer (KeyError)."


def test_feedback_html_is_escaped() -> None:
    feedback = Feedback("<b>id</b>", False, "<script>alert(1)</script>")
    page = feedback._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;id&lt;/b&gt;" in page
    assert 'role="status"' in page
