"""The corpus's reliability study: draw the sample, write the blind packet, measure agreement.

Three subcommands, run from the project root with the project's Python:

``sample``
    Draw a seeded random sample of claims, stratified by source (12 per source by
    default), leaving out every claim that ``data/CODEBOOK.md`` cites, and write
    ``data/reliability/sample.csv``.  ``--check`` redraws and compares with the stored
    file instead of writing.
``packet --out DIR``
    Write the material a blind second coder needs, OUTSIDE the repository (it holds
    source text, which is never committed): one Markdown file per sampled claim with
    its paragraph and the paragraphs around it, the claim's summary and actors (never
    its codes), a copy of the codebook, and an empty ``coding_sheet.csv``.
``agreement``
    Compare ``data/reliability/second_coding.csv`` with the corpus codes, compute the
    agreement and Cohen's kappa per field with ``qantar.cohen_kappa``, and write
    ``data/reliability/REPORT.md`` (figures, confusion matrices, every disagreement with
    its resolution from ``data/reliability/resolutions.csv``).

Every problem with an input file ends the run with one line naming the file, the row and
the field, and what would be valid.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELIABILITY = DATA / "reliability"
CODEBOOK = DATA / "CODEBOOK.md"
SAMPLE = RELIABILITY / "sample.csv"
FIRST_CODING = RELIABILITY / "first_coding.csv"
SECOND_CODING = RELIABILITY / "second_coding.csv"
RESOLUTIONS = RELIABILITY / "resolutions.csv"
REPORT = RELIABILITY / "REPORT.md"
TRAINING = RELIABILITY / "training.csv"
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"

#: The seed of the shipped sample (the date the study was designed, as an integer).
SEED = 20261201
#: Claims drawn from each source.
PER_SOURCE = 12
#: The fields a coder codes, in the order they are reported.
FIELDS = ("claim_type", "hedge", "theme")
SHEET_COLUMNS = ("claim_id", "claim_type", "hedge", "theme", "note")
RESOLUTION_COLUMNS = ("claim_id", "field", "resolution", "reason")
FIRST_COLUMNS = ("claim_id", *FIELDS)
#: How a disagreement was resolved: the corpus was right, the second coder was right (the
#: row is re-coded), or the codebook did not decide the case (the rule is sharpened).
RESOLUTIONS_ALLOWED = ("corpus", "second_coder", "rule_unclear")
#: The rounds of the study: round 1 lives in data/reliability/, round n in round<n>/.
ROUNDS = (1, 2)


@dataclass(frozen=True)
class Round:
    """The files of one round of the study."""

    number: int
    folder: Path

    @property
    def sample(self) -> Path:
        return self.folder / "sample.csv"

    @property
    def first_coding(self) -> Path:
        return self.folder / "first_coding.csv"

    @property
    def second_coding(self) -> Path:
        return self.folder / "second_coding.csv"

    @property
    def resolutions(self) -> Path:
        return self.folder / "resolutions.csv"

    @property
    def report(self) -> Path:
        return self.folder / "REPORT.md"


def study_round(number: int, reliability: Path | None = None) -> Round:
    """The files of round ``number`` (1 in ``data/reliability``, n in ``round<n>/``)."""
    base = RELIABILITY if reliability is None else reliability
    if number not in ROUNDS:
        fail(f"round {number}: no such round; valid rounds are {', '.join(map(str, ROUNDS))}")
    return Round(number, base if number == 1 else base / f"round{number}")


#: The kappa each field should reach (issue 15).
TARGETS = {"claim_type": 0.8, "hedge": 0.8, "theme": 0.7}

CLAIM_ID = re.compile(r"\b(?:compass|osw|sceeus|csp|ian)-\d{3}\b")
# A claim id of any source (a source id is lower-case letters, digits and "_").
ANY_CLAIM_ID = re.compile(r"\b[a-z][a-z0-9_]*-\d{3}\b")


class StudyError(Exception):
    """A problem with an input file, reported as one line."""


def fail(message: str) -> NoReturn:
    """Stop with a one-line problem report."""
    raise StudyError(message)


# ---------------------------------------------------------------- reading the corpus


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts; a clear error if the file is missing or unreadable."""
    if not path.is_file():
        fail(f"{path}: file not found")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as err:
        msg = f"{path}: cannot read as UTF-8 CSV ({err})"
        raise StudyError(msg) from err


