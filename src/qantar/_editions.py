"""Student and instructor editions of the notebooks, and the instructors' answer key.

One source, the notebooks in ``notebooks/``, gives both editions:

* the **instructor** edition is the notebooks as they are, with solutions,
  model answers and rubrics;
* the **student** edition drops every cell tagged ``solution`` (the markdown
  gate cells around solution code are tagged too, so no empty solution box
  remains) with nbconvert's ``TagRemovePreprocessor``, clears the outputs
  of cells tagged ``exercise``, and clears the outputs of code cells tagged
  ``reveals-answer`` (an output shown before an exercise that would give its
  answer away), keeping their code under a one-line note that the output
  appears when the student runs the cell.  After each notebook's title it adds
  a note saying where the grading criteria and the codebook are.

Both editions ship ``CODEBOOK.md`` (the corpus's codebook, ``data/CODEBOOK.md``)
beside the notebooks, since the lessons send students to it.

An edition is only ever written to a new or empty folder, or (with ``force``)
over a folder that an earlier edition wrote: each edition leaves a marker file,
``.qantar-edition``.  The source notebooks, any folder that contains them, a
project root, ``/`` and the home folder are refused whatever the options.  A
failed or killed run leaves nothing half-written: the edition is written to a
staging folder beside the destination and renamed into place; the next run
removes what a killed run left behind.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

__all__ = (
    "EditionError",
    "answer_key",
    "find_notebooks",
    "lesson_paths",
    "lessons_dir",
    "make_edition",
    "solution_texts",
    "write_answer_key",
)

Edition = Literal["student", "instructor"]
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
#: Tag of a code cell whose output gives an exercise's answer away: the student edition
#: keeps the code and drops the output (authors: see the instructor guide).
REVEALS_TAG = "reveals-answer"
HIDDEN_NOTE = (
    "# Output hidden in the student edition (it would give an exercise's answer away): "
    "run the cell to see it."
)
#: Tag of the note the student edition adds after each notebook's title.
NOTE_TAG = "student-edition-note"
STUDENT_NOTE = (
    "**Student edition.** Solutions are not included. Under each open exercise, *A good "
    "answer (10 points)* lists the criteria your answer is graded on, with their points: "
    "aim at each of them. The codebook that defines every code of the corpus is "
    "`CODEBOOK.md`, in the folder of this notebook (on the course website: the Codebook "
    "page)."
)
CODEBOOK = "CODEBOOK.md"
_LABEL = re.compile(
    r"```\{(?:exercise|exercise-start)\}[^\n]*\n(?::[a-z-]+:[^\n]*\n)*?:label:\s*(\S+)"
)
_SOLUTION = re.compile(r"```\{solution(?:-start)?\}\s+(\S+)")

_README = """\
# Qantar: {title}

These are the {kind} notebooks of the Qantar course on the January 2022
unrest in Kazakhstan and the first CSTO deployment.

{note}

## How to run them

1. Install the course library once (it ships the corpus, so no download is
   needed at run time), from a copy of the course repository:

       python -m pip install /path/to/qantar

2. Start JupyterLab in this folder and open `00-orientation.ipynb`:

       python -m jupyterlab

Each exercise ends with a cell that calls `qantar.check("<exercise id>", answer)`:
replace `...` with your answer and run the cell to get feedback.  Multiple-choice
exercises also have a cell `qantar.self_check("<exercise id>")`: run it and click
an option for feedback in the page.  Under each open exercise, *A good answer*
lists the criteria it is graded on.

