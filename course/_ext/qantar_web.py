"""A Sphinx extension of the Qantar book: a lighter page for phones and slow connections.

* MathJax only on pages that show mathematics, and only the parts they use:
  the loader, the core, the TeX base package and the HTML output (about 600 KB
  instead of the 1.2 MB of ``tex-chtml.js``). Sphinx counts the
  equations of every page in a page's table of contents as its own, so the
  root page loaded MathJax for one formula in one lesson (issue 11).
* The quiz script of the self-checks once per page: ``qantar.self_check``
  includes jupyterquiz's script with the first self-check of a notebook (for
  JupyterLab); here that copy leaves the page, and ``_static/qantar-quiz.js``,
  written from the installed jupyterquiz at each build, is loaded instead, only
  on pages that hold a self-check.
* No widget state in the pages: the explorers show their own kernel-free view
  (``qantar.widgets``), so the stored state of the widgets is dead weight.
* Search excerpts from a text index. Sphinx's search page fetches each
  result's page to show the words around the hit: over http 3 MB and more for a
  common word (the text-page budget is 1.2 MB), and on ``file://`` nothing, as
  Chromium refuses ``fetch`` there. At the end of each build the plain text of
  every page (by section, each section cut to what an excerpt needs) is written
  as a script, ``_static/qantar-search-text.js``; ``qantar-search.js``, on the
  search page only, loads it when there is a query (a ``<script>`` tag, which
  works on ``file://``) and answers the result pages' fetches from it, over
  http too (the pages are fetched only if it fails to load); Sphinx's own code
  then cuts the excerpt and shows it as text.

tests/test_browser.py checks the weight of every page and the offline excerpts.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

QUIZ_SCRIPT = "qantar-quiz.js"
SEARCH_SCRIPT = "qantar-search.js"
SEARCH_TEXT = "qantar-search-text.js"
_QUIZ_LIB = re.compile(r'<script class="qantar-quiz-lib">.*?</script>', re.DOTALL)


def _filename(script: Any) -> str:
    return str(getattr(script, "filename", script) or "")


def _body(script: Any) -> str:
    return str(getattr(script, "attributes", {}).get("body", ""))


#: Styles and scripts of page content (notebook cells, cards and tabs, code, toggles,
#: exercises), which the search page does without.
_CONTENT_ASSETS = re.compile(
    r"(^|/)(pygments\.css|togglebutton\.(css|js)|copybutton\.(css|js)|clipboard\.min\.js"
    r"|mystnb\.[0-9a-f]+\.css|exercise\.css|sphinx-design\.min\.css|design-tabs\.js)$"
)


def _is_content_asset(filename: str) -> bool:
    return bool(_CONTENT_ASSETS.search(filename.split("?")[0]))


def _trim_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename == "search":
        # the page-specific script (Sphinx removes it again before the next page)
        app.add_js_file(SEARCH_SCRIPT, defer="defer")
    body = context.get("body", "")  # the search page has none
    scripts = context.get("script_files")
    if not isinstance(body, str) or not isinstance(scripts, list):
        return
    if pagename == "search" and isinstance(context.get("css_files"), list):
        # room for the excerpts' text: the search page shows no cells, cards, code or toggles
        context["css_files"] = [
            css for css in context["css_files"] if not _is_content_asset(_filename(css))
        ]
        scripts = [js for js in scripts if not _is_content_asset(_filename(js))]
    has_math = 'class="math' in body
    has_quiz = 'class="qantar-quiz"' in body
    if has_quiz:
        context["body"] = _QUIZ_LIB.sub("", body)
    kept = []
    for script in scripts:
        name, text = _filename(script), _body(script)
        kind = str(getattr(script, "attributes", {}).get("type", ""))
        if not has_math and ("mathjax" in name.lower() or "window.MathJax" in text):
            continue
        if not has_quiz and name.endswith(QUIZ_SCRIPT):
            continue
        if kind == "application/vnd.jupyter.widget-state+json":
            continue
        if text.startswith("window.MathJax = ") and "paths" not in text:
            # the loader fetches its components from a CDN unless told where they are
            script.attributes["body"] = text + _MATHJAX_PATHS
        kept.append(script)
    context["script_files"] = kept


#: MathJax components to load (paths inside sphinx-mathjax-offline's _static/mathjax/).
MATHJAX_LOAD = ["input/tex-base", "output/chtml"]
_MATHJAX_PATHS = (
    ";window.MathJax.loader.paths = {mathjax: new URL("
    'document.documentElement.dataset.content_root + "_static/mathjax", document.baseURI).href};'
)


def _light_mathjax(app: Sphinx, config: Any) -> None:
    config.mathjax_path = "mathjax/startup.js"
    mathjax = dict(config.mathjax3_config or {})
    loader = dict(mathjax.get("loader", {}))
    loader["load"] = MATHJAX_LOAD
    mathjax["loader"] = loader
    config.mathjax3_config = mathjax


def _write_quiz_script(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from qantar._selfcheck import quiz_library

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    text = "// jupyterquiz's script, served once for the self-checks of the page.\n"
    text += quiz_library()
    target = static / QUIZ_SCRIPT
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


#: What the excerpts' text keeps of each section's own text (before its first subsection),
#: so that the search page stays within its weight budget (1.2 MB; the whole text is about
#: 530 KB): its first SECTION_CHARS characters (a result found by a section's title shows its
#: beginning), then, further on, WINDOW_CHARS either side of the first time each name (a word
#: with a capital) appears on the page, the words readers search for most; "…" marks a gap.
#: A hit in the text left out shows the page's first section whose kept text holds a word
#: of the query, else the section's beginning, as Sphinx does for no hit.
SECTION_CHARS = 300
WINDOW_CHARS = 30
_WORD = re.compile(r"\w+")
_NAME = re.compile(r"\b[A-Z][\w’'-]*[A-Za-z]")
#: Elements that start a new block of text (textContent would glue their words together).
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


class _PageText(HTMLParser):
    """The plain text of a page's article, cut into its sections.

    ``chunks`` holds ``[id, depth, text]`` in document order: a section's own text, up to its
    first subsection (the text before the first section has the id ``""``). Scripts, styles
    and the headings' permalink signs are left out, as Sphinx's search does.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[list[Any]] = [["", 0, []]]
        self.title = ""
        self._article = 0  # nesting of <article> elements, once inside the page's article
        self._sections: list[str] = []
        self._skip: list[str] = []  # the tags whose text is left out, innermost last
        self._in_title = False

    def _text(self, text: str) -> None:
        self.chunks[-1][2].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        if not self._article:
            if tag == "article" and "bd-article" in (attributes.get("class") or ""):
                self._article = 1
            return
        if self._skip:
            if tag == self._skip[0]:
                self._skip.append(tag)
            return
        if tag == "article":
            self._article += 1
        if tag in ("script", "style", "template") or (
            tag == "a" and "headerlink" in (attributes.get("class") or "").split()
        ):
            self._skip.append(tag)
            return
        if tag == "section":
            self._sections.append(attributes.get("id") or "")
            self.chunks.append([self._sections[-1], len(self._sections), []])
        if tag in _BLOCKS:
            self._text(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._article and not self._skip and tag in _BLOCKS:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if not self._article:
            return
        if self._skip:
            if tag == self._skip[0]:
                self._skip.pop()
            return
        if tag in _BLOCKS:
            self._text(" ")
        if tag == "section" and self._sections:
            self._sections.pop()
            # the parent section's text goes on after its subsection
            parent = self._sections[-1] if self._sections else ""
            self.chunks.append([parent, len(self._sections), []])
        if tag == "article":
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title and not self._article and not self.title:
            self.title = " ".join(data.split())
        if self._article and not self._skip:
            self._text(data)

    def sections(self, limit: int, window: int) -> list[list[Any]]:
        """``[id, depth, text]`` per section: whitespace collapsed, trimmed by :func:`_trim`."""
        merged: list[list[Any]] = []
        seen: set[str] = set()
        for name, depth, parts in self.chunks:
            text = " ".join("".join(parts).split())
            if merged and merged[-1][0] == name and merged[-1][1] == depth:
                merged[-1][2] = f"{merged[-1][2]} {text}".strip()
            elif text or name not in seen:  # an empty section is kept: its id is an anchor
                merged.append([name, depth, text])
            seen.add(name)
        words: set[str] = set()
        for chunk in merged:
            chunk[2] = _trim(chunk[2], limit, window, words)
        return merged


def _trim(text: str, limit: int, window: int, seen: set[str]) -> str:
    """*text*'s first *limit* characters, then *window* characters either side of each name
    not in *seen* (the lowercased words of the page so far, updated)."""
    head = _cut(text, limit)
    seen.update(w.lower() for w in _WORD.findall(head))
    spans: list[list[int]] = []
    for match in _NAME.finditer(text, len(head)):
        word = match.group().lower()
        if word in seen:
            continue
        seen.add(word)
        start, end = max(len(head), match.start() - window), min(len(text), match.end() + window)
        while start > len(head) and text[start - 1] != " ":
            start -= 1
        while end < len(text) and text[end] != " ":
            end += 1
        if spans and start <= spans[-1][1] + 8:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return " … ".join([head] + [text[a:b].strip() for a, b in spans]).strip()


def _cut(text: str, limit: int) -> str:
    """*text* up to *limit* characters, cut at a space."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def page_text(html: str, limit: int = SECTION_CHARS, window: int = WINDOW_CHARS) -> dict[str, Any]:
    """Title and sections (``[id, depth, text]``) of a built page, for search excerpts."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    title = parser.title.split(" \u2014 ")[0].strip()
    return {"t": title, "s": parser.sections(limit, window)}


def _write_search_text(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    index: dict[str, Any] = {}
    for docname in sorted(app.env.found_docs):
        path = outdir / app.builder.get_target_uri(docname)
        if path.suffix == ".html" and path.is_file():
            index[docname] = page_text(path.read_text(encoding="utf-8"))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    text = (
        "// The plain text of every page, by section, for the search page's excerpts\n"
        "// (served and opened from disk: the result pages are not fetched).\n"
        f"window.qantarSearchText = {data};\n"
    )
    target = outdir / "_static" / SEARCH_TEXT
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the page trimming and the search excerpts' text."""
    app.add_js_file(QUIZ_SCRIPT, defer="defer")
    app.connect("config-inited", _light_mathjax, priority=900)
    app.connect("html-page-context", _trim_scripts, priority=900)
    app.connect("build-finished", _write_quiz_script)
    app.connect("build-finished", _write_search_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
