"""Exercise registry and instant feedback: ``qantar.check(exercise_id, answer)``.

Every exercise of every notebook is registered here with its id, notebook,
type, learning objective and estimated time.  Auto-checked exercises also carry
how to compute the right answer from the corpus, so answers never go stale when
the corpus grows.  :func:`check` never raises: whatever a student passes, it
returns a :class:`Feedback`.  After a wrong answer the feedback names the
method and where to look (the exercise's hint, and for a multiple-choice
exercise the chosen option's own hint), never the rows, ids or value of the
answer.
"""

from __future__ import annotations

import html
import importlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ._corpus import Corpus

__all__ = ("KINDS", "Criterion", "Exercise", "Feedback", "check", "exercises", "registry")

KINDS = ("auto", "short_answer", "discussion")
_NOTEBOOK_MODULES = ("nb00", "nb01", "nb02", "nb03", "nb04", "nb05", "nb06")
_MAX_ITEMS = 10_000

Match = Literal["number", "choice", "set", "text"]


@dataclass(frozen=True)
class Criterion:
    """One criterion of an open exercise's rubric.

    Attributes
    ----------
    name : str
        What a good answer contains, in a few words a student can aim at; the
        exercise prompt lists it (generated from the registry) and the rubric
        scores it.
    points : int
        Points for meeting the criterion fully; an exercise's criteria total 10.
    full, partial, none : str
        Level descriptors: what an answer earning all, about half, or none of
        the points looks like.
    """

    name: str
    points: int
    full: str
    partial: str
    none: str


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
        Allowed absolute difference for numbers whose ``decimals`` is None.
    decimals : int or None
        For ``number`` exercises, the precision the prompt asks for: ``0``
        for a whole number (a count or a number of days: only the exact value
        is right), ``1`` for "to one decimal", ``2`` for "to two decimals".
        An answer is right when it rounds (half up) to the same value as the
        expected answer at that precision: for 7.3 asked to one decimal,
        7.3, "7.30" and 7.34 are right, 7.4 and 7.35 are not.  A number
        written as text with fewer decimals than asked ("7") is refused with
        a message; a Python or NumPy number is judged by its value only, since
        a float does not record how it was written.
    percent : bool
        For ``number`` exercises whose prompt asks for a percentage: an
        answer between 0 and 1 is refused with a message that asks for per
        cent (the same message whatever its value, so it confirms nothing).
    normalize : callable or None
        Maps each answer item to a canonical form before comparing (for
        instance a source short name to its id); gets (corpus, item).  With
        ``qantar._queries._source_id`` the answer is read as naming sources:
        by id, short name, full title or publisher, with words around them
        ("the COMPASS brief").
    option_hints : mapping of str to str
        For ``choice`` exercises, a hint for each wrong option letter: why that
        option does not fit and where to look, never which option does.
    column : str
        Where, in the table the exercise works with, the answer is read, e.g.
        ``"'source' column of qantar.compare_reports(...)"``; shown when a
        student passes a whole DataFrame or Series.
    explanation : str
        Shown after a right answer: why it is right.
    hint : str
        Shown after a wrong answer: the method and where to look, never the
        answer itself.
    rows : tuple of str
        Corpus row ids (claims, figures) that hold the evidence: for the
        answer key and the explanation, never shown after a wrong answer.
    rubric : tuple of Criterion
        For open exercises (``short_answer``, ``discussion``): the criteria a
        grader scores, totalling 10 points.  Empty for auto-checked ones.
    points : int
        What an auto-checked exercise is worth in a gradebook (nbgrader,
        Moodle, Canvas); 0 means the default (1 point).  An open exercise is
        worth its rubric's total.
    options : mapping of str to str
        For ``choice`` exercises, the text of each option by letter, as the
        exercise cell lists it (written there from the registry).
    words : int
        For open exercises, the most words of writing the prompt asks for (0
        when it asks for none); the time estimate allows at least 2 minutes
        per 50 words.
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
    decimals: int | None = None
    percent: bool = False
    normalize: Callable[[Corpus, str], str] | None = None
    option_hints: Mapping[str, str] = field(default_factory=dict, hash=False)
    column: str = ""
    explanation: str = ""
    hint: str = ""
    rows: tuple[str, ...] = field(default_factory=tuple)
    rubric: tuple[Criterion, ...] = field(default_factory=tuple)
    points: int = 0
    options: Mapping[str, str] = field(default_factory=dict, hash=False)
    words: int = 0


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


