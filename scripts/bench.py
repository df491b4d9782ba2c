"""Benchmarks of the course: how much the library and the notebooks cost on top of their tools.

Usage: python scripts/bench.py [--only SECTION ...] [--runs N] [--rounds N]     (``make bench`` runs them all)

Each section times something against a baseline measured in the same run, prints
both, their ratio and PASS or FAIL against the section's target.  The script is
fail-soft: it always exits 0, so a slow or busy machine never breaks a build;
read the PASS/FAIL lines.

Sections
--------
load
    ``python -c "import qantar; qantar.load_corpus()"`` against
    ``python -c "import pandas"``, in fresh processes, interleaved, median of
    ``--runs`` (at least 7) runs each.  Target: ratio <= 1.3.
notebooks
    Executing every ``notebooks/NN-*.ipynb`` with nbclient (as
    ``scripts/execute_notebooks.py`` does, without writing) against as many bare
    kernel starts that only import pandas, matplotlib and qantar: ``--rounds``
    (3) interleaved rounds, the sum of each notebook's median against the
    number of notebooks times the median bare kernel.  Also prints where each
    notebook's time goes (kernel start and messaging, the import cell, cells
    that draw figures, other cells).  Target: ratio <= 2.
book
    A cold build of the course website (``scripts/build_book.py`` after deleting
    ``course/_build`` and ``.jupyter_cache``: every notebook executed, every page
    written) against executing every notebook once with nbclient.  Target:
    ratio <= 3.  Then a warm rebuild with nothing changed against the cold
    build.  Target: ratio <= 0.5.
pages
    Every page of the built website (``course/_build/html``, served over http
    on 127.0.0.1) opened in Chromium at 1280 px, light and dark: the sum of
    the response bodies, the request count, and DOMContentLoaded as a ratio to
    the lightest page of the same theme (median of ``--rounds`` loads).
    Targets: a lesson at most 2.0 MB, any other page at most 1.2 MB.

To add a section, write ``def section_NAME(args) -> list[Result]`` and add it
to ``SECTIONS``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class Result:
    """One measurement against its baseline (times in seconds)."""

    name: str
    measured: float
    baseline: float
    target: float
    what: str
    baseline_what: str

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline if self.baseline > 0 else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target

    def report(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return (
            f"  {self.what:<44} {self.measured:8.3f} s\n"
            f"  {self.baseline_what:<44} {self.baseline:8.3f} s\n"
            f"  ratio {self.ratio:.2f} (target <= {self.target:g})  {verdict}"
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("MPLBACKEND", "Agg")
    return env


def time_processes(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall time of each command in fresh processes, run interleaved, after one warm-up each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cwd:  # away from the checkout, like a student
        for round_ in range(runs + 1):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, cwd=cwd, env=_env(), check=True, capture_output=True)
                if round_:  # round 0 warms the file cache and the bytecode
                    times[name].append(time.perf_counter() - start)
    return times


def section_load(args: argparse.Namespace) -> list[Result]:
    """Import the library and load the corpus, against importing pandas alone."""
    python = sys.executable
    times = time_processes(
        {
            "qantar": [python, "-c", "import qantar; qantar.load_corpus()"],
            "pandas": [python, "-c", "import pandas"],
        },
        args.runs,
    )
    for name, values in times.items():
        shown = " ".join(f"{v:.3f}" for v in values)
        print(f"  {name:<7} runs (s): {shown}")
    return [
        Result(
            "load",
            statistics.median(times["qantar"]),
            statistics.median(times["pandas"]),
            1.3,
            'median "import qantar; qantar.load_corpus()"',
            'median "import pandas"',
        )
    ]


@contextlib.contextmanager
def _kernel_stderr_silenced() -> Iterator[None]:
    """Hide what kernels print on the inherited stderr (transport warnings); errors still raise."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:  # noqa: PTH123 - a raw file descriptor is needed
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@dataclass(frozen=True)
class Run:
    """One notebook (or bare kernel) run: wall time, and where the cells spent it."""

    total: float
    cells: dict[str, float]

    @property
    def outside_cells(self) -> float:
        """Kernel start and shutdown, and messaging between cells."""
        return self.total - sum(self.cells.values())

    def parts(self) -> str:
        shown = [f"kernel {self.outside_cells:.2f}"]
        shown += [f"{name} {seconds:.2f}" for name, seconds in self.cells.items()]
        return ", ".join(shown)


def _cell_seconds(cell: Any) -> float:
    """How long the kernel took on a cell, from the timestamps nbclient records."""
    from datetime import datetime

    stamps = cell.metadata.get("execution", {})
    start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def _kind(index: int, source: str) -> str:
    """Which part of a notebook a code cell belongs to, for the breakdown."""
    if index == 0:
        return "imports"
    if "plots." in source:
        return "figures"
    return "other cells"


