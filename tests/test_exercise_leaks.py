"""The answer is not in the text (issue 14, item 1).

For every auto-checked exercise of the registry (``qantar._checks.registry()``,
kind ``"auto"``) its right answer (``expected_answer``) must not be given away
by what a student reads before answering.  A **leak** is one of the strings
below found in one of the places below.

What gives an answer away
-------------------------
* **Number** (``match="number"``) whose printed form at the asked precision
  (``decimals``) has two or more significant digits (``3920``, ``19.4``,
  ``0.40``; not ``4`` or ``6``).  Every number written in the text is read as a
  token: digits with an optional decimal part, optionally grouped in
  thousands by a comma, a no-break or thin space, and in Markdown also an
  ordinary space (``3920``, ``3,920``, ``3 920``, ``3920.0``).  A token is a
  leak when its value equals the expected answer rounded to the asked
  precision (``140``, ``140.0`` for 140.0; ``0.4``, ``0.40`` for 0.40), or,
  for a decimal answer, when it is written with more decimals than asked and
  rounds (half up) to it (``0.4175`` for 0.42).  A token glued to letters is
  not a number (``osw-f05``, ``p07``, ``e062``), nor are the parts of a row id
  or a date joined by hyphens (``sceeus-070``, ``2022-01-14``).
* **List of sources** (``match="set"`` of two or more sources): one *unit*
  (see below) that names every source of the answer and no other source of
  the corpus.  A source is named by its id, short name, title or publisher
  (the names ``qantar.check`` reads, ``qantar._checks._sources_in``); a row id
  names its source (``csp-f08`` names CSP).  A unit naming one more source
  (a table of all five sources, a paragraph comparing three) is not a leak.
  A list of other items (not sources) leaks when one unit contains every item
  as a word.
* **Right option** of a choice exercise: its text from the registry's
  ``options``, else from the ``- (x) text`` lines of the exercise cell.  Its
  content words (runs of letters and digits of three or more characters,
  minus a short list of function words) must appear in one sentence of a
  unit (sentences end at ``. ! ? ;``) in the option's order, other words
  between them allowed, within a stretch of at most three times as many
  words: all of them when the option has five or fewer, at
  least two thirds of them when it has more (a paraphrase that keeps most of
  the option's words).  Options with fewer than three content words ("OSW",
  "fact, interpretation") are not searched: those words are everywhere in a
  lesson.
* Single text answers (one source, one quantity id) are not searched: the
  name alone is everywhere in the lesson; what gives those away (a table
  sorted by the asked column, a heat map) is not a string.

Where it is looked for
----------------------
* **The lesson's Markdown**, anywhere in the notebook (before or after the
  exercise), except the exercise's own cells (the ``{exercise-start}`` ..
  ``{exercise-end}`` cells, or the ``{exercise}`` cell and the answer cells
  tagged ``exercise`` after it) and every solution cell (tagged ``solution``
  or opening a ``{solution}`` / ``{solution-start}`` directive, up to its
  ``{solution-end}``).  Units: each paragraph (text between blank lines), and
  within it each list item and each table row.
* **Outputs shown before the exercise in the student edition**: the outputs of
  the code cells before the exercise's first cell that survive
  ``qantar._editions._student`` (solutions dropped, exercise outputs cleared),
  except those of cells tagged ``reveals-answer`` (stripped from the student
  edition).  Each output (its plain text, HTML as text, Markdown) is a unit.
* **help() text of the public qantar functions**: the docstring of
  ``qantar``, ``qantar.plots`` and ``qantar.widgets``, of every callable in
  their ``__all__``, and of the public methods of the classes there.
  Units: paragraphs of the docstring.  There, also a doctest example calling
  ``check`` on the exercise whose shown ``.correct`` is ``True``, or that shows
  ``Correct (...)``,
  gives the answer away, whatever its form (an option letter, a source).
"""

from __future__ import annotations

import copy
import doctest
import html
import inspect
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import qantar
from qantar import _checks, _editions
from qantar._checks import Exercise, expected_answer, registry

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
AUTO = [e for e in registry().values() if e.kind == "auto"]
AUTO_IDS = [e.id for e in AUTO]
HIDDEN_TAG = "reveals-answer"


@dataclass(frozen=True)
class Unit:
    """A piece of text a student reads: where it is, and its text."""

    where: str
    text: str
    markdown: bool = True


