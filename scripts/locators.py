"""Compute and verify the followable locators of the corpus (data/locators.csv).

Usage:
    python scripts/locators.py            write data/locators.csv from ../shared/sources/
    python scripts/locators.py --check    verify data/locators.csv against the copies (no write)
    options: --sources DIR (default ../shared/sources)  --data DIR (default data/)

For every (source_id, para) that a claim, figure, event, precedent or glossary row
uses, the table holds:

- ``opening_words``: the paragraph's first words (six at most, a short quotation of
  the source, marked with "..." when cut), for readers of print;
- ``fragment``: a text fragment ``#:~:text=START,END`` (WICG Text Fragments): START
  is the paragraph's first words, as few as make them unique in the document (three
  at least), END its last words, as few as occur once in the paragraph after START
  (two at least). Where the opening words occur twice (a heading used twice), a
  PREFIX (``#:~:text=PREFIX-,START``: the last words of the paragraph before) makes
  the match unique. Appended to the source's address, it opens the page at that
  paragraph in browsers that support text fragments.

The reference copies are not part of the project (they are not ours to publish); a
checkout without them cannot recompute or verify the table, and says so.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
DATA = ROOT / "data"
FIELDS = ("source_id", "para", "opening_words", "fragment")
OPENING_MAX = 6
START_MIN, END_MIN, MAX_WORDS = 3, 2, 8
FRAGMENT = re.compile(r"^#:~:text=(?:([^,&#\s-]+)-,)?([^,&#\s-]+)(?:,([^,&#\s-]+))?$")


def encode(words: list[str]) -> str:
    """Percent-encode text for a fragment directive; '-', ',' and '&' are always escaped.

    >>> encode(["Kazakhstan:", "the", "CSTO"])
    'Kazakhstan%3A%20the%20CSTO'
    >>> encode(["all-for-one,", "A&B"])
    'all%2Dfor%2Done%2C%20A%26B'
    """
    return quote(" ".join(words), safe="").replace("-", "%2D")


def plain(line: str) -> str:
    """A line of a reference copy as the page shows it: Markdown marks removed.

    >>> plain("## **The CSTO** and [Armenia](#)")
    'The CSTO and Armenia'
    """
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip())
    line = re.sub(r"^(#+|[-*•]|\d+\.)\s+", "", line).replace("**", "").replace("__", "")
    return " ".join(line.split())


def paragraphs(path: Path) -> list[str]:
    """The non-blank lines of a reference copy, as text: paragraph *n* is item *n - 1*."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [plain(line) or line.strip() for line in lines if line.strip()]


def _flat(text: str) -> str:
    return " ".join(text.split())


def fragment_for(paras: list[str], para: int) -> str:
    """The shortest unique ``#:~:text=start,end`` fragment of paragraph *para* (1-based)."""
    words = paras[para - 1].split()
    document = "\n".join(_flat(p) for p in paras)
    start_n = START_MIN
    while start_n < min(MAX_WORDS, len(words)):
        if document.count(" ".join(words[:start_n])) == 1:
            break
        start_n += 1
    prefix = ""
    start = " ".join(words[:start_n])
    if document.count(start) != 1 and para > 1:  # e.g. a heading used twice: add what precedes
        before = paras[para - 2].split()
        for n in range(1, min(MAX_WORDS, len(before)) + 1):
            if document.count(" ".join(before[-n:]) + "\n" + start) == 1:
                prefix = encode(before[-n:]) + "-,"
                break
    if len(words) <= start_n + END_MIN:
        return "#:~:text=" + prefix + encode(words[:start_n] if prefix else words)
    rest = " ".join(words[start_n:])
    end_n = END_MIN
    while end_n < min(MAX_WORDS, len(words) - start_n):
        if rest.count(" ".join(words[-end_n:])) == 1:
            break
        end_n += 1
    return f"#:~:text={prefix}{encode(words[:start_n])},{encode(words[-end_n:])}"


def opening_words(text: str) -> str:
    """The first six words of a paragraph, with "..." when the paragraph goes on."""
    words = text.split()
    head = " ".join(words[:OPENING_MAX])
    return head + (" ..." if len(words) > OPENING_MAX else "")


