"""Browser tests: the built course website and the notebooks' widgets in JupyterLab.

They drive Debian's Chromium (``/usr/bin/chromium``, installed by
``scripts/install_browser.sh``) with Python playwright; playwright's own browser
download is never used. The website is served from ``course/_build/html`` on
127.0.0.1 by a thread of this process; build it first with ``make book`` (and the
student site with ``make book-student``). axe-core comes from ``node_modules``
(``npm ci``, run by ``make test``).

Without Chromium, a built site or axe-core, the tests are skipped with the reason;
with ``QANTAR_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml

import qantar

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "course" / "_build" / "html"
STUDENT_SITE = ROOT / "build" / "student-book" / "_build" / "html"
TOC = ROOT / "course" / "_toc.yml"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: The notebook opened in JupyterLab: its explorer has a Dropdown and an HTML output.
LAB_NOTEBOOK = "03-csto-precedent.ipynb"  # a lesson with an explorer and self-checks
REQUIRED = os.environ.get("QANTAR_REQUIRE_BROWSER") == "1"


def unavailable(reason: str) -> None:
    """Skip with *reason*, or fail when the browser tests are required (CI)."""
    if REQUIRED:
        pytest.fail(f"{reason} (required because QANTAR_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def toc_pages() -> list[str]:
    """Docnames of every page of the book, in reading order (root first)."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part.get("chapters", [])]
    return pages


PAGES = toc_pages()
NOTEBOOK_PAGES = [p for p in PAGES if p.startswith("notebooks/")]


# -- serving and browsing -----------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _serve(directory: Path) -> str:
    """Serve *directory* on 127.0.0.1 from a daemon thread (one per site); return its URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def _site_url(directory: Path, command: str) -> str:
    if not (directory / "index.html").is_file():
        unavailable(f"no built site in {directory.relative_to(ROOT)}: run `{command}` first")
    return _serve(directory)


@pytest.fixture(scope="session")
def site() -> str:
    """Base URL of the instructor site."""
    return _site_url(SITE, "make book")


@pytest.fixture(scope="session")
def student_site() -> str:
    """Base URL of the student site."""
    return _site_url(STUDENT_SITE, "make book-student")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by playwright (never playwright's own browser)."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: run `bash scripts/install_browser.sh`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (dependency group `test`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """What a page did while it loaded."""

    status: int | None = None
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"failed request: {f}" for f in self.failed]
            + [f"external request: {e}" for e in self.external]
            + [f"console error: {c}" for c in self.console_errors]
        )


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; requests leaving 127.0.0.1 are recorded and blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def visit(page: Any, url: str) -> Visit:
    """Open *url*, wait until the network is idle, and report what went wrong."""
    record = Visit()

    def route(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            record.external.append(route.request.url)
            route.abort()

    def on_response(response: Any) -> None:
        if response.status >= 400:
            record.failed.append(f"{response.status} {response.url}")

    page.route("**/*", route)
    page.on("response", on_response)
    page.on("requestfailed", lambda r: record.failed.append(f"{r.failure} {r.url}"))
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.console_errors.append(str(e)))
    response = page.goto(url, wait_until="networkidle")
    record.status = response.status if response else None
    return record


# -- the instructor site ------------------------------------------------------------------


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_page_loads_offline_without_errors(page: Any, site: str, docname: str) -> None:
    record = visit(page, f"{site}{docname}.html")
    assert record.status == 200
    assert record.problems() == []


def test_site_index_redirects_to_the_course_page(page: Any, site: str) -> None:
    record = visit(page, site)
    page.wait_for_url(re.compile(r"course/index\.html$"))
    assert record.problems() == []
    assert page.locator("article.bd-article h1").first.inner_text().startswith("Qantar")


def _docname(url: str) -> str:
    """``http://host/notebooks/01-causes.html#x`` -> ``notebooks/01-causes``."""
    return re.sub(r"^.*?((course|notebooks)/[^/#?]+)\.html.*$", r"\1", url)


def test_sidebar_links_reach_every_page(page: Any, site: str) -> None:
    visit(page, f"{site}{PAGES[0]}.html")
    links = page.locator("nav.bd-docs-nav a.reference.internal")
    reached = {_docname(h) for h in links.evaluate_all("links => links.map(a => a.href)")}
    assert set(PAGES[1:]) <= reached
    # and a click in the sidebar really opens the chapter
    page.locator(f"nav.bd-docs-nav a[href$='{NOTEBOOK_PAGES[-1].split('/')[-1]}.html']").click()
    page.wait_for_url(re.compile(re.escape(NOTEBOOK_PAGES[-1]) + r"\.html"))
    assert page.locator("article.bd-article h1").first.is_visible()