@dataclass(frozen=True)
class Leak:
    exercise_id: str
    leaked: str
    where: str

    def __str__(self) -> str:
        return f"{self.exercise_id}: {self.leaked!r} in {self.where}"


# The cells of a notebook ----------------------------------------------------------------------

_LABEL = re.compile(
    r"```\{(exercise|exercise-start)\}[^\n]*\n(?::[a-z-]+:[^\n]*\n)*?:label:\s*(\S+)"
)
_SOLUTION = re.compile(r"```\{solution(-start)?\}\s+(\S+)")


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def exercise_cells(nb: Any, exercise_id: str) -> list[int]:
    """Indices of the exercise's own cells: its prompt, answer cells and gate."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        found = _LABEL.search(cell.source)
        if not found or found.group(2) != exercise_id:
            continue
        own = [i]
        j = i + 1
        if found.group(1) == "exercise-start":
            while j < len(cells) and "{exercise-end}" not in cells[own[-1]].source:
                own.append(j)
                j += 1
            return own
        while j < len(cells) and "exercise" in _tags(cells[j]):
            own.append(j)
            j += 1
        return own
    return []


def solution_cells(nb: Any) -> set[int]:
    """Indices of every solution cell (any exercise's)."""
    out: set[int] = set()
    inside = False
    for i, cell in enumerate(nb.cells):
        start = _SOLUTION.search(cell.source)
        if start or inside or "solution" in _tags(cell):
            out.add(i)
        if start:
            inside = start.group(1) == "-start"
        elif inside and "{solution-end}" in cell.source:
            inside = False
    return out


def _paragraph_units(text: str, where: str, markdown: bool = True) -> Iterator[Unit]:
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        yield Unit(where, block, markdown)
        items = re.split(r"\n(?=\s*(?:[-*+]|\d+\.|\|)\s)", "\n" + block)
        if len([i for i in items if i.strip()]) > 1:
            for item in items:
                if item.strip():
                    yield Unit(where, item, markdown)


def markdown_units(nb: Any, exercise_id: str, name: str) -> Iterator[Unit]:
    """The lesson's Markdown outside the exercise's cells and every solution."""
    skip = set(exercise_cells(nb, exercise_id)) | solution_cells(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and i not in skip:
            yield from _paragraph_units(cell.source, f"{name} cell {i} (Markdown)")


def _output_text(output: Any) -> str:
    if output.get("output_type") == "stream":
        return str(output.get("text", ""))
    data = output.get("data", {})
    parts = [str(data.get("text/plain", "")), str(data.get("text/markdown", ""))]
    if "text/html" in data:
        page = re.sub(r"<(script|style)\b.*?</\1>", " ", str(data["text/html"]), flags=re.DOTALL)
        parts.append(html.unescape(re.sub(r"<[^>]+>", "\n", page)))
    return "\n".join(p for p in parts if p)


def student_outputs_before(nb: Any, exercise_id: str, name: str) -> Iterator[Unit]:
    """Outputs of code cells before the exercise, as the student edition shows them."""
    own = exercise_cells(nb, exercise_id)
    first = own[0] if own else len(nb.cells)
    marked = copy.deepcopy(nb)
    for i, cell in enumerate(marked.cells):
        cell.metadata["qantar_leak_index"] = i
    student = _editions._student(marked)
    last = -1  # a cell the edition adds (a note) sits after the last source cell before it
    for cell in student.cells:
        index = cell.metadata.get("qantar_leak_index")
        cell_name = f"cell {index}" if index is not None else f"added cell after cell {last}"
        last = index if index is not None else last
        if cell.cell_type != "code" or last >= first or HIDDEN_TAG in _tags(cell):
            continue
        for k, output in enumerate(cell.get("outputs", [])):
            text = _output_text(output)
            if text.strip():
                yield Unit(f"{name} {cell_name} output {k}", text, markdown=False)


def _public_objects() -> Iterator[tuple[str, Any]]:
    modules = [("qantar", qantar), ("qantar.plots", qantar.plots)]
    modules.append(("qantar.widgets", qantar.widgets))
    for prefix, module in modules:
        yield prefix, module
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj):
                continue
            yield f"{prefix}.{name}", obj
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and callable(member):
                        yield f"{prefix}.{name}.{attr}", member


@cache
def docstring_units() -> tuple[Unit, ...]:
    """Paragraphs of the help() text of every public qantar function."""
    units: list[Unit] = []
    for name, obj in _public_objects():
        doc = inspect.getdoc(obj) or ""
        units += _paragraph_units(doc, f"help({name})", markdown=False)
    return tuple(units)


def accepted_check_examples(exercise_id: str) -> list[Leak]:
    """Doctest examples of the public help() text that show ``check(exercise_id, ...)`` accepting.

    An example that calls ``check`` (or ``qantar.check``) on the exercise and
    shows its ``.correct`` (or ``bool()``) as ``True``, or shows ``Correct (...)``,
    tells the right answer, whatever its form.
    """
    call = re.compile(rf"\bcheck\(\s*[\"']{re.escape(exercise_id)}[\"']")
    found = []
    for name, obj in _public_objects():
        for example in doctest.DocTestParser().get_examples(inspect.getdoc(obj) or ""):
            want = example.want.strip()
            source = example.source.strip()
            said_true = want == "True" and re.search(r"\.correct$|^bool\(", source)
            if call.search(source) and (said_true or want.startswith("Correct (")):
                found.append(Leak(exercise_id, source, f"help({name})"))
    return found


# What gives an answer away --------------------------------------------------------------------

_SEP_ALWAYS = ",\u00a0\u202f\u2009"


def _token_pattern(markdown: bool) -> re.Pattern[str]:
    sep = f"[{_SEP_ALWAYS}{' ' if markdown else ''}]"
    return re.compile(
        rf"(?<![\w.,])(?<!\w-)(?:\d{{1,3}}(?:{sep}\d{{3}})+|\d+)(?:\.\d+)?(?![\w]|[.,-]\d)"
    )


def _half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _places(exercise: Exercise, expected: Any) -> int:
    if exercise.decimals is not None:
        return exercise.decimals
    text = repr(float(expected))
    return 0 if float(expected).is_integer() else len(text.split(".")[1])


def significant_digits(exercise: Exercise, expected: Any) -> int:
    """Digits of the answer printed at the asked precision, without leading zeros."""
    printed = f"{abs(float(expected)):.{_places(exercise, expected)}f}"
    return len(printed.replace(".", "").lstrip("0"))


def number_leaks(exercise: Exercise, expected: Any, unit: Unit) -> list[str]:
    """Tokens of ``unit`` that write the expected number (see the module docstring)."""
    places = _places(exercise, expected)
    wanted = _half_up(Decimal(repr(float(expected))), places)
    found = []
    for match in _token_pattern(unit.markdown).finditer(unit.text):
        token = match.group(0)
        digits = re.sub(rf"[{_SEP_ALWAYS} ]", "", token)
        value = Decimal(digits)
        written = len(digits.partition(".")[2])
        if value == wanted or (
            places > 0 and written > places and _half_up(value, places) == wanted
        ):
            found.append(token)
    return found


def _is_source_set(exercise: Exercise) -> bool:
    return exercise.match == "set" and _checks._is_source_exercise(exercise)


def set_leak(exercise: Exercise, expected: Any, unit: Unit, corpus: qantar.Corpus) -> str:
    """The answer's items, when the unit names exactly them (see the module docstring)."""
    items = sorted({_checks._canon(exercise, corpus, item) for item in expected})
    if len(items) < 2:
        return ""
    if _is_source_set(exercise):
        named = set(_checks._sources_in(corpus, unit.text))
        return ", ".join(items) if named == set(items) else ""
    words = _checks._words(unit.text)
    every = all(re.search(rf"(?<!\w){re.escape(item)}(?!\w)", words) for item in items)
    return ", ".join(items) if every else ""


_FUNCTION_TEXT = (
    "the and but nor for yet than that this these those with from into onto its it's their "
    "his her our your was were are has have had did does done been being who whom whose which "
    "what when where why how not all any each one two both either neither only also very more "
    "most less some such"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


def _words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def content_words(text: str) -> list[str]:
    return [w for w in _words_of(text) if len(w) >= 3 and w not in _FUNCTION_WORDS]


def parse_options(source: str) -> dict[str, str]:
    """Options listed in an exercise cell as ``- (a) text`` lines (continued on indented lines)."""
    options: dict[str, str] = {}
    current = ""
    for line in source.splitlines():
        found = re.match(r"\s*(?:[-*+]\s*)?\(([a-z])\)\s+(.+?)\s*$", line)
        if found:
            current = found.group(1)
            options[current] = found.group(2)
        elif current and line.startswith((" ", "\t")) and line.strip():
            options[current] += " " + line.strip()
        else:
            current = ""
    return options


def _in_order(wanted: list[str], words: list[str]) -> int:
    """How many of ``wanted`` appear in ``words`` in the same order (longest common subsequence)."""
    row = [0] * (len(words) + 1)
    for word in wanted:
        previous = row[:]
        for j, other in enumerate(words, 1):
            row[j] = previous[j - 1] + 1 if word == other else max(previous[j], row[j - 1])
    return row[-1]


def option_leak(option: str, unit: Unit) -> str:
    """The sentence of ``unit`` that states ``option`` (see the module docstring), or ""."""
    wanted = content_words(option)
    if len(wanted) < 3:
        return ""
    needed = len(wanted) if len(wanted) <= 5 else math.ceil(2 * len(wanted) / 3)
    window = 3 * len(wanted)
    for sentence in re.split(r"(?<=[.!?;])\s+", unit.text):
        words = _words_of(sentence)
        for start in range(max(1, len(words) - window + 1)):
            if _in_order(wanted, words[start : start + window]) >= needed:
                return " ".join(sentence.split())[:160]
    return ""


def right_option(exercise: Exercise, expected: Any, nb: Any) -> str:
    options: Mapping[str, str] = exercise.options
    if not options and nb is not None:
        own = exercise_cells(nb, exercise.id)
        options = parse_options("\n".join(nb.cells[i].source for i in own))
    return str(options.get(str(expected), ""))


def leaks_in(
    exercise: Exercise, expected: Any, units: list[Unit], corpus: qantar.Corpus, option: str = ""
) -> list[Leak]:
    """Every leak of the exercise's answer in the units."""
    found: list[Leak] = []
    for unit in units:
        leaked: list[str] = []
        if exercise.match == "number" and significant_digits(exercise, expected) >= 2:
            leaked = number_leaks(exercise, expected, unit)
        elif exercise.match == "set":
            leaked = [set_leak(exercise, expected, unit, corpus)]
        elif exercise.match == "choice" and option:
            leaked = [option_leak(option, unit)]
        found += [Leak(exercise.id, text, unit.where) for text in leaked if text]
    return list(dict.fromkeys(found))


def notebook_units(nb: Any, exercise_id: str, name: str) -> list[Unit]:
    return [*markdown_units(nb, exercise_id, name), *student_outputs_before(nb, exercise_id, name)]


@cache
def _notebook(stem: str) -> Any:
    return nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)


def exercise_leaks(exercise: Exercise, corpus: qantar.Corpus) -> list[Leak]:
    """Every leak of a registered exercise in its lesson and in the help() text."""
    expected = expected_answer(exercise.id, corpus)
    nb = _notebook(exercise.notebook)
    units = [*notebook_units(nb, exercise.id, exercise.notebook), *docstring_units()]
    option = right_option(exercise, expected, nb) if exercise.match == "choice" else ""
    return [
        *leaks_in(exercise, expected, units, corpus, option),
        *accepted_check_examples(exercise.id),
    ]


# The lessons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", AUTO, ids=AUTO_IDS)
def test_the_answer_is_not_in_the_text(exercise: Exercise, corpus: qantar.Corpus) -> None:
    path = NOTEBOOKS / f"{exercise.notebook}.ipynb"
    assert path.is_file(), f"{exercise.id}: no notebook {path.name}"
    nb = _notebook(exercise.notebook)
    assert exercise_cells(nb, exercise.id), f"{exercise.id}: no exercise cell in {path.name}"
    if exercise.match == "choice":
        assert right_option(exercise, expected_answer(exercise.id), nb), (
            f"{exercise.id}: the right option's text is neither in the registry nor in the cell"
        )
    leaks = exercise_leaks(exercise, corpus)
    assert not leaks, "the answer is given away:\n" + "\n".join(map(str, leaks))


# The helpers can fail and pass: made-up lessons -----------------------------------------------


def _made_up(**kwargs: Any) -> Exercise:
    base = {"notebook": "99-test", "title": "t", "objective": "o", "kind": "auto", "minutes": 2}
    return Exercise(**{**base, **kwargs})


def _lesson(*cells: Any) -> Any:
    nb = new_notebook()
    nb.cells = list(cells)
    return nb


def _gate(exercise_id: str, prompt: str) -> list[Any]:
    start = new_markdown_cell(
        f"```{{exercise-start}} {exercise_id}: T\n:label: {exercise_id}\n:nonumber:\n```\n\n{prompt}"
    )
    start.metadata["tags"] = ["exercise-gate"]
    answer = new_code_cell(f'answer = ...\nqantar.check("{exercise_id}", answer)')
    answer.metadata["tags"] = ["exercise"]
    answer.outputs = [new_output("stream", name="stdout", text="3920 is right")]
    end = new_markdown_cell("```{exercise-end}\n```")
    end.metadata["tags"] = ["exercise-gate"]
    return [start, answer, end]


def _solution(exercise_id: str, text: str) -> list[Any]:
    start = new_markdown_cell(
        f"```{{solution-start}} {exercise_id}\n:class: dropdown\n```\n\n{text}"
    )
    code = new_code_cell("answer = 3920")
    code.outputs = [new_output("execute_result", data={"text/plain": text}, execution_count=1)]
    end = new_markdown_cell("```{solution-end}\n```")
    for cell in (start, code, end):
        cell.metadata["tags"] = ["solution"]
    return [start, code, end]


def _output_cell(text: str, tags: tuple[str, ...] = ()) -> Any:
    cell = new_code_cell("table")
    cell.outputs = [new_output("execute_result", data={"text/plain": text}, execution_count=1)]
    cell.metadata["tags"] = list(tags)
    return cell


NUMBER = _made_up(id="num-1", answer=lambda c: 3920.0, match="number", decimals=0)


def _where(leaks: list[Leak]) -> list[tuple[str, str]]:
    return [(leak.leaked, leak.where) for leak in leaks]


def test_a_number_in_the_prose_or_in_an_output_before_is_a_leak(corpus: qantar.Corpus) -> None:
    nb = _lesson(
        new_markdown_cell("The sum is 3,920 troops.\n\nNothing here: 39200, osw-f3920, 13920."),
        _output_cell("SCEEUS  3920.0  5"),
        _output_cell("3920", tags=(HIDDEN_TAG,)),
        *_gate("num-1", "What total? (3920 in the prompt is the exercise's own.)"),
        *_solution("num-1", "3 920 is the sum"),
        _output_cell("3920 after the exercise"),
        new_markdown_cell("In the summary: 3\u202f920 and 3 920."),
    )
    leaks = leaks_in(NUMBER, 3920.0, notebook_units(nb, "num-1", "nb"), corpus)
    assert _where(leaks) == [
        ("3,920", "nb cell 0 (Markdown)"),
        ("3\u202f920", "nb cell 10 (Markdown)"),
        ("3 920", "nb cell 10 (Markdown)"),
        ("3920.0", "nb cell 1 output 0"),
    ]
    assert str(leaks[0]) == "num-1: '3,920' in nb cell 0 (Markdown)"


def test_a_lesson_without_the_number_passes(corpus: qantar.Corpus) -> None:
    nb = _lesson(
        new_markdown_cell("OSW gives over 2,000 troops; IAN 2,500. See `sceeus-f04`."),
        _output_cell("SCEEUS  3000.0  500.0  200.0  150.0  70.0"),
        _output_cell("3920", tags=(HIDDEN_TAG,)),
        *_gate("num-1", "Add them up."),
        *_solution("num-1", "The sum is 3920."),
    )
    assert leaks_in(NUMBER, 3920.0, notebook_units(nb, "num-1", "nb"), corpus) == []


@pytest.mark.parametrize(
    ("expected", "decimals", "text", "leaked"),
    [
        (19.4, 1, "about 19.4 million", ["19.4"]),
        (19.4, 1, "19.43 million", ["19.43"]),
        (19.4, 1, "19.45 or 19.5 or 119.4 or 19 or 19.40", ["19.40"]),
        (0.4, 2, "kappa is 0.4 here", ["0.4"]),
        (0.4, 2, "kappa 0.4049, not 0.41, 0.394 but 0.395", ["0.4049", "0.395"]),
        (0.42, 2, "0.4175 rounds up", ["0.4175"]),
        (140.0, 1, "a rise of 140% (140.0)", ["140", "140.0"]),
        (3920.0, 0, "3920.5 and 3,9200", []),
        (70.0, 0, "sceeus-070, 2022-01-70, 70-80 but 70\u201380", ["70"]),
        (14.0, 0, "published 2022-01-14; (14 days)", ["14"]),
    ],
)
def test_number_forms(expected: float, decimals: int, text: str, leaked: list[str]) -> None:
    exercise = _made_up(id="num-2", match="number", decimals=decimals)
    assert number_leaks(exercise, expected, Unit("x", text)) == leaked


def test_one_digit_answers_are_not_searched(corpus: qantar.Corpus) -> None:
    exercise = _made_up(id="num-3", match="number", decimals=0)
    assert significant_digits(exercise, 6) == 1
    assert significant_digits(_made_up(id="n", match="number", decimals=2), 0.4) == 2
    assert leaks_in(exercise, 6, [Unit("x", "6 of 7 precedents")], corpus) == []


def _source_set() -> Exercise:
    from qantar._queries import _source_id

    return _made_up(id="set-1", match="set", normalize=_source_id)


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("SCEEUS and CSP give the same number.", True),
        ("Only the Council for Strategic Policy and `sceeus-f05` report it.", True),
        ("SCEEUS, CSP and IAN report it.", False),
        ("SCEEUS reports it.", False),
        ("Nothing about sources here.", False),
    ],
)
def test_a_list_of_sources_leaks_when_a_unit_names_exactly_them(
    corpus: qantar.Corpus, text: str, leak: bool
) -> None:
    leaked = set_leak(_source_set(), ["csp", "sceeus"], Unit("x", text), corpus)
    assert leaked == ("csp, sceeus" if leak else "")


