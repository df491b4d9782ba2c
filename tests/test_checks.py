"""``qantar.check``: instant feedback that accepts fair variants and never crashes a lesson.

The registry is filled by the notebook authors, so the tests run over whatever
``qantar._checks.registry()`` holds; the matching rules are also tested on a
small registry of made-up exercises.
"""

from __future__ import annotations

import ast
import datetime
import math
import re
from pathlib import Path
from typing import Any

import corpus_csv
import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from IPython.core.inputtransformer2 import TransformerManager

import qantar
from qantar import _checks, _editions
from qantar._checks import KINDS, Exercise, Feedback, expected_answer, registry
from qantar._exercises import nb05, nb06

ROOT = Path(__file__).resolve().parent.parent

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
        if exercise.match == "number":  # the precision the prompt states
            assert exercise.decimals is not None
        if exercise.match == "choice":
            assert set(exercise.option_hints) <= set(exercise.choices)
    else:
        assert exercise.answer is None


@pytest.mark.parametrize("notebook", sorted({e.notebook for e in REGISTRY.values()}))
def test_each_lesson_has_enough_exercises_of_each_kind(notebook: str) -> None:
    kinds = [e.kind for e in REGISTRY.values() if e.notebook == notebook]
    assert len(kinds) >= 5
    assert kinds.count("auto") >= 2
    assert len(kinds) - kinds.count("auto") >= 2


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_evidence_rows_exist(exercise: Exercise, corpus: qantar.Corpus) -> None:
    assert all(qantar.cite(corpus, row) for row in exercise.rows)


def test_exercises_table_lists_the_registry() -> None:
    table = qantar.exercises()
    assert table.id.tolist() == list(REGISTRY)
    for notebook in set(table.notebook):
        part = qantar.exercises(notebook)
        assert set(part.notebook) == {notebook}
        assert part.id.tolist() == [e.id for e in REGISTRY.values() if e.notebook == notebook]


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_expected_answer_passes(exercise: Exercise) -> None:
    expected = expected_answer(exercise.id)
    assert expected not in (None, "")
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
    assert qantar.check(f"  {exercise.id.upper()} ", expected).correct is True


# Every variant form of every right answer (property tests) ------------------------------------

_CORPUS = qantar.load_corpus()
_SOURCES = _CORPUS.sources.set_index("source_id")
_SEPARATORS = [", ", ",", "; ", ";", " and ", " & ", "\n", " ,  ", " and\n"]


def _source_forms(source: str) -> list[str]:
    """Ways people name a source: id, short name, title, publisher, with words around."""
    row = _SOURCES.loc[source]
    short = str(row.short_name)
    publisher = str(row.publisher).split(";")[0].split(",")[0]
    return [
        source,
        short,
        short.lower(),
        short.title(),
        str(row.title),
        str(row.title).lower(),
        publisher,
        f"the {short} brief",
        f"{short} ({source})",
        f"  {short}  ",
        f'"{short}"',
    ]


@st.composite
def _number_forms(draw: st.DrawFn, exercise: Exercise, expected: Any) -> Any:
    value = float(expected)
    places = exercise.decimals or 0
    text = f"{value:.{places}f}"
    extra = draw(st.integers(0, 2)) if places else 0
    longer = f"{value:.{places}f}" + "0" * extra
    grouped = f"{value:,.{places}f}"
    forms: list[Any] = [
        expected,
        value,
        np.float64(value),
        text,
        longer,
        f"  {longer}  ",
        # a decimal comma ("0,42"); with three decimals it would be ambiguous ("1,234")
        longer.replace(".", ",") if places + extra != 3 else longer,
        f"about {grouped}",
        f"{grouped} in all",
        f"{text}.",
    ]
    if places:  # unrounded, it still rounds (half up) to the answer: 0.4049 for 0.40
        forms += [value + 0.4 * 10.0**-places, f"{value - 0.5 * 10.0**-places:.{places + 1}f}"]
    else:
        forms += [int(value), np.int64(int(value)), [int(value)]]
        forms += [grouped.replace(",", "\u202f"), f"{grouped.replace(',', ' ')} troops"]
    return draw(st.sampled_from(forms))