def claims(data: Path = DATA) -> dict[str, dict[str, str]]:
    """The corpus claims by claim_id, in file order."""
    return {row["claim_id"]: row for row in read_csv(data / "claims.csv")}


def vocabulary(field: str, data: Path = DATA) -> list[str]:
    """The closed vocabulary of ``claims.<field>``, read from datapackage.json."""
    import json

    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "claims":
            for spec in resource["schema"]["fields"]:
                if spec["name"] == field:
                    return list(spec["constraints"]["enum"])
    fail(f"{data / 'datapackage.json'}: no enum for claims.{field}")


def codebook_claim_ids(codebook: Path = CODEBOOK) -> set[str]:
    """Every claim id that the codebook mentions anywhere (examples, rules, prose)."""
    return set(CLAIM_ID.findall(codebook.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class RuleExample:
    """One tagged example line of the codebook's rules: the row and the codes it must carry."""

    claim_id: str
    codes: dict[str, str]
    line: int


EXAMPLE_LINE = re.compile(r"Example: `([a-z][a-z0-9_]*-\d{3})` \(([^)]*)\)")


def rule_examples(codebook: Path = CODEBOOK) -> list[RuleExample]:
    """The ``Example: `id` (field=value, ...)`` lines of the codebook."""
    found = []
    for number, text in enumerate(codebook.read_text(encoding="utf-8").splitlines(), 1):
        for match in EXAMPLE_LINE.finditer(text):
            codes = {}
            for item in match.group(2).split(","):
                field, _, value = item.strip().partition("=")
                codes[field.strip()] = value.strip()
            found.append(RuleExample(match.group(1), codes, number))
    return found


def source_files(codebook: Path = CODEBOOK) -> dict[str, str]:
    """source_id -> reference file name, read from the codebook's table of the five sources."""
    row = re.compile(r"^\| `([a-z][a-z0-9_]*)` \| [^|]+\| `([^`]+\.txt)` \|", re.MULTILINE)
    return dict(row.findall(codebook.read_text(encoding="utf-8")))


def paragraphs(path: Path) -> list[str]:
    """The non-blank lines of a reference copy: paragraph n is item n - 1."""
    text = path.read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip(" \t\r\n\f\v")]


# ---------------------------------------------------------------- sample


def draw_sample(
    all_claims: dict[str, dict[str, str]],
    excluded: set[str],
    seed: int = SEED,
    per_source: int = PER_SOURCE,
    round_number: int = 1,
) -> list[str]:
    """Draw ``per_source`` claims from each source, never an excluded one.

    Each source's claim ids are sorted and shuffled with a generator seeded by
    ``f"{seed}-{source_id}"``; the first ``per_source`` ids of that order that are not
    excluded are taken.  Excluding another row later changes the draw only if that row
    was drawn, so the sample survives new codebook examples of rows it does not hold.
    A later round ``n`` shuffles with ``f"{seed}-round{n}-{source_id}"`` instead, so that
    its order is independent of round 1's.
    """
    by_source: dict[str, list[str]] = {}
    for claim_id, row in all_claims.items():
        by_source.setdefault(row["source_id"], []).append(claim_id)
    drawn: list[str] = []
    for source_id in sorted(by_source):
        order = sorted(by_source[source_id])
        key = (
            f"{seed}-{source_id}"
            if round_number == 1
            else f"{seed}-round{round_number}-{source_id}"
        )
        random.Random(key).shuffle(order)
        chosen = [claim_id for claim_id in order if claim_id not in excluded][:per_source]
        if len(chosen) < per_source:
            fail(
                f"source {source_id}: only {len(chosen)} claims are not excluded "
                "(codebook examples, training rows, earlier rounds), "
                f"{per_source} are needed"
            )
        drawn.extend(sorted(chosen))
    return drawn


def read_sample(path: Path = SAMPLE) -> list[str]:
    """The claim ids of the stored sample."""
    rows = read_csv(path)
    for number, row in enumerate(rows, 1):
        if not CLAIM_ID.fullmatch(row.get("claim_id") or ""):
            fail(f"{path}: row {number}, field claim_id: {row.get('claim_id')!r} is not a claim id")
    return [row["claim_id"] for row in rows]


def training_claim_ids(
    training: Path = TRAINING, all_claims: dict[str, dict[str, str]] | None = None
) -> set[str]:
    """The training test's rows and every claim that shares a paragraph with one of them."""
    if not training.exists():
        return set()
    rows = read_csv(training)
    paras = {(row["source_id"], row["para"]) for row in rows}
    found = {row["claim_id"] for row in rows}
    for claim_id, row in (all_claims or {}).items():
        if (row["source_id"], row["para"]) in paras:
            found.add(claim_id)
    return found


def excluded_ids(round_number: int, all_claims: dict[str, dict[str, str]]) -> set[str]:
    """The claims round ``round_number`` may not draw.

    Round 1: every claim the codebook cites.  Later rounds also leave out the coder
    training rows (and their paragraphs) and every claim an earlier round drew.
    """
    excluded = codebook_claim_ids()
    if round_number > 1:
        excluded |= training_claim_ids(TRAINING, all_claims)
        for earlier in range(1, round_number):
            excluded |= set(read_sample(study_round(earlier).sample))
    return excluded


def command_sample(args: argparse.Namespace) -> int:
    all_claims = claims()
    if args.path is None:
        args.path = study_round(args.round).sample
    drawn = draw_sample(
        all_claims, excluded_ids(args.round, all_claims), args.seed, args.per_source, args.round
    )
    if args.check:
        stored = read_sample(args.path)
        if stored != drawn:
            fail(
                f"{args.path}: differs from the draw with seed {args.seed} "
                f"({len(set(stored) ^ set(drawn))} ids differ)"
            )
        print(f"{args.path}: reproduced from seed {args.seed} ({len(drawn)} claims)")
        return 0
    if args.path.exists() and not args.force:
        fail(f"{args.path}: exists; add --force to overwrite it, or --check")
    args.path.parent.mkdir(parents=True, exist_ok=True)
    with args.path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["claim_id"])
        writer.writerows([claim_id] for claim_id in drawn)
    print(f"wrote {args.path}: {len(drawn)} claims, seed {args.seed}")
    return 0