def test_next_and_previous_links_walk_the_whole_book(page: Any, site: str) -> None:
    visit(page, f"{site}{PAGES[0]}.html")
    seen = [_docname(page.url)]
    for _ in range(len(PAGES)):
        following = page.locator("a.right-next")
        if following.count() == 0:
            break
        following.first.click()
        page.wait_for_load_state()
        seen.append(_docname(page.url))
    assert seen == PAGES
    for _ in range(len(PAGES) - 1):
        page.locator("a.left-prev").first.click()
        page.wait_for_load_state()
    assert _docname(page.url) == PAGES[0]


def test_search_page_finds_csto_in_the_chapters(page: Any, site: str) -> None:
    visit(page, f"{site}search.html?q=CSTO")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for()
    hrefs = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert any("notebooks/" in h for h in hrefs), hrefs
    assert len(hrefs) >= len(NOTEBOOK_PAGES)


def open_from_disk(page: Any, url: str) -> Visit:
    """Open a ``file://`` *url* (the book opened from disk); requests to a network are blocked."""
    record = Visit()

    def route(route: Any) -> None:
        record.external.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!file:|data:|blob:)"), route)
    page.on("requestfailed", lambda r: record.failed.append(f"{r.failure} {r.url}"))
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.console_errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return record


#: Run in the search page: true once every result has its excerpt and the search is over.
SEARCH_DONE = """() => {
  const items = [...document.querySelectorAll('#search-results ul.search li')];
  const status = document.querySelector('#search-results p.search-summary');
  return items.length > 0 && items.every(li => li.querySelector('p.context'))
    && !!status && status.textContent.includes('finished');
}"""


def _results(page: Any) -> list[tuple[str, str]]:
    """(link, excerpt) of each search result, once every result has its excerpt."""
    page.wait_for_function(SEARCH_DONE)
    return page.locator("#search-results ul.search li").evaluate_all(
        "items => items.map(li => [li.querySelector('a').getAttribute('href'),"
        " li.querySelector('p.context').textContent])"
    )


