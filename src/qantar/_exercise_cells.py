"""Exercise cells written from the registry (``scripts/exercise_cells.py``).

The exercise registry (:mod:`qantar._checks`) is the one place where an
exercise's title, objective, kind, minutes, options and rubric are typed.  This
module writes them into the lesson notebooks, in four **generated regions** of
Markdown cells; everything else in those cells (the prompt, the model answer)
stays hand-written and is never touched.

Each region is found by its structure, so running the generator twice changes
nothing the second time:

1. **Header** of the exercise cell: from the directive line (``{exercise-start}``
   for auto-checked exercises, ``{exercise}`` for open ones) through its
   ``:label:``/``:nonumber:`` options (and, for a gated box, the fence that
   closes the directive) to the paragraph starting ``**Objective:**``.  Other
   directive options a writer added are kept, after the generated ones.
2. **Options** of a multiple-choice exercise whose registry entry has
   ``options``: the first list of ``- (a) ...`` items (with their indented
   continuation lines) after the header.  Without one, the list is inserted after
   the prompt's first paragraph.
3. **A good answer** of an open exercise whose registry entry has a ``rubric``:
   from the line starting ``**A good answer`` to the fence that closes the
   exercise box (inserted before that fence when absent).
4. **Rubric** in the solution cell of an open exercise with a ``rubric``: from
   the line starting ``**Rubric**`` to the fence that closes the solution.

An exercise without ``options`` or ``rubric`` in the registry keeps the
hand-written list or rubric it has.  A lesson's overview may also carry a
**time to complete** line: its sentence starting ``**Time to complete:**`` is
written from the exercises' minutes and the reading time in
:data:`READING_MINUTES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._checks import Exercise

__all__ = (
    "KIND_LABELS",
    "READING_MINUTES",
    "ExerciseCellsError",
    "Update",
    "good_answer_block",
    "header",
    "lesson_minutes",
    "options_block",
    "rubric_block",
    "rubric_total",
    "time_to_complete",
    "update_notebook",
    "update_notebooks",
)

#: How the kind of an exercise reads in its box.
KIND_LABELS = {"auto": "auto-checked", "short_answer": "short answer", "discussion": "discussion"}

#: Minutes to read a lesson and run its cells, exercises aside (the one place they are kept;
#: the syllabus and each lesson's "time to complete" add the exercises' minutes to them).
READING_MINUTES = {
    "00-orientation": 15,
    "01-causes": 20,
    "02-russias-role": 20,
    "03-csto-precedent": 30,
    "04-belarus-impact": 25,
    "05-reading-the-sources": 25,
    "06-hindsight": 25,
}

GOOD_ANSWER = "**A good answer"
RUBRIC = "**Rubric**"
OBJECTIVE = "**Objective:**"
TIME_TO_COMPLETE = "**Time to complete:**"

_DIRECTIVE = re.compile(r"^```\{(exercise|exercise-start)\}\s+(\S+?):?(?:\s.*)?$")
_SOLUTION = re.compile(r"^```\{solution\}\s+(\S+)\s*$")
_OPTION_LINE = re.compile(r"^:([a-z-]+):\s*(.*)$")
_CHOICE = re.compile(r"^- \([a-z]\)\s")
_FENCE = re.compile(r"^```\s*$")


class ExerciseCellsError(ValueError):
    """A notebook cannot be brought in line with the registry; the message says why."""


@dataclass(frozen=True)
class Update:
    """What the generator changed (or would change) in one notebook."""

    path: Path
    changed: tuple[str, ...]


def _points(n: float) -> str:
    return f"{n:g} point" + ("" if n == 1 else "s")


def rubric_total(exercise: Exercise) -> int:
    """The points of an exercise's rubric criteria, added up (0 without a rubric)."""
    return sum(c.points for c in exercise.rubric)