@st.composite
def _choice_forms(draw: st.DrawFn, letter: str) -> str:
    form = draw(
        st.sampled_from(
            [
                "{}",
                "({})",
                "{})",
                "{}.",
                " {}. ",
                "option {}",
                "Option ({})",
                "answer: {}",
                "the answer is {}",
                "{}) because of the dates",
            ]
        )
    )
    cased = draw(st.sampled_from([letter, letter.upper()]))
    return form.format(cased)


@st.composite
def _set_forms(draw: st.DrawFn, exercise: Exercise, expected: Any) -> Any:
    items = draw(st.permutations(sorted(map(str, expected))))
    if _checks._is_source_exercise(exercise):
        named = [draw(st.sampled_from(_source_forms(item))) for item in items]
    else:
        named = list(items)
    container = draw(st.sampled_from(["list", "tuple", "set", "text", "series", "dupe"]))
    if container == "text":
        # a title may hold a comma: one separator kind for the whole answer
        return draw(st.sampled_from(_SEPARATORS)).join(named)
    if container == "tuple":
        return tuple(named)
    if container == "set":
        return set(named)
    if container == "series":
        return pd.Series(named)
    if container == "dupe":
        return [*named, named[0]]
    return named


@st.composite
def _text_forms(draw: st.DrawFn, exercise: Exercise, expected: Any) -> Any:
    if _checks._is_source_exercise(exercise):
        source = _checks._canon(exercise, _CORPUS, expected)
        return draw(st.sampled_from([*_source_forms(source), [expected]]))
    text = str(expected)
    return draw(
        st.sampled_from(
            [text, text.upper(), f"  {text}  ", f"{text}.", text.replace("_", " "), f"'{text}'"]
        )
    )


def _right_forms(exercise: Exercise) -> st.SearchStrategy[Any]:
    expected = expected_answer(exercise.id)
    if exercise.match == "number":
        return _number_forms(exercise, expected)
    if exercise.match == "choice":
        return _choice_forms(str(expected))
    if exercise.match == "set":
        return _set_forms(exercise, expected)
    return _text_forms(exercise, expected)


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_form_of_the_right_answer_passes(exercise: Exercise, data: st.DataObject) -> None:
    answer = data.draw(_right_forms(exercise), label="answer")
    feedback = qantar.check(exercise.id, answer)
    assert feedback.correct is True, feedback.message


# Wrong answers: near misses, several candidates, wrong options -------------------------------


def _near_misses(exercise: Exercise, expected: Any) -> list[Any]:
    """Answers just beyond the precision the prompt asks for."""
    value = float(expected)
    places = exercise.decimals or 0
    step = 10.0**-places
    out: list[Any] = [value + step, value - step, f"{value + step:.{places}f}"]
    if places:
        out += [f"{value:.{places - 1}f}" if places > 1 else f"{value:.0f}"]  # too coarse
        out += [value + 0.6 * step, value - 0.6 * step]  # rounds to a neighbour
        half = f"{value + 0.5 * step:.{places + 1}f}"  # 19.45 for 19.4: rounds half up to 19.5
        out += [half, float(half)]
    else:
        out += [value + 0.5, value - 0.4]  # counts are whole
    return out