# ---------------------------------------------------------------- packet

PACKET_README = """\
# Blind coding packet

You are the second coder of a reliability study. Code each claim from its paragraph and
the codebook (`CODEBOOK.md`, in this folder) alone. Do not open the corpus
(`data/claims.csv`), the notebooks or the course while you code: the study measures
whether two coders who have not seen each other's codes apply the codebook the same way.

Each file in `claims/` holds one unit to code. The unit is the claim's `summary`, the
course's one-sentence wording of the assertion; it identifies which assertion of the
paragraph is meant. Code the assertion as the paragraph makes it, not the summary's
wording. The paragraph is shown with the one before and the one after for context.

Fill `coding_sheet.csv`, one row per claim:

- `claim_type`: one of {claim_types}
- `hedge`: one of {hedges}
- `theme`: one of {themes}
- `note`: optional, a word on a hard decision (which rule you applied).

Leave no code empty. When you are done, hand back `coding_sheet.csv` only. This packet
contains text of the sources: do not publish it or commit it to the repository.
"""


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies in ``folder`` (after resolving both)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def claim_page(
    row: dict[str, str],
    title: str,
    paras: list[str],
    actor_names: dict[str, str],
) -> str:
    """The Markdown page of one claim for the blind coder (no codes)."""
    number = int(row["para"])
    if not 1 <= number <= len(paras):
        fail(
            f"data/claims.csv: claim {row['claim_id']}, field para: {number} is outside "
            f"1..{len(paras)} of its reference copy"
        )
    lines = [f"# {row['claim_id']}", "", f"Source: {title} (`{row['source_id']}`)", ""]
    for n in (number - 1, number, number + 1):
        if 1 <= n <= len(paras):
            label = "**Paragraph to code**" if n == number else "Context"
            lines += [f"{label}, paragraph {n}:", "", "> " + paras[n - 1], ""]
    lines += ["Unit to code (the course's summary of the assertion):", "", row["summary"], ""]
    actors = [item for item in row["actors"].split(";") if item]
    lines.append("Actors:")
    lines.append("")
    lines += [f"- `{actor}`: {actor_names.get(actor, actor)}" for actor in actors]
    lines.append("")
    return "\n".join(lines)