def test_list_items_and_table_rows_are_units_of_their_own(corpus: qantar.Corpus) -> None:
    nb = _lesson(
        new_markdown_cell(
            "Summary:\n\n- OSW and IAN give totals.\n- SCEEUS and CSP give countries."
        ),
        new_markdown_cell("| a | b |\n|---|---|\n| SCEEUS | CSP |\n| OSW | IAN |"),
        *_gate("set-1", "Which sources? e.g. SCEEUS and CSP"),
        *_solution("set-1", "SCEEUS and CSP."),
    )
    leaks = leaks_in(_source_set(), ["csp", "sceeus"], notebook_units(nb, "set-1", "nb"), corpus)
    assert [leak.where for leak in leaks] == ["nb cell 0 (Markdown)", "nb cell 1 (Markdown)"]


def test_a_set_of_one_source_is_not_searched(corpus: qantar.Corpus) -> None:
    assert set_leak(_source_set(), ["osw"], Unit("x", "OSW says so."), corpus) == ""


OPTIONS = {
    "a": "They give the same year.",
    "b": "OSW gives a later year than SCEEUS.",
    "c": "SCEEUS gives a later year than OSW.",
}


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("Note that OSW gives a later year than SCEEUS does.", True),
        ("OSW, writing first, gives a much later year than SCEEUS.", True),
        ("SCEEUS gives a later year than OSW.", False),
        ("OSW gives a year. Later SCEEUS wrote.", False),
        (
            (
                "OSW gives figures for many things, and in a much later section the year is given "
                "by SCEEUS among others, with notes on what each counts as the founding."
            ),
            False,
        ),
    ],
)
def test_the_right_options_text(text: str, leak: bool) -> None:
    assert bool(option_leak(OPTIONS["b"], Unit("x", text))) is leak