def expected_answer(exercise_id: str, corpus: Corpus | None = None) -> Any:
    """The right answer of an auto-checked exercise (for instructors and tests).

    Computed from ``corpus``, by default the corpus shipped with the package.
    """
    exercise = registry()[exercise_id]
    if exercise.answer is None:
        return None
    return exercise.answer(_corpus() if corpus is None else corpus)


# Reading answers as people write them ---------------------------------------------------------

#: Message for an answer holding several candidates ("12 or 13", "b/c", ["x", "y"] for one item).
SEVERAL = "Give one answer, not several: {shown} holds more than one candidate."
_DECIMAL_WORDS = {1: "one decimal", 2: "two decimals", 3: "three decimals"}
# a number as written: digits with "," "." or a thin/normal space before a group of three
_NUMBER_TOKEN = re.compile(r"[-+\u2212]?\d+(?:(?:[,.]|[ \u00a0\u202f'\u2019](?=\d{3}(?!\d)))\d+)*")
_CHOICE_PREFIX = re.compile(
    r"^(?:the\s+)?(?:right\s+)?(?:answer|option|choice|letter)\s*(?:is\s*)?[:=]?\s*"
)
_ONE_LETTER = re.compile(r"\(?([a-z])\)?[.:]?")
_LETTER_AND_TEXT = re.compile(r"\(?([a-z])[).:]\s+\S.*")
_LETTERS = re.compile(
    r"\(?[a-z]\)?(?:(?:\s*(?:,|;|/|&|\bor\b|\band\b)\s*|\s+)(?:option\s+)?\(?[a-z]\)?(?![a-z]))+\.?"
)
_LIST_SEPARATORS = re.compile(r"[,;\n&/+]|\band\b", re.IGNORECASE)
# "CSP and SCEEUS, or OSW": two lists offered as alternatives (sources marked as \x00N\x00)
_ALTERNATIVE_SOURCES = re.compile(r"\x00\d+\x00.*?\bor\b.*?\x00\d+\x00", re.IGNORECASE | re.DOTALL)
_ALTERNATIVE_ITEMS = re.compile(r"\S\s+or\s+\S", re.IGNORECASE)


class _Refusal(Exception):
    """An answer that cannot be graded as written; ``args[0]`` tells the student why."""


def _text(value: Any) -> str:
    text = re.sub(r"\s+", " ", str(value)).strip().strip("'\"`").strip()
    return text.strip(".").strip().lower()


def _words(value: Any) -> str:
    """Text compared loosely: case, spacing, quotes, underscores and hyphens do not matter."""
    return re.sub(r"[\s_\-\u2013\u2014]+", " ", _text(value)).strip()


def _is_table(value: Any) -> str:
    """``"DataFrame"`` or ``"Series"`` for pandas objects, else ``""``."""
    module = type(value).__module__ or ""
    name = type(value).__name__
    if module.startswith("pandas") and name in ("DataFrame", "Series"):
        return name
    return ""


def _table_refusal(exercise: Exercise, kind: str) -> _Refusal:
    where = f" Take it from the {exercise.column}." if exercise.column else ""
    if kind == "DataFrame":
        what = "a whole table (a pandas DataFrame)"
    else:
        what = "a whole column or row (a pandas Series)"
    want = {
        "number": "one number",
        "choice": "the letter of one option",
        "text": "one value",
        "set": "a list of items",
    }[exercise.match]
    return _Refusal(f"This is {what}; the exercise wants {want}.{where}")


def _shown_short(value: Any) -> str:
    text = value if isinstance(value, str) else _shown(value)
    return repr(text[:50])