def verify(paras: list[str], para: int, fragment: str, opening: str) -> list[str]:
    """Problems with one row: the fragment's form, its words, uniqueness, the opening words."""
    match = FRAGMENT.match(fragment)
    if not match:
        return [f"fragment {fragment!r} is not of the form #:~:text=[prefix-,]start[,end]"]
    if not 1 <= para <= len(paras):
        return [f"para {para} is outside 1..{len(paras)}"]
    text = _flat(paras[para - 1])
    prefix = unquote(match.group(1)) if match.group(1) else None
    start = unquote(match.group(2))
    end = unquote(match.group(3)) if match.group(3) else None
    problems = []
    if prefix is not None and not (para > 1 and _flat(paras[para - 2]).endswith(prefix)):
        problems.append(f"prefix {prefix!r} does not close paragraph {para - 1}")
    if not text.startswith(start):
        problems.append(f"start text {start!r} does not open paragraph {para}")
    document = "\n".join(_flat(p) for p in paras)
    anchored = start if prefix is None else f"{prefix}\n{start}"
    if document.count(anchored) != 1:
        problems.append(f"start text {anchored!r} occurs {document.count(anchored)} times")
    if end is not None and not text.endswith(end):
        problems.append(f"end text {end!r} does not close paragraph {para}")
    if end is not None and text[len(start) :].count(end) != 1:
        problems.append(f"end text {end!r} is not unique after the start")
    if opening.removesuffix(" ...") != " ".join(text.split()[:OPENING_MAX]):
        problems.append(f"opening words {opening!r} are not the paragraph's first words")
    if len(opening.removesuffix(" ...").split()) > OPENING_MAX:
        problems.append(f"opening words {opening!r} are more than {OPENING_MAX} words")
    return problems


def used_locators(data: Path) -> list[tuple[str, int]]:
    """Every (source_id, para) a row of the corpus points at, sorted."""
    found: set[tuple[str, int]] = set()
    for table in ("claims", "figures"):
        with (data / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            found.update((row["source_id"], int(row["para"])) for row in csv.DictReader(handle))
    for table in ("events", "precedents", "glossary"):
        with (data / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for locator in filter(None, (row.get("locators") or "").split(";")):
                    source, _, para = locator.strip().partition(":")
                    found.add((source, int(para)))
    return sorted(found)


def source_files(sources: Path, data: Path) -> dict[str, Path]:
    """The reference copy of every source, found by its title in the copy's first lines."""
    with (data / "sources.csv").open(encoding="utf-8", newline="") as handle:
        titles = {row["source_id"]: row["title"] for row in csv.DictReader(handle)}
    out: dict[str, Path] = {}
    for path in sorted(sources.glob("*.txt")):
        head = _flat(" ".join(paragraphs(path)[:5])).lower()
        for source_id, title in titles.items():
            if _flat(title).lower() in head:
                out[source_id] = path
    missing = sorted(set(titles) - set(out))
    if missing:
        msg = f"no reference copy in {sources} for source(s) {', '.join(missing)}"
        raise SystemExit(msg)
    return out


def compute(sources: Path, data: Path) -> list[dict[str, str]]:
    """The rows of locators.csv."""
    files = source_files(sources, data)
    cache = {source_id: paragraphs(path) for source_id, path in files.items()}
    rows = []
    for source_id, para in used_locators(data):
        paras = cache[source_id]
        rows.append(
            {
                "source_id": source_id,
                "para": str(para),
                "opening_words": opening_words(paras[para - 1]),
                "fragment": fragment_for(paras, para),
            }
        )
    return rows


def check(sources: Path, data: Path) -> list[str]:
    """Every problem of data/locators.csv: a used locator missing, a row that does not verify."""
    files = source_files(sources, data)
    cache = {source_id: paragraphs(path) for source_id, path in files.items()}
    with (data / "locators.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    have = {(r["source_id"], int(r["para"])) for r in rows}
    problems = [
        f"locators.csv: no row for {s}:{p}" for s, p in used_locators(data) if (s, p) not in have
    ]
    for line, row in enumerate(rows, start=2):
        for problem in verify(
            cache[row["source_id"]], int(row["para"]), row["fragment"], row["opening_words"]
        ):
            problems.append(
                f"locators.csv, line {line} ({row['source_id']}:{row['para']}): {problem}"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"locators: no reference copies in {args.sources}; nothing to compute or verify")
        return 1
    if not args.check:
        rows = compute(args.sources, args.data)
        with (args.data / "locators.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"locators: wrote {len(rows)} rows to {args.data / 'locators.csv'}")
    problems = check(args.sources, args.data)
    for problem in problems:
        print(problem)
    if not problems:
        print("locators: every fragment verified against the reference copies")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