def _run_notebook(path: Path | None, env_path: Path) -> Run:
    """Start a kernel, run *path* (or one import cell if None), stop it; time every part."""
    import nbformat
    from nbclient import NotebookClient

    if path is None:
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell("import pandas, matplotlib, qantar")]
        )
    else:
        nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(env_path)}},
    )
    with _kernel_stderr_silenced():
        client.execute()
    total = time.perf_counter() - start
    cells: dict[str, float] = {}
    code = [c for c in nb.cells if c.cell_type == "code"]
    for index, cell in enumerate(code):
        kind = _kind(index, cell.source)
        cells[kind] = cells.get(kind, 0.0) + _cell_seconds(cell)
    return Run(total, cells)


def _prepare_notebooks() -> list[Path]:
    """The course notebooks, with a kernel warmed up to run them; empty (and said) if none."""
    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if not notebooks:
        print(f"  SKIP: no notebooks (NN-*.ipynb) in {NOTEBOOKS}")
        return []
    # as scripts/execute_notebooks.py: figures rendered inline, whatever the Makefile exports
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    _run_notebook(None, NOTEBOOKS)  # warm-up: kernel spec lookup, bytecode, file cache
    return notebooks


def _minimal_lesson() -> Path:
    """A notebook with only what the issue asks of every lesson, written to a temporary file."""
    import nbformat

    cells = [
        (
            "import matplotlib.pyplot as plt\nimport pandas as pd\n\nimport qantar\n"
            "from qantar import plots, widgets\n\ncorpus = qantar.load_corpus()"
        ),
        'plots.compare_reports(corpus, "lpg_price_rise")',
        'plots.compare_reports(corpus, "troops_total")',
        'widgets.reports_explorer(corpus, "troops_total")',
        *(f'qantar.check("causes-{i}", ...)' for i in range(1, 6)),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    path = Path(tempfile.mkdtemp(prefix="qantar-bench-")) / "minimal-lesson.ipynb"
    nbformat.write(nb, path)
    return path


def _median_run(runs: list[Run]) -> Run:
    """The run of median total time (the lower middle one for an even count)."""
    return sorted(runs, key=lambda run: run.total)[(len(runs) - 1) // 2]


def section_notebooks(args: argparse.Namespace) -> list[Result]:
    """Execute every course notebook, against as many bare kernels importing the tools."""
    notebooks = _prepare_notebooks()
    if not notebooks:
        return []
    # Interleaved rounds, medians on both sides: a kernel that is slow to start (it happens,
    # by seconds) must not decide the ratio either way.
    runs: dict[Path, list[Run]] = {path: [] for path in notebooks}
    bare_runs: list[Run] = []
    for _ in range(args.rounds):
        for path in notebooks:
            runs[path].append(_run_notebook(path, NOTEBOOKS))
            bare_runs.append(_run_notebook(None, NOTEBOOKS))
    bare = _median_run(bare_runs)
    print(f"  bare kernel, median of {len(bare_runs)}: {bare.total:5.2f} s   ({bare.parts()})")
    executed = 0.0
    parts: dict[str, float] = {}
    for path in notebooks:
        run = _median_run(runs[path])
        executed += run.total
        for name, seconds in {"kernel": run.outside_cells, **run.cells}.items():
            parts[name] = parts.get(name, 0.0) + seconds
        shown = " ".join(f"{r.total:.2f}" for r in runs[path])
        print(f"  {path.name:<30} median {run.total:5.2f} s  of {shown}")
        print(f"  {'':<30} ({run.parts()})")
    n = len(notebooks)
    # Where the time goes: kernel start and messaging, the import cell (pandas,
    # matplotlib.pyplot, qantar, its widgets, the corpus), cells drawing figures, the rest.
    print("  all notebooks:  " + ", ".join(f"{k} {v:.1f} s" for k, v in parts.items()))
    floor = _median_run([_run_notebook(_minimal_lesson(), NOTEBOOKS) for _ in range(args.rounds)])
    print(
        f"  for scale, the least a lesson must do (the import cell, two small figures, one"
        f" explorer,\n  five checks): {floor.total:.2f} s, {floor.total / bare.total:.2f} x the"
        f" bare kernel   ({floor.parts()})"
    )
    return [
        Result(
            "notebooks",
            executed,
            n * bare.total,
            2.0,
            f"all {n} notebooks (sum of medians)",
            f"{n} x median bare kernel (pandas, matplotlib, qantar)",
        )
    ]


def _build_book() -> float:
    """Seconds for scripts/build_book.py (notebooks cached by jupyter-cache, as locally)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--execute", "cache"],
        cwd=ROOT,
        env=_env(),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def section_book(args: argparse.Namespace) -> list[Result]:
    """Build the website cold (no cache), then again with nothing changed."""
    notebooks = _prepare_notebooks()
    if not notebooks:
        return []
    executed = sum(_run_notebook(path, NOTEBOOKS).total for path in notebooks)
    print(f"  execute all {len(notebooks)} notebooks once: {executed:.1f} s")
    for cache in (ROOT / "course" / "_build", ROOT / ".jupyter_cache"):
        shutil.rmtree(cache, ignore_errors=True)
    cold = _build_book()
    print(f"  cold build (no course/_build, no cache): {cold:.1f} s")
    warm = _build_book()
    print(f"  warm rebuild, nothing changed:           {warm:.1f} s")
    return [
        Result(
            "book-cold",
            cold,
            executed,
            3.0,
            "cold book build (scripts/build_book.py)",
            f"execute all {len(notebooks)} notebooks once",
        ),
        Result(
            "book-warm",
            warm,
            cold,
            0.5,
            "warm rebuild, nothing changed",
            "cold book build",
        ),
    ]


#: Page weight budgets in bytes (uncompressed), issue 11.
LESSON_BUDGET = 2_000_000
PAGE_BUDGET = 1_200_000
#: The search page weighed with a query that most pages match (over http Sphinx fetched every
#: result page for its excerpt; qantar-search.js takes them from the text index instead).
SEARCH_QUERY = "search?q=Tokayev"


def _pages() -> list[str]:
    import yaml

    toc = yaml.safe_load((ROOT / "course" / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part.get("chapters", [])]
    return pages


def page_weight(page: Any, url: str) -> tuple[int, int, float]:
    """Open *url* in a playwright page; return (bytes of response bodies, requests, DCL ms)."""
    sizes: list[int] = []

    def on_response(response: Any) -> None:
        try:
            sizes.append(len(response.body()))
        except Exception:  # noqa: BLE001 - a redirect or aborted response has no body
            sizes.append(0)

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.wait_for_load_state("load")
    if "?q=" in url:  # the search page: every result shown with its excerpt
        page.wait_for_function(
            "() => (document.querySelector('#search-results p.search-summary') || {})"
            ".textContent?.includes('finished')"
        )
        page.wait_for_load_state("networkidle")
    dcl = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.domContentLoadedEventEnd - n.startTime; }"
    )
    page.remove_listener("response", on_response)
    return sum(sizes), len(sizes), float(dcl)


def section_pages(args: argparse.Namespace) -> list[Result]:
    """Weight, requests and DOMContentLoaded of every page of the built website."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    site = ROOT / "course" / "_build" / "html"
    if not (site / "index.html").is_file():
        print("  SKIP: no built website: run `make book` first")
        return []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *a: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    chromium_args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=chromium_args
        )
        for scheme in ("light", "dark"):
            rows = []
            # the search page bare, and with a query found on most pages (its excerpts)
            for docname in [*_pages(), "search", SEARCH_QUERY]:
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, color_scheme=scheme
                )
                page = context.new_page()
                address = base + docname.replace("?", ".html?") if "?" in docname else None
                url = address or f"{base}{docname}.html"
                loads = [page_weight(page, url) for _ in range(args.rounds)]
                context.close()
                weight, requests = loads[0][0], loads[0][1]
                rows.append((docname, weight, requests, statistics.median(x[2] for x in loads)))
            lightest = min(rows, key=lambda r: r[1])
            print(f"  {scheme}: DOMContentLoaded ratio to the lightest page, {lightest[0]}")
            for docname, weight, requests, dcl in rows:
                budget = LESSON_BUDGET if docname.startswith("notebooks/") else PAGE_BUDGET
                verdict = "PASS" if weight <= budget else "FAIL"
                print(
                    f"  {docname:<34} {weight / 1e6:6.2f} MB (budget {budget / 1e6:.1f})"
                    f" {requests:3d} requests  DCL {dcl:6.0f} ms ratio {dcl / lightest[3]:4.2f}"
                    f"  {verdict}"
                )
        browser.close()
    server.shutdown()
    return []  # the PASS/FAIL lines above are the verdict (bytes, not times)


SECTIONS: dict[str, Callable[[argparse.Namespace], list[Result]]] = {
    "load": section_load,
    "notebooks": section_notebooks,
    "book": section_book,
    "pages": section_pages,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        action="append",
        choices=list(SECTIONS),
        metavar="SECTION",
        help=f"run only this section (repeatable): {', '.join(SECTIONS)}",
    )
    parser.add_argument(
        "--runs", type=int, default=7, help="runs per command for medians (at least 7)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="notebooks section: rounds of every notebook and a bare kernel each (at least 1)",
    )
    args = parser.parse_args(argv)
    args.runs = max(args.runs, 7)
    args.rounds = max(args.rounds, 1)
    results: list[Result] = []
    for name in args.only or list(SECTIONS):
        print(f"== {name}: {SECTIONS[name].__doc__}")
        try:
            found = SECTIONS[name](args)
        except Exception as err:  # noqa: BLE001 - fail-soft: report, go on with the next section
            print(f"  ERROR: {type(err).__name__}: {err}")
            continue
        for result in found:
            print(result.report())
        results += found
    print("== summary")
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        print(
            f"  {result.name:<10} ratio {result.ratio:5.2f}  target <= {result.target:g}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