def _timedelta_days(value: Any) -> float | None:
    """Days in a ``datetime.timedelta``, ``pandas.Timedelta`` or ``numpy.timedelta64``."""
    import datetime

    import numpy as np

    if isinstance(value, datetime.timedelta):  # pandas.Timedelta is a subclass
        return value.total_seconds() / 86_400
    if isinstance(value, np.timedelta64):
        if np.isnat(value):
            return None
        return float(value / np.timedelta64(1, "s")) / 86_400
    return None


def _read_token(token: str, whole: bool) -> tuple[float, int]:
    """A number as written (``"1,234.5"``, ``"0,42"``, ``"3 000"``) and its decimal places."""
    sign = -1.0 if token[0] in "-\u2212" else 1.0
    digits = token.lstrip("+-\u2212")
    digits = re.sub(r"[ \u00a0\u202f'\u2019]", "", digits)
    commas, dots = digits.count(","), digits.count(".")
    decimal_mark = ""
    if commas and dots:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif commas == 1 or dots == 1:
        mark = "," if commas else "."
        head, tail = digits.split(mark)
        looks_grouped = len(tail) == 3 and 1 <= len(head) <= 3 and not head.startswith("0")
        if not looks_grouped:
            decimal_mark = mark
        elif mark == "," and whole:
            decimal_mark = "."  # "3,000" for a count: thousands
        elif mark == "." and not whole:
            decimal_mark = "."  # "1.234" for a decimal answer: a decimal point
        else:
            msg = (
                f"{token!r} can be read two ways: as {head}{tail} or as {head}.{tail}. Which "
                "do you mean? Write it with no thousands separator and, for decimals, a "
                "decimal point."
            )
            raise _Refusal(msg)
    integer, _, fraction = digits.partition(decimal_mark) if decimal_mark else (digits, "", "")
    groups = re.split(r"[,.]", integer)
    grouped_badly = len(groups) > 1 and (
        any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3
    )
    if grouped_badly or "," in fraction or "." in fraction:
        msg = f"Could not read {token!r} as a number: write it like 1234.5 or '1,234.5'."
        raise _Refusal(msg)
    number = float("".join(groups) + ("." + fraction if fraction else ""))
    return sign * number, len(fraction)


def _read_number(exercise: Exercise, value: Any, whole: bool) -> tuple[float, int | None]:
    """The number an answer gives and the decimal places it was written with.

    The places are ``None`` for Python and NumPy numbers: a float does not
    record how it was written, so only its value is judged.
    """
    if isinstance(value, bool):
        msg = "Give a number, for example 1200 or '1,200', not True or False."
        raise _Refusal(msg)
    days = _timedelta_days(value)
    if days is not None:
        return days, None
    if isinstance(value, int | float):
        if (isinstance(value, int) and abs(value) > 10**300) or not math.isfinite(value):
            msg = "Give a finite number, for example 1200 or '1,200'."
            raise _Refusal(msg)
        return float(value), None
    kind = _is_table(value)
    if kind == "Series" and len(value) == 1:
        return _read_number(exercise, value.iloc[0], whole)
    if kind:
        raise _table_refusal(exercise, kind)
    if hasattr(value, "item") and callable(value.item) and getattr(value, "size", 1) == 1:
        try:  # numpy scalars and one-element arrays
            return _read_number(exercise, value.item(), whole)
        except (TypeError, ValueError):
            pass
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if len(items) == 1:
            return _read_number(exercise, items[0], whole)
        if len(items) > 1:
            raise _Refusal(SEVERAL.format(shown=_shown_short(value)))
    if not isinstance(value, str):
        msg = "Give a number, for example 1200 or '1,200'."
        raise _Refusal(msg)
    tokens = _NUMBER_TOKEN.findall(value[:1000])
    if not tokens:
        msg = "Give a number, for example 1200 or '1,200'."
        raise _Refusal(msg)
    if len(tokens) > 1:
        raise _Refusal(SEVERAL.format(shown=_shown_short(value)))
    return _read_token(tokens[0], whole)