def write_first_coding(
    path: Path, sample: list[str], all_claims: dict[str, dict[str, str]]
) -> None:
    """Freeze the corpus codes of the sample: the first coding the second is compared with."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FIRST_COLUMNS)
        writer.writerows([c, *(all_claims[c][f] for f in FIELDS)] for c in sample)


def read_first_coding(
    path: Path, sample: list[str], data: Path = DATA
) -> dict[str, dict[str, str]]:
    """The frozen first coding of a round, checked against the sample and the vocabularies."""
    coded = read_second_coding(path, sample, data)
    for codes in coded.values():
        codes.pop("note")
    return coded


def command_packet(args: argparse.Namespace) -> int:
    out: Path = args.out
    if inside(out, ROOT):
        fail(f"{out}: the packet holds source text; write it outside {ROOT}")
    if out.exists() and any(out.iterdir()) and not args.force:
        fail(f"{out}: folder is not empty; add --force to replace its files")
    sheet = out / "coding_sheet.csv"
    if sheet.exists() and any(
        (row.get(field) or "").strip() for row in read_csv(sheet) for field in FIELDS
    ):
        fail(f"{sheet}: holds a coder's codes; move it away before writing a new packet")
    files = source_files()
    if not args.sources.is_dir():
        fail(f"{args.sources}: reference copies not found; pass --sources DIR")
    titles = {row["source_id"]: row["title"] for row in read_csv(DATA / "sources.csv")}
    actor_names = {row["actor_id"]: row["name"] for row in read_csv(DATA / "actors.csv")}
    all_claims = claims()
    this_round = study_round(args.round)
    if args.sample is None:
        args.sample = this_round.sample
    sample = read_sample(args.sample)
    pages = out / "claims"
    if pages.exists():
        shutil.rmtree(pages)
    pages.mkdir(parents=True)
    cache: dict[str, list[str]] = {}
    for position, claim_id in enumerate(sample, 1):
        if claim_id not in all_claims:
            fail(f"{args.sample}: row {position}, field claim_id: no claim {claim_id}")
        row = all_claims[claim_id]
        source_id = row["source_id"]
        if source_id not in cache:
            if source_id not in files:
                fail(f"{CODEBOOK}: no reference file listed for source {source_id}")
            cache[source_id] = paragraphs(args.sources / files[source_id])
        page = claim_page(row, titles[source_id], cache[source_id], actor_names)
        (pages / f"{position:02d}-{claim_id}.md").write_text(page, encoding="utf-8")
    shutil.copyfile(CODEBOOK, out / "CODEBOOK.md")
    with (out / "coding_sheet.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SHEET_COLUMNS)
        writer.writerows([claim_id, "", "", "", ""] for claim_id in sample)
    (out / "README.md").write_text(
        PACKET_README.format(
            claim_types=", ".join(vocabulary("claim_type")),
            hedges=", ".join(vocabulary("hedge")),
            themes=", ".join(vocabulary("theme")),
        ),
        encoding="utf-8",
    )
    first = args.sample.parent / FIRST_CODING.name if args.first is None else args.first
    if not first.exists():
        write_first_coding(first, sample, all_claims)
        print(f"wrote {first}: the corpus codes of the sample as the packet was written")
    print(f"wrote the blind packet for {len(sample)} claims to {out}")
    return 0


# ---------------------------------------------------------------- agreement


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """The library's Cohen's kappa (imported late so that ``sample`` needs no install)."""
    from qantar import cohen_kappa as kappa

    return float(kappa(list(first), list(second)))


def read_second_coding(
    path: Path, sample: list[str], data: Path = DATA
) -> dict[str, dict[str, str]]:
    """The second coder's sheet, checked against the sample and the vocabularies."""
    rows = read_csv(path)
    allowed = {field: set(vocabulary(field, data)) for field in FIELDS}
    coded: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, 1):
        claim_id = (row.get("claim_id") or "").strip()
        if claim_id not in sample:
            fail(f"{path}: row {number}, field claim_id: {claim_id!r} is not in the sample")
        if claim_id in coded:
            fail(f"{path}: row {number}, field claim_id: {claim_id} is coded twice")
        for field in FIELDS:
            value = (row.get(field) or "").strip()
            if value not in allowed[field]:
                fail(
                    f"{path}: row {number}, field {field}: {value!r} is not one of "
                    + ", ".join(sorted(allowed[field]))
                )
        coded[claim_id] = {field: row[field].strip() for field in FIELDS}
        coded[claim_id]["note"] = (row.get("note") or "").strip()
    missing = [claim_id for claim_id in sample if claim_id not in coded]
    if missing:
        fail(f"{path}: no row for {len(missing)} sampled claims, first {missing[0]}")
    return coded