def _several(exercise: Exercise, expected: Any) -> list[Any]:
    """Answers that hold the right answer and another candidate."""
    if exercise.match == "number":
        value = float(expected)
        places = exercise.decimals or 0
        a, b = f"{value:.{places}f}", f"{value + 10.0**-places:.{places}f}"
        return [f"{a} or {b}", f"{a}/{b}", f"{a}-{b}", f"{b} to {a}", [value, value + 1]]
    if exercise.match == "choice":
        other = next(c for c in exercise.choices if c != expected)
        return [f"{expected} or {other}", f"{other}/{expected}", f"({expected}), ({other})"]
    if exercise.match == "set":
        items = sorted(map(str, expected))
        wanted = {_checks._canon(exercise, _CORPUS, item) for item in items}
        if _checks._is_source_exercise(exercise):
            other = _SOURCES.short_name[next(s for s in _SOURCES.index if s not in wanted)]
        else:
            other = "something_else"
        listed = " and ".join(items)
        return [f"{listed}, or {other}", [*items[:-1], f"{items[-1]} or {other}"]]
    other_source = next(
        s for s in _SOURCES.index if s != _checks._canon(exercise, _CORPUS, expected)
    )
    if _checks._is_source_exercise(exercise):
        short = _SOURCES.short_name[other_source]
        return [f"{expected} or {short}", f"{short}, {expected}", [expected, short]]
    return [f"{expected} or troops_total", [expected, "troops_total"]]


NUMBER_IDS = [e.id for e in AUTO if e.match == "number"]
#: Number exercises about days (title, objective, hint or answer function say "day(s)").
TIME_SPANS = [
    e
    for e in AUTO
    if e.match == "number"
    and re.search(
        r"\bdays?\b", f"{e.title} {e.objective} {e.hint} {e.answer.__doc__}", re.IGNORECASE
    )
]
CHOICE = [e for e in AUTO if e.match == "choice"]


@pytest.mark.parametrize("exercise_id", NUMBER_IDS, ids=NUMBER_IDS)
def test_a_near_miss_beyond_the_stated_precision_is_refused(exercise_id: str) -> None:
    exercise = REGISTRY[exercise_id]
    for answer in _near_misses(exercise, expected_answer(exercise_id)):
        feedback = qantar.check(exercise_id, answer)
        assert feedback.correct is False, f"{answer!r} was accepted"
        assert f"Hint: {exercise.hint}" in feedback.message


@pytest.mark.parametrize("exercise_id", AUTO_IDS, ids=AUTO_IDS)
def test_several_candidates_are_refused_with_a_message(exercise_id: str) -> None:
    exercise = REGISTRY[exercise_id]
    for answer in _several(exercise, expected_answer(exercise_id)):
        feedback = qantar.check(exercise_id, answer)
        assert feedback.correct is False, f"{answer!r} was accepted"
        assert feedback.message.startswith("Give one answer, not several: "), feedback.message


@pytest.mark.parametrize("exercise", CHOICE, ids=[e.id for e in CHOICE])
def test_every_wrong_option_gets_its_own_hint(exercise: Exercise) -> None:
    expected = expected_answer(exercise.id)
    messages = {}
    for letter in exercise.choices:
        if letter == expected:
            continue
        feedback = qantar.check(exercise.id, letter)
        assert feedback.correct is False
        assert exercise.option_hints.get(letter), f"no hint for option ({letter})"
        assert feedback.message.startswith(exercise.option_hints[letter])
        assert feedback.message.endswith(f"Hint: {exercise.hint}")
        messages[letter] = feedback.message
    assert len(set(messages.values())) == len(messages) == len(exercise.choices) - 1
    unknown = qantar.check(exercise.id, "z")
    assert unknown.message.startswith("There is no option (z): choose one of (a)")


def _answer_names(exercise: Exercise, expected: Any) -> set[str]:
    """Row ids and names the answer holds: a source's id and short name, a quantity id."""
    if exercise.match in ("number", "choice"):
        return set()
    items = expected if isinstance(expected, list | tuple | set | frozenset) else [expected]
    names = {str(item) for item in items}
    if _checks._is_source_exercise(exercise):
        sources = {_checks._canon(exercise, _CORPUS, item) for item in items}
        names |= sources | {str(_SOURCES.short_name[source]) for source in sources}
    return names