def test_a_paraphrase_of_a_long_option_is_a_leak() -> None:
    option = "The unrest did not arise around an election and had no central leadership."
    said = "COMPASS: the unrest was not tied to an election and it had no central leadership."
    assert option_leak(option, Unit("x", said)) == said
    other = "The unrest spread; an election was held later, and central leadership changed."
    assert option_leak(option, Unit("x", other)) == ""


def test_options_come_from_the_registry_or_the_exercise_cell() -> None:
    lines = "\n".join(f"- ({k}) {v}" for k, v in OPTIONS.items())
    nb = _lesson(*_gate("choice-1", f"How do they compare?\n\n{lines}\n\nAnswer with the letter."))
    plain = _made_up(id="choice-1", match="choice", choices="abc")
    assert parse_options(lines) == OPTIONS
    assert parse_options("- (a) one\n  two\n- (b) three\n\nAnswer") == {
        "a": "one two",
        "b": "three",
    }
    assert right_option(plain, "b", nb) == OPTIONS["b"]
    given = _made_up(id="choice-1", match="choice", options={"b": "Another text."})
    assert right_option(given, "b", nb) == "Another text."
    assert option_leak("OSW", Unit("x", "OSW")) == ""  # too short to search


def test_the_right_option_in_the_prose_is_a_leak(corpus: qantar.Corpus) -> None:
    lines = "\n".join(f"- ({k}) {v}" for k, v in OPTIONS.items())
    exercise = _made_up(id="choice-1", match="choice", choices="abc")
    leaking = _lesson(
        new_markdown_cell("As the table shows, OSW gives a later year than SCEEUS."),
        *_gate("choice-1", lines),
    )
    clean = _lesson(new_markdown_cell("Compare the two years."), *_gate("choice-1", lines))
    for nb, count in ((leaking, 1), (clean, 0)):
        option = right_option(exercise, "b", nb)
        units = notebook_units(nb, "choice-1", "nb")
        assert len(leaks_in(exercise, "b", units, corpus, option)) == count


