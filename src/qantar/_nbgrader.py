"""An nbgrader course from the lessons (``qantar nbgrader --out COURSE_DIR``).

Each lesson becomes one assignment, ``source/<lesson>/<lesson>.ipynb``, with
the lesson's narrative and code as they are and its exercises turned into
nbgrader cells (metadata under ``cell.metadata.nbgrader``, schema version 3):

* an auto-checked exercise gives an **autograded answer** cell (``solution``)
  whose right answer, computed from the corpus at export time, sits between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``, then a locked **autograder
  test** cell (``grade``, ``points``) that asserts ``qantar.check(id, answer)``,
  so every form of the right answer that ``check`` accepts earns the points;
* an open exercise gives a **manually graded answer** cell (``solution`` and
  ``grade``, worth the rubric's total, the model answer inside the solution
  markers) and a locked cell holding the rubric between ``### BEGIN MARK
  SCHEME`` and ``### END MARK SCHEME``: ``generate_assignment`` removes the
  rubric from the students' copy, ``autograde`` restores it for graders, and the
  course's ``nbgrader_config.py`` removes it again from the feedback students
  get (``generate_feedback``).

Points and rubrics come from the exercise registry where it has them (an open
exercise is worth its registered rubric's total, the rubric written as the
solution cell shows it); for an exercise whose rubric is not registered yet,
from the rubric in the lesson's solution cell (see
:func:`qantar._quiz.lesson_material`).  Code cells carry no outputs (those of
cells tagged ``reveals-answer`` among them): students run the cells themselves.

The multiple-choice self-check buttons are left out: they carry their right
answers in the page.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._checks import Exercise
    from ._quiz import Material

__all__ = ("NbgraderError", "assignment_notebook", "make_course")

CODE_STUB = "answer = ...  # YOUR ANSWER HERE"
_CHECK_CALL = re.compile(r"qantar\.check\(\s*[\"']([^\"']+)[\"']")
_COMMENT = re.compile(r"answer\s*=\s*\.\.\.\s*#\s*(.*)")
_START = re.compile(r"```\{exercise(?:-start)?\}\s+(\S+?):?\s")

CONFIG = '''\
"""nbgrader configuration of the Qantar course (written by `qantar nbgrader`)."""

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearMarkScheme, GetGrades

c = get_config()  # noqa: F821 - nbgrader provides it

c.CourseDirectory.course_id = "qantar"

# What students see in place of a solution.
c.ClearSolutions.code_stub = {{"python": {code_stub!r}}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Rubrics sit in locked cells between ### BEGIN MARK SCHEME and ### END MARK SCHEME, which
# are not task cells; remove them from the students' copy and from their feedback too
# (graders see them in the autograded notebooks).
c.ClearMarkScheme.enforce_metadata = False
c.GenerateFeedback.preprocessors = [GetGrades, ClearMarkScheme, CSSHTMLHeaderPreprocessor]

# A lesson runs its whole narrative before its tests.
c.Execute.timeout = 300
'''


class NbgraderError(RuntimeError):
    """The nbgrader course could not be written; the message says why."""


#: Left in a course folder so that ``--force`` refreshes only what qantar wrote.
MARKER = ".qantar-nbgrader"


def _meta(grade_id: str, **flags: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": False,
        "grade_id": grade_id,
        "locked": False,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    meta.update(flags)
    return {"nbgrader": meta}


def _literal(value: Any) -> str:
    """Python source for a right answer (numpy scalars as numbers, sets sorted)."""
    from ._quiz import _plain

    value = _plain(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value)


def _points(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _auto_cells(exercise: Exercise, material: Material, original: str) -> list[Any]:
    import nbformat

    from ._checks import expected_answer
    from ._quiz import points

    comment = _COMMENT.search(original)
    hint = comment.group(1).strip() if comment else "your answer"
    answer = nbformat.v4.new_code_cell(
        f"# {exercise.id}: {hint}\n"
        "### BEGIN SOLUTION\n"
        f"answer = {_literal(expected_answer(exercise.id))}\n"
        "### END SOLUTION\n"
        f'qantar.check("{exercise.id}", answer)',
        metadata=_meta(f"{exercise.id}-answer", solution=True),
    )
    worth = _points(points(exercise, material))
    test = nbformat.v4.new_code_cell(
        f"# Autograder test for {exercise.id} ({worth} point{'s' if worth != 1 else ''}): "
        "every form of the right answer\n"
        "# that qantar.check accepts earns the points.\n"
        f'_feedback = qantar.check("{exercise.id}", answer)\n'
        "assert _feedback.correct, str(_feedback)",
        metadata=_meta(f"{exercise.id}-test", grade=True, locked=True, points=worth),
    )
    return [answer, test]


def _open_cells(exercise: Exercise, material: Material) -> list[Any]:
    import nbformat

    from ._quiz import points

    worth = _points(points(exercise, material))
    model = material.model_answer or "(no model answer in the lesson)"
    answer = nbformat.v4.new_markdown_cell(
        f"**Your answer** ({worth} points):\n\n### BEGIN SOLUTION\n{model}\n### END SOLUTION",
        metadata=_meta(f"{exercise.id}-answer", solution=True, grade=True, points=worth),
    )
    rubric = material.rubric or "Grade with the rubric of the instructor guide."
    graders = nbformat.v4.new_markdown_cell(
        "*Your instructor grades this answer with a rubric.*\n\n"
        f"### BEGIN MARK SCHEME\n{rubric}\n### END MARK SCHEME",
        metadata=_meta(f"{exercise.id}-rubric", locked=True),
    )
    return [answer, graders]


def _prompt_cell(exercise: Exercise, material: Material) -> Any:
    import nbformat

    return nbformat.v4.new_markdown_cell(
        f"### Exercise {exercise.id}: {exercise.title}\n\n"
        f"**Objective:** {exercise.objective} · *about {exercise.minutes} min*\n\n"
        f"{material.prompt}",
        metadata=_meta(f"{exercise.id}-prompt", locked=True),
    )


def assignment_notebook(path: str | Path, material: dict[str, Material]) -> Any:
    """The nbgrader source version of one lesson notebook.

    Parameters
    ----------
    path : str or Path
        The lesson notebook (the instructor version, with its solution cells).
    material : dict
        :func:`qantar._quiz.lesson_material` of the lessons.
    """
    import nbformat

    from ._checks import registry

    exercises = registry()
    nb = nbformat.read(Path(path), as_version=4)
    cells: list[Any] = []
    current: str | None = None  # the exercise whose box came last
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "solution" in tags or "self-check" in tags:
            continue
        text = cell.source
        if cell.cell_type == "markdown" and "{exercise-end}" in text:
            continue
        start = _START.search(text) if cell.cell_type == "markdown" else None
        if start is not None and start.group(1) in exercises:
            label = current = start.group(1)
            cells.append(_prompt_cell(exercises[label], material[label]))
            continue
        if "exercise" in tags:
            called = _CHECK_CALL.search(text)
            if cell.cell_type == "code" and called and called.group(1) in exercises:
                label = called.group(1)
                cells += _auto_cells(exercises[label], material[label], text)
                continue
            if cell.cell_type == "markdown" and current and exercises[current].kind != "auto":
                cells += _open_cells(exercises[current], material[current])
                current = None
                continue
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    nb.cells = cells
    graded = {c.metadata["nbgrader"]["grade_id"] for c in cells if "nbgrader" in c.metadata}
    missing = [
        e.id
        for e in exercises.values()
        if e.notebook == Path(path).stem and f"{e.id}-answer" not in graded
    ]
    if missing:
        msg = (
            f"{Path(path).name}: no answer cell found for exercise(s) {', '.join(missing)} "
            "(an exercise-tagged cell after the exercise box)"
        )
        raise NbgraderError(msg)
    return nb


def make_course(
    out: str | Path, source: str | Path | None = None, force: bool = False
) -> list[Path]:
    """Write an nbgrader course to *out*: ``nbgrader_config.py`` and one assignment per lesson.

    Parameters
    ----------
    out : str or Path
        The course folder; refused if it exists and is not empty, unless *force*.
    source : str or Path
        Folder of the course notebooks.
    force : bool
        Write into an existing course folder, replacing ``nbgrader_config.py`` and
        the ``source/`` notebooks of the same names (the gradebook and students'
        submissions stay).

    Returns
    -------
    list of Path
        The files written.
    """
    import nbformat

    from ._editions import EditionError, _refuse_unsafe, find_notebooks, lessons_dir
    from ._quiz import QuizError, _with_material

    out = Path(out)
    try:
        _refuse_unsafe(out, lessons_dir() if source is None else Path(source), "an nbgrader course")
    except EditionError as err:
        raise NbgraderError(str(err)) from None
    if out.exists() and not out.is_dir():
        msg = f"{out} is a file; give a folder for the nbgrader course"
        raise NbgraderError(msg)
    if out.exists() and any(out.iterdir()):
        if not force:
            msg = (
                f"{out} exists and is not empty; choose a new folder, or add --force to "
                "refresh an nbgrader course that qantar wrote there"
            )
            raise NbgraderError(msg)
        if not (out / MARKER).is_file():
            msg = (
                f"will not write into {out}: it holds files that qantar nbgrader did not write "
                f"(no {MARKER}); choose a new folder"
            )
            raise NbgraderError(msg)
    try:
        lessons = find_notebooks(source)
        material = {e.id: m for e, m in _with_material(source)}
    except (EditionError, QuizError) as err:
        raise NbgraderError(str(err)) from None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
    except OSError as err:
        msg = f"cannot write the course to {out}: {err.strerror or err}"
        raise NbgraderError(msg) from None
    names = ["nbgrader_config.py", MARKER]
    try:
        (staging / "nbgrader_config.py").write_text(
            CONFIG.format(code_stub=CODE_STUB), encoding="utf-8"
        )
        (staging / MARKER).write_text(
            "Written by `qantar nbgrader`; `--force` may refresh the source/ notebooks here.\n",
            encoding="utf-8",
        )
        for lesson in lessons:
            nb = assignment_notebook(lesson, material)
            name = f"source/{lesson.stem}/{lesson.name}"
            (staging / name).parent.mkdir(parents=True)
            nbformat.write(nb, staging / name)
            names.append(name)
        if not out.exists():
            staging.rename(out)
        else:
            for name in names:
                (out / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).replace(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


def _run(args: Any) -> int:
    import sys

    try:
        written = make_course(args.out, source=args.source, force=args.force)
    except NbgraderError as err:
        print(f"qantar nbgrader: {err}", file=sys.stderr)  # noqa: T201
        return 2
    print(  # noqa: T201
        f"wrote the nbgrader course ({len(written) - 2} assignments) to {args.out}; next: "
        f"cd {args.out} && nbgrader generate_assignment ASSIGNMENT"
    )
    return 0


def add_parser(sub: Any) -> None:
    """Add ``qantar nbgrader`` to the command line's subparsers."""
    grade = sub.add_parser("nbgrader", help="write an nbgrader course: one assignment per lesson")
    grade.add_argument("--out", required=True, help="the course folder to create")
    grade.add_argument("--source", help="folder of the notebooks (default: the shipped lessons)")
    grade.add_argument("--force", action="store_true", help="write into an existing folder")
    grade.set_defaults(func=_run)
