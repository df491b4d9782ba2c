"""Student and instructor editions of the notebooks, and the instructors' answer key.

One source, the notebooks in ``notebooks/``, gives both editions:

* the **instructor** edition is the notebooks as they are, with solutions,
  model answers and rubrics;
* the **student** edition drops every cell tagged ``solution`` (the markdown
  gate cells around solution code are tagged too, so no empty solution box
  remains) with nbconvert's ``TagRemovePreprocessor``, and clears the outputs
  of cells tagged ``exercise``.

Nothing that exists is overwritten unless ``force`` is given, and a failed run
leaves nothing half-written: the edition is written to a temporary directory
next to the destination and moved into place at the end.
"""

from __future__ import annotations

import csv
import io
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
    "make_edition",
    "solution_texts",
    "write_answer_key",
)

Edition = Literal["student", "instructor"]
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
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
an option for feedback in the page.
"""


class EditionError(RuntimeError):
    """An edition or answer key could not be written; the message says why."""


def find_notebooks(source: str | Path = "notebooks") -> list[Path]:
    """The course notebooks in *source*, in order.

    Raises
    ------
    EditionError
        If *source* holds no notebook.
    """
    folder = Path(source)
    notebooks = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        msg = (
            f"no course notebooks (NN-name.ipynb) in {folder.resolve()}; run the command from "
            "the project root or pass --source PATH/TO/notebooks"
        )
        raise EditionError(msg)
    return notebooks


def _student(nb: Any) -> Any:
    from nbconvert.preprocessors import TagRemovePreprocessor

    remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
    nb, _ = remover.preprocess(nb, {})
    for cell in nb.cells:
        if EXERCISE_TAG in cell.get("metadata", {}).get("tags", []) and cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def _conflicts(out: Path, names: list[str]) -> list[Path]:
    return [out / name for name in names if (out / name).exists()]


def make_edition(
    kind: Edition,
    out: str | Path,
    source: str | Path = "notebooks",
    force: bool = False,
) -> list[Path]:
    """Write the student or instructor edition of every notebook to *out*.

    Parameters
    ----------
    kind : {"student", "instructor"}
    out : str or Path
        Destination folder; created if missing.
    source : str or Path
        Folder of the course notebooks.
    force : bool
        Replace files of the same name that already exist in *out*.

    Returns
    -------
    list of Path
        The files written.
    """
    import nbformat

    if kind not in ("student", "instructor"):
        msg = f"unknown edition {kind!r}; choose 'student' or 'instructor'"
        raise EditionError(msg)
    notebooks = find_notebooks(source)
    out = Path(out)
    names = [nb.name for nb in notebooks] + ["README.md"]
    existing = _conflicts(out, names)
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:5])
        msg = (
            f"{len(existing)} file(s) would be overwritten ({shown}); pass --force to replace them"
        )
        raise EditionError(msg)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Everything is written into a staging folder beside *out* first, so that a failure
    # (a notebook that cannot be read, a full disk) leaves *out* as it was.
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
    try:
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            if kind == "student":
                nb = _student(nb)
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
        if not out.exists():
            staging.rename(out)  # one atomic step: the edition appears whole or not at all
            return [out / name for name in names]
        # *out* exists (and may hold other files of the user's, which stay): replace file by
        # file, each replacement atomic, never deleting a file before its successor is there.
        written = []
        for name in names:
            (staging / name).replace(out / name)
            written.append(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _cells(nb: Any) -> Iterator[tuple[int, Any]]:
    yield from enumerate(nb.cells)


def solution_texts(notebook: str | Path) -> dict[str, str]:
    """The text of every solution in a notebook, by exercise label.

    A solution runs from the cell holding ``{solution-start} label`` (or a
    single ``{solution} label`` cell) to the ``{solution-end}`` cell.
    """
    import nbformat

    nb = nbformat.read(Path(notebook), as_version=4)
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
    import nbformat

    nb = nbformat.read(Path(notebook), as_version=4)
    return [m.group(1) for cell in nb.cells for m in _LABEL.finditer(cell.source)]


def answer_key(source: str | Path = "notebooks") -> list[dict[str, Any]]:
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
    out: str | Path, source: str | Path = "notebooks", force: bool = False
) -> Path:
    """Write the answer key as CSV (``.csv``) or Markdown (``.md``) to *out*."""
    out = Path(out)
    if out.suffix not in (".csv", ".md"):
        msg = f"answer key file must end in .csv or .md, not {out.name!r}"
        raise EditionError(msg)
    if out.exists() and not force:
        msg = f"{out} exists; pass --force to replace it"
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
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=out.parent, delete=False, suffix=".tmp"
    ) as tmp:
        tmp.write(text)
    Path(tmp.name).replace(out)
    return out
