"""The corpus-driven pages of the website (course/_ext/qantar_pages.py, scripts/build_book.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from docutils import nodes
from hostile_corpus import JS_URL, MARKER, PAYLOAD, make_hostile_corpus

import qantar
from qantar._checks import registry

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXT = ROOT / "course" / "_ext"


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pages = _module("qantar_pages", EXT / "qantar_pages.py")


def test_pages_module_is_not_in_the_package() -> None:
    assert importlib.util.find_spec("qantar._pages") is None


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.osw.waw.pl/en/publikacje/", True),
        ("http://example.org/a?b=c#d", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:x", False),
        ("//evil.example/x", False),
        ("https:/no-host", False),
        (" https://example.org", False),
        ("https://example.org/\njavascript:alert(1)", False),
        ('https://example.org/"onmouseover="alert(1)', False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_addresses_become_links(url: object, ok: bool) -> None:
    node = pages.link("label", url)
    assert isinstance(node, nodes.reference) is ok
    assert node.astext() == "label"


def test_bibtex_parses_and_has_one_entry_per_source(corpus: qantar.Corpus) -> None:
    pybtex = pytest.importorskip("pybtex.database")
    data = pybtex.parse_string(pages.bibtex(corpus), "bibtex")
    assert sorted(data.entries) == sorted(corpus.sources.source_id)
    sceeus = data.entries["sceeus"]
    assert [str(p) for p in sceeus.persons["author"]] == ["Hedenskog, Jakob", "von Essen, Hugo"]
    assert sceeus.fields["url"].startswith("https://www.ui.se/")


def test_bibtex_of_a_hostile_corpus_parses_and_has_no_script_address(tmp_path: Path) -> None:
    pybtex = pytest.importorskip("pybtex.database")
    hostile = qantar.load_corpus(make_hostile_corpus(tmp_path / "hostile"))
    data = pybtex.parse_string(pages.bibtex(hostile), "bibtex")
    assert sorted(data.entries) == sorted(hostile.sources.source_id)
    for entry in data.entries.values():
        assert "url" not in entry.fields
        assert "script" in entry.fields["title"]  # kept as text, not dropped


def test_timeline_has_one_row_per_event_and_text_stays_text(corpus: qantar.Corpus) -> None:
    tree = nodes.container()
    tree += pages.timeline_nodes(corpus)
    bodies = list(tree.findall(nodes.tbody))
    body_rows = [row for body in bodies[:2] for row in body.children]
    assert len(body_rows) == len(corpus.events)
    first = corpus.events.sort_values(["date", "event_id"]).iloc[0]
    assert first.summary in body_rows[0].astext()


def test_timeline_ends_with_the_later_events_marked_as_outside(corpus: qantar.Corpus) -> None:
    tree = nodes.container()
    tree += pages.timeline_nodes(corpus)
    later = qantar.later_events(corpus)
    *_, last = tree.findall(nodes.tbody)
    rows = list(last.children)
    assert len(rows) == len(later)
    for row, fact in zip(rows, later.itertuples(), strict=True):
        assert fact.summary in row.astext()
        assert fact.context_id in row.astext()
        (ref,) = row.findall(nodes.reference)
        assert ref["refuri"] == fact.url
        assert ref.astext() == fact.publisher
    notes = list(tree.findall(nodes.note))
    assert len(notes) == 1
    assert "Not from the five sources" in notes[0].astext()
    landing = nodes.container()
    landing += pages.later_events_nodes(corpus, with_title=False)
    assert not list(landing.findall(nodes.rubric))
    assert len(list(landing.findall(nodes.note))) == 1


def test_hostile_text_becomes_text_nodes_only(tmp_path: Path) -> None:
    hostile = qantar.load_corpus(make_hostile_corpus(tmp_path / "hostile"))
    tree = nodes.container()
    tree += pages.timeline_nodes(hostile)
    tree += pages.later_events_nodes(hostile, with_title=False)
    tree += pages.sources_nodes(hostile)
    tree += pages.tables_nodes(hostile)
    tree += pages.cite_example_nodes(hostile)
    assert not list(tree.findall(nodes.raw))
    assert not [r for r in tree.findall(nodes.reference) if r.get("refuri")]
    assert PAYLOAD.strip() in tree.astext()
    assert JS_URL not in [r.get("refuri") for r in tree.findall(nodes.reference)]


def test_sanitize_turns_raw_html_and_script_links_into_text() -> None:
    tree = nodes.container()
    tree += nodes.raw("", MARKER, format="html")
    para = nodes.paragraph()
    para += nodes.reference("", "go", refuri="javascript:alert(1)")
    para += nodes.reference("", "ok", refuri="https://example.org/")
    para += nodes.reference("", "page", refuri="corpus.html")
    tree += para
    pages.sanitize(tree)
    assert not list(tree.findall(nodes.raw))
    assert [r["refuri"] for r in tree.findall(nodes.reference)] == [
        "https://example.org/",
        "corpus.html",
    ]
    assert MARKER in tree.astext()
    assert "go" in tree.astext()


def test_exercise_list_names_every_registered_exercise() -> None:
    tree = nodes.container()
    tree += pages.exercises_nodes(NOTEBOOKS, "course/instructor-guide")
    text = tree.astext()
    for exercise_id in registry():
        assert exercise_id in text


def test_session_exercises_list_only_that_notebook() -> None:
    tree = nodes.container()
    tree += pages.session_exercises_nodes("00-orientation")
    ids = {e.id for e in registry().values() if e.notebook == "00-orientation"}
    others = {e.id for e in registry().values()} - ids
    rows = [r for body in tree.findall(nodes.tbody) for r in body.children]
    assert {r.children[0].astext() for r in rows} == ids
    assert not others & {r.children[0].astext() for r in rows}


def _build_book_script() -> ModuleType:
    return _module("build_book", ROOT / "scripts" / "build_book.py")


def test_build_script_forces_execution_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    build_book = _build_book_script()
    seen: dict[str, object] = {}
    monkeypatch.setattr(
        build_book, "build", lambda *args, **kw: seen.update(args=args) or Path("x")
    )
    monkeypatch.delenv("QANTAR_DATA", raising=False)
    monkeypatch.setenv("CI", "true")
    build_book.main([])
    assert seen["args"][:4] == (False, "force", None, False)
    monkeypatch.delenv("CI")
    build_book.main(["--student"])
    assert seen["args"][:4] == (True, "cache", None, False)


def test_build_script_takes_another_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    build_book = _build_book_script()
    seen: dict[str, object] = {}
    monkeypatch.setattr(
        build_book, "build", lambda *args, **kw: seen.update(args=args, kw=kw) or Path("x")
    )
    monkeypatch.setenv("QANTAR_DATA", str(tmp_path))
    build_book.main([])
    assert tmp_path in (*seen["args"], *seen["kw"].values())


def test_build_script_stops_with_one_line_on_a_bad_corpus(tmp_path: Path) -> None:
    build_book = _build_book_script()
    with pytest.raises(SystemExit) as stop:
        build_book.main(["--data", str(tmp_path / "missing"), "--execute", "off"])
    assert str(stop.value).startswith("build_book: ")
    assert "\n" not in str(stop.value)


def test_toc_lists_every_notebook_and_page() -> None:
    toc = yaml.safe_load((ROOT / "course" / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert [f for f in files if f.startswith("notebooks/")] == [
        f"notebooks/{name}" for name in pages.NOTEBOOKS
    ]
    for name in files:
        suffix = ".ipynb" if name.startswith("notebooks/") else ".md"
        assert (ROOT / f"{name}{suffix}").is_file(), name


def test_pages_use_the_directives_and_include_no_generated_markdown() -> None:
    for name in (
        "index",
        "timeline",
        "glossary",
        "bibliography",
        "corpus",
        "instructor-guide",
        "syllabus",
    ):
        text = (ROOT / "course" / f"{name}.md").read_text(encoding="utf-8")
        assert "{qantar-" in text, name
        assert not re.search(r"_generated/(?!codebook)", text), name


def test_preparation_adds_up_from_the_registry() -> None:
    from qantar._exercise_cells import READING_MINUTES

    mine = [e for e in registry().values() if e.notebook == "02-russias-role"]
    auto = sum(e.minutes for e in mine if e.kind == "auto")
    reading = READING_MINUTES["02-russias-role"]
    extra = registry()["russia-4"].minutes
    assert pages.preparation("02-russias-role russia-4") == (
        f"about {reading + auto + extra} minutes: {reading} to read and run the notebook, "
        f"{auto} for its auto-checked exercises, {extra} for russia-4"
    )
    with pytest.raises(ValueError, match="'causes-5' is not an exercise of 02-russias-role"):
        pages.preparation("02-russias-role causes-5")
    with pytest.raises(ValueError, match="no registered exercise for notebook '07-x'"):
        pages.preparation("07-x")


def test_every_session_states_its_preparation_from_the_registry() -> None:
    syllabus = (ROOT / "course" / "syllabus.md").read_text(encoding="utf-8")
    sessions = re.split(r"^## ", syllabus, flags=re.MULTILINE)[1:]
    stems = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    found = {}
    for session in sessions:
        notebook = re.search(r"\*\*Notebook:\*\* \{doc\}`/notebooks/([^`]+)`", session)
        if notebook is None:
            continue
        prep = re.search(r"\*\*Preparation\*\* \(\{qantar-preparation\}`([^`]+)`\)", session)
        assert prep is not None, f"session of {notebook.group(1)}: no {{qantar-preparation}}"
        assert prep.group(1).split()[0] == notebook.group(1)
        pages.preparation(prep.group(1))  # every id in it is an exercise of the notebook
        found[notebook.group(1)] = prep.group(1)
    assert sorted(found) == stems


def test_a_source_without_an_address_links_what_exists_instead(corpus: qantar.Corpus) -> None:
    """The COMPASS row: no link for the brief, its url_note with the site linked."""
    from docutils import nodes

    tree = nodes.section()
    tree += pages.sources_nodes(corpus)
    [row] = [r for r in tree.findall(nodes.row) if r.astext().startswith("compass")]
    title_cell = row.children[2]
    assert "No known address: what exists is" in title_cell.astext()
    refs = [r["refuri"] for r in title_cell.findall(nodes.reference)]
    assert refs == ["https://obo.web.ox.ac.uk/"]