def header(exercise: Exercise) -> str:
    """The generated head of an exercise cell: directive, options and objective line.

    Examples
    --------
    >>> from qantar._checks import Exercise
    >>> print(header(Exercise("x-1", "00-x", "A title", "Do it.", "auto", 3)))
    ```{exercise-start} x-1: A title
    :label: x-1
    :nonumber:
    ```
    <BLANKLINE>
    **Objective:** Do it. · *auto-checked · 3 min*
    """
    kind = KIND_LABELS.get(exercise.kind, exercise.kind)
    directive = "exercise-start" if exercise.kind == "auto" else "exercise"
    lines = [
        f"```{{{directive}}} {exercise.id}: {exercise.title}",
        f":label: {exercise.id}",
        ":nonumber:",
    ]
    if exercise.kind == "auto":
        lines.append("```")
    lines += ["", f"{OBJECTIVE} {exercise.objective} · *{kind} · {exercise.minutes} min*"]
    return "\n".join(lines)


def options_block(exercise: Exercise) -> str:
    """The option list of a multiple-choice exercise, one ``- (a) text`` line each."""
    return "\n".join(f"- ({letter}) {text}" for letter, text in exercise.options.items())


def good_answer_block(exercise: Exercise) -> str:
    """What a good answer to an open exercise contains: each rubric criterion and its points.

    Examples
    --------
    >>> from qantar._checks import Criterion, Exercise
    >>> rubric = (Criterion("a position", 4, "f", "p", "n"), Criterion("two sources", 6, "f", "p", "n"))
    >>> print(good_answer_block(Exercise("x-2", "00-x", "T", "O", "discussion", 9, rubric=rubric)))
    **A good answer (10 points)** contains:
    <BLANKLINE>
    - a position (4 points)
    - two sources (6 points)
    """
    lines = [f"{GOOD_ANSWER} ({_points(rubric_total(exercise))})** contains:", ""]
    lines += [f"- {c.name} ({_points(c.points)})" for c in exercise.rubric]
    return "\n".join(lines)


def _partial(points: int) -> str:
    if points >= 3:
        return f"1–{points - 1} points"
    if points == 2:
        return "1 point"
    return "½ point"


def rubric_block(exercise: Exercise) -> str:
    """The rubric of an open exercise for graders: total, criteria and level descriptors.

    A nested list (not a table), so that it reads on a phone.

    Examples
    --------
    >>> from qantar._checks import Criterion, Exercise
    >>> rubric = (Criterion("a position", 10, "Clear.", "Vague.", "None taken."),)
    >>> print(rubric_block(Exercise("x-2", "00-x", "T", "O", "discussion", 9, rubric=rubric)))
    **Rubric** (total 10 points)
    <BLANKLINE>
    - **a position** (10 points)
      - *full (10 points):* Clear.
      - *partial (1–9 points):* Vague.
      - *none (0 points):* None taken.
    """
    lines = [f"{RUBRIC} (total {_points(rubric_total(exercise))})", ""]
    for c in exercise.rubric:
        lines += [
            f"- **{c.name}** ({_points(c.points)})",
            f"  - *full ({_points(c.points)}):* {c.full}",
            f"  - *partial ({_partial(c.points)}):* {c.partial}",
            f"  - *none (0 points):* {c.none}",
        ]
    return "\n".join(lines)


def lesson_minutes(stem: str, exercises: Iterable[Exercise] | None = None) -> tuple[int, int]:
    """Minutes of reading and of exercises of one lesson, from the registry.

    Raises
    ------
    ExerciseCellsError
        If :data:`READING_MINUTES` has no reading time for the lesson.
    """
    if exercises is None:
        from ._checks import registry

        exercises = registry().values()
    if stem not in READING_MINUTES:
        msg = (
            f"no reading time for lesson {stem!r}: add it to READING_MINUTES in "
            "src/qantar/_exercise_cells.py"
        )
        raise ExerciseCellsError(msg)
    return READING_MINUTES[stem], sum(e.minutes for e in exercises if e.notebook == stem)


def time_to_complete(stem: str, exercises: Iterable[Exercise] | None = None) -> str:
    """The "time to complete" sentence of a lesson's overview.

    Examples
    --------
    >>> from qantar._checks import Exercise
    >>> print(time_to_complete("00-orientation", [Exercise("x", "00-orientation", "T", "O",
    ...       "auto", 4)]))
    **Time to complete:** about 19 minutes (15 to read and run the cells, 4 for the exercises).
    """
    reading, practice = lesson_minutes(stem, exercises)
    return (
        f"{TIME_TO_COMPLETE} about {reading + practice} minutes ({reading} to read and run "
        f"the cells, {practice} for the exercises)."
    )


