"""The website pages generated from the corpus and the registry (qantar._pages, scripts/build_book.py)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import qantar
from qantar import _pages
from qantar._checks import registry

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def test_bibtex_parses_and_has_one_entry_per_source(corpus: qantar.Corpus) -> None:
    pybtex = pytest.importorskip("pybtex.database")
    data = pybtex.parse_string(_pages.bibtex(corpus), "bibtex")
    assert sorted(data.entries) == sorted(corpus.sources.source_id)
    sceeus = data.entries["sceeus"]
    assert [str(p) for p in sceeus.persons["author"]] == ["Hedenskog, Jakob", "von Essen, Hugo"]


def test_glossary_defines_every_term_once(corpus: qantar.Corpus) -> None:
    text = _pages.glossary_markdown(corpus)
    terms = [line for line in text.splitlines()[1:-1] if line and not line.startswith(" ")]
    assert sorted(terms, key=str.lower) == sorted(corpus.glossary.term, key=str.lower)


def test_timeline_has_one_row_per_event(corpus: qantar.Corpus) -> None:
    text = _pages.timeline_markdown(corpus)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) - 2 == len(corpus.events)  # two header rows


def test_exercise_list_names_every_registered_exercise() -> None:
    text = _pages.exercises_markdown(NOTEBOOKS)
    for exercise_id in registry():
        assert f"{exercise_id} <{exercise_id}>" in text or f"`{exercise_id}`" in text


@pytest.mark.skipif(not any(NOTEBOOKS.glob("0*.ipynb")), reason="no notebooks in this checkout")
def test_rubrics_hold_every_exercise_and_the_student_note_none(
    corpus: qantar.Corpus, tmp_path: Path
) -> None:
    rubrics = _pages.rubrics_markdown(NOTEBOOKS)
    for exercise_id in registry():
        assert f"#### `{exercise_id}`" in rubrics
    assert "Rubric" in rubrics
    _pages.write_generated(tmp_path, corpus, notebooks=NOTEBOOKS, student=True)
    student = (tmp_path / "rubrics.md").read_text(encoding="utf-8")
    assert "Rubric" not in student
    assert not re.search(r"`[a-z]+-\d+`", student)


def test_write_generated_rewrites_only_what_changed(corpus: qantar.Corpus, tmp_path: Path) -> None:
    first = _pages.write_generated(tmp_path, corpus, notebooks=tmp_path, student=True)
    assert {p.name for p in first} == set(_pages.GENERATED_FILES)
    (tmp_path / "timeline.md").write_text("stale", encoding="utf-8")
    again = _pages.write_generated(tmp_path, corpus, notebooks=tmp_path, student=True)
    assert [p.name for p in again] == ["timeline.md"]


def _build_book_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts" / "build_book.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_forces_execution_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    build_book = _build_book_script()
    seen: dict[str, object] = {}
    monkeypatch.setattr(build_book, "build", lambda *args: seen.update(args=args) or Path("x"))
    monkeypatch.setenv("CI", "true")
    build_book.main([])
    assert seen["args"] == (False, "force", None, False)
    monkeypatch.delenv("CI")
    build_book.main(["--student"])
    assert seen["args"] == (True, "cache", None, False)


def test_toc_lists_every_notebook_and_page() -> None:
    toc = yaml.safe_load((ROOT / "course" / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert [f for f in files if f.startswith("notebooks/")] == [
        f"notebooks/{name}" for name in _pages.NOTEBOOKS
    ]
    for name in files:
        suffix = ".ipynb" if name.startswith("notebooks/") else ".md"
        assert (ROOT / f"{name}{suffix}").is_file(), name
