"""Student and instructor editions, and the answer key.

Most tests use two tiny notebooks written with nbformat in ``tmp_path``; the
last ones check the real course notebooks once they exist.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import qantar
from qantar import _checks
from qantar._checks import Exercise, Feedback, registry
from qantar._cli import main
from qantar._editions import (
    EditionError,
    answer_key,
    exercise_labels,
    find_notebooks,
    make_edition,
    solution_texts,
    write_answer_key,
)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "notebooks"
REAL_NOTEBOOKS = sorted(REAL.glob("[0-9][0-9]-*.ipynb")) if REAL.is_dir() else []
NO_REAL = "no course notebooks (notebooks/NN-*.ipynb) yet"


def _tagged(cell: Any, *tags: str) -> Any:
    cell.metadata["tags"] = list(tags)
    return cell


def _tiny_notebook(prefix: str) -> Any:
    """One auto-checked and one open exercise, laid out as CONTRIBUTING.md prescribes."""
    auto, open_ = f"{prefix}-1", f"{prefix}-2"
    kept = new_code_cell("import qantar\nprint('kept output')", execution_count=1)
    kept.outputs = [new_output("stream", name="stdout", text="kept output\n")]
    template = new_code_cell(f'answer = ...  # your answer\nqantar.check("{auto}", answer)')
    template.execution_count = 2
    template.outputs = [new_output("stream", name="stdout", text=f"STALE-OUTPUT-{prefix}\n")]
    solution = new_code_cell(f'answer = "SECRET-CODE-{prefix}"\nqantar.check("{auto}", answer)')
    solution.execution_count = 3
    solution.outputs = [new_output("stream", name="stdout", text=f"SECRET-OUTPUT-{prefix}\n")]
    cells = [
        new_markdown_cell(f"# Notebook {prefix}"),
        kept,
        _tagged(
            new_markdown_cell(f"```{{exercise-start}} A question\n:label: {auto}\n```\n\nAsk."),
            "exercise-gate",
        ),
        _tagged(template, "exercise"),
        _tagged(new_markdown_cell("```{exercise-end}\n```"), "exercise-gate"),
        _tagged(
            new_markdown_cell(f"```{{solution-start}} {auto}\n:class: dropdown\n```"), "solution"
        ),
        _tagged(solution, "solution"),
        _tagged(new_markdown_cell("```{solution-end}\n```"), "solution"),
        new_markdown_cell(f"```{{exercise}}\n:label: {open_}\n\nDiscuss the CSTO.\n```"),
        _tagged(new_markdown_cell("**Your answer:** *(write here)*"), "exercise"),
        _tagged(
            new_markdown_cell(
                f"```{{solution}} {open_}\n:class: dropdown\n\n**Model answer.** "
                f"SECRET-MODEL-{prefix}\n\n**Rubric.** 2 points for evidence.\n```"
            ),
            "solution",
        ),
        new_markdown_cell("## Summary\n\nDone."),
    ]
    return new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(_tiny_notebook("alpha"), folder / "00-alpha.ipynb")
    nbformat.write(_tiny_notebook("beta"), folder / "01-beta.ipynb")
    (folder / "scratch.ipynb").write_text("{}", encoding="utf-8")  # not a course notebook
    return folder


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


# Student and instructor editions ------------------------------------------------------------


def test_find_notebooks_in_order(source: Path) -> None:
    assert [p.name for p in find_notebooks(source)] == ["00-alpha.ipynb", "01-beta.ipynb"]
    with pytest.raises(EditionError, match=r"no course notebooks \(NN-name\.ipynb\) in .*--source"):
        find_notebooks(source / "missing")


def test_student_edition_drops_solutions(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    written = make_edition("student", out, source=source)
    assert [p.name for p in written] == [
        "00-alpha.ipynb",
        "01-beta.ipynb",
        "README.md",
        "CODEBOOK.md",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".qantar-edition", *(p.name for p in written)]
    )
    for path in find_notebooks(out):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert not [c for c in nb.cells if "solution" in _tags(c)]
        text = path.read_text(encoding="utf-8")
        assert "SECRET" not in text
        assert "{solution" not in text
        assert "STALE-OUTPUT" not in text
    assert "Solutions are not included" in (out / "README.md").read_text(encoding="utf-8")


def test_student_edition_clears_exercise_outputs_and_keeps_the_rest(
    source: Path, tmp_path: Path
) -> None:
    make_edition("student", tmp_path / "student", source=source)
    for original in find_notebooks(source):
        before = nbformat.read(original, as_version=4)
        after = nbformat.read(tmp_path / "student" / original.name, as_version=4)
        expected = [c for c in before.cells if "solution" not in _tags(c)]
        # the note on grading criteria and the codebook comes right after the title
        assert _tags(after.cells[1]) == ["student-edition-note"]
        kept = [after.cells[0], *after.cells[2:]]
        assert [c.source for c in kept] == [c.source for c in expected]
        assert [_tags(c) for c in kept] == [_tags(c) for c in expected]
        for old, new in zip(expected, kept, strict=True):
            if new.cell_type != "code":
                continue
            if "exercise" in _tags(new):
                assert new.outputs == []
                assert new.execution_count is None
            else:
                assert new.outputs == old.outputs
                assert new.execution_count == old.execution_count


def test_student_edition_hides_outputs_that_reveal_an_answer(source: Path, tmp_path: Path) -> None:
    path = source / "00-alpha.ipynb"
    nb = nbformat.read(path, as_version=4)
    revealing = new_code_cell("print(corpus_answer)", execution_count=4)
    revealing.outputs = [new_output("stream", name="stdout", text="ANSWER-IS-3920\n")]
    nb.cells.insert(2, _tagged(revealing, "reveals-answer"))
    nbformat.write(nb, path)
    make_edition("student", tmp_path / "student", source=source)
    make_edition("instructor", tmp_path / "instructor", source=source)
    student = nbformat.read(tmp_path / "student" / path.name, as_version=4)
    cell = next(c for c in student.cells if "reveals-answer" in _tags(c))
    assert cell.outputs == []
    assert cell.execution_count is None
    # the code stays, under a one-line note that says why nothing is shown
    assert cell.source == (
        "# Output hidden in the student edition (it would give an exercise's answer away): "
        "run the cell to see it.\nprint(corpus_answer)"
    )
    assert "ANSWER-IS-3920" not in (tmp_path / "student" / path.name).read_text(encoding="utf-8")
    # the instructor edition keeps the output
    assert "ANSWER-IS-3920" in (tmp_path / "instructor" / path.name).read_text(encoding="utf-8")
    # and the other code outputs of the student edition stay
    assert "kept output" in (tmp_path / "student" / path.name).read_text(encoding="utf-8")


def test_student_edition_says_where_the_criteria_and_the_codebook_are(
    source: Path, tmp_path: Path
) -> None:
    out = tmp_path / "student"
    make_edition("student", out, source=source)
    codebook = ROOT / "data" / "CODEBOOK.md"
    assert (out / "CODEBOOK.md").read_bytes() == codebook.read_bytes()
    for path in find_notebooks(out):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.cells[0].source.startswith("# Notebook")
        note = nb.cells[1].source
        assert "Under each open exercise, *A good answer (10 points)*" in note
        assert "`CODEBOOK.md`, in the folder of this notebook" in note
    again = tmp_path / "again"
    make_edition("student", again, source=source)
    for path in find_notebooks(out):
        assert path.read_bytes() == (again / path.name).read_bytes()  # reproducible
    assert "`CODEBOOK.md`, in this folder" in (out / "README.md").read_text(encoding="utf-8")


def test_instructor_edition_keeps_everything(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "instructor"
    make_edition("instructor", out, source=source)
    for original in find_notebooks(source):
        assert nbformat.read(out / original.name, as_version=4) == nbformat.read(
            original, as_version=4
        )
    assert "do not hand it to students" in (out / "README.md").read_text(encoding="utf-8")


def test_unknown_edition(source: Path, tmp_path: Path) -> None:
    with pytest.raises(EditionError, match="unknown edition 'teacher'; choose 'student' or"):
        make_edition("teacher", tmp_path / "out", source=source)  # type: ignore[arg-type]


def test_refuses_to_replace_an_edition_without_force(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    make_edition("student", out, source=source)
    before = _snapshot(out)
    with pytest.raises(EditionError, match=r"holds an earlier edition; to replace it .*--force"):
        make_edition("student", out, source=source)
    assert _snapshot(out) == before


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_never_writes_into_a_folder_it_did_not_write(
    source: Path, tmp_path: Path, force: bool
) -> None:
    out = tmp_path / "student"
    out.mkdir()
    (out / "README.md").write_text("my readme\n", encoding="utf-8")
    with pytest.raises(
        EditionError, match=r"not written by `qantar edition`; choose a new"
    ) as info:
        make_edition("student", out, source=source, force=force)
    assert "--force" not in str(info.value)
    assert sorted(p.name for p in out.iterdir()) == ["README.md"]
    assert (out / "README.md").read_text(encoding="utf-8") == "my readme\n"


def test_force_replaces_an_earlier_edition_whole(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    make_edition("student", out, source=source)
    nb = nbformat.read(source / "00-alpha.ipynb", as_version=4)
    nb.cells[0].source = "# Notebook alpha, second version"
    nbformat.write(nb, source / "00-alpha.ipynb")
    make_edition("student", out, source=source, force=True)
    assert "second version" in (out / "00-alpha.ipynb").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "student"]


def _unsafe_outs(source: Path) -> dict[str, Path]:
    return {
        "the-source-folder": source,
        "a-folder-holding-it": source.parent,
        "inside-the-source": source / "student",
        "the-root": Path("/"),
        "the-home-folder": Path.home(),
        "the-project-root": ROOT,
        "the-project-notebooks": ROOT / "notebooks",
    }


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(
    "where",
    [
        "the-source-folder",
        "a-folder-holding-it",
        "inside-the-source",
        "the-root",
        "the-home-folder",
        "the-project-root",
        "the-project-notebooks",
    ],
)
def test_refuses_unsafe_destinations_even_with_force(
    source: Path, where: str, force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _unsafe_outs(source)[where]
    src = ROOT / "notebooks" if where.startswith("the-project") else source
    before = sorted(p.name for p in out.iterdir()) if out.is_dir() else None
    argv = ["edition", "student", "--out", str(out), "--source", str(src)]
    assert main(argv + (["--force"] if force else [])) == 2
    _, err = capsys.readouterr()
    assert re.fullmatch(r"qantar edition: will not write an edition into [^\n]*\n", err), err
    assert "--force" not in err
    if before is not None:
        assert sorted(p.name for p in out.iterdir()) == before


def test_out_naming_a_file(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine\n", encoding="utf-8")
    assert main(["edition", "student", "--out", str(out), "--source", str(source)]) == 2
    assert capsys.readouterr().err == f"qantar edition: {out} is a file; --out must name a folder\n"
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_corrupt_notebook(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (source / "01-beta.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = tmp_path / "student"
    assert main(["edition", "student", "--out", str(out), "--source", str(source)]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(
        r"qantar edition: \S*01-beta\.ipynb is not a readable notebook[^\n]*\n", err
    )
    assert not out.exists()
    assert main(["answer-key", "--out", str(tmp_path / "k.csv"), "--source", str(source)]) == 2
    assert "01-beta.ipynb is not a readable notebook" in capsys.readouterr().err


def test_full_disk(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(nbformat, "write", full)
    out = tmp_path / "student"
    assert main(["edition", "student", "--out", str(out), "--source", str(source)]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(
        r"qantar edition: cannot write the edition to \S+ \(No space left[^\n]*\n", err
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks"]


def test_read_only_folder(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import tempfile

    def denied(*args: Any, **kwargs: Any) -> str:
        raise PermissionError(13, "Permission denied")

    # as root chmod does not stop writes: the first write into the folder is refused instead
    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", denied)
    argv = ["--out", str(tmp_path / "ro" / "student"), "--source", str(source)]
    assert main(["edition", "student", *argv]) == 2
    assert re.fullmatch(
        r"qantar edition: cannot write [^\n]*Permission denied\)\n", capsys.readouterr().err
    )
    key = ["answer-key", "--out", str(tmp_path / "ro" / "key.csv"), "--source", str(source)]
    assert main(key) == 2
    assert re.fullmatch(
        r"qantar answer-key: cannot write [^\n]*Permission denied\)\n", capsys.readouterr().err
    )


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_files_and_folders_follow_the_umask(source: Path, tmp_path: Path, mask: int) -> None:
    import os
    import stat

    old = os.umask(mask)
    try:
        out = make_edition("student", tmp_path / "student", source=source)[0].parent
        key = write_answer_key(tmp_path / "key.csv", source=source)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((out / "00-alpha.ipynb").stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE(key.stat().st_mode) == 0o666 & ~mask


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "over-an-old-edition"])
def test_a_killed_run_leaves_nothing_a_later_run_does_not_clean(
    source: Path, tmp_path: Path, existing: bool
) -> None:
    import signal
    import subprocess
    import sys

    out = tmp_path / "editions" / "student"
    if existing:
        make_edition("student", out, source=source)
    before = _snapshot(out) if existing else None
    # a run that stalls while writing (as a slow disk would), killed with SIGKILL
    script = (
        "import time, nbformat, sys\n"
        "real = nbformat.write\n"
        "def slow(*a, **k):\n"
        "    real(*a, **k)\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "nbformat.write = slow\n"
        "from qantar._editions import make_edition\n"
        f"make_edition('student', {str(out)!r}, source={str(source)!r}, force=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    left = sorted(p.name for p in out.parent.iterdir())
    if existing:
        assert _snapshot(out) == before  # the old edition is intact
        assert len(left) == 2  # and the staging folder of the killed run is there...
    else:
        assert not out.exists()
    make_edition("student", out, source=source, force=True)
    assert sorted(p.name for p in out.parent.iterdir()) == ["student"]  # ...until the next run


def test_a_run_killed_between_its_renames_is_repaired(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "student"
    make_edition("student", out, source=source)
    before = _snapshot(out)
    # what a kill right after moving the old edition aside leaves: the old one under its
    # temporary name, the new one still staged
    (out / ".qantar-staging").write_text("999999999\n", encoding="utf-8")
    out.rename(tmp_path / ".student.qantar-old-x1")
    staged = tmp_path / ".student.qantar-new-x2"
    staged.mkdir()
    (staged / ".qantar-staging").write_text("999999999\n", encoding="utf-8")
    with pytest.raises(EditionError, match="holds an earlier edition"):
        make_edition("student", out, source=source)
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "student"]


@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "over-an-old-edition"])
def test_failure_midway_leaves_nothing_half_written(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    out = tmp_path / "editions" / "student"
    if existing:
        make_edition("student", out, source=source)
        nb = nbformat.read(source / "00-alpha.ipynb", as_version=4)
        nb.cells[0].source = "# changed"
        nbformat.write(nb, source / "00-alpha.ipynb")
    before = _snapshot(out) if existing else None
    real_write = nbformat.write
    calls = []

    def failing_write(nb: Any, fp: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(fp)
        if len(calls) == 2:
            raise OSError("disk full")
        real_write(nb, fp, *args, **kwargs)

    monkeypatch.setattr(nbformat, "write", failing_write)
    with pytest.raises(EditionError, match="cannot write the edition to .*disk full"):
        make_edition("student", out, source=source, force=True)
    if existing:
        assert _snapshot(out) == before
    else:
        assert not out.exists() or not any(out.iterdir())
    leftovers = [p.name for p in out.parent.iterdir() if p.name != "student"]
    assert leftovers == []


def test_cli_edition(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "student"
    argv = ["edition", "student", "--out", str(out), "--source", str(source)]
    assert main(argv) == 0
    assert f"wrote the student edition (4 files) to {out}" in capsys.readouterr().out
    assert main(argv) == 2
    _, err = capsys.readouterr()
    assert "holds an earlier edition" in err
    assert "Traceback" not in err
    assert main([*argv, "--force"]) == 0


# The answer key -----------------------------------------------------------------------------


def _made_up(**kwargs: Any) -> Exercise:
    base = {"notebook": "00-alpha", "title": "t", "objective": "Objective.", "minutes": 5}
    return Exercise(**{**base, **kwargs})


MADE_UP = {
    "alpha-1": _made_up(
        id="alpha-1",
        kind="auto",
        answer=lambda c: {"sceeus", "osw"},
        match="set",
        explanation="Both say so.",
        hint="Look.",
    ),
    "alpha-2": _made_up(id="alpha-2", kind="discussion"),
    "beta-1": _made_up(
        id="beta-1",
        notebook="01-beta",
        kind="auto",
        answer=lambda c: len(c.sources),
        match="number",
        explanation="Five.",
        hint="Count.",
    ),
    "beta-2": _made_up(id="beta-2", notebook="01-beta", kind="short_answer"),
}


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_checks, "registry", lambda: MADE_UP)


def test_solution_texts(source: Path) -> None:
    texts = solution_texts(source / "00-alpha.ipynb")
    assert set(texts) == {"alpha-1", "alpha-2"}
    assert '```python\nanswer = "SECRET-CODE-alpha"' in texts["alpha-1"]
    assert "SECRET-MODEL-alpha" in texts["alpha-2"]
    assert "{solution" not in texts["alpha-2"]
    assert exercise_labels(source / "00-alpha.ipynb") == ["alpha-1", "alpha-2"]


@pytest.mark.usefixtures("made_up")
def test_answer_key_rows(source: Path) -> None:
    rows = {row["id"]: row for row in answer_key(source)}
    assert list(rows) == list(MADE_UP)
    assert rows["alpha-1"]["answer"] == "['osw', 'sceeus']"
    assert rows["beta-1"]["answer"] == "5"
    assert rows["alpha-2"]["answer"] == ""
    assert "SECRET-MODEL-alpha" in rows["alpha-2"]["solution"]
    assert "SECRET-CODE-beta" in rows["beta-1"]["solution"]
    assert rows["beta-2"]["type"] == "short_answer"


@pytest.mark.usefixtures("made_up")
def test_write_answer_key_csv_and_markdown(source: Path, tmp_path: Path) -> None:
    csv_path = write_answer_key(tmp_path / "key" / "answers.csv", source=source)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == list(MADE_UP)
    assert rows[0]["explanation"] == "Both say so."
    md = write_answer_key(tmp_path / "key" / "answers.md", source=source).read_text("utf-8")
    assert md.startswith("# Qantar answer key (instructors only)\n")
    for exercise in MADE_UP.values():
        assert f"## {exercise.id} ({exercise.notebook})" in md
    assert "- **Answer:** 5" in md
    assert "SECRET-MODEL-beta" in md
    assert sorted(p.name for p in (tmp_path / "key").iterdir()) == ["answers.csv", "answers.md"]


@pytest.mark.usefixtures("made_up")
def test_write_answer_key_refuses_to_overwrite(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "answers.md"
    out.write_text("mine\n", encoding="utf-8")
    with pytest.raises(EditionError, match="exists; choose another name, or add --force"):
        write_answer_key(out, source=source)
    assert out.read_text(encoding="utf-8") == "mine\n"
    write_answer_key(out, source=source, force=True)
    assert "## alpha-1" in out.read_text(encoding="utf-8")
    with pytest.raises(EditionError, match=r"must end in \.csv or \.md, not 'answers\.pdf'"):
        write_answer_key(tmp_path / "answers.pdf", source=source)


def test_answer_key_with_no_exercise_registered_yet(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_checks, "registry", dict)
    text = write_answer_key(tmp_path / "key.csv", source=source).read_text(encoding="utf-8")
    assert text == "id,notebook,type,self_check,objective,minutes,answer,explanation,solution\n"


def test_answer_key_lists_every_registered_exercise(source: Path, tmp_path: Path) -> None:
    notebooks = REAL if REAL_NOTEBOOKS else source
    rows = answer_key(notebooks)
    assert [row["id"] for row in rows] == list(registry())
    for row in rows:
        if row["type"] == "auto":
            assert row["answer"], row["id"]
    # the self_check column says which exercises show buttons in the book
    assert [r["id"] for r in rows if r["self_check"] == "yes"] == qantar.self_checks()
    md = write_answer_key(tmp_path / "key.md", source=notebooks).read_text(encoding="utf-8")
    for exercise_id in registry():
        assert f"## {exercise_id} (" in md


def test_cli_answer_key(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "key.csv"
    assert main(["answer-key", "--out", str(out), "--source", str(source)]) == 0
    assert f"wrote the answer key to {out}" in capsys.readouterr().out
    assert main(["answer-key", "--out", str(out), "--source", str(source)]) == 2
    assert "add --force to replace that file" in capsys.readouterr().err
    (tmp_path / "folder.csv").mkdir()
    assert main(["answer-key", "--out", str(tmp_path / "folder.csv"), "--source", str(source)]) == 2
    assert "is a folder; --out must name a .csv or .md file" in capsys.readouterr().err


# The real course notebooks ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_student(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not REAL_NOTEBOOKS:
        pytest.skip(NO_REAL)
    out = tmp_path_factory.mktemp("real") / "student"
    make_edition("student", out, source=REAL)
    return out


def _cell_text(cell: Any) -> str:
    parts = [cell.source]
    for output in cell.get("outputs", []):
        parts.append(str(output.get("text", "")))
        parts.extend(str(v) for v in output.get("data", {}).values())
    return "\n".join(parts)


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=[p.stem for p in REAL_NOTEBOOKS])
def test_real_student_edition_holds_no_solution_text(real_student: Path, notebook: Path) -> None:
    source = nbformat.read(notebook, as_version=4)
    student = nbformat.read(real_student / notebook.name, as_version=4)
    student_text = "\n".join(_cell_text(c) for c in student.cells)
    shared = "\n".join(_cell_text(c) for c in source.cells if "solution" not in _tags(c))
    secrets = [c for c in source.cells if "solution" in _tags(c)]
    assert secrets, f"{notebook.name} has no cell tagged 'solution'"
    leaked = []
    for cell in secrets:
        for line in _cell_text(cell).splitlines():
            line = line.strip()
            # a line of a solution that the student text repeats, unless it is also
            # outside the solutions (a heading, a call the narrative shows anyway)
            if len(line) >= 25 and line in student_text and line not in shared:
                leaked.append(line)
    assert leaked == []
    assert "{solution" not in student_text
    assert not [c for c in student.cells if "exercise" in _tags(c) and c.get("outputs")]


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=[p.stem for p in REAL_NOTEBOOKS])
def test_real_exercises_are_registered(notebook: Path) -> None:
    labels = exercise_labels(notebook)
    registered = [e.id for e in registry().values() if e.notebook == notebook.stem]
    assert labels == registered
    assert set(solution_texts(notebook)) == set(labels)


def _run_cell(source: str, namespace: dict[str, Any]) -> Any:
    """Execute a cell like IPython does; return the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the course's own cells
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=[p.stem for p in REAL_NOTEBOOKS])
def test_real_exercise_templates_run_and_say_not_yet(
    real_student: Path, notebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(notebook.parent)
    student = nbformat.read(real_student / notebook.name, as_version=4)
    code = [c for c in student.cells if c.cell_type == "code"]
    imports = next(c for c in code if re.search(r"^\s*import qantar", c.source, re.MULTILINE))
    namespace: dict[str, Any] = {"__name__": "__main__"}
    # the imports cell installs qantar with %pip where it is missing: IPython syntax
    from IPython.core.inputtransformer2 import TransformerManager

    _run_cell(TransformerManager().transform_cell(imports.source), namespace)
    templates = [c for c in code if "exercise" in _tags(c) and "qantar.check(" in c.source]
    auto = [e.id for e in registry().values() if e.notebook == notebook.stem and e.kind == "auto"]
    assert len(templates) == len(auto)
    for cell in templates:
        result = _run_cell(cell.source, dict(namespace))
        assert isinstance(result, Feedback), cell.source
        assert result.correct is False, str(result)
        assert result.exercise_id in auto
        assert "No answer yet" in result.message


def test_real_notebooks_exist_or_skip_with_reason() -> None:
    if not REAL_NOTEBOOKS:
        pytest.skip(NO_REAL)
    assert [p.name for p in find_notebooks(REAL)] == [p.name for p in REAL_NOTEBOOKS]


def test_answer_key_csv_round_trips(tmp_path: Path, source: Path) -> None:
    """Solutions hold commas, quotes and newlines: the CSV must keep them intact."""
    rows = answer_key(REAL if REAL_NOTEBOOKS else source)
    out = write_answer_key(tmp_path / "key.csv", source=REAL if REAL_NOTEBOOKS else source)
    read = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["solution"] for r in read] == [str(r["solution"]) for r in rows]


def test_empty_or_current_folder_as_out(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "mine.txt").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for out in ["", ".", str(tmp_path)]:
        assert main(["edition", "student", "--out", out, "--source", str(source), "--force"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert re.search(r"--out is empty|will not write an edition into", err), err
    assert main(["answer-key", "--out", "", "--source", str(source)]) == 2
    assert "--out is empty" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt", "notebooks"]


@pytest.mark.parametrize(
    "argv",
    [
        ["answer-key", "--out", "NB/key.md"],
        ["quiz", "--format", "moodle", "--out", "NB/quiz.xml"],
        ["quiz", "--format", "canvas", "--out", "NB/quiz.zip", "--force"],
    ],
    ids=["answer-key", "moodle", "canvas"],
)
def test_no_file_is_written_into_the_course_notebooks(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from qantar._cli import main as cli

    notebooks = qantar._editions.lessons_dir()
    before = sorted(p.name for p in notebooks.iterdir())
    argv = [a.replace("NB", str(notebooks)) for a in argv]
    assert cli(argv) != 0
    assert "inside the course notebooks folder" in capsys.readouterr().err
    assert sorted(p.name for p in notebooks.iterdir()) == before