#: "Almaty" stems to "almati", not in the text: the excerpt looks for the query's words too.
@pytest.mark.parametrize("query", ["Tokayev", "Zhanaozen", "Belarus", "Almaty"])
def test_search_results_have_excerpts_when_the_book_is_opened_from_disk(
    page: Any, site: str, query: str
) -> None:
    """Chromium cannot fetch the result pages on file://: the excerpts come from the text index."""
    record = open_from_disk(page, f"{SITE.resolve().as_uri()}/search.html?q={query}")
    offline = _results(page)
    assert record.problems() == []
    # the same results as over http, each with the words around the query
    visit(page, f"{site}search.html?q={query}")
    served = _results(page)
    assert [link for link, _ in offline] == [link for link, _ in served]
    assert [e for _, e in offline if query.lower() not in e.lower()] == []
    # the words of the page's text: in the excerpt the hit is among its neighbours
    words = [re.sub(r"\W+", " ", e).split() for _, e in offline]
    assert all(len(w) >= 8 for w in words), offline


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_have_no_serious_accessibility_violation(
    page: Any, site: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    open_from_disk(page, f"{SITE.resolve().as_uri()}/search.html?q=Tokayev")
    _results(page)
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    assert _axe_serious(page) == []


def test_search_excerpts_over_http_come_from_the_text_index_and_no_page_is_fetched(
    page: Any, site: str
) -> None:
    """A common word finds most pages: fetching each (Sphinx's way) weighed over 3 MB."""
    requests: list[Any] = []
    responses: list[Any] = []

    def on_request(request: Any) -> None:
        requests.append(request)

    def on_response(response: Any) -> None:
        responses.append(response)

    page.on("request", on_request)
    page.on("response", on_response)
    page.goto(f"{site}search.html?q=Tokayev", wait_until="networkidle")
    results = _results(page)
    page.wait_for_load_state("networkidle")
    page.remove_listener("request", on_request)
    page.remove_listener("response", on_response)
    assert len(results) >= len(NOTEBOOK_PAGES)
    assert [e for _, e in results if "tokayev" not in e.lower()] == []
    assert all(len(re.sub(r"\W+", " ", e).split()) >= 8 for _, e in results), results
    urls = [urlparse(r.url).path for r in requests]
    assert "/_static/qantar-search-text.js" in urls
    pages = [u for u in urls if u.endswith((".html", "/")) and u != "/search.html"]
    assert pages == []  # no result page was fetched
    weight = sum(len(r.body()) for r in responses if r.status < 300)
    assert weight <= PAGE_BUDGET, f"search.html?q=Tokayev: {weight:,} bytes"


def test_search_excerpts_come_from_the_pages_when_the_text_index_fails_to_load(
    page: Any, site: str
) -> None:
    page.route(re.compile(r"qantar-search-text\.js$"), lambda route: route.abort())
    page.goto(f"{site}search.html?q=Tokayev", wait_until="networkidle")
    results = _results(page)
    assert len(results) >= 3
    assert all("tokayev" in excerpt.lower() for _, excerpt in results)


@pytest.mark.parametrize("where", ["served", "served with a query", "from disk with a query"])
def test_search_page_weight_is_within_budget(page: Any, site: str, where: str) -> None:
    """Without a query no text index loads; with one it does (a fresh page each: no cache)."""
    base = SITE.resolve().as_uri() + "/" if "disk" in where else site
    url = f"{base}search.html" + ("?q=CSTO" if "query" in where else "")
    responses: list[Any] = []

    def record(response: Any) -> None:
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    if "query" in where:
        _results(page)
        page.wait_for_load_state("networkidle")
        assert any(r.url.endswith("qantar-search-text.js") for r in responses)
    else:
        assert not any("qantar-search-text" in r.url for r in responses)
    page.remove_listener("response", record)
    weight = sum(len(r.body()) for r in responses if r.status < 300)
    assert weight <= PAGE_BUDGET, f"{url}: {weight:,} bytes (budget {PAGE_BUDGET:,})"


def test_solution_is_hidden_until_its_dropdown_is_clicked(page: Any, site: str) -> None:
    record = visit(page, f"{site}{NOTEBOOK_PAGES[0]}.html")
    solution = page.locator("div.solution.dropdown").first
    title = solution.locator(".admonition-title")
    body = solution.locator(":scope > :not(.admonition-title)").first
    button = title.locator("button.toggle-button")
    assert title.inner_text().startswith("Solution to")
    assert body.is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    body.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    assert body.inner_text().strip()
    assert record.problems() == []


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_every_image_has_alt_text(page: Any, site: str, docname: str) -> None:
    visit(page, f"{site}{docname}.html")
    images = page.locator("img").evaluate_all(
        "imgs => imgs.map(i => [i.getAttribute('src'), (i.getAttribute('alt') || '').trim()])"
    )
    missing = [src for src, alt in images if not alt]
    assert missing == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_no_serious_accessibility_violation(
    page: Any, site: str, docname: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    visit(page, f"{site}{docname}.html")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    assert _axe_serious(page) == []


_CONTRAST = """
els => els.map(el => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let back = el, bg = [255, 255, 255];
  while (back) {
    const c = rgb(getComputedStyle(back).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c.slice(0, 3); break; }
    back = back.parentElement;
  }
  const fg = rgb(getComputedStyle(el).color).slice(0, 3);
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
})
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_explorer_text_contrasts_with_its_background(
    page: Any, site: str, docname: str, scheme: str
) -> None:
    """The theme paints HTML outputs light in dark mode; an explorer's text must stay readable.

    axe-core leaves this case "incomplete" (it cannot tell the background behind a
    :has() rule), so the ratio is computed here: WCAG AA, at least 4.5.
    """
    page.emulate_media(color_scheme=scheme)
    visit(page, f"{site}{docname}.html")
    ratios = page.locator(".qantar-explorer").evaluate_all(_CONTRAST)
    assert ratios, "no explorer on the page"
    assert min(ratios) >= 4.5, ratios


def _axe_serious(page: Any, selector: str = "document") -> list[str]:
    """Serious or critical axe-core violations in the page (or the elements *selector* finds)."""
    if not AXE.is_file():
        unavailable("axe-core is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    context = "document" if selector == "document" else f"{{include: [[{selector!r}]]}}"
    violations = page.evaluate(f"async () => (await axe.run({context})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_every_self_check_is_drawn_on_its_page(page: Any, site: str, docname: str) -> None:
    from qantar._checks import registry

    stem = docname.split("/")[-1]
    expected = [e for e in qantar.self_checks() if registry()[e].notebook == stem]
    visit(page, f"{site}{docname}.html")
    questions = page.locator(".Quiz .MultipleChoiceQn, .Quiz .ManyChoiceQn").all_inner_texts()
    assert [re.sub(r"^Self-check \(([^)]+)\).*$", r"\1", q.strip()) for q in questions] == expected


@pytest.mark.parametrize(("site_kind", "scheme"), [("instructor", "light"), ("student", "dark")])
def test_self_check_gives_feedback_offline_without_a_kernel(
    page: Any, site_kind: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    """Click a wrong option, then the right one, of a self-check on a static page."""
    from qantar._selfcheck import self_check_questions

    page.emulate_media(color_scheme=scheme)

    base = request.getfixturevalue("site" if site_kind == "instructor" else "student_site")
    [question] = self_check_questions("causes-4")
    right = next(a["answer"] for a in question["answers"] if a["correct"])
    wrong = next(a["answer"] for a in question["answers"] if not a["correct"])
    record = visit(page, f"{base}notebooks/01-causes.html")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    quiz = page.locator(".Quiz", has_text="Self-check (causes-4)")
    feedback = quiz.locator(".Feedback")
    assert feedback.inner_text().strip() == ""
    quiz.locator("label.MCButton", has_text=wrong).click()
    # the wrong option's own hint, then the exercise's hint
    assert feedback.inner_text().startswith(f"Not yet. {wrong} ")
    assert "Hint:" in feedback.inner_text()
    assert "incorrect" in (feedback.get_attribute("class") or "")
    page.wait_for_timeout(1000)  # the chosen button's colour is animated
    assert _axe_serious(page, ".Quiz") == []
    # by keyboard: each option is a radio button; Space on the focused one chooses it
    quiz.locator("label.MCButton", has_text=right).locator("input").focus()
    page.keyboard.press("Space")
    assert feedback.inner_text().startswith("Correct. COMPASS")
    assert "correct" in (feedback.get_attribute("class") or "").split()
    page.wait_for_timeout(1000)  # the chosen button's colour is animated
    assert _axe_serious(page, ".Quiz") == []
    assert record.problems() == []


# -- phones, slow connections (issue 11) ----------------------------------------------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: Page weight budgets: the sum of the response bodies, uncompressed.
LESSON_BUDGET = 2_000_000
PAGE_BUDGET = 1_200_000


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh page the size of a phone (390 px wide, touch)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _visible_toggle(page: Any, side: str) -> Any:
    toggles = page.locator(f"button.{side}-toggle:visible")
    assert toggles.count() == 1, f"{toggles.count()} visible {side} toggles"
    return toggles.first


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_menu_button_opens_the_table_of_contents_on_a_phone(
    phone: Any, site: str, docname: str
) -> None:
    record = visit(phone, f"{site}{docname}.html")
    assert phone.locator("nav.bd-docs-nav a.reference.internal:visible").count() == 0
    _visible_toggle(phone, "primary").click()
    dialog = phone.locator("#pst-primary-sidebar-modal[open]")
    dialog.wait_for(state="visible")
    links = dialog.locator("nav.bd-docs-nav a.reference.internal:visible")
    assert links.count() >= len(PAGES) - 1
    phone.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert record.problems() == []


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_the_lesson_outline_opens_on_a_phone(phone: Any, site: str, docname: str) -> None:
    visit(phone, f"{site}{docname}.html")
    _visible_toggle(phone, "secondary").click()
    dialog = phone.locator("#pst-secondary-sidebar-modal[open]")
    dialog.wait_for(state="visible")
    assert dialog.locator("nav a.nav-link:visible").count() >= 3


def test_sidebar_toggle_hides_and_shows_the_sidebar_on_a_desktop(page: Any, site: str) -> None:
    visit(page, f"{site}{NOTEBOOK_PAGES[0]}.html")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    _visible_toggle(page, "primary").click()
    sidebar.wait_for(state="hidden")
    _visible_toggle(page, "primary").click()
    sidebar.wait_for(state="visible")


@pytest.mark.parametrize("docname", [PAGES[0], NOTEBOOK_PAGES[0]])
def test_one_search_box_on_a_desktop(page: Any, site: str, docname: str) -> None:
    visit(page, f"{site}{docname}.html")
    boxes = page.locator("button.search-button-field:visible, button.search-button:visible")
    assert boxes.count() == 1


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_nothing_is_wider_than_a_phone(phone: Any, site: str, docname: str) -> None:
    """At 390 px the page never scrolls sideways: wide tables scroll inside their own box."""
    visit(phone, f"{site}{docname}.html")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_long_text_columns_are_readable_on_a_desktop(page: Any, site: str, docname: str) -> None:
    visit(page, f"{site}{docname}.html")
    narrow = page.evaluate(
        """() => [...document.querySelectorAll('.bd-article td')]
            .filter(td => td.offsetParent !== null && td.textContent.trim().length > 80)
            .map(td => [Math.round(td.getBoundingClientRect().width),
                        td.textContent.trim().slice(0, 40)])
            .filter(([width]) => width < 200)"""
    )
    assert narrow == []


@pytest.mark.parametrize("docname", PAGES, ids=PAGES)
def test_page_weight_is_within_budget(page: Any, site: str, docname: str) -> None:
    responses: list[Any] = []
    page.on("response", lambda r: responses.append(r))
    record = visit(page, f"{site}{docname}.html")
    weight = sum(len(r.body()) for r in responses if r.status < 300)
    budget = LESSON_BUDGET if docname.startswith("notebooks/") else PAGE_BUDGET
    assert weight <= budget, f"{docname}: {weight:,} bytes (budget {budget:,})"
    assert len(responses) <= 45
    names = [urlparse(r.url).path.rsplit("/", 1)[-1] for r in responses]
    assert not {"embed-amd.js", "require.js", "fontawesome.js"} & set(names)
    if 'class="math' not in page.content():
        assert not any("mathjax" in r.url for r in responses)
    assert sum(name == "qantar-quiz.js" for name in names) <= 1
    assert record.problems() == []


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_every_explorer_responds_without_a_kernel(phone: Any, site: str, docname: str) -> None:
    """Each control of each explorer changes what the explorer shows, with no kernel."""
    record = visit(phone, f"{site}{docname}.html")
    explorers = phone.locator(".qantar-explorer")
    stem = docname.split("/")[-1]
    source = (ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8")
    assert explorers.count() == source.count("_explorer(corpus"), "an explorer did not draw"
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        output = explorer.locator(".qantar-explorer-output")
        selects = explorer.locator("select")
        assert selects.count() >= 1
        for j in range(selects.count()):
            select = selects.nth(j)
            before = output.inner_text()
            values = select.locator("option").evaluate_all("o => o.map(x => x.value)")
            other = next(v for v in reversed(values) if v != select.input_value())
            select.select_option(other)
            assert output.inner_text() != before, f"explorer {i}, control {j}"
    assert record.problems() == []


@pytest.mark.parametrize(
    ("docname", "field"),
    [("notebooks/05-reading-the-sources", "claim_type"), ("notebooks/06-hindsight", "outcome")],
)
def test_coding_view_compares_with_the_corpus_codes_it_stores_masked(
    phone: Any, site: str, docname: str, field: str
) -> None:
    """Code every item of the static coding explorer as the corpus does: full agreement.

    The page stores the corpus's codes as numbers (widgets.masked_code), so this also
    checks that the browser decodes them to the same codes as qantar.
    """
    record = visit(phone, f"{site}{docname}.html")
    explorer = phone.locator(".qantar-explorer").filter(
        has=phone.locator(".qantar-explorer-coding")
    )
    assert explorer.count() == 1
    rows = explorer.locator(".qantar-explorer-coding")
    ids = [rows.nth(i).locator("label").inner_text().strip(" :") for i in range(rows.count())]
    corpus = qantar.load_corpus()
    codes = (
        qantar.outcome_codes(corpus, ids) if field == "outcome" else qantar.claim_codes(corpus, ids)
    )
    by_id = dict(zip(ids, codes, strict=True))
    chosen = []
    for i in range(rows.count()):
        rows.nth(i).locator("select").select_option(by_id[ids[i]])
        chosen.append(by_id[ids[i]])
    output = explorer.locator(".qantar-explorer-output").inner_text()
    assert "Agreement 100%; Cohen's kappa 1.00" in output
    # one wrong code: the table shows the corpus's code beside it
    first = rows.nth(0).locator("select")
    other = next(
        t
        for t in first.locator("option").evaluate_all("o => o.map(x => x.value)")
        if t and t != chosen[0]
    )
    first.select_option(other)
    output = explorer.locator(".qantar-explorer-output").inner_text()
    assert "Agreement 100%" not in output
    assert f"{other}\t{chosen[0]}\tno" in output
    assert record.problems() == []


def _png_size_and_dpi(data: bytes) -> tuple[int, float]:
    """Width in pixels and resolution in dots per inch (from the pHYs chunk) of a PNG image."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG image"
    width = int.from_bytes(data[16:20], "big")
    position = 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind == b"pHYs":
            body = data[position + 8 : position + 8 + length]
            per_metre, unit = int.from_bytes(body[:4], "big"), body[8]
            assert unit == 1, "pHYs without a unit: the image's dpi is unknown"
            return width, per_metre * 0.0254
        position += 12 + length
    raise AssertionError("PNG without a pHYs chunk: the image's dpi is unknown")


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_figure_text_is_at_least_9_px_tall_on_a_phone(phone: Any, site: str, docname: str) -> None:
    """At 390 px, the smallest text of every figure is at least 9 CSS px tall.

    A PNG figure stores its resolution (dpi) in its pHYs chunk. Text of ``s`` points is
    ``s / 72 * dpi`` image pixels tall; the page shows the image at ``shown / natural`` of its
    natural width, so the text is ``s / 72 * dpi * shown / natural`` CSS px tall. ``s`` is
    qantar.plots.MIN_FONT_PT, the smallest font any figure uses (asserted in test_plots.py).
    """
    from qantar import plots

    visit(phone, f"{site}{docname}.html")
    figures = phone.locator(".cell_output img")
    assert figures.count() >= 1
    sizes = []
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        shown = figure.evaluate("img => img.getBoundingClientRect().width")
        path = urlparse(figure.evaluate("img => img.src")).path
        natural, dpi = _png_size_and_dpi((SITE / path.lstrip("/")).read_bytes())
        assert 100 < shown <= PHONE["width"]
        sizes.append(round(plots.MIN_FONT_PT / 72 * dpi * shown / natural, 2))
    assert min(sizes) >= 9, f"smallest figure text in CSS px, per figure: {sizes}"


def test_a_tap_on_a_figure_opens_it_full_size(phone: Any, site: str) -> None:
    visit(phone, f"{site}{NOTEBOOK_PAGES[0]}.html")
    figure = phone.locator(".cell_output img").first
    figure.scroll_into_view_if_needed()
    shown = figure.bounding_box()["width"]
    figure.tap()
    zoomed = phone.locator("dialog.qantar-zoom[open] img")
    zoomed.wait_for(state="visible")
    assert zoomed.evaluate("img => img.src") == figure.evaluate("img => img.src")
    assert zoomed.bounding_box()["width"] > shown
    phone.locator("dialog.qantar-zoom .qantar-zoom-close").tap()
    zoomed.wait_for(state="detached")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("docname", NOTEBOOK_PAGES, ids=NOTEBOOK_PAGES)
def test_handout_prints_the_lesson_without_navigation_or_solutions(
    page: Any, student_site: str, docname: str
) -> None:
    """What `make handouts` prints (scripts/handouts.py): the lesson alone, in a few pages."""
    visit(page, f"{student_site}{docname}.html")
    page.emulate_media(media="print")
    for chrome in ("#pst-primary-sidebar", ".bd-header-article", ".prev-next-area"):
        assert page.locator(chrome).first.is_hidden(), chrome
    text = page.locator("article.bd-article").inner_text()
    assert "Solution to" not in text
    pdf = page.pdf(format="A4", print_background=True)
    pages = _pdf_pages(pdf)
    assert 5 <= pages <= 80, pages


# -- the student site ---------------------------------------------------------------------


def _rubric_snippets() -> list[str]:
    """Distinctive sentences of the instructors' solutions, as plain text."""
    from qantar._editions import answer_key

    snippets = []
    for row in answer_key(ROOT / "notebooks"):
        text = re.sub(r"```.*?```", " ", row["solution"], flags=re.DOTALL)
        text = re.sub(r"[*`_#>]|\{[a-z-]+\}", "", text)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            words = sentence.split()
            if len(words) >= 8:
                snippets.append(" ".join(words[:8]))
                break
    return snippets


def test_student_site_shows_no_solution_and_no_rubric(page: Any, student_site: str) -> None:
    snippets = _rubric_snippets()
    assert snippets, "the instructor notebooks should have solutions to compare with"
    exercises = 0
    for docname in PAGES:
        record = visit(page, f"{student_site}{docname}.html")
        assert record.status == 200, docname
        assert record.problems() == [], docname
        assert page.locator("div.solution").count() == 0, docname
        text = " ".join(page.locator("body").inner_text().split())
        assert "Solution to" not in text, docname
        leaked = [s for s in snippets if s in text]
        assert leaked == [], docname
        exercises += page.locator("div.exercise").count()
    assert exercises > 0, "the student site should still show the exercises"


def test_student_search_index_has_no_solution(student_site: str) -> None:
    for name in ("searchindex.js", "_static/qantar-search-text.js"):  # the excerpts' text too
        index = (STUDENT_SITE / name).read_text(encoding="utf-8")
        assert "Solution to" not in index, name
        assert "Model answer" not in index, name


# -- JupyterLab ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 with a temporary copy of one notebook; yields its URL."""
    if shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) is None:
        unavailable("JupyterLab is not installed (dependency group `lab`)")
    home = tmp_path_factory.mktemp("lab")
    shutil.copyfile(ROOT / "notebooks" / LAB_NOTEBOOK, home / LAB_NOTEBOOK)
    port, token = _free_port(), "qantar-test-token"
    # Render every cell (no windowing, so the widget is in the page wherever it is) and do not
    # ask about news: a fresh settings folder of this test's own.
    settings = home / ".settings"
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": '{"windowingMode": "none"}',
        "@jupyterlab/apputils-extension/notification": '{"fetchNews": "false"}',
    }.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(values, encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / ".workspaces"),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={home}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield f"{url}lab/tree/{LAB_NOTEBOOK}?token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _run_all_in_lab(page: Any, url: str) -> None:
    """Open the notebook in JupyterLab and start Run All Cells once its kernel is idle."""
    page.set_default_timeout(120_000)
    page.goto(url)
    page.locator(".jp-NotebookPanel").first.wait_for()
    # wait for the kernel itself (the status bar), or Run All may find no kernel to run on
    page.get_by_text("| Idle").first.wait_for()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_jupyterlab_runs_the_notebook_and_its_widget_responds(page: Any, jupyterlab: str) -> None:
    _run_all_in_lab(page, jupyterlab)
    dropdown = page.locator(".jp-OutputArea-output .widget-dropdown select").first
    dropdown.wait_for(state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-InputPrompt')]"
        ".every(p => !p.textContent.includes('*'))"
    )
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert tracebacks == []
    assert page.locator(".jp-OutputArea-output .jp-RenderedText:has-text('Traceback')").count() == 0
    dropdown.scroll_into_view_if_needed()
    widget = dropdown.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    html = widget.locator(".widget-html-content").first
    before = html.inner_text()
    current = dropdown.input_value()
    options = dropdown.locator("option").evaluate_all("opts => opts.map(o => o.value)")
    other = next(value for value in options if value != current)
    dropdown.select_option(other)
    page.wait_for_function(
        "([el, before]) => el.innerText !== before", arg=[html.element_handle(), before]
    )
    assert html.inner_text() != before


def test_jupyterlab_shows_a_working_self_check_after_the_cell_runs(
    page: Any, jupyterlab: str
) -> None:
    """In JupyterLab the self-check's script runs (the output is trusted once run)."""
    from qantar._checks import registry
    from qantar._selfcheck import self_check_questions

    stem = LAB_NOTEBOOK.removesuffix(".ipynb")
    exercise_id = next(
        e
        for e in qantar.self_checks()
        if registry()[e].notebook == stem
        and self_check_questions(e)[0]["type"] == "multiple_choice"
    )
    [question] = self_check_questions(exercise_id)
    right = next(a["answer"] for a in question["answers"] if a["correct"])
    _run_all_in_lab(page, jupyterlab)
    quiz = page.locator(".jp-OutputArea-output .Quiz", has_text=f"Self-check ({exercise_id})")
    quiz.wait_for()
    quiz.scroll_into_view_if_needed()
    quiz.locator("label.MCButton", has_text=right).click()
    assert quiz.locator(".Feedback").inner_text().startswith("Correct. ")