def _half_up(number: float, places: int) -> Decimal:
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _same_number(exercise: Exercise, answer: Any, expected: Any) -> tuple[bool, str]:
    wanted = float(expected)
    places = exercise.decimals
    whole = places == 0 or (places is None and wanted.is_integer())
    number, written = _read_number(exercise, answer, whole)
    if exercise.percent and 0 < abs(number) < 1 <= abs(wanted):
        return False, (
            "That looks like a share between 0 and 1: the exercise asks for it in per cent "
            "(multiply by 100)."
        )
    if places is None:
        # a hair of slack so that 0.43 is within 0.01 of 0.42 despite binary floats
        slack = 1e-9 * max(1.0, abs(wanted))
        return abs(number - wanted) <= exercise.tolerance + slack, ""
    if places == 0:
        if not float(number).is_integer():
            return False, "Give a whole number: the exercise counts, it does not measure."
        return number == round(wanted), ""
    if written is not None and written < places:
        phrase = _DECIMAL_WORDS.get(places, f"{places} decimals")
        return False, f"Give the number to {phrase}, as the exercise asks."
    return _half_up(number, places) == _half_up(wanted, places), ""


def _one_answer(exercise: Exercise, answer: Any) -> Any:
    """Unwrap a one-item collection; refuse a table or several candidates."""
    if isinstance(answer, list | tuple | set | frozenset) and len(answer) == 1:
        answer = next(iter(answer))
    kind = _is_table(answer)
    if kind:
        raise _table_refusal(exercise, kind)
    if isinstance(answer, list | tuple | set | frozenset) and len(answer) > 1:
        raise _Refusal(SEVERAL.format(shown=_shown_short(answer)))
    return answer


def _letter(exercise: Exercise, answer: Any) -> str:
    answer = _one_answer(exercise, answer)
    if not isinstance(answer, str):
        msg = "Give the letter of one option as a string, for example 'b'."
        raise _Refusal(msg)
    text = _CHOICE_PREFIX.sub("", _text(answer)[:200])
    if found := _ONE_LETTER.fullmatch(text):
        return found.group(1)
    if _LETTERS.fullmatch(text):
        raise _Refusal(SEVERAL.format(shown=_shown_short(answer)))
    if found := _LETTER_AND_TEXT.fullmatch(text):
        return found.group(1)
    msg = "Give the letter of one option as a string, for example 'b'."
    raise _Refusal(msg)


def _same_choice(exercise: Exercise, answer: Any, expected: Any) -> tuple[bool, str]:
    letter = _letter(exercise, answer)
    right = str(expected).strip("() ").lower()
    if letter == right:
        return True, ""
    if exercise.choices and letter not in exercise.choices:
        options = ", ".join(f"({c})" for c in exercise.choices)
        return False, f"There is no option ({letter}): choose one of {options}."
    return False, exercise.option_hints.get(letter, "")


# Sources named as people name them ------------------------------------------------------------


def _source_names(corpus: Corpus) -> list[tuple[re.Pattern[str], str]]:
    """Patterns for each source's id, short name, title and publisher, longest first."""
    names: dict[str, str] = {}
    for row in corpus.sources.itertuples():
        source = str(row.source_id)
        found = [source, str(row.short_name), str(row.title)]
        for column in ("publisher", "subtitle"):
            text = str(getattr(row, column, "") or "")
            if text.lower() in ("", "nan", "none"):
                continue
            found.append(text)
            if column == "subtitle":
                continue
            for part in re.split(r"[;,()]|\band\b|\bwith the\b", text):
                part = part.strip()
                if len(part.split()) >= 2 or "." in part:
                    found.append(part)
                short = str(row.short_name)
                if part.startswith(f"{short} ") and len(part.split()) >= 3:
                    found.append(part[len(short) :])  # "Centre for Eastern Studies"
        for name in found:
            words = re.findall(r"[^\W_]+(?:\.[^\W_]+)*", name.lower())
            if words:
                names.setdefault(" ".join(words), source)
    patterns = []
    for name in sorted(names, key=len, reverse=True):
        body = r"[\W_]+".join(re.escape(w) for w in name.split())
        patterns.append((re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE), names[name]))
    return patterns


def _mark_sources(corpus: Corpus, text: str) -> tuple[str, list[str]]:
    """Replace every source name in ``text`` with a marker; return the text and the ids."""
    ids: list[str] = []

    def mark(source: str) -> Callable[[re.Match[str]], str]:
        def replace(_: re.Match[str]) -> str:
            ids.append(source)
            return f"\x00{len(ids) - 1}\x00"

        return replace

    for pattern, source in _source_names(corpus):
        text = pattern.sub(mark(source), text)
    return text, ids