def _replace_time(text: str, sentence: str) -> str:
    """Replace the paragraph starting ``**Time to complete:**`` (up to a blank line)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(TIME_TO_COMPLETE):
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            return "\n".join([*lines[:i], sentence, *lines[end:]])
    return text


def _split_header(text: str, where: str) -> tuple[list[str], str, list[str], list[str]]:
    """Lines before the directive, the label, extra directive options, the lines after."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _DIRECTIVE.match(line)), None)
    if start is None:
        msg = f"{where}: no exercise directive line"
        raise ExerciseCellsError(msg)
    found = _DIRECTIVE.match(lines[start])
    assert found is not None
    label = found.group(2)
    extra: list[str] = []
    i = start + 1
    while i < len(lines) and _OPTION_LINE.match(lines[i]):
        option = _OPTION_LINE.match(lines[i])
        assert option is not None
        if option.group(1) == "label":
            label = option.group(2).strip()
        elif option.group(1) != "nonumber":
            extra.append(lines[i])
        i += 1
    gated = found.group(1) == "exercise-start"
    if gated:
        if i >= len(lines) or not _FENCE.match(lines[i]):
            msg = (
                f"{where}: the {{exercise-start}} directive of {label} is not closed by ``` "
                "right after its options"
            )
            raise ExerciseCellsError(msg)
        i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and lines[i].startswith(OBJECTIVE):
        while i < len(lines) and lines[i].strip():
            i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
    return lines[:start], label, extra, lines[i:]


def _with_header(exercise: Exercise, gated: bool, where: str, text: str) -> str:
    before, _, extra, rest = _split_header(text, where)
    if gated != (exercise.kind == "auto"):
        box = "a gated {exercise-start} box" if gated else "an {exercise} box"
        msg = (
            f"{where}: {exercise.id} is registered as {exercise.kind!r} but its cell is {box}; "
            "change the cell structure by hand (auto-checked exercises use {exercise-start} "
            "... {exercise-end} cells, open ones a single {exercise} cell)"
        )
        raise ExerciseCellsError(msg)
    head = header(exercise).split("\n")
    if extra:
        # options a writer added stay with the directive, after the generated ones
        at = head.index(":nonumber:") + 1
        head[at:at] = extra
    body = [*before, *head]
    if rest:
        body += ["", *rest]
    return "\n".join(body)


def _with_options(exercise: Exercise, text: str) -> str:
    lines = text.split("\n")
    objective = next(i for i, line in enumerate(lines) if line.startswith(OBJECTIVE))
    first = next(
        (i for i in range(objective + 1, len(lines)) if _CHOICE.match(lines[i])),
        None,
    )
    block = options_block(exercise).split("\n")
    if first is None:
        # no list yet: after the first paragraph of the prompt
        i = objective + 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        while i < len(lines) and lines[i].strip():
            i += 1
        return "\n".join([*lines[:i], "", *block, *lines[i:]])
    end = first
    while end < len(lines) and (
        _CHOICE.match(lines[end]) or (lines[end].startswith("  ") and lines[end].strip())
    ):
        end += 1
    return "\n".join([*lines[:first], *block, *lines[end:]])


def _with_block(text: str, marker: str, block: str, where: str) -> str:
    """Replace (or insert) the region from *marker* to the closing fence."""
    lines = text.rstrip("\n").split("\n")
    if not lines or not _FENCE.match(lines[-1]):
        msg = f"{where}: the cell does not end with the ``` that closes its box"
        raise ExerciseCellsError(msg)
    start = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    if start is None:
        start = len(lines) - 1
    kept = lines[:start]
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([*kept, "", *block.split("\n"), "```"])