def _wrong_answers(exercise: Exercise, expected: Any) -> list[Any]:
    several = _several(exercise, expected)
    if exercise.match == "number":
        return [*_near_misses(exercise, expected), -1, "no idea", [float(expected) + 1], *several]
    if exercise.match == "choice":
        return [c for c in exercise.choices if c != expected] + ["z", 3.5, *several]
    if exercise.match == "set":
        items = sorted(map(str, expected))
        return [[*items, "no-such-source"], items[:-1], ["no-such-source"], 7, *several]
    return ["definitely not the answer", 12345, *several]


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_not_yet_guides_without_telling(exercise: Exercise) -> None:
    """A wrong answer's feedback names the method, never the rows, names or value of the answer.

    What the student wrote may come back quoted ("'6 or 7' holds more than one
    candidate"): it is taken out of the message before looking.
    """
    expected = expected_answer(exercise.id)
    names = _answer_names(exercise, expected)
    for answer in _wrong_answers(exercise, expected):
        feedback = qantar.check(exercise.id, answer)
        assert feedback.correct is False, f"{answer!r} was accepted"
        assert f"Hint: {exercise.hint}" in feedback.message
        assert "Evidence" not in feedback.message
        told = feedback.message
        for quoted in (repr(str(answer)[:50]), repr(str(answer)), str(answer)):
            told = told.replace(quoted, "")
        for row in exercise.rows:
            assert row not in told, f"{answer!r}: the feedback shows {row}"
        for name in names:
            found = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", told, re.IGNORECASE)
            assert not found, f"{answer!r}: the feedback names {name!r}, part of the answer"
        if exercise.match == "choice" and f"({expected})" in told:  # only in a list of all
            listed = all(f"({letter})" in told for letter in exercise.choices)
            assert listed, f"{answer!r}: the feedback names the right option"
        if exercise.match == "number":
            shown = re.findall(r"\d+(?:\.\d+)?", told)
            assert float(expected) not in {float(n) for n in shown}, feedback.message


PERCENT_PROMPT = re.compile(r"\bper ?cent\b|\bpercentage\b", re.IGNORECASE)


@pytest.mark.parametrize("exercise_id", NUMBER_IDS, ids=NUMBER_IDS)
def test_a_share_given_for_a_percentage_gets_a_message_that_confirms_nothing(
    exercise_id: str,
) -> None:
    """0.7 for "70 per cent" is a careless slip: say so, whether or not 0.7 is right."""
    exercise = REGISTRY[exercise_id]
    prompt = _prompt(exercise)
    asks_percent = bool(PERCENT_PROMPT.search(prompt.split("A good answer")[0])) and not re.search(
        r"percent agreement|per cent / 100", prompt
    )
    assert exercise.percent == asks_percent, "percent=True must match a prompt asking per cent"
    expected = float(expected_answer(exercise_id))
    if not exercise.percent:
        feedback = qantar.check(exercise_id, 0.5)
        assert "per cent" not in feedback.message.split("Hint:")[0]
        return
    right_share = qantar.check(exercise_id, expected / 100)
    wrong_share = qantar.check(exercise_id, 0.123)
    assert right_share.correct is False
    assert right_share.message == wrong_share.message
    assert right_share.message.startswith("That looks like a share between 0 and 1")
    assert qantar.check(exercise_id, expected).correct


SETS = [e for e in AUTO if e.match == "set"]