def _sources_in(corpus: Corpus, text: str) -> list[str]:
    """The sources a piece of text names, in order, each once ("the COMPASS brief" -> compass)."""
    marked, ids = _mark_sources(corpus, text)
    order = [ids[int(i)] for i in re.findall(r"\x00(\d+)\x00", marked)]
    return list(dict.fromkeys(order))


def _is_source_exercise(exercise: Exercise) -> bool:
    from ._queries import _source_id

    return exercise.normalize is _source_id


def _canon(exercise: Exercise, corpus: Corpus, item: Any) -> str:
    text = _words(item)
    if exercise.normalize is not None:
        try:
            return _words(exercise.normalize(corpus, text))
        except (ValueError, KeyError, TypeError):
            return text
    return text


def _parts(text: str) -> list[str]:
    return [part for part in _LIST_SEPARATORS.split(text) if part.strip()]


def _list_wanted(exercise: Exercise) -> str:
    """What a list answer looks like; no real item, which could be part of the answer."""
    if _is_source_exercise(exercise):
        return "Give a list of sources: a Python list of their short names or ids."
    return "Give a list of items, for example ['first item', 'second item']."


def _items(exercise: Exercise, corpus: Corpus, value: Any) -> list[str]:
    """The items of a list answer, canonical, each once."""
    kind = _is_table(value)
    if kind == "DataFrame":
        raise _table_refusal(exercise, kind)
    if isinstance(value, str):
        raw: list[Any] = [value]
    elif isinstance(value, dict):
        raw = list(value)
    elif isinstance(value, Iterable):
        # a range(10**9) or an endless generator must not hang the lesson
        raw = list(itertools.islice(value, _MAX_ITEMS + 1))
        if len(raw) > _MAX_ITEMS:
            raise _Refusal(_list_wanted(exercise))
    else:
        raise _Refusal(_list_wanted(exercise))
    found: list[str] = []
    for item in raw:
        text = str(item)[:5000]
        if _is_source_exercise(exercise):
            marked, ids = _mark_sources(corpus, text)
            if _ALTERNATIVE_SOURCES.search(marked):
                raise _Refusal(SEVERAL.format(shown=_shown_short(value)))
            for part in _parts(marked):
                named = [ids[int(i)] for i in re.findall(r"\x00(\d+)\x00", part)]
                found += named or [_words(part)]
        else:
            if _ALTERNATIVE_ITEMS.search(text):
                raise _Refusal(SEVERAL.format(shown=_shown_short(value)))
            found += [_canon(exercise, corpus, part) for part in _parts(text)]
    return list(dict.fromkeys(found))


def _same_set(exercise: Exercise, corpus: Corpus, answer: Any, expected: Any) -> tuple[bool, str]:
    given = set(_items(exercise, corpus, answer))
    wanted = {_canon(exercise, corpus, item) for item in expected}
    if given == wanted:
        return True, ""
    if _is_source_exercise(exercise):
        known = set(corpus.sources.source_id.astype(str))
        strangers = sorted(given - known)
        if strangers:
            return False, (
                f"{strangers[0][:40]!r} names no source of the corpus: give each source's "
                "short name, id, title or publisher."
            )
    # The same words for a list that misses an item and one that holds a wrong item:
    # "right so far" on a one-item list would say whether that item belongs, and five
    # such calls would give away the set the student is asked to work out.
    return False, (
        "Not the right set: the list is graded as a whole, so check every item against the "
        "question's rule, and check that no item that meets it is missing."
    )


