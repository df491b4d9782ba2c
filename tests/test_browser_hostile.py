"""A hostile corpus built into the book: no script from the data runs, its text shows literally.

The copy (``tests/hostile_corpus.py``) puts script tags, event-handler attributes,
newlines with code fences and ``{raw} html`` blocks, Markdown links and
``javascript:`` addresses into every free-text field of every table, and
``javascript:alert(1)`` into every source address; ``qantar validate`` accepts it.
The book is built from it with ``scripts/build_book.py --data ... --execute off``
(warnings are errors), and Chromium loads every page of the table of contents.

What this covers: every corpus-driven page (glossary, timeline, corpus tables and the
cite example, bibliography and its BibTeX, exercise lists, rubrics) is built from the
hostile corpus. The notebook pages show their stored outputs, computed from the
shipped corpus (the notebooks load ``qantar.load_corpus()`` without a path), so they
are loaded and checked for injected script too, but they do not show hostile text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_corpus import MARKER, make_hostile_corpus
from test_browser import PAGES, ROOT, _results, _serve, browser, open_from_disk, visit
from test_pages import pages

import qantar

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, shared with tests/test_browser.py

#: Pages that show corpus text (and so must show the payload literally).
CORPUS_PAGES = ["course/timeline", "course/glossary", "course/bibliography", "course/corpus"]

#: Run in the page: every element the payload could have injected, as short descriptions.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      const value = el.getAttribute(attr) || '';
      if (attr.startsWith('on') && value.includes('alert(')) found.push(el.tagName + ' ' + attr);
      if (/^(href|src|action|formaction)$/.test(attr) && /^\\s*javascript:/i.test(value))
        found.push(el.tagName + ' ' + attr + '=' + value);
    }
  }
  for (const s of document.querySelectorAll('script'))
    if ((s.textContent || '').includes('alert(')) found.push('SCRIPT ' + s.textContent.slice(0, 40));
  for (const img of document.querySelectorAll('img[src="x"]')) found.push('IMG src=x');
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build the book from the hostile corpus (notebooks not executed); yield its HTML folder."""
    tmp = tmp_path_factory.mktemp("hostile")
    corpus = make_hostile_corpus(tmp / "corpus")
    assert qantar.validate(corpus) == [], "the hostile corpus must pass qantar validate"
    out = tmp / "book"
    command = [
        sys.executable,
        str(ROOT / "scripts" / "build_book.py"),
        "--data",
        str(corpus),
        "--output",
        str(out),
        "--execute",
        "off",
    ]
    env = {k: v for k, v in os.environ.items() if k != "QANTAR_DATA"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    yield out / "_build" / "html"
    # the build wrote the hostile references.bib into course/_generated: write the shipped one
    bib = ROOT / "course" / "_generated" / "references.bib"
    bib.write_text(pages.bibtex(qantar.load_corpus()), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(hostile_build: Path) -> str:
    """The hostile book, served on 127.0.0.1."""
    return _serve(hostile_build)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog (alert, confirm, prompt) instead of showing it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_no_script_from_the_data_runs(page: Any, hostile_site: str, docname: str) -> None:
    record = visit(page, f"{hostile_site}{docname}.html")
    assert record.status == 200
    # hover and click every link and image the payload could have turned into handlers
    for element in page.locator("article a, article img").all()[:400]:
        element.dispatch_event("mouseover")
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate(INJECTED) == []
    assert not [e for e in record.console_errors if "alert" in e]


@pytest.mark.parametrize("docname", CORPUS_PAGES)
def test_hostile_text_is_shown_literally(page: Any, hostile_site: str, docname: str) -> None:
    visit(page, f"{hostile_site}{docname}.html")
    text = page.locator("article.bd-article").inner_text()
    assert MARKER in text
    assert "<img src=x onerror=alert(7)>" in text
    assert page.dialogs == []


def test_bibliography_shows_script_addresses_as_text_only(page: Any, hostile_site: str) -> None:
    visit(page, f"{hostile_site}course/bibliography.html")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert "(no known address)" not in page.locator("article").inner_text()  # urls exist...
    assert "javascript:alert(1)" not in hrefs  # ...but none of them became a link


@pytest.mark.parametrize("where", ["served", "from disk"])
def test_search_excerpts_show_hostile_text_literally(
    page: Any, hostile_build: Path, hostile_site: str, where: str
) -> None:
    """The excerpts (from the text index, served and from disk) are text, never markup."""
    if where == "served":
        record = visit(page, f"{hostile_site}search.html?q=Zeta")
    else:
        record = open_from_disk(page, f"{hostile_build.resolve().as_uri()}/search.html?q=Zeta")
    excerpts = [excerpt for _, excerpt in _results(page)]
    assert any("<img src=x onerror=alert(7)>" in e for e in excerpts), excerpts
    page.locator("#search-results").hover()
    page.wait_for_timeout(300)
    assert page.dialogs == []
    assert page.evaluate(INJECTED) == []
    assert page.locator("#search-results img, #search-results script").count() == 0
    assert not [e for e in record.console_errors if "alert" in e]