@pytest.mark.parametrize("exercise", SETS, ids=[e.id for e in SETS])
def test_feedback_on_part_of_a_set_does_not_say_which_items_belong(exercise: Exercise) -> None:
    """Trying each source alone must not sort the sources into "in" and "out".

    Before, "Right so far, but 2 item(s) are missing" answered a one-source list that
    belonged, and "At least one item does not belong" one that did not: five calls
    gave the set away without the analysis.
    """
    candidates = list(_SOURCES.index) if _checks._is_source_exercise(exercise) else []
    assert candidates, "a set exercise should name sources"
    expected = {_checks._canon(exercise, _CORPUS, i) for i in expected_answer(exercise.id)}
    messages = {source: qantar.check(exercise.id, [source]).message for source in candidates}
    assert {s for s in candidates if s in expected}, "no source of the answer was tried"
    assert len(set(messages.values())) == 1, messages
    wrong_pair = [*sorted(expected)[:1], *sorted(set(candidates) - expected)[:1]]
    assert qantar.check(exercise.id, wrong_pair).message == next(iter(messages.values()))


def _prompt(exercise: Exercise) -> str:
    """The text of the exercise's own cell in its notebook."""
    nb = nbformat.read(ROOT / "notebooks" / f"{exercise.notebook}.ipynb", as_version=4)
    for cell in nb.cells:
        found = _editions._LABEL.search(cell.source)
        if found and found.group(1) == exercise.id:
            return str(cell.source)
    return ""


@pytest.mark.parametrize("exercise_id", NUMBER_IDS, ids=NUMBER_IDS)
def test_the_prompt_asks_the_precision_the_check_enforces(exercise_id: str) -> None:
    """A prompt saying "to one decimal" has ``decimals=1`` in the registry; a count asks none."""
    exercise = REGISTRY[exercise_id]
    prompt = _prompt(exercise)
    assert prompt, f"{exercise_id}: no exercise cell in {exercise.notebook}"
    asked = re.findall(r"\bto\s+(one|two|three|1|2|3)\s+decimals?\b", prompt, re.IGNORECASE)
    words = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
    if exercise.decimals:
        assert {words[a.lower()] for a in asked} == {exercise.decimals}, (
            f"{exercise_id}: the check wants {exercise.decimals} decimal(s); the prompt asks {asked}"
        )
    else:
        assert not asked, f"{exercise_id}: a whole number is checked, the prompt asks decimals"


@pytest.mark.parametrize("exercise", TIME_SPANS, ids=[e.id for e in TIME_SPANS])
def test_a_time_span_takes_a_timedelta(exercise: Exercise) -> None:
    """Subtracting two dates gives a Timedelta: the natural answer of a days exercise."""
    days = int(expected_answer(exercise.id))
    for right in (
        pd.Timedelta(days=days),
        datetime.timedelta(days=days),
        np.timedelta64(days, "D"),
        pd.Series([pd.Timedelta(days=days)]),
        f"{days} days",
    ):
        feedback = qantar.check(exercise.id, right)
        assert feedback.correct is True, f"{right!r}: {feedback.message}"
    for wrong in (
        pd.Timedelta(days=days + 1),
        pd.Timedelta(days=days, hours=6),
        np.timedelta64("NaT"),
    ):
        feedback = qantar.check(exercise.id, wrong)
        assert feedback.correct is False, f"{wrong!r} was accepted"
        assert f"Hint: {exercise.hint}" in feedback.message


def test_a_table_points_to_the_column_it_wants(corpus: qantar.Corpus) -> None:
    feedback = qantar.check("orientation-1", corpus.sources)
    assert feedback.correct is False
    assert feedback.message.startswith("This is a whole table (a pandas DataFrame)")
    assert "'source_id' column" in feedback.message
    table = qantar.claims_for(corpus, theme="armenia", source="IAN")
    feedback = qantar.check("orientation-3", table)
    assert feedback.message.startswith("This is a whole table (a pandas DataFrame)")
    assert "len(table)" in feedback.message
    row = qantar.coverage(corpus).loc["causes"]
    feedback = qantar.check("causes-3", row)
    assert feedback.message.startswith("This is a whole column or row (a pandas Series)")
    assert "divided by each source's column total" in feedback.message
    table = qantar.compare_reports(corpus, "troops_armenia")
    assert "'source' column" in qantar.check("belarus-1", table).message
    assert qantar.check("belarus-1", table.source).correct is True  # the column itself