def read_resolutions(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Resolutions of disagreements by (claim_id, field); an empty dict if there is no file."""
    if not path.exists():
        return {}
    found: dict[tuple[str, str], dict[str, str]] = {}
    for number, row in enumerate(read_csv(path), 1):
        field = (row.get("field") or "").strip()
        if field not in FIELDS:
            fail(f"{path}: row {number}, field field: {field!r} is not one of {', '.join(FIELDS)}")
        resolution = (row.get("resolution") or "").strip()
        if resolution not in RESOLUTIONS_ALLOWED:
            fail(
                f"{path}: row {number}, field resolution: {resolution!r} is not one of "
                + ", ".join(RESOLUTIONS_ALLOWED)
            )
        found[(row["claim_id"].strip(), field)] = row
    return found


@dataclass
class FieldResult:
    """Agreement on one field."""

    field: str
    n: int
    agree: int
    kappa: float
    matrix: dict[tuple[str, str], int]


def compare(
    corpus_codes: dict[str, dict[str, str]],
    second: dict[str, dict[str, str]],
    sample: list[str],
) -> list[FieldResult]:
    """Agreement and Cohen's kappa of the corpus codes and the second coding, per field."""
    results = []
    for field in FIELDS:
        first = [corpus_codes[claim_id][field] for claim_id in sample]
        other = [second[claim_id][field] for claim_id in sample]
        matrix = Counter(zip(first, other, strict=True))
        agree = sum(a == b for a, b in zip(first, other, strict=True))
        results.append(FieldResult(field, len(sample), agree, cohen_kappa(first, other), matrix))
    return results


def matrix_table(result: FieldResult, order: Sequence[str]) -> list[str]:
    """A square confusion matrix as Markdown: corpus codes in rows, second coder in columns.

    Only the categories either coder used appear, in the vocabulary's order.
    """
    used = {a for a, _ in result.matrix} | {b for _, b in result.matrix}
    cats = [c for c in order if c in used] + sorted(used - set(order))
    lines = [
        "| corpus \\ second coder | " + " | ".join(f"`{c}`" for c in cats) + " |",
        "|---|" + "---|" * len(cats),
    ]
    for r in cats:
        cells = [str(result.matrix.get((r, c), 0)) for c in cats]
        lines.append(f"| `{r}` | " + " | ".join(cells) + " |")
    return lines


def report(
    results: list[FieldResult],
    corpus_codes: dict[str, dict[str, str]],
    second: dict[str, dict[str, str]],
    sample: list[str],
    resolutions: dict[tuple[str, str], dict[str, str]],
    round_number: int = 1,
    first_source: str = "data/claims.csv",
) -> str:
    """REPORT.md: figures, matrices and every disagreement with its resolution."""
    option = "" if round_number == 1 else f" --round {round_number}"
    lines = [
        f"# Reliability study, round {round_number}: report",
        "",
        f"Written by `make reliability` (`scripts/reliability.py agreement{option}`) from",
        f"`sample.csv`, `second_coding.csv`, `resolutions.csv` and `{first_source}`.",
        "Do not edit by hand. The first coding is the corpus codes of the sample as they",
        "stood when the blind packet was written (`first_coding.csv`), so that later",
        "re-coding of resolved rows does not change the measured agreement; the second",
        "coder coded blind, from the paragraphs and the codebook only (see `README.md`",
        "in `data/reliability/`).",
        "",
        "## Agreement per field",
        "",
        "| field | claims | agree | agreement | Cohen's kappa | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        met = "yes" if round(r.kappa, 2) >= TARGETS[r.field] else "no"
        lines.append(
            f"| `{r.field}` | {r.n} | {r.agree} | {r.agree / r.n:.2f} | {r.kappa:.2f} | "
            f"{TARGETS[r.field]:.1f} | {met} |"
        )
    lines += [
        "",
        "Where a field misses its target, the codebook names the rule that would fix the",
        "disagreements behind it, and the study is repeated on a fresh sample after the fix.",
    ]
    for r in results:
        lines += ["", f"## Confusion matrix: `{r.field}`", ""]
        lines += matrix_table(r, vocabulary(r.field))
    lines += [
        "",
        "## Disagreements",
        "",
        "| claim | field | corpus | second coder | coder's note | resolution | reason |",
        "|---|---|---|---|---|---|---|",
    ]
    for claim_id in sample:
        for field in FIELDS:
            a, b = corpus_codes[claim_id][field], second[claim_id][field]
            if a == b:
                continue
            res = resolutions.get((claim_id, field), {})
            note = second[claim_id]["note"].replace("|", "/")
            lines.append(
                f"| `{claim_id}` | `{field}` | `{a}` | `{b}` | {note} | "
                f"{res.get('resolution', 'open')} | {res.get('reason', '').replace('|', '/')} |"
            )
    lines.append("")
    return "\n".join(lines)


FIGURES_START = "<!-- reliability-figures: written by scripts/reliability.py agreement -->"
FIGURES_END = "<!-- /reliability-figures -->"
PENDING = "Pending: no blind second coding is stored yet (`data/reliability/second_coding.csv`)."


def markers(round_number: int = 1) -> tuple[str, str, str]:
    """Start marker, end marker and pending note of a round's figures block."""
    if round_number == 1:
        return FIGURES_START, FIGURES_END, PENDING
    return (
        (
            f"<!-- reliability-figures round {round_number}: written by scripts/reliability.py "
            f"agreement --round {round_number} -->"
        ),
        f"<!-- /reliability-figures round {round_number} -->",
        (
            "Pending: no blind second coding is stored yet "
            f"(`data/reliability/round{round_number}/second_coding.csv`)."
        ),
    )


FIGURE_ROW = re.compile(
    r"^\| `(\w+)` \| (\d+) \| (\d+) \| (\d\.\d\d) \| (-?\d\.\d\d) \| (\d\.\d) \| (\w+) \|$"
)


def figures_block(results: list[FieldResult] | None, round_number: int = 1) -> str:
    """The codebook's table of reliability figures (or the pending note), between markers."""
    start, end, pending = markers(round_number)
    lines = [start, ""]
    if results is None:
        lines.append(pending)
    else:
        lines += [
            "| field | claims | agree | agreement | Cohen's kappa | target | met |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in results:
            met = "yes" if round(r.kappa, 2) >= TARGETS[r.field] else "no"
            lines.append(
                f"| `{r.field}` | {r.n} | {r.agree} | {r.agree / r.n:.2f} | {r.kappa:.2f} | "
                f"{TARGETS[r.field]:.1f} | {met} |"
            )
    lines += ["", end]
    return "\n".join(lines)


def codebook_figures(
    codebook: Path = CODEBOOK, round_number: int = 1
) -> dict[str, tuple[int, int, float]] | None:
    """The figures the codebook states: field -> (claims, agree, kappa); None while pending."""
    start, end, pending = markers(round_number)
    text = codebook.read_text(encoding="utf-8")
    if start not in text or end not in text:
        fail(f"{codebook}: the section Reliability has no figures block ({start})")
    block = text.split(start, 1)[1].split(end, 1)[0]
    if pending in block:
        return None
    found = {}
    for line in block.splitlines():
        match = FIGURE_ROW.match(line.strip())
        if match:
            found[match.group(1)] = (
                int(match.group(2)),
                int(match.group(3)),
                float(match.group(5)),
            )
    if set(found) != set(FIELDS):
        fail(f"{codebook}: the figures block must give one row per field: {', '.join(FIELDS)}")
    return found


def write_figures(
    results: list[FieldResult] | None, codebook: Path = CODEBOOK, round_number: int = 1
) -> None:
    """Replace a round's figures block of the codebook (generated text only)."""
    start, end, _ = markers(round_number)
    text = codebook.read_text(encoding="utf-8")
    if start not in text or end not in text:
        fail(f"{codebook}: the section Reliability has no figures block ({start})")
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    codebook.write_text(head + figures_block(results, round_number) + tail, encoding="utf-8")


def first_codes(
    first: Path, sample: list[str], data: Path = DATA
) -> tuple[dict[str, dict[str, str]], str]:
    """The first coding of a round: its frozen file if stored, else the corpus as it is now."""
    corpus_codes = claims(data)
    if first.exists():
        return read_first_coding(first, sample, data), first.name
    return corpus_codes, "data/claims.csv"


def command_agreement(args: argparse.Namespace) -> int:
    this_round = study_round(args.round)
    for name in ("sample", "second", "resolutions", "report"):
        if getattr(args, name) is None:
            attr = {"second": "second_coding"}.get(name, name)
            setattr(args, name, getattr(this_round, attr))
    if args.first is None:  # the frozen first coding lies next to the sample it codes
        args.first = args.sample.parent / FIRST_CODING.name
    sample = read_sample(args.sample)
    corpus_now = claims(args.data)
    for number, claim_id in enumerate(sample, 1):
        if claim_id not in corpus_now:
            fail(f"{args.sample}: row {number}, field claim_id: no claim {claim_id}")
    if not args.second.exists() and args.round > 1:
        if not args.no_codebook:
            write_figures(None, args.codebook, args.round)
        print(
            f"round {args.round}: no second coding yet ({args.second}); the codebook says pending"
        )
        return 0
    corpus_codes, first_source = first_codes(args.first, sample, args.data)
    second = read_second_coding(args.second, sample, args.data)
    results = compare(corpus_codes, second, sample)
    text = report(
        results,
        corpus_codes,
        second,
        sample,
        read_resolutions(args.resolutions),
        args.round,
        first_source,
    )
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    if not args.no_codebook:
        write_figures(results, args.codebook, args.round)
    for r in results:
        print(f"{r.field}: {r.agree}/{r.n} agree, kappa {r.kappa:.2f}")
    print(f"wrote {args.report}")
    return 0


# ---------------------------------------------------------------- command line


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="reliability.py", description=__doc__.split("\n")[0])
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="draw the stratified sample (data/reliability/sample.csv)")
    p.add_argument("--round", type=int, default=1, help="round of the study (default 1)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--per-source", type=int, default=PER_SOURCE)
    p.add_argument("--path", type=Path, default=None, help="default: the round's sample.csv")
    p.add_argument("--check", action="store_true", help="redraw and compare, write nothing")
    p.add_argument("--force", action="store_true", help="overwrite an existing sample file")
    p.set_defaults(run=command_sample)
    p = sub.add_parser("packet", help="write the blind coder's packet outside the repository")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--round", type=int, default=1, help="round of the study (default 1)")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    p.add_argument("--sample", type=Path, default=None, help="default: the round's sample.csv")
    p.add_argument("--first", type=Path, default=None, help="default: the round's first_coding.csv")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.set_defaults(run=command_packet)
    p = sub.add_parser("agreement", help="agreement and kappa per field, REPORT.md")
    p.add_argument("--round", type=int, default=1, help="round of the study (default 1)")
    p.add_argument("--sample", type=Path, default=None)
    p.add_argument("--second", type=Path, default=None)
    p.add_argument("--first", type=Path, default=None)
    p.add_argument("--resolutions", type=Path, default=None)
    p.add_argument("--report", type=Path, default=None)
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--codebook", type=Path, default=CODEBOOK)
    p.add_argument(
        "--no-codebook", action="store_true", help="do not update the figures in CODEBOOK.md"
    )
    p.set_defaults(run=command_agreement)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except StudyError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