def _same_text(exercise: Exercise, corpus: Corpus, answer: Any, expected: Any) -> tuple[bool, str]:
    answer = _one_answer(exercise, answer)
    wanted_texts = expected if isinstance(expected, list | tuple | set) else [expected]
    wanted = {_canon(exercise, corpus, w) for w in wanted_texts}
    text = str(answer)[:5000]
    if _is_source_exercise(exercise):
        named = _sources_in(corpus, text)
        if len(named) > 1:
            raise _Refusal(SEVERAL.format(shown=_shown_short(answer)))
        if not named:
            return False, (
                f"{_shown(answer)[:40]!r} names no source of the corpus: give the source's "
                "short name, id, title or publisher."
            )
        return named[0] in wanted, ""
    given = _canon(exercise, corpus, text)
    if given in wanted:
        return True, ""
    if re.search(r"\bor\b|/", given) and any(
        part.strip() in wanted for part in re.split(r"\bor\b|/", given)
    ):
        raise _Refusal(SEVERAL.format(shown=_shown_short(answer)))
    return False, ""


def _same(exercise: Exercise, corpus: Corpus, answer: Any, expected: Any) -> tuple[bool, str]:
    """Compare; return (correct, extra message for a wrong answer)."""
    try:
        if exercise.match == "number":
            return _same_number(exercise, answer, expected)
        if exercise.match == "choice":
            return _same_choice(exercise, answer, expected)
        if exercise.match == "set":
            return _same_set(exercise, corpus, answer, expected)
        return _same_text(exercise, corpus, answer, expected)
    except _Refusal as refusal:
        return False, str(refusal.args[0])


def check(exercise_id: Any, answer: Any = ..., *, corpus: Corpus | None = None) -> Feedback:
    """Check a student's answer to an auto-checked exercise.

    Reads answers as people write them: case, spacing and quotes in text;
    numbers as strings with thousands separators (``"3,000"``, ``"3 000"``)
    or a decimal comma (``"0,42"``); lists joined by commas, semicolons,
    "and", "&" or new lines, in any order; sources by id, short name, full
    title or publisher, also with words around them ("the COMPASS brief");
    option letters as ``c``, ``(c)``, ``c)``, ``C.`` or ``option c``; time
    spans as a number of days, ``"4 days"``, a ``pandas.Timedelta`` or a
    ``datetime.timedelta``.  Numbers are judged to the precision the prompt
    asks (see :class:`Exercise`, ``decimals``).  An answer that cannot be read
    one way only gets a question back, never a silent guess: a number such as
    ``"1,234"`` where a small decimal is expected, or several candidates
    (``"12 or 13"``).  Never raises, whatever it is given.

    Parameters
    ----------
    exercise_id : str
        The exercise's id, shown in its box (e.g. ``"orientation-1"``).
    answer : any
        The answer; ``...`` (the blank template) counts as no answer yet.
    corpus : Corpus, optional
        The corpus to grade against, e.g. an extended copy the student loaded
        with ``qantar.load_corpus(path)``; by default the shipped corpus.

    Returns
    -------
    Feedback
        ``correct`` is True or False, and ``message`` says why: after a wrong
        answer, the method and where to look, never the answer.

    Examples
    --------
    >>> check("no-such-exercise", 1).correct
    False
    >>> check("orientation-1", ...).correct
    False
    >>> check("causes-4", "option (a) or (d)").message.startswith("Give one answer, not several")
    True
    >>> check("csto-4", "6.5").message.startswith("Give a whole number")
    True
    >>> check("sources-4", "1,234").message.startswith("'1,234' can be read two ways")
    True
    """
    try:
        return _check(exercise_id, answer, corpus)
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


def _check(exercise_id: Any, answer: Any, corpus: Corpus | None) -> Feedback:
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
    if corpus is None:
        corpus = _corpus()
    else:
        from ._corpus import Corpus

        if not isinstance(corpus, Corpus):
            return Feedback(
                key,
                False,
                f"corpus= must be a corpus loaded with qantar.load_corpus(), not "
                f"{type(corpus).__name__}.",
            )
    if answer is ... or answer is None or (isinstance(answer, str) and not answer.strip()):
        return Feedback(
            key, False, "No answer yet: replace ... with your answer and run the cell.", False
        )
    expected = expected_answer(key, corpus)
    right, extra = _same(exercise, corpus, answer, expected)
    if right:
        return Feedback(key, True, exercise.explanation)
    message = " ".join(part for part in (extra, f"Hint: {exercise.hint}") if part)
    return Feedback(key, False, message.strip())