# What the issues reported, answer by answer ---------------------------------------------------
# (numbers, near misses, several candidates and time spans are tested above for every exercise of
# the registry, from its expected answer: no answer is typed here that a lesson owner may change)


@pytest.mark.parametrize(
    ("exercise_id", "answer", "correct"),
    [
        ("orientation-1", "CSP and IAN", True),
        ("orientation-1", "CSP & IAN", True),
        ("orientation-1", "csp\nian", True),
        ("orientation-1", "OSW and CSP and IAN", False),  # OSW wrote before the emergency ended
        ("csto-2", "Council for Strategic Policy, the COMPASS brief, IAN", True),
        ("causes-4", "option c", True),
        ("causes-4", "C.", True),
        ("causes-4", "c)", True),
        ("causes-1", "OSW & CSP", True),
        ("causes-1", "Council for Strategic Policy, OSW Centre for Eastern Studies", True),
        ("causes-1", "the OSW analysis and the CSP piece", True),
        ("causes-3", 0.138, False),  # a share, not a percentage
    ],
)
def test_answers_as_people_write_them(exercise_id: str, answer: Any, correct: bool) -> None:
    feedback = qantar.check(exercise_id, answer)
    assert feedback.correct is correct, feedback.message


def test_an_ambiguous_number_gets_a_question_not_a_guess() -> None:
    feedback = qantar.check("sources-4", "1,234")
    assert feedback.correct is False
    assert feedback.message.startswith("'1,234' can be read two ways: as 1234 or as 1.234.")
    feedback = qantar.check("csto-1", "1.420")
    assert feedback.message.startswith("'1.420' can be read two ways: as 1420 or as 1.420.")
    assert qantar.check("sources-4", "0.400").correct is True  # a leading zero is never grouped


def test_fewer_decimals_than_asked_are_refused_with_a_message() -> None:
    feedback = qantar.check("russia-1", "19")
    assert feedback.message.startswith("Give the number to one decimal, as the exercise asks.")
    assert qantar.check("sources-4", "0.4").message.startswith("Give the number to two decimals")
    assert qantar.check("csto-4", 6.5).message.startswith("Give a whole number")


def test_a_ratio_instead_of_a_percentage_gets_a_hint() -> None:
    feedback = qantar.check("causes-3", 0.138)
    assert feedback.correct is False
    assert "multiply by 100" in feedback.message


def test_check_grades_against_the_corpus_given(corpus_copy: Path, set_cell: Any) -> None:
    path = corpus_copy / "precedents.csv"
    rows = corpus_csv.read_rows(path)
    column = rows[0].index("csto_response")
    row = next(i for i, r in enumerate(rows[1:], 1) if r[column] != "deployed")
    set_cell(path, row, "csto_response", "deployed")
    extended = qantar.load_corpus(corpus_copy)
    shipped = expected_answer("csto-4")
    assert expected_answer("csto-4", extended) == shipped - 1
    assert qantar.check("csto-4", shipped - 1, corpus=extended).correct is True
    assert qantar.check("csto-4", shipped, corpus=extended).correct is False
    assert qantar.check("csto-4", shipped).correct is True  # the default: the shipped corpus
    refused = qantar.check("csto-4", shipped, corpus="data/")
    assert refused.correct is False
    assert refused.message.startswith("corpus= must be a corpus loaded with qantar.load_corpus()")


# The expected answers agree with what the lessons compute another way ------------------------


def test_days_to_the_end_of_the_emergency_agree_with_the_events_table(
    corpus: qantar.Corpus,
) -> None:
    events = corpus.events.set_index("event_id")
    assert expected_answer("orientation-2") == (events.date["e072"] - events.date["e048"]).days
    assert events.status["e072"] == "planned"  # what the exercise asks students to notice


