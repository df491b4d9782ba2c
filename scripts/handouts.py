"""Print every lesson of the course website to PDF with Chromium (no LaTeX): `make handouts`.

Usage: python scripts/handouts.py [--site DIR] [--out DIR]

By default it prints the student site (``build/student-book/_build/html``, built
by ``make book-student``: no solutions, no rubrics) to ``build/handouts/``, one
PDF per lesson. The book's print stylesheet (course/_assets/qantar.css) leaves
out the navigation, the buttons and the explorers' controls.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import sys
import threading
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
STUDENT_SITE = ROOT / "build" / "student-book" / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def lessons() -> list[str]:
    """Docnames of the lessons, in the order of the table of contents."""
    toc = yaml.safe_load((ROOT / "course" / "_toc.yml").read_text(encoding="utf-8"))
    pages = [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    return [p for p in pages if p.startswith("notebooks/")]


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def print_lessons(site: Path, out: Path) -> list[Path]:
    """Print every lesson of *site* to *out*; return the PDFs written."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for docname in lessons():
            page.goto(f"{base}{docname}.html", wait_until="networkidle")
            page.emulate_media(media="print", color_scheme="light")
            target = out / f"{docname.split('/')[-1]}.pdf"
            page.pdf(path=str(target), format="A4", print_background=True, outline=True)
            written.append(target)
        browser.close()
    server.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=STUDENT_SITE, help="built website to print")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"No built website in {args.site}: run `make book-student` first.", file=sys.stderr)
        return 1
    for pdf in print_lessons(args.site, args.out):
        print(
            f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: "
            f"{pdf_pages(pdf.read_bytes())} pages"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