def _header_label(text: str) -> tuple[str, bool] | None:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        found = _DIRECTIVE.match(line)
        if found is None:
            continue
        label = found.group(2)
        for option in lines[i + 1 :]:
            opt = _OPTION_LINE.match(option)
            if opt is None:
                break
            if opt.group(1) == "label":
                label = opt.group(2).strip()
        return label, found.group(1) == "exercise-start"
    return None


def update_notebook(
    nb: Any, stem: str, exercises: Mapping[str, Exercise] | None = None
) -> list[str]:
    """Bring the generated regions of one notebook in line with the registry, in place.

    Only the sources of Markdown cells change; outputs and code are untouched.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The lesson notebook.
    stem : str
        The lesson's file stem (``"01-causes"``), to find its exercises.
    exercises : mapping of str to Exercise, optional
        The registry (default: :func:`qantar._checks.registry`).

    Returns
    -------
    list of str
        One line per changed region, e.g. ``"causes-5: header"``.

    Raises
    ------
    ExerciseCellsError
        If an exercise of the lesson has no cell, a cell names an unregistered
        exercise, or a cell's structure does not fit its exercise's kind.
    """
    if exercises is None:
        from ._checks import registry

        exercises = registry()
    changed: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        where = f"{stem}.ipynb cell {index}"
        text = cell.source
        new = text
        if TIME_TO_COMPLETE in text and stem in READING_MINUTES:
            new = _replace_time(new, time_to_complete(stem, exercises.values()))
            if new != text:
                changed.append(f"{stem}: time to complete")
        found = _header_label(text)
        solution = next(
            (m for line in text.split("\n") if (m := _SOLUTION.match(line)) is not None), None
        )
        if found is not None:
            label, gated = found
            if label not in exercises:
                msg = f"{where}: exercise {label!r} is not in the registry (src/qantar/_exercises)"
                raise ExerciseCellsError(msg)
            exercise = exercises[label]
            if exercise.notebook != stem:
                msg = f"{where}: exercise {label!r} is registered for {exercise.notebook}"
                raise ExerciseCellsError(msg)
            seen.add(label)
            before = new
            new = _with_header(exercise, gated, where, new)
            if new != before:
                changed.append(f"{label}: header")
            if exercise.options:
                before = new
                new = _with_options(exercise, new)
                if new != before:
                    changed.append(f"{label}: options")
            if exercise.rubric and not gated:
                before = new
                new = _with_block(new, GOOD_ANSWER, good_answer_block(exercise), where)
                if new != before:
                    changed.append(f"{label}: a good answer")
        elif solution is not None and solution.group(1) in exercises:
            exercise = exercises[solution.group(1)]
            if exercise.rubric:
                new = _with_block(text, RUBRIC, rubric_block(exercise), where)
                if new != text:
                    changed.append(f"{exercise.id}: rubric")
        if new != text:
            cell.source = new
    missing = [e.id for e in exercises.values() if e.notebook == stem and e.id not in seen]
    if missing:
        msg = f"{stem}.ipynb: no exercise cell for {', '.join(missing)} (registered for it)"
        raise ExerciseCellsError(msg)
    open_without = [
        e.id
        for e in exercises.values()
        if e.notebook == stem and e.rubric and not _has_solution(nb, e.id)
    ]
    if open_without:
        msg = (
            f"{stem}.ipynb: no ```{{solution}} cell for {', '.join(open_without)}, where the "
            "rubric goes"
        )
        raise ExerciseCellsError(msg)
    return changed


def _has_solution(nb: Any, label: str) -> bool:
    return any(
        cell.cell_type == "markdown"
        and any(
            (m := _SOLUTION.match(line)) is not None and m.group(1) == label
            for line in cell.source.split("\n")
        )
        for cell in nb.cells
    )


def update_notebooks(paths: Iterable[Path], write: bool = True) -> list[Update]:
    """Run :func:`update_notebook` on each lesson file; write the changed ones if *write*.

    A file is rewritten only when a generated region changed, with nbformat's
    own formatting (the one the notebooks are stored in).
    """
    import nbformat

    updates = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        changed = update_notebook(nb, path.stem)
        if changed and write:
            nbformat.write(nb, path)
        updates.append(Update(path, tuple(changed)))
    return updates