`CODEBOOK.md`, in this folder, is the corpus's codebook: what every field and
code means, and the rules the coders followed.
"""


#: The file each edition folder carries, so that ``--force`` replaces only an edition.
MARKER = ".qantar-edition"
_STAGING = ".qantar-staging"


class EditionError(RuntimeError):
    """An edition or answer key could not be written; the message says why."""


def lessons_dir() -> Path:
    """The folder of the lesson notebooks shipped with the package.

    In a clone (editable install) this is the clone's ``notebooks/`` folder.

    Examples
    --------
    >>> sorted(p.name for p in lesson_paths())[0]
    '00-orientation.ipynb'
    """
    return Path(str(importlib.resources.files("qantar") / "lessons"))


def lesson_paths() -> list[Path]:
    """The lesson notebooks shipped with the package, in course order."""
    return find_notebooks(lessons_dir())


def find_notebooks(source: str | Path | None = None) -> list[Path]:
    """The course notebooks in *source* (default: the shipped lessons), in order.

    Raises
    ------
    EditionError
        If *source* holds no notebook.
    """
    folder = lessons_dir() if source is None else Path(source)
    try:
        notebooks = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    except OSError as err:
        msg = f"cannot read {folder} ({err.strerror})"
        raise EditionError(msg) from err
    if not notebooks:
        msg = (
            f"no course notebooks (NN-name.ipynb) in {folder}; leave out --source to use "
            "the lessons shipped with the package, or pass --source PATH/TO/notebooks"
        )
        raise EditionError(msg)
    return notebooks


def _read_notebook(path: Path) -> Any:
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except OSError as err:
        msg = f"cannot read {path} ({err.strerror})"
        raise EditionError(msg) from err
    except Exception as err:
        msg = f"{path} is not a readable notebook ({type(err).__name__}); restore it from git"
        raise EditionError(msg) from err


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _refuse_unsafe(out: Path, source: Path, what: str = "an edition") -> None:
    """Refuse, whatever the options, a destination that would touch the course or a root."""
    target = out.resolve()
    src = source.resolve()
    reasons = []
    if _is_within(src, target):
        reasons.append("it holds the course notebooks")
    elif _is_within(target, src):
        reasons.append("it is inside the course notebooks folder")
    if target == Path(target.anchor):
        reasons.append("it is the root of the file system")
    if target == Path.home().resolve():
        reasons.append("it is your home folder")
    if (target / "pyproject.toml").exists() or (target / ".git").exists():
        reasons.append("it is the root of a project")
    if target == Path.cwd().resolve():
        reasons.append("it is the folder you are working in")
    if reasons:
        msg = (
            f"will not write {what} into {out}: {reasons[0]}; "
            f"choose a new folder, e.g. --out build/{what.split()[-1]}"
        )
        raise EditionError(msg)


def refuse_inside_lessons(out: Path, source: str | Path | None) -> None:
    """Refuse a file written inside the course notebooks (it would ship as a lesson file)."""
    lessons = (lessons_dir() if source is None else Path(source)).resolve()
    if _is_within(out.resolve().parent, lessons):
        msg = (
            f"will not write {out} inside the course notebooks folder {lessons}; "
            "choose a file elsewhere, e.g. --out build/" + out.name
        )
        raise EditionError(msg)


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed run left beside *out*; put back an edition a kill took away."""
    try:
        siblings = list(out.parent.glob(f".{out.name}.qantar-*"))
    except OSError:
        return
    for path in siblings:
        if not (path / _STAGING).is_file():
            continue  # not ours: never touched
        try:
            pid = int((path / _STAGING).read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            pid = 0
        if pid and pid != os.getpid() and _alive(pid):
            continue  # another run is writing it now
        if path.name.startswith(f".{out.name}.qantar-old-") and not out.exists():
            (path / _STAGING).unlink()
            path.rename(out)  # the run was killed between its two renames: restore
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _student(nb: Any) -> Any:
    import nbformat
    from nbconvert.preprocessors import TagRemovePreprocessor

    remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    nb, _ = remover.preprocess(nb, {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if EXERCISE_TAG in tags or REVEALS_TAG in tags:
            cell.outputs = []
            cell.execution_count = None
        if REVEALS_TAG in tags and not cell.source.startswith(HIDDEN_NOTE):
            cell.source = f"{HIDDEN_NOTE}\n{cell.source}"
    note = nbformat.v4.new_markdown_cell(STUDENT_NOTE, metadata={"tags": [NOTE_TAG]})
    note.pop("id", None)  # a fixed id, not a random one: editions are reproducible
    if nb.get("nbformat_minor", 0) >= 5:
        note["id"] = NOTE_TAG
    titled = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
    nb.cells.insert(titled, note)
    return nb


def codebook_path() -> Path:
    """The corpus's codebook shipped with the package (``data/CODEBOOK.md`` in a clone)."""
    return Path(str(importlib.resources.files("qantar") / "data" / CODEBOOK))


def make_edition(
    kind: Edition,
    out: str | Path,
    source: str | Path | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the student or instructor edition of every notebook to *out*.

    Parameters
    ----------
    kind : {"student", "instructor"}
    out : str or Path
        Destination folder: new, empty, or (with *force*) an earlier edition.
    source : str or Path, optional
        Folder of the course notebooks; defaults to the lessons shipped with
        the package (see :func:`lesson_paths`).
    force : bool
        Replace an edition that an earlier run wrote to *out*.  A folder
        without the edition marker is never replaced.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    EditionError
        With a one-line reason, for any destination or source it cannot use.
    """
    if kind not in ("student", "instructor"):
        msg = f"unknown edition {kind!r}; choose 'student' or 'instructor'"
        raise EditionError(msg)
    if not str(out).strip():
        msg = "--out is empty; name a new folder, e.g. --out build/editions/student"
        raise EditionError(msg)
    notebooks = find_notebooks(source)
    out = Path(out)
    _refuse_unsafe(out, notebooks[0].parent)
    names = [nb.name for nb in notebooks] + ["README.md", CODEBOOK]
    try:
        return _write_edition(kind, out, notebooks, names, force)
    except OSError as err:
        msg = f"cannot write the edition to {out} ({err.strerror or err})"
        raise EditionError(msg) from err


def _write_edition(
    kind: Edition, out: Path, notebooks: list[Path], names: list[str], force: bool
) -> list[Path]:
    import nbformat

    if out.exists() and not out.is_dir():
        msg = f"{out} is a file; --out must name a folder"
        raise EditionError(msg)
    _clean_leftovers(out)
    replacing = out.exists() and any(out.iterdir())
    if replacing and not (out / MARKER).is_file():
        msg = (
            f"{out} is not empty and was not written by `qantar edition`; "
            "choose a new or empty folder (nothing was changed)"
        )
        raise EditionError(msg)
    if replacing and not force:
        msg = (
            f"{out} holds an earlier edition; to replace it with a new one, run the same "
            "command with --force (only an edition folder is ever replaced)"
        )
        raise EditionError(msg)
    texts = []
    for path in notebooks:
        nb = _read_notebook(path)
        texts.append(_student(nb) if kind == "student" else nb)
    out.parent.mkdir(parents=True, exist_ok=True)
    mode = 0o777 & ~_umask()
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.qantar-new-"))
    old: Path | None = None
    try:
        (staging / _STAGING).write_text(f"{os.getpid()}\n", encoding="utf-8")
        for path, nb in zip(notebooks, texts, strict=True):
            nbformat.write(nb, staging / path.name)
        note = (
            "Solutions are not included: your instructor has them. Auto-checked exercises "
            "give instant feedback through `qantar.check`, multiple-choice ones also through "
            "the buttons of `qantar.self_check`."
            if kind == "student"
            else "This edition includes every solution, model answer and grading rubric: "
            "do not hand it to students."
        )
        readme = _README.format(title=f"{kind} edition", kind=kind, note=note)
        (staging / "README.md").write_text(readme, encoding="utf-8")
        shutil.copyfile(codebook_path(), staging / CODEBOOK)
        (staging / MARKER).write_text(f"{kind}\n", encoding="utf-8")
        staging.chmod(mode)
        if out.exists():
            # keep the old edition until the new one is in place (a kill between the two
            # renames is repaired by the next run's _clean_leftovers)
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.qantar-old-"))
            old.rmdir()
            (out / _STAGING).write_text(f"{os.getpid()}\n", encoding="utf-8")
            out.rename(old)
        (staging / _STAGING).unlink()
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None and out.exists():
            shutil.rmtree(old, ignore_errors=True)
    return [out / name for name in names]


def _cells(nb: Any) -> Iterator[tuple[int, Any]]:
    yield from enumerate(nb.cells)


def solution_texts(notebook: str | Path) -> dict[str, str]:
    """The text of every solution in a notebook, by exercise label.

    A solution runs from the cell holding ``{solution-start} label`` (or a
    single ``{solution} label`` cell) to the ``{solution-end}`` cell.
    """

    nb = _read_notebook(Path(notebook))
    found: dict[str, list[str]] = {}
    current: str | None = None
    for _, cell in _cells(nb):
        text = cell.source
        start = _SOLUTION.search(text)
        if start:
            current = start.group(1)
            found[current] = [_strip_directives(text)]
            if "{solution-start}" not in text:
                current = None
            continue
        if current is not None:
            if "{solution-end}" in text:
                current = None
                continue
            body = text if cell.cell_type == "markdown" else f"```python\n{text}\n```"
            found[current].append(body)
    return {label: "\n\n".join(p for p in parts if p.strip()) for label, parts in found.items()}


def _strip_directives(text: str) -> str:
    # a gated {solution-start} directive is closed by its own fence, right after its options:
    # drop that fence too, or the instructors' guide shows a stray ``` (issue 11)
    text = re.sub(
        r"^```\{solution-start\}[^\n]*\n(?::[a-z-]+:[^\n]*\n)*```[ \t]*$",
        "",
        text,
        flags=re.MULTILINE,
    )
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith("```{solution") and not re.match(r":(class|label):", line)
    ]
    body = "\n".join(lines).strip()
    return body[:-3].strip() if body.endswith("```") else body


def exercise_labels(notebook: str | Path) -> list[str]:
    """Exercise labels in a notebook, in order."""

    nb = _read_notebook(Path(notebook))
    return [m.group(1) for cell in nb.cells for m in _LABEL.finditer(cell.source)]


def answer_key(source: str | Path | None = None) -> list[dict[str, Any]]:
    """Every exercise with its notebook, type, objective, time and answer or rubric.

    Built from the exercise registry (for the right answers of auto-checked
    exercises, computed from the corpus) and from the notebooks' solution cells
    (for model answers and rubrics), never maintained by hand.
    """
    from ._checks import expected_answer, registry
    from ._selfcheck import self_checks

    quizzes = set(self_checks())
    solutions: dict[str, str] = {}
    for path in find_notebooks(source):
        solutions.update(solution_texts(path))
    rows = []
    for exercise in registry().values():
        answer = expected_answer(exercise.id) if exercise.kind == "auto" else None
        if isinstance(answer, set | frozenset):
            answer = sorted(answer)
        rows.append(
            {
                "id": exercise.id,
                "notebook": exercise.notebook,
                "type": exercise.kind,
                "self_check": "yes" if exercise.id in quizzes else "no",
                "objective": exercise.objective,
                "minutes": exercise.minutes,
                "answer": "" if answer is None else str(answer),
                "explanation": exercise.explanation,
                "solution": solutions.get(exercise.id, ""),
            }
        )
    return rows


#: Columns of the answer key, in order (also when no exercise is registered yet).
_KEY_COLUMNS = (
    "id",
    "notebook",
    "type",
    "self_check",
    "objective",
    "minutes",
    "answer",
    "explanation",
    "solution",
)


def _markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["# Qantar answer key (instructors only)", ""]
    for row in rows:
        lines += [
            f"## {row['id']} ({row['notebook']})",
            "",
            f"- **Type:** {row['type']}"
            + (" (with a self-check in the book)" if row["self_check"] == "yes" else ""),
            f"- **Objective:** {row['objective']}",
            f"- **Estimated time:** {row['minutes']} min",
        ]
        if row["answer"]:
            lines.append(f"- **Answer:** {row['answer']}")
        if row["explanation"]:
            lines.append(f"- **Why:** {row['explanation']}")
        lines += ["", row["solution"], ""]
    return "\n".join(lines).rstrip() + "\n"


def write_answer_key(
    out: str | Path, source: str | Path | None = None, force: bool = False
) -> Path:
    """Write the answer key as CSV (``.csv``) or Markdown (``.md``) to *out*."""
    if not str(out).strip():
        msg = "--out is empty; name a .csv or .md file, e.g. --out answer-key.md"
        raise EditionError(msg)
    out = Path(out)
    if out.suffix not in (".csv", ".md"):
        msg = f"answer key file must end in .csv or .md, not {out.name!r}"
        raise EditionError(msg)
    if out.is_dir():
        msg = f"{out} is a folder; --out must name a .csv or .md file"
        raise EditionError(msg)
    refuse_inside_lessons(out, source)
    if out.exists() and not force:
        msg = f"{out} exists; choose another name, or add --force to replace that file"
        raise EditionError(msg)
    rows = answer_key(source)
    if out.suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_KEY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = _markdown(rows)
    tmp: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=out.parent, delete=False, prefix=".", suffix=".tmp"
        ) as handle:
            tmp = Path(handle.name)
            handle.write(text)
        tmp.chmod(0o666 & ~_umask())
        tmp.replace(out)
    except OSError as err:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        msg = f"cannot write the answer key to {out} ({err.strerror or err})"
        raise EditionError(msg) from err
    return out
