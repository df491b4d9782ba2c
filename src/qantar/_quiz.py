"""Quizzes for learning platforms: Moodle XML and Canvas QTI (``qantar quiz``).

Every exercise of the registry becomes one question, its text taken from the
lesson notebook and its right answer computed from the corpus at export time
(as :func:`qantar.check` does), never typed in:

=================  ============================  ====================================
exercise           Moodle XML                    Canvas (text2qti Markdown -> QTI)
=================  ============================  ====================================
choice             multichoice, one right,       multiple choice, feedback per option
                   feedback per option
set of sources     multichoice, several right    multiple answers
number             numerical with tolerance      numerical, ``=  value +- tolerance``
text               shortanswer (every accepted   short answer (fill in the blank)
                   form of the answer)
open (rubric)      essay, rubric as graderinfo   essay (the rubric is not exported:
                   (graders only)                Canvas shows feedback to students)
=================  ============================  ====================================

The Canvas package is written by text2qti (``pip install --group grade``), the
maintained converter from a Markdown quiz to a QTI zip that Canvas imports.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._checks import Exercise

__all__ = (
    "FORMATS",
    "Material",
    "QuizError",
    "canvas_markdown",
    "lesson_material",
    "moodle_xml",
    "points",
    "right_answers",
    "rubric_total",
    "write_quiz",
)

FORMATS = ("moodle", "canvas")
Format = Literal["moodle", "canvas"]

_START = re.compile(r"```\{exercise(?:-start)?\}\s+(\S+?):?\s")
_DIRECTIVE = re.compile(r"^(```\{?[a-z-]*\}?.*|:[a-z-]+:.*|```)\s*$")
_OBJECTIVE = re.compile(r"^\*\*Objective:\*\*.*$", re.MULTILINE)
_OPTION = re.compile(r"^- \(([a-z])\)\s+(.*)$")
_TOTAL = re.compile(r"(\d+(?:\.\d+)?)\s+points?\b")


class QuizError(RuntimeError):
    """A quiz could not be written; the message says why and what would be valid."""


@dataclass(frozen=True)
class Material:
    """What a lesson notebook says about one exercise.

    Attributes
    ----------
    prompt : str
        The exercise text (Markdown), without the box's directives and objective line.
    options : dict of str to str
        For multiple-choice exercises, each option's text by letter.
    model_answer : str
        The model answer or worked solution (Markdown), instructors only.
    rubric : str
        The rubric (Markdown, from ``**Rubric**`` on), graders only.
    """

    prompt: str
    options: dict[str, str] = field(default_factory=dict)
    model_answer: str = ""
    rubric: str = ""


def _prompt(source: str) -> str:
    lines = [line for line in source.splitlines() if not _DIRECTIVE.match(line)]
    text = _OBJECTIVE.sub("", "\n".join(lines))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _options(prompt: str) -> dict[str, str]:
    options: dict[str, str] = {}
    current: str | None = None
    for line in prompt.splitlines():
        found = _OPTION.match(line)
        if found:
            current = found.group(1)
            options[current] = found.group(2).strip()
        elif current is not None and line.startswith("  ") and line.strip():
            options[current] += " " + line.strip()
        else:
            current = None
    return options


def lesson_material(source: str | Path | None = None) -> dict[str, Material]:
    """Prompt, options, model answer and rubric of every exercise, by exercise id.

    Options and rubric come from the registry where it has them (the rubric as
    :func:`qantar._exercise_cells.rubric_block` writes it into the solution), else
    from the notebook's Markdown (the exercise's ``- (a)`` list, the solution from
    ``**Rubric**`` on).

    Raises
    ------
    EditionError
        If *source* holds no course notebook.
    """
    import nbformat

    from ._checks import registry
    from ._editions import find_notebooks, solution_texts
    from ._exercise_cells import rubric_block

    exercises = registry()
    found: dict[str, Material] = {}
    for path in find_notebooks(source):
        solutions = solution_texts(path)
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            start = _START.search(cell.source) if cell.cell_type == "markdown" else None
            if start is None:
                continue
            label = start.group(1)
            prompt = _prompt(cell.source)
            solution = solutions.get(label, "")
            head, marker, tail = solution.partition("**Rubric**")
            exercise = exercises.get(label)
            # the registry's options and rubric where it has them; the notebook's text
            # (written from the registry, or still hand-written) otherwise
            options = dict(exercise.options) if exercise and exercise.options else {}
            rubric = rubric_block(exercise) if exercise and exercise.rubric else ""
            found[label] = Material(
                prompt=prompt,
                options=options or _options(prompt),
                model_answer=head.strip(),
                rubric=rubric or (marker + tail).strip(),
            )
    return found


def points(exercise: Exercise, material: Material | None = None) -> float:
    """The points an exercise is worth.

    The registry's ``points`` where it gives them; else, for an open exercise,
    its registered rubric's total, or the total its rubric in the notebook states
    (``**Rubric** (total 10 points)``) while the rubric is not registered yet; else 1.
    """
    registered = getattr(exercise, "points", None)
    if isinstance(registered, int | float) and registered > 0:
        return float(registered)
    if exercise.rubric:
        return float(sum(c.points for c in exercise.rubric))
    if material is not None and material.rubric:
        total = rubric_total(material.rubric)
        if total is not None:
            return total
    return 1.0


def rubric_total(rubric: str) -> float | None:
    """The total a rubric states before its first criterion, if it states one.

    Examples
    --------
    >>> rubric_total("**Rubric** (total 10 points):\\n\\n- States a position (2 pts)")
    10.0
    >>> rubric_total("**Rubric**\\n\\nTotal 8 points.\\n\\n- 2 points: compares the dates")
    8.0
    """
    head = re.split(r"^\s*- ", rubric, maxsplit=1, flags=re.MULTILINE)[0]
    total = _TOTAL.search(head)
    return float(total.group(1)) if total else None


def _option_hints(exercise: Exercise) -> Mapping[str, str]:
    """The hint registered with the exercise for each wrong option, by letter."""
    return {str(k).strip("() ").lower(): str(v) for k, v in exercise.option_hints.items()}


def _source_names() -> dict[str, str]:
    from ._checks import _corpus
    from ._queries import _short_names

    return dict(_short_names(_corpus()))


def _plain(value: Any) -> Any:
    """Numpy scalars to Python numbers, sets to sorted lists."""
    if hasattr(value, "item") and callable(value.item):
        value = value.item()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value)
    return value


def right_answers(exercise: Exercise) -> list[str]:
    """Every accepted form of an auto-checked exercise's right answer, as text.

    For a source, its id and its short name; for a set of sources, the short
    names joined by commas; for a choice, the letter; for a number, the number.
    Each one passes :func:`qantar.check`.

    Examples
    --------
    >>> from qantar._checks import registry
    >>> right_answers(registry()["causes-4"])
    ['c']
    """
    from ._checks import expected_answer

    answer = _plain(expected_answer(exercise.id))
    names = _source_names()
    if exercise.match == "set":
        return [", ".join(names.get(str(item), str(item)) for item in answer)]
    if exercise.match == "number":
        number = float(answer)
        return [str(int(number)) if number.is_integer() else repr(number)]
    text = str(answer)
    forms = [text]
    if exercise.normalize is not None:
        from ._checks import _corpus

        try:
            source = exercise.normalize(_corpus(), text)
        except (ValueError, KeyError, TypeError):
            source = text
        forms += [source, names.get(source, source)]
    unique: dict[str, str] = {}
    for form in forms:
        unique.setdefault(form.lower(), form)
    return list(unique.values())


def _with_material(source: str | Path | None) -> list[tuple[Exercise, Material]]:
    from ._checks import registry

    material = lesson_material(source)
    missing = [e.id for e in registry().values() if e.id not in material]
    if missing:
        msg = (
            f"exercise(s) {', '.join(missing)} are registered but have no exercise box in the "
            f"notebooks of {'the shipped lessons' if source is None else Path(source).resolve()}"
        )
        raise QuizError(msg)
    return [(e, material[e.id]) for e in registry().values()]


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if fmt is not None:
        element.set("format", fmt)
    ET.SubElement(element, "text").text = text
    return element


def _tag(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _intro(exercise: Exercise, material: Material) -> str:
    return f"*{exercise.title}* (lesson {exercise.notebook})\n\n{material.prompt}"


def _moodle_question(exercise: Exercise, material: Material) -> ET.Element:
    question = ET.Element("question")
    _text(question, "name", f"{exercise.id}: {exercise.title}")
    _text(question, "questiontext", _intro(exercise, material), "markdown")
    _text(question, "generalfeedback", exercise.explanation, "markdown")
    _tag(question, "defaultgrade", f"{points(exercise, material):g}")
    _tag(question, "penalty", "0")
    _tag(question, "hidden", "0")
    _tag(question, "idnumber", exercise.id)
    hint = f"Not yet. Hint: {exercise.hint}" if exercise.hint else "Not yet."
    if exercise.kind != "auto":
        question.set("type", "essay")
        _tag(question, "responseformat", "editor")
        _tag(question, "responserequired", "1")
        _tag(question, "responsefieldlines", "15")
        _tag(question, "attachments", "0")
        _tag(question, "attachmentsrequired", "0")
        grader = material.rubric or "Grade with the rubric of the instructor guide."
        if material.model_answer:
            grader = f"{material.model_answer}\n\n{grader}"
        _text(question, "graderinfo", grader, "markdown")
        _text(question, "responsetemplate", "", "html")
        return question
    from ._checks import expected_answer

    if exercise.match == "choice":
        question.set("type", "multichoice")
        _tag(question, "single", "true")
        _tag(question, "shuffleanswers", "false")
        _tag(question, "answernumbering", "abc")
        right = str(expected_answer(exercise.id)).strip("() ").lower()
        hints = _option_hints(exercise)
        letters = exercise.choices or "".join(material.options)
        for letter in letters:
            correct = letter == right
            answer = ET.SubElement(
                question, "answer", {"fraction": "100" if correct else "0", "format": "markdown"}
            )
            ET.SubElement(answer, "text").text = material.options.get(letter, f"({letter})")
            feedback = (
                f"Correct. {exercise.explanation}"
                if correct
                else f"Not yet. {hints[letter]}"
                if letter in hints
                else hint
            )
            _text(answer, "feedback", feedback, "markdown")
        return question
    if exercise.match == "set":
        question.set("type", "multichoice")
        _tag(question, "single", "false")
        _tag(question, "shuffleanswers", "false")
        _tag(question, "answernumbering", "none")
        names = _source_names()
        wanted = {str(item) for item in _plain(expected_answer(exercise.id))}
        share = f"{100 / len(wanted):.5f}".rstrip("0").rstrip(".")
        for source, name in names.items():
            correct = source in wanted
            answer = ET.SubElement(
                question,
                "answer",
                {"fraction": share if correct else f"-{share}", "format": "plain_text"},
            )
            ET.SubElement(answer, "text").text = name
            feedback = f"Yes, {name} is one of them." if correct else hint
            _text(answer, "feedback", feedback, "markdown")
        return question
    if exercise.match == "number":
        question.set("type", "numerical")
        answer = ET.SubElement(question, "answer", {"fraction": "100", "format": "plain_text"})
        ET.SubElement(answer, "text").text = right_answers(exercise)[0]
        _tag(answer, "tolerance", f"{exercise.tolerance:g}")
        _text(answer, "feedback", f"Correct. {exercise.explanation}", "markdown")
        wrong = ET.SubElement(question, "answer", {"fraction": "0", "format": "plain_text"})
        ET.SubElement(wrong, "text").text = "*"
        _tag(wrong, "tolerance", "0")
        _text(wrong, "feedback", hint, "markdown")
        return question
    question.set("type", "shortanswer")
    _tag(question, "usecase", "0")
    for form in right_answers(exercise):
        answer = ET.SubElement(question, "answer", {"fraction": "100", "format": "plain_text"})
        ET.SubElement(answer, "text").text = form
        _text(answer, "feedback", f"Correct. {exercise.explanation}", "markdown")
    wrong = ET.SubElement(question, "answer", {"fraction": "0", "format": "plain_text"})
    ET.SubElement(wrong, "text").text = "*"
    _text(wrong, "feedback", hint, "markdown")
    return question


def moodle_xml(source: str | Path | None = None) -> str:
    """The Moodle XML of every exercise: one question category per lesson.

    Import it in Moodle under *Question bank > Import > Moodle XML format*.
    """
    quiz = ET.Element("quiz")
    current = None
    for exercise, material in _with_material(source):
        if exercise.notebook != current:
            current = exercise.notebook
            category = ET.SubElement(quiz, "question", {"type": "category"})
            _text(category, "category", f"$course$/top/Qantar/{current}")
        quiz.append(_moodle_question(exercise, material))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _t2q(text: str, indent: int) -> str:
    """Markdown as text2qti takes it: continuation lines indented, ``$`` not LaTeX."""
    text = text.replace("\\", "\\\\").replace("$", "\\$")
    pad = " " * indent
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return ("\n" + pad).join(line if line else "" for line in lines).replace(pad + "\n", "\n")


def canvas_markdown(source: str | Path | None = None) -> str:
    """The quiz as text2qti Markdown: one question per exercise, in course order."""
    out = [
        "Quiz title: Qantar: January 2022 in Kazakhstan and the first CSTO deployment",
        "Quiz description: "
        + _t2q(
            "Every exercise of the course's seven lessons. Answers were computed from the "
            "course corpus when this quiz was exported.",
            4,
        ),
        "Shuffle answers: false",
        "",
    ]
    names = _source_names()
    from ._checks import expected_answer

    for number, (exercise, material) in enumerate(_with_material(source), start=1):
        hint = f"Not yet. Hint: {exercise.hint}" if exercise.hint else "Not yet."
        out += [
            f"Title: {exercise.id}",
            f"Points: {points(exercise, material):g}",
        ]
        label = f"{number}.".ljust(3) + " "
        out.append(label + _t2q(_intro(exercise, material), len(label)))
        if exercise.explanation and exercise.kind == "auto":
            out.append("+   " + _t2q(f"Correct. {exercise.explanation}", 4))
        if exercise.kind != "auto":
            out.append("____")
        elif exercise.match == "choice":
            right = str(expected_answer(exercise.id)).strip("() ").lower()
            hints = _option_hints(exercise)
            for letter in exercise.choices or "".join(material.options):
                mark = "*" if letter == right else ""
                text = material.options.get(letter, f"({letter})")
                out.append(f"{mark}{letter}) " + _t2q(text, 4))
                if letter != right:
                    note = f"Not yet. {hints[letter]}" if letter in hints else hint
                    out.append("... " + _t2q(note, 4))
        elif exercise.match == "set":
            wanted = {str(item) for item in _plain(expected_answer(exercise.id))}
            out.append("-   " + _t2q(hint, 4))
            for source_id, name in names.items():
                out.append(f"[{'*' if source_id in wanted else ' '}] {name}")
        elif exercise.match == "number":
            out.append("-   " + _t2q(hint, 4))
            out.append(f"=   {right_answers(exercise)[0]} +- {exercise.tolerance:g}")
        else:
            out.append("-   " + _t2q(hint, 4))
            out += [f"*   {_t2q(form, 4)}" for form in right_answers(exercise)]
        out.append("")
    return "\n".join(out)


def _canvas_zip(markdown: str, out: Path) -> None:
    try:
        from text2qti.config import Config
        from text2qti.err import Text2qtiError
        from text2qti.qti import QTI
        from text2qti.quiz import Quiz
    except ImportError:
        msg = (
            "the Canvas format needs text2qti: install the instructors' tools with "
            "`pip install -e . --group grade` in the course repository, or `pip install text2qti`"
        )
        raise QuizError(msg) from None
    try:
        quiz = Quiz(markdown, config=Config(), source_name="qantar-quiz.md")
        data = QTI(quiz).zip_bytes()
    except Text2qtiError as err:
        msg = f"text2qti rejected the generated quiz: {err}"
        raise QuizError(msg) from None
    _write_atomic(out, data)


def _write_atomic(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=out.parent, delete=False, suffix=".tmp") as tmp:
        tmp.write(data)
    Path(tmp.name).replace(out)


def write_quiz(
    fmt: str, out: str | Path, source: str | Path | None = None, force: bool = False
) -> Path:
    """Write the quiz in *fmt* (``moodle``: ``.xml``, ``canvas``: ``.zip``) to *out*.

    Raises
    ------
    QuizError
        For an unknown format, a file name that does not fit it, an existing
        file without *force*, or a missing text2qti (Canvas only).
    """
    if fmt not in FORMATS:
        msg = f"unknown quiz format {fmt!r}; choose one of: {', '.join(FORMATS)}"
        raise QuizError(msg)
    out = Path(out)
    suffix = {"moodle": ".xml", "canvas": ".zip"}[fmt]
    if out.suffix.lower() != suffix:
        msg = f"a {fmt} quiz is a {suffix} file; {out.name!r} ends otherwise"
        raise QuizError(msg)
    if out.is_dir():
        msg = f"{out} is a folder; give a file name ending in {suffix}"
        raise QuizError(msg)
    from ._editions import EditionError, refuse_inside_lessons

    try:
        refuse_inside_lessons(out, source)
    except EditionError as err:
        raise QuizError(str(err)) from None
    if out.exists() and not force:
        msg = f"{out} exists; pass --force to replace it"
        raise QuizError(msg)

    try:
        if fmt == "moodle":
            _write_atomic(out, moodle_xml(source).encode("utf-8"))
        else:
            _canvas_zip(canvas_markdown(source), out)
    except EditionError as err:
        raise QuizError(str(err)) from None
    except OSError as err:
        msg = f"cannot write {out}: {err.strerror or err}"
        raise QuizError(msg) from None
    return out


def _run(args: Any) -> int:
    import sys

    try:
        out = write_quiz(args.format, args.out, source=args.source, force=args.force)
    except QuizError as err:
        print(f"qantar quiz: {err}", file=sys.stderr)  # noqa: T201
        return 2
    print(f"wrote the {args.format} quiz to {out}")  # noqa: T201
    return 0


def add_parser(sub: Any) -> None:
    """Add ``qantar quiz`` to the command line's subparsers."""
    quiz = sub.add_parser("quiz", help="write every exercise as a Moodle XML or Canvas QTI quiz")
    # no argparse choices: write_quiz's one-line error names the valid formats
    quiz.add_argument("--format", required=True, help="moodle (a .xml file) or canvas (a .zip)")
    quiz.add_argument("--out", required=True, help="the quiz file to write")
    quiz.add_argument("--source", help="folder of the notebooks (default: the shipped lessons)")
    quiz.add_argument("--force", action="store_true", help="replace the file if it exists")
    quiz.set_defaults(func=_run)