def test_address_dated_sources_after_the_emergency_are_a_day_after_it(
    corpus: qantar.Corpus,
) -> None:
    # the explanation of orientation-1 says a one-day error would change the answer
    published = corpus.sources.set_index("source_id").published
    end = corpus.events.set_index("event_id").date["e072"]
    for source in expected_answer("orientation-1"):
        assert published[source] - end == pd.Timedelta(days=1)


def test_labour_disputes_bound_fits_the_zhanaozen_year(corpus: qantar.Corpus) -> None:
    # causes-2's explanation: CSP's Zhanaozen shooting falls one year before COMPASS's bound
    zhanaozen = corpus.figures.set_index("figure_id").value["csp-f11"]
    assert expected_answer("causes-2") - zhanaozen == 1


def test_coverage_answers_hold_with_secondary_themes_too(corpus: qantar.Corpus) -> None:
    table = qantar.coverage(corpus, include_other_themes=True)
    totals = corpus.claims.source_id.value_counts()
    ian = table.loc["armenia", "IAN"] / totals["ian"] * 100
    assert expected_answer("orientation-3") == round(ian, 1)
    # orientation-3's explanation: secondary themes add much to the heat map's count
    assert table.loc["armenia", "IAN"] > qantar.coverage(corpus).loc["armenia", "IAN"]
    # causes-3's explanation: the largest share belongs to the source with the most claims
    main = qantar.coverage(corpus)
    assert main.loc["causes"].idxmax() == "COMPASS"
    compass = main.loc["causes", "COMPASS"] / totals["compass"] * 100
    assert expected_answer("causes-3") == round(compass, 1)


def _notebook_lists(stem: str) -> dict[str, Any]:
    """Every name a code cell of the notebook binds to a literal list."""
    lists: dict[str, Any] = {}
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        # IPython syntax (the imports cell's %pip) as the Python it runs
        source = TransformerManager().transform_cell(cell.source)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        lists[target.id] = ast.literal_eval(node.value)
    return lists


def test_notebook_06_codes_the_registrys_predictions(corpus: qantar.Corpus) -> None:
    assert _notebook_lists("06-hindsight")["coding_ids"] == list(nb06.CODING_IDS)
    judged = qantar.predictions(corpus).set_index("claim_id")
    assert judged.loc[list(nb06.CODING_IDS)].evidence.map(len).gt(0).all()


def test_hindsight_answers_agree_with_the_predictions_table(corpus: qantar.Corpus) -> None:
    table = qantar.predictions(corpus)
    settled = table[table.outcome.isin(["came_true", "partly", "did_not_happen"])]
    on_russia = settled[settled.theme == "russia_role"]
    held = on_russia.outcome.isin(["came_true", "partly"]).mean()
    assert expected_answer("hindsight-1") == round(100 * held, 1)
    hedged = settled[settled.hedge_group == "hedged"]
    failed = (hedged.outcome == "did_not_happen").mean()
    assert expected_answer("hindsight-2") == round(100 * failed, 1)


def test_notebook_05_prints_the_registrys_sample_and_coder_b() -> None:
    lists = _notebook_lists("05-reading-the-sources")
    assert lists["sample_ids"] == list(nb05.SAMPLE_IDS)
    assert lists["coder_b"] == list(nb05.CODER_B)


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
        ("choice-1", ["b"], True),
        ("choice-1", ["b", "c"], False),
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
    assert qantar.check("set-1", 12).message.startswith("Give a list of items, for example")
    # a missing item and a wrong item get the same words: feedback must not reveal the set
    assert qantar.check("set-1", ["osw"]).message.startswith("Not the right set: the list is")
    assert qantar.check("set-1", ["osw", "ian"]).message == qantar.check("set-1", ["osw"]).message
    assert qantar.check("text-1", "Putin").message == "Hint: Look again."
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