def test_cells_the_student_edition_adds_are_read_in_place(
    corpus: qantar.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    student = _editions._student

    def with_notes(nb: Any) -> Any:
        nb = student(nb)
        nb.cells.insert(0, new_markdown_cell("A note for students."))
        # right after the lesson's first cell, wherever the edition's own notes put it
        first = next(i for i, c in enumerate(nb.cells) if c.metadata.get("qantar_leak_index") == 0)
        nb.cells.insert(first + 1, _output_cell("3920 from a cell the edition adds"))
        return nb

    monkeypatch.setattr(_editions, "_student", with_notes)
    nb = _lesson(_output_cell("nothing"), *_gate("num-1", "Add them up."))
    leaks = leaks_in(NUMBER, 3920.0, notebook_units(nb, "num-1", "nb"), corpus)
    assert _where(leaks) == [("3920", "nb added cell after cell 0 output 0")]


def test_the_exercise_and_solution_cells_are_found() -> None:
    nb = _lesson(
        new_markdown_cell("intro"),
        *_gate("num-1", "prompt"),
        *_solution("num-1", "text"),
        new_markdown_cell("```{exercise} open-1\n:label: open-1\n:nonumber:\n\nWrite.\n```"),
        new_markdown_cell("*Your answer:*", metadata={"tags": ["exercise"]}),
        new_markdown_cell("```{solution} open-1\n:class: dropdown\n\nModel.\n```"),
        new_markdown_cell("Summary"),
    )
    assert exercise_cells(nb, "num-1") == [1, 2, 3]
    assert exercise_cells(nb, "open-1") == [7, 8]
    assert exercise_cells(nb, "missing") == []
    assert solution_cells(nb) == {4, 5, 6, 9}


def test_a_check_example_that_accepts_is_a_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    def f() -> None:
        """Check.

        >>> check("num-1", "x").message.startswith("Give")
        True
        >>> qantar.check('num-1', "(c)").correct
        True
        >>> check("num-1", "(b)")
        Correct (num-1): because.
        >>> check("num-12", "(b)").correct
        True
        >>> check("num-1", "(a)").correct
        False
        """

    monkeypatch.setattr(qantar, "__all__", ("f",))
    monkeypatch.setattr(qantar, "f", f, raising=False)
    monkeypatch.setattr(qantar.plots, "__all__", ())
    monkeypatch.setattr(qantar.widgets, "__all__", ())
    assert [leak.leaked for leak in accepted_check_examples("num-1")] == [
        "qantar.check('num-1', \"(c)\").correct",
        'check("num-1", "(b)")',
    ]


def test_help_text_is_searched(corpus: qantar.Corpus) -> None:
    names = {unit.where for unit in docstring_units()}
    assert "help(qantar.troop_totals)" in names
    assert "help(qantar.plots.troops_by_country)" in names
    assert {"help(qantar)", "help(qantar.widgets)", "help(qantar.Corpus)"} <= names
    unit = Unit("help(qantar.f)", ">>> f()\n    SCEEUS  3920.0", markdown=False)
    assert _where(leaks_in(NUMBER, 3920.0, [unit], corpus)) == [("3920.0", "help(qantar.f)")]
