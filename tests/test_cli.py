"""The ``qantar`` command line, run in-process through ``qantar._cli.main``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import qantar
from qantar._cli import main, parser
from qantar._editions import lesson_paths


def test_validate_the_shipped_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"{qantar.data_dir()}: corpus is valid"
    assert err == ""


def test_validate_a_clean_copy(corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(corpus_copy)]) == 0
    assert "corpus is valid" in capsys.readouterr().out


def test_validate_lists_every_problem(
    corpus_copy: Path, set_cell: object, capsys: pytest.CaptureFixture[str]
) -> None:
    for row in (1, 2, 3):
        set_cell(corpus_copy / "claims.csv", row, "hedge", "perhaps")  # type: ignore[operator]
    assert main(["validate", str(corpus_copy)]) == 1
    out, err = capsys.readouterr()
    assert out.count("claims.csv, row") == 3
    assert err.strip() == f"3 problem(s) in {corpus_copy}"


def test_validate_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "qantar", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "corpus is valid" in result.stdout


def test_copy_corpus_to_a_new_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    assert main(["copy-corpus", str(target)]) == 0
    assert f"qantar validate {target}" in capsys.readouterr().out
    shipped = {p.name for p in qantar.data_dir().iterdir() if p.suffix in (".csv", ".json")}
    assert shipped <= {p.name for p in target.iterdir()}
    for name in shipped:
        assert (target / name).read_bytes() == (qantar.data_dir() / name).read_bytes()
    assert not (target / "_parts").exists()
    assert main(["validate", str(target)]) == 0
    assert len(qantar.load_corpus(target).claims) == len(qantar.load_corpus().claims)


def test_copy_corpus_into_an_empty_folder(tmp_path: Path) -> None:
    assert main(["copy-corpus", str(tmp_path)]) == 0
    assert (tmp_path / "datapackage.json").is_file()


def test_copy_corpus_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "claims.csv").write_text("my own work\n", encoding="utf-8")
    assert main(["copy-corpus", str(target)]) == 2
    out, err = capsys.readouterr()
    assert "is not empty; choose a new folder" in err
    assert "Traceback" not in out + err
    assert (target / "claims.csv").read_text(encoding="utf-8") == "my own work\n"
    assert sorted(p.name for p in target.iterdir()) == ["claims.csv"]


def test_copy_corpus_with_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "claims.csv").write_text("my own work\n", encoding="utf-8")
    (target / "notes.txt").write_text("kept\n", encoding="utf-8")
    assert main(["copy-corpus", str(target), "--force"]) == 0
    assert (target / "claims.csv").read_bytes() == (qantar.data_dir() / "claims.csv").read_bytes()
    assert (target / "notes.txt").read_text(encoding="utf-8") == "kept\n"


def test_validate_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("qantar validate: No corpus directory at")
    assert out == ""


@pytest.mark.parametrize(
    "argv",
    [[], ["nonsense"], ["edition", "teacher", "--out", "x"], ["answer-key"]],
    ids=["no-command", "unknown-command", "unknown-edition", "no-out"],
)
def test_usage_errors_exit_2_with_usage(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: qantar" in capsys.readouterr().err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="0"):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("validate", "copy-corpus", "edition", "answer-key"):
        assert command in out
    assert parser().prog == "qantar"


def test_edition_and_answer_key_without_notebooks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "none"
    empty.mkdir()
    out = str(tmp_path / "out")
    assert main(["edition", "student", "--out", out, "--source", str(empty)]) == 2
    assert "no course notebooks" in capsys.readouterr().err
    key = str(tmp_path / "key.csv")
    assert main(["answer-key", "--out", key, "--source", str(empty)]) == 2
    assert "no course notebooks" in capsys.readouterr().err


def test_answer_key_rejects_other_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["answer-key", "--out", str(tmp_path / "key.txt")]) == 2
    assert "must end in .csv or .md" in capsys.readouterr().err


def test_copy_corpus_onto_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "corpus.csv"
    target.write_text("mine\n", encoding="utf-8")
    assert main(["copy-corpus", str(target), "--force"]) == 2
    assert capsys.readouterr().err == (
        f"qantar copy-corpus: {target} is a file; name a new or empty folder\n"
    )
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_copy_corpus_into_the_installed_data(
    force: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in qantar.data_dir().iterdir() if p.is_file()}
    assert main(["copy-corpus", str(qantar.data_dir()), *force]) == 2
    err = capsys.readouterr().err
    assert "is the corpus shipped with the package" in err
    assert err.count("\n") == 1
    after = {p.name: p.read_bytes() for p in qantar.data_dir().iterdir() if p.is_file()}
    assert after == before


def test_validate_into_a_closed_pipe(corpus_copy: Path) -> None:
    import corpus_csv

    for row in range(1, 200):
        corpus_csv.set_cell(corpus_copy / "claims.csv", row, "theme", "economy")
    result = subprocess.run(
        f"{sys.executable} -m qantar validate {corpus_copy} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.count("\n") == 1
    assert "claims.csv, row 1" in result.stdout
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qantar", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_editions_and_answer_key_from_any_folder(tmp_path: Path) -> None:
    # no --source: the lessons shipped with the package
    result = _run(["edition", "student", "--out", "student"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "student").glob("*.ipynb")) == [
        p.name for p in lesson_paths()
    ]
    result = _run(["answer-key", "--out", "key.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "# Qantar answer key" in (tmp_path / "key.md").read_text(encoding="utf-8")


def test_the_lessons_are_the_course_notebooks() -> None:
    root = Path(__file__).resolve().parent.parent
    assert [p.name for p in lesson_paths()] == sorted(
        p.name for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb")
    )
    for path in lesson_paths():
        assert path.read_bytes() == (root / "notebooks" / path.name).read_bytes()
