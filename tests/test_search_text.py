"""The search excerpts' text index (course/_ext/qantar_web.py), without a browser.

tests/test_browser.py checks the search page in Chromium (from disk and served), and
tests/test_browser_hostile.py that hostile text in an excerpt stays text.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hostile_corpus import PAYLOAD

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "course" / "_build" / "html"


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


web = _module("qantar_web", ROOT / "course" / "_ext" / "qantar_web.py")

LONG = " ".join(f"word{i}" for i in range(400))
PAGE = f"""<html><head><title>Causes \u2014 Qantar</title><script>var x = "head";</script></head>
<body><nav>Menu text</nav>
<article class="bd-article" role="main">
<section id="causes"><h1>Causes<a class="headerlink" href="#causes">#</a></h1>
<p>Intro<b>duction</b> text.</p><script>var hidden = "script text";</script>
<style>.x {{ color: red }}</style>
<section id="trigger"><h2>The trigger</h2><p>{LONG} Tokayev asked the CSTO for help.</p>
<p>{LONG}</p></section>
<p>After the subsection.</p>
<section id="empty"></section>
</section>
</article><footer>Footer text</footer></body></html>"""


def test_page_text_keeps_the_article_by_section() -> None:
    page = web.page_text(PAGE)
    assert page["t"] == "Causes"
    # in document order: a section's own text, its subsection, the rest of its own text
    assert [(name, depth) for name, depth, _ in page["s"]] == [
        ("", 0),
        ("causes", 1),
        ("trigger", 2),
        ("causes", 1),
        ("empty", 2),  # an empty section is kept: a result can point at it
    ]
    # blocks are separated, inline markup and permalink signs dropped, scripts and styles out
    assert page["s"][1][2] == "Causes Introduction text."
    assert page["s"][3][2] == "After the subsection."
    text = json.dumps(page)
    for absent in ("#", "script text", "color: red", "Menu text", "Footer text", '"head"'):
        assert absent not in text, absent


def test_page_text_cuts_long_sections_but_keeps_names_in_context() -> None:
    page = web.page_text(PAGE)
    trigger = {(n, d): t for n, d, t in page["s"]}[("trigger", 2)]
    assert len(trigger) < 600
    assert trigger.startswith("The trigger word0 word1")
    # a name further in keeps the words around it, after a gap mark
    assert " \u2026 " in trigger
    assert "Tokayev asked the CSTO for help." in trigger
    assert "word200" not in trigger


def test_page_text_keeps_hostile_text_as_text() -> None:
    html = (
        f'<article class="bd-article"><section id="s"><p>{_escape(PAYLOAD)}</p></section></article>'
    )
    [_, [name, depth, text]] = web.page_text(html, limit=10_000)["s"]
    assert (name, depth) == ("s", 1)
    assert "<img src=x onerror=alert(7)>" in text
    assert "<script>alert(8)</script>" in text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.browser  # runs with the browser tests, after `make test` has built the book
def test_the_built_text_index_is_small_enough_for_the_search_page() -> None:
    """Well under the room the 1.2 MB budget leaves on the search page (about 340 KB)."""
    index = SITE / "_static" / web.SEARCH_TEXT
    assert index.is_file(), "no built site: run `make book` first"
    assert index.stat().st_size <= 250_000
    text = index.read_text(encoding="utf-8")
    assert text.startswith("// ")
    data = json.loads(text.split("window.qantarSearchText = ", 1)[1].rstrip().rstrip(";"))
    assert {"course/glossary", "notebooks/01-causes"} <= set(data)
