"""Pages of the course website generated from the corpus and the exercise registry.

The website (``course/``) never retypes what the corpus or the registry holds:
``scripts/build_book.py`` calls :func:`write_generated` before every build, which
writes the Markdown and BibTeX files below to ``course/_generated/``, and the
hand-written pages include them.

=====================  ==========================================================
function               what it writes
=====================  ==========================================================
:func:`timeline_markdown`   the events table, in date order
:func:`glossary_markdown`   a Sphinx glossary of every term (``{term}`` targets)
:func:`bibtex`              one BibTeX entry per source, keyed by ``source_id``
:func:`sources_markdown`    the five sources with a ``{cite}`` of each
:func:`tables_markdown`     row counts and the fields of every table (codebook)
:func:`exercises_markdown`  every registered exercise: id, type, objective, time
:func:`rubrics_markdown`    answers, model answers and rubrics (instructors only)
=====================  ==========================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ._corpus import Corpus

__all__ = (
    "GENERATED_FILES",
    "NOTEBOOKS",
    "bibtex",
    "cite_example_markdown",
    "exercises_markdown",
    "glossary_markdown",
    "md_escape",
    "rubrics_markdown",
    "session_exercises_markdown",
    "sources_markdown",
    "tables_markdown",
    "timeline_markdown",
    "write_generated",
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>$|#])")
_TEX_SPECIAL = re.compile(r"([&%$#_{}])")
_KIND_LABELS = {
    "auto": "auto-checked",
    "short_answer": "short answer",
    "discussion": "discussion",
}
_GENRE_LABELS = {
    "policy_brief": "Policy brief",
    "analysis": "Analysis",
    "commentary": "Commentary",
    "opinion": "Opinion article",
    "blog_article": "Article on a website",
}

#: The course notebooks, in order (one seminar session each).
NOTEBOOKS = (
    "00-orientation",
    "01-causes",
    "02-russias-role",
    "03-csto-precedent",
    "04-belarus-impact",
    "05-reading-the-sources",
)

#: Files :func:`write_generated` writes, by name.
GENERATED_FILES = (
    "references.bib",
    "timeline.md",
    "glossary.md",
    "sources.md",
    "tables.md",
    "cite-example.md",
    "exercises.md",
    "rubrics.md",
    "codebook.md",
    *(f"session-{name}.md" for name in NOTEBOOKS),
)


def md_escape(text: Any) -> str:
    """Escape *text* so that Markdown (MyST) shows it literally, on one line.

    Examples
    --------
    >>> md_escape("troops_russia | $1bn")
    'troops\\\\_russia \\\\| \\\\$1bn'
    >>> md_escape("two\\nlines")
    'two lines'
    """
    flat = re.sub(r"\s+", " ", str(text)).strip()
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _tex(text: Any) -> str:
    return _TEX_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(text)).strip())


def _short_names(corpus: Corpus) -> dict[str, str]:
    return {
        str(k): str(v)
        for k, v in zip(corpus.sources.source_id, corpus.sources.short_name, strict=True)
    }


def _locators(corpus: Corpus, locators: Iterable[str]) -> str:
    names = _short_names(corpus)
    grouped: dict[str, list[str]] = {}
    for locator in locators:
        source, _, para = str(locator).partition(":")
        grouped.setdefault(names.get(source, source), []).append(para)
    return "; ".join(f"{name} ¶{', '.join(paras)}" for name, paras in grouped.items())


def _date(value: Any, precision: str) -> str:
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def _when(row: Any) -> str:
    start = _date(row.date, str(row.date_precision))
    end = row.end_date
    if end is None or str(end) == "NaT":
        return start
    return f"{start} to {_date(end, str(row.date_precision))}"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def timeline_markdown(corpus: Corpus) -> str:
    """The events table as Markdown tables: background, then January 2022 and after.

    Parameters
    ----------
    corpus : Corpus
        From :func:`qantar.load_corpus`.

    Returns
    -------
    str
        Two ``##`` sections with one table each: date, type, place, what
        happened (the corpus summary) and the source paragraphs.

    Examples
    --------
    >>> import qantar
    >>> text = timeline_markdown(qantar.load_corpus())
    >>> text.splitlines()[0]
    '## Background, before 2022'
    >>> "| 6 January 2022 |" in text
    True
    """
    events = corpus.events.sort_values(["date", "event_id"])
    cut = events.date.dt.year >= 2022
    lines: list[str] = []
    parts = (
        ("Background, before 2022", events[~cut]),
        ("January 2022 and after", events[cut]),
    )
    for title, part in parts:
        lines += [f"## {title}", ""]
        rows = [
            [
                _when(row),
                md_escape(row.event_type),
                md_escape(row.place or ""),
                md_escape(row.summary),
                md_escape(_locators(corpus, row.locators)),
            ]
            for row in part.itertuples()
        ]
        lines += _table(["When", "Type", "Place", "What happened", "Sources"], rows)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def glossary_markdown(corpus: Corpus) -> str:
    """Every glossary term as a Sphinx ``glossary`` directive, so pages can use ``{term}``.

    See-also entries link to the other term when the glossary has it.

    Examples
    --------
    >>> import qantar
    >>> text = glossary_markdown(qantar.load_corpus())
    >>> text.splitlines()[0]
    '```{glossary}'
    >>> "{term}`CSTO <CSTO>`" in text
    True
    """
    glossary = corpus.glossary.sort_values("term", key=lambda s: s.str.lower())
    known = {str(t).lower() for t in glossary.term}
    lines = ["```{glossary}"]
    for row in glossary.itertuples():
        term = str(row.term).replace(" : ", " - ")
        lines.append(term)
        body = md_escape(row.definition)
        see = [
            f"{{term}}`{md_escape(s)} <{s}>`" if str(s).lower() in known else md_escape(s)
            for s in row.see_also
        ]
        if see:
            body += f" *See also:* {', '.join(see)}."
        if len(row.locators):
            body += f" *Sources:* {md_escape(_locators(corpus, row.locators))}."
        lines += [f"  {body}", ""]
    if lines[-1] == "":
        lines.pop()
    lines.append("```")
    return "\n".join(lines) + "\n"


def _bib_author(names: Sequence[str], publisher: str) -> str:
    if len(names):
        return " and ".join(_tex(n) for n in names)
    corporate = publisher.split(";")[0].split(",")[0].strip()
    return "{" + _tex(corporate) + "}"


def bibtex(corpus: Corpus) -> str:
    """One BibTeX ``@misc`` entry per source, keyed by its ``source_id``.

    A subtitle goes in its own ``subtitle`` field, as in the ``sources`` table.
    Unsigned analyses get their publisher as a corporate author (in braces, so
    it is not split into first and last names).

    Examples
    --------
    >>> import qantar
    >>> text = bibtex(qantar.load_corpus())
    >>> text.count("@misc{")
    5
    >>> "author = {Jakob Hedenskog and Hugo von Essen}" in text
    True
    >>> "author = {{OSW Centre for Eastern Studies}}" in text
    True
    """
    entries = []
    for row in corpus.sources.itertuples():
        fields = {
            "author": _bib_author(row.authors, str(row.publisher)),
            "title": "{" + _tex(row.title) + "}",
            "howpublished": _tex(row.publisher),
            "year": f"{row.published:%Y}",
            "month": f"{row.published:%B}",
            "note": _tex(
                f"{_GENRE_LABELS.get(str(row.genre), str(row.genre))}, "
                f"published {row.published.day} {row.published:%B %Y}"
            ),
        }
        if row.subtitle:  # biblatex's field; BibTeX styles ignore it
            fields["subtitle"] = "{" + _tex(row.subtitle) + "}"
        if row.url:
            fields["url"] = str(row.url)
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        entries.append(f"@misc{{{row.source_id},\n{body}\n}}\n")
    return "\n".join(entries)


def sources_markdown(corpus: Corpus) -> str:
    """The sources as a table, each cited with ``{cite:t}`` (needs the BibTeX of :func:`bibtex`).

    Examples
    --------
    >>> import qantar
    >>> text = sources_markdown(qantar.load_corpus())
    >>> "{cite:t}`osw`" in text
    True
    """
    rows = [
        [
            f"`{row.source_id}`",
            md_escape(row.short_name),
            f"{{cite:t}}`{row.source_id}`",
            md_escape(_GENRE_LABELS.get(str(row.genre), str(row.genre))),
            f"{row.published:%Y-%m-%d}",
            str(row.paragraphs),
            md_escape(row.origin_country),
        ]
        for row in corpus.sources.itertuples()
    ]
    headers = ["source_id", "short name", "reference", "genre", "published", "paragraphs", "origin"]
    return "\n".join(_table(headers, rows)) + "\n"


def tables_markdown(corpus: Corpus) -> str:
    """Row counts of every table, then the fields of each table as the schema defines them.

    Examples
    --------
    >>> import qantar
    >>> text = tables_markdown(qantar.load_corpus())
    >>> "| `claims` |" in text and "### `figures`" in text
    True
    """
    resources = {r["name"]: r for r in corpus.package["resources"]}
    lines = _table(
        ["table", "one row is", "rows", "file"],
        [
            [
                f"`{name}`",
                md_escape(resources[name].get("description", "")),
                str(len(frame)),
                f"`data/{resources[name]['path']}`",
            ]
            for name, frame in corpus.tables.items()
        ],
    )
    lines.append("")
    for name in corpus.tables:
        lines += [f"### `{name}`", ""]
        rows = []
        for spec in resources[name]["schema"]["fields"]:
            enum = spec.get("constraints", {}).get("enum")
            allowed = ", ".join(f"`{v}`" for v in enum) if enum else ""
            rows.append(
                [
                    f"`{spec['name']}`",
                    md_escape(spec.get("type", "string")),
                    md_escape(spec.get("description", "")),
                    allowed,
                ]
            )
        lines += [*_table(["field", "type", "meaning", "allowed values"], rows), ""]
    return "\n".join(lines).rstrip() + "\n"


def cite_example_markdown(corpus: Corpus) -> str:
    """A worked example of ``qantar.cite`` on the first figure, with its real output.

    Examples
    --------
    >>> import qantar
    >>> "qantar.cite(corpus" in cite_example_markdown(qantar.load_corpus())
    True
    """
    from ._queries import cite

    row_id = str(corpus.figures.figure_id.iloc[0])
    return (
        "```python\n"
        "import qantar\n\n"
        "corpus = qantar.load_corpus()\n"
        f'qantar.cite(corpus, "{row_id}")\n'
        "```\n\n"
        "```text\n"
        f"{cite(corpus, row_id)}\n"
        "```\n"
    )


def _exercise_frame(source: str | Path | None) -> tuple[pd.DataFrame, set[str]]:
    from ._checks import exercises
    from ._editions import EditionError, exercise_labels, find_notebooks

    labels: set[str] = set()
    if source is not None:
        try:
            notebooks = find_notebooks(source)
        except EditionError:
            notebooks = []
        for path in notebooks:
            labels.update(exercise_labels(path))
    return exercises(), labels


def exercises_markdown(source: str | Path | None = None) -> str:
    """Every registered exercise, by notebook: id, title, type, objective and time.

    Parameters
    ----------
    source : str or Path, optional
        Folder of the notebooks the book is built from. Exercise ids whose
        label is found in those notebooks become links to the exercise.

    Returns
    -------
    str
        A summary table (exercises and minutes per notebook), then one table
        per notebook. No answers: this list is the same for students and
        instructors.

    Examples
    --------
    >>> text = exercises_markdown()
    >>> text.splitlines()[0].startswith("| notebook |")
    True
    """
    from ._selfcheck import self_checks

    table, labels = _exercise_frame(source)
    quizzes = set(self_checks())
    if table.empty:
        return "No exercise is registered yet (see `src/qantar/_exercises/`).\n"
    summary = []
    for notebook, group in table.groupby("notebook", sort=False):
        kinds = group.kind.value_counts()
        counts = ", ".join(f"{n} {_KIND_LABELS.get(k, k)}" for k, n in kinds.items())
        summary.append(
            [
                f"{{doc}}`{notebook} </notebooks/{notebook}>`",
                str(len(group)),
                counts,
                str(int(group.minutes.sum())),
            ]
        )
    summary.append(["**all**", str(len(table)), "", f"**{int(table.minutes.sum())}**"])
    lines = _table(["notebook", "exercises", "types", "minutes"], summary)
    for notebook, group in table.groupby("notebook", sort=False):
        lines += ["", f"### {notebook}", ""]
        rows = [
            [
                f"{{ref}}`{row.id} <{row.id}>`" if row.id in labels else f"`{row.id}`",
                md_escape(row.title),
                _KIND_LABELS.get(row.kind, row.kind)
                + (" + self-check" if row.id in quizzes else ""),
                md_escape(row.objective),
                str(row.minutes),
            ]
            for row in group.itertuples()
        ]
        lines += _table(["id", "title", "type", "objective", "min"], rows)
    return "\n".join(lines) + "\n"


def session_exercises_markdown(notebook: str) -> str:
    """The exercises of one notebook as a short table for the syllabus (no answers).

    Examples
    --------
    >>> session_exercises_markdown("no-such-notebook").startswith("*Exercises")
    True
    """
    table, _ = _exercise_frame(None)
    group = table[table.notebook == notebook] if not table.empty else table
    if group.empty:
        return "*Exercises: see the notebook (none registered yet).*\n"
    rows = [
        [
            f"`{row.id}`",
            md_escape(row.title),
            _KIND_LABELS.get(row.kind, row.kind),
            str(row.minutes),
        ]
        for row in group.itertuples()
    ]
    total = int(group.minutes.sum())
    lines = [f"**Exercises** ({len(group)}, about {total} min in all):", ""]
    lines += _table(["id", "title", "type", "min"], rows)
    return "\n".join(lines) + "\n"


def _demote_headings(text: str) -> str:
    """Turn Markdown headings into bold lines so a solution fits under any page heading."""
    out = []
    fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else re.match(r"#{1,6}\s+(.*)", line)
        out.append(f"**{match.group(1).strip()}**" if match else line)
    return "\n".join(out)


def rubrics_markdown(source: str | Path = "notebooks") -> str:
    """Answers, model answers and rubrics of every exercise, for the instructors' guide.

    Built with :func:`qantar._editions.answer_key` from the registry (right
    answers computed from the corpus) and the notebooks' solution cells
    (worked solutions, model answers, rubrics). Never put it in the student site.

    Parameters
    ----------
    source : str or Path
        Folder of the course notebooks (with solutions).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as empty:
    ...     rubrics_markdown(empty).startswith("No course notebook")
    True
    """
    from ._editions import EditionError, answer_key

    try:
        rows = answer_key(source)
    except EditionError:
        return f"No course notebook in `{Path(source).name}` yet: no rubric to show.\n"
    if not rows:
        return "No exercise is registered yet: no rubric to show.\n"
    lines: list[str] = []
    notebook = None
    for row in rows:
        if row["notebook"] != notebook:
            notebook = row["notebook"]
            lines += [f"### {notebook}", ""]
        lines += [
            f"#### `{row['id']}`",
            "",
            (
                f"**Type:** {_KIND_LABELS.get(row['type'], row['type'])} · "
                f"**Time:** {row['minutes']} min  "
            ),
            f"**Objective:** {md_escape(row['objective'])}",
            "",
        ]
        if row["answer"]:
            lines += [f"**Answer:** {md_escape(row['answer'])}", ""]
        if row["explanation"]:
            lines += [f"**Why:** {md_escape(row['explanation'])}", ""]
        if row["solution"]:
            lines += [_demote_headings(row["solution"]), ""]
        else:
            lines += ["*No solution cell found in the notebook.*", ""]
    return "\n".join(lines).rstrip() + "\n"


_STUDENT_RUBRICS = """\
```{note}
This is the student site: answers, model answers and rubrics are in the instructor
edition only (`make book` builds it; `qantar answer-key` writes them to a file).
```
"""


def _codebook(data: Path) -> str:
    """``CODEBOOK.md`` without its title (the page has one), links to repository files as code."""
    path = data / "CODEBOOK.md"
    if not path.is_file():
        return (
            "The codebook (`data/CODEBOOK.md`) is not in this copy of the corpus; the fields "
            "of every table are listed on the corpus page, from `datapackage.json`.\n"
        )
    out: list[str] = []
    fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence and re.match(r"#\s", line):
            continue
        elif not fence:
            line = re.sub(r"\[([^\]]+)\]\((?!https?:|#)([^)]+)\)", r"\1 (`\2`)", line)
        out.append(line)
    return "\n".join(out).strip() + "\n"


def write_generated(
    out: str | Path,
    corpus: Corpus,
    notebooks: str | Path = "notebooks",
    student: bool = False,
    data: str | Path | None = None,
) -> list[Path]:
    """Write every generated page fragment to *out*; return the files that changed.

    A file is rewritten only when its text changes, so a rebuild with nothing
    changed re-reads no page.

    Parameters
    ----------
    out : str or Path
        Destination folder, e.g. ``course/_generated``.
    corpus : Corpus
        From :func:`qantar.load_corpus`.
    notebooks : str or Path
        Folder of the notebooks the book is built from.
    student : bool
        Write a note instead of the rubrics (the student site shows no answer).
    data : str or Path, optional
        Folder holding ``CODEBOOK.md``; defaults to the corpus folder.

    Examples
    --------
    >>> import tempfile, qantar
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     changed = write_generated(tmp, qantar.load_corpus(), notebooks=tmp, student=True)
    ...     again = write_generated(tmp, qantar.load_corpus(), notebooks=tmp, student=True)
    >>> sorted(p.name for p in changed) == sorted(GENERATED_FILES), again
    (True, [])
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "references.bib": bibtex(corpus),
        "timeline.md": timeline_markdown(corpus),
        "glossary.md": glossary_markdown(corpus),
        "sources.md": sources_markdown(corpus),
        "tables.md": tables_markdown(corpus),
        "cite-example.md": cite_example_markdown(corpus),
        "exercises.md": exercises_markdown(notebooks),
        "rubrics.md": _STUDENT_RUBRICS if student else rubrics_markdown(notebooks),
        "codebook.md": _codebook(Path(data) if data is not None else corpus.path),
    }
    texts.update({f"session-{name}.md": session_exercises_markdown(name) for name in NOTEBOOKS})
    changed = []
    for name, text in texts.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
