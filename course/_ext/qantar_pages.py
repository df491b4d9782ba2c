"""The corpus-driven pages of the Qantar book, built as docutils nodes (never as Markup).

Every value that comes from the corpus (``data/*.csv``) or from the exercise registry
becomes a ``nodes.Text``: whatever it holds (``<script>``, a code fence, a ``{raw}``
block, a newline), the page shows it literally. A link is made only by :func:`link`,
and only to an ``http(s)`` address; any other address is shown as plain text.

Directives (used by the pages in ``course/``; no argument unless stated):

=================================  ============================================
``qantar-timeline``                the events, in date order (two tables), then the
                                   later events of ``context`` (outside the sources)
``qantar-later-events``            the later events alone (the landing page)
``qantar-glossary``                every term, as ``{term}`` targets
``qantar-sources``                 the sources, with their addresses
``qantar-tables``                  row counts and fields of every table
``qantar-cite-example``            ``qantar.cite`` on the first figure
``qantar-exercises``               every registered exercise (no answers)
``qantar-session-exercises NB``    one notebook's exercises (syllabus)
``qantar-rubrics``                 answers and rubrics (a note on the student site)
=================================  ============================================

Role: ``{qantar-preparation}`NB [ID ...]``` writes a session's preparation time,
added up from the registry: the notebook's reading time
(``qantar._exercise_cells.READING_MINUTES``), its auto-checked exercises and the
open exercises ``ID ...`` set as preparation.

At ``config-inited`` the extension also writes ``course/_generated/references.bib``
(read by sphinxcontrib-bibtex, which renders it as text nodes) and
``course/_generated/codebook.md`` (``data/CODEBOOK.md``, a page the coders write).

Configuration: ``qantar_data`` (corpus folder; default: the environment variable
``QANTAR_DATA``, else the corpus shipped with ``qantar``), ``qantar_notebooks`` (the
notebooks folder, default ``notebooks`` under the source folder) and
``qantar_student`` (the rubrics directive shows a note instead of answers).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

import qantar

#: The course notebooks, in order (one seminar session each).
NOTEBOOKS = (
    "00-orientation",
    "01-causes",
    "02-russias-role",
    "03-csto-precedent",
    "04-belarus-impact",
    "05-reading-the-sources",
    "06-hindsight",
)
KIND_LABELS = {"auto": "auto-checked", "short_answer": "short answer", "discussion": "discussion"}
GENRE_LABELS = {
    "policy_brief": "Policy brief",
    "analysis": "Analysis",
    "commentary": "Commentary",
    "opinion": "Opinion article",
    "blog_article": "Article on a website",
}
_TEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_TEX_REPLACE = {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


# -- the one place where text and links are made ------------------------------------------


def text(value: Any) -> nodes.Text:
    """Corpus text as a text node: shown literally, whatever it holds."""
    return nodes.Text("" if value is None else str(value))


def safe_url(url: Any) -> str | None:
    """*url* if it is an ``http`` or ``https`` address with a host, else ``None``.

    >>> safe_url("https://www.osw.waw.pl/en/"), safe_url("javascript:alert(1)")
    ('https://www.osw.waw.pl/en/', None)
    >>> safe_url(" https://x.org"), safe_url("https://a.org/\\nb")
    (None, None)
    """
    if not isinstance(url, str) or not url or url != url.strip():
        return None
    if any(ch.isspace() or ord(ch) < 32 or ch in "\"'<>`\\{}" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(label: Any, url: Any) -> nodes.Node:
    """A link to *url* labelled *label*, or the label as plain text if *url* is not http(s)."""
    checked = safe_url(url)
    if checked is None:
        return text(label)
    return nodes.reference("", "", text(label), refuri=checked, internal=False)


def paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    """A paragraph of nodes; plain strings become text nodes."""
    para = nodes.paragraph()
    para += [text(c) if isinstance(c, str) else c for c in children]
    return para


def literal(value: Any) -> nodes.literal:
    """Inline code (a field name, an id), shown literally."""
    return nodes.literal("", "", text(value))


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[nodes.Node | str | list[nodes.Node]]],
    widths: Sequence[int],
) -> nodes.table:
    """A table with a header row; each cell holds one paragraph of the given nodes."""
    tbl = nodes.table(classes=["qantar-table", "colwidths-auto"])  # as MyST's tables
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for width in widths:
        group += nodes.colspec(colwidth=width)

    def row(cells: Sequence[nodes.Node | str | list[nodes.Node]]) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += paragraph(*cell) if isinstance(cell, list) else paragraph(cell)
            out += entry
        return out

    head = nodes.thead()
    head += row(list(headers))
    group += head
    body = nodes.tbody()
    body += [row(cells) for cells in rows]
    group += body
    return tbl


def sanitize(tree: nodes.Node) -> None:
    """Neutralise what a nested Markdown parse could make active: raw HTML and odd links.

    Every ``raw`` node becomes a literal block of its text, and every reference whose
    address has a scheme other than http(s) or mailto becomes its plain text.
    """
    for raw in list(tree.findall(nodes.raw)):
        raw.replace_self(nodes.literal_block(raw.astext(), raw.astext()))
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri is None:
            continue
        scheme = urlsplit(str(uri)).scheme if ":" in str(uri) else ""
        if scheme and scheme not in ("http", "https", "mailto") or str(uri).strip() != uri:
            ref.replace_self(nodes.inline("", "", text(ref.astext())))


# -- corpus helpers ------------------------------------------------------------------------


def data_folder(config: Config) -> Path:
    """The corpus folder the book is built from."""
    chosen = config.qantar_data or os.environ.get("QANTAR_DATA")
    return Path(chosen).resolve() if chosen else qantar.data_dir()


def _corpus(env: Any) -> qantar.Corpus:
    folder = data_folder(env.config)
    cache = getattr(env.app, "_qantar_corpus", None)
    if cache is None or cache[0] != folder:
        cache = (folder, qantar.load_corpus(folder))
        env.app._qantar_corpus = cache
    return cache[1]


def short_names(corpus: qantar.Corpus) -> dict[str, str]:
    """Short name of every source, by source_id."""
    return {
        str(k): str(v)
        for k, v in zip(corpus.sources.source_id, corpus.sources.short_name, strict=True)
    }


def locators_text(corpus: qantar.Corpus, locators: Iterable[str]) -> str:
    """``osw:4``, ``osw:5`` -> ``OSW ¶4, 5`` (grouped by source, in order)."""
    names = short_names(corpus)
    grouped: dict[str, list[str]] = {}
    for locator in locators:
        source, _, para = str(locator).partition(":")
        grouped.setdefault(names.get(source, source), []).append(para)
    return "; ".join(f"{name} ¶{', '.join(paras)}" for name, paras in grouped.items())


def locator_nodes(corpus: qantar.Corpus, locators: Iterable[str]) -> list[nodes.Node]:
    """Each locator as a link to its words (address + text fragment) and its opening words.

    ``osw:4`` becomes "OSW ¶4", linked to the OSW page at that paragraph, followed by
    the paragraph's opening words in quotation marks. A source without a known
    address (or a paragraph without a row in ``locators.csv``) gives plain text.
    """
    from qantar._queries import locator_address

    names = short_names(corpus)
    out: list[nodes.Node] = []
    for i, locator in enumerate(locators):
        source, _, para = str(locator).partition(":")
        label = f"{names.get(source, source)} ¶{para}"
        try:
            url, opening = locator_address(corpus, source, int(para))
        except ValueError:
            url, opening = None, None
        if i:
            out.append(nodes.Text("; "))
        out.append(link(label, url) if url else text(label))
        if opening:
            out.append(
                nodes.inline("", "", text(f" \u201c{opening}\u201d"), classes=["qantar-opening"])
            )
    return out


def _date(value: Any, precision: str) -> str:
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def when(row: Any) -> str:
    """An event's date (or span) at the precision the sources allow."""
    start = _date(row.date, str(row.date_precision))
    end = row.end_date
    if end is None or str(end) == "NaT":
        return start
    return f"{start} to {_date(end, str(row.date_precision))}"


# -- the pages -----------------------------------------------------------------------------


def timeline_nodes(corpus: qantar.Corpus) -> list[nodes.Node]:
    """Two rubric-titled tables of the corpus's events (background before 2022, then January
    2022 and after), then the later events of the context table, marked as outside the sources.
    """
    events = corpus.events.sort_values(["date", "event_id"])
    cut = events.date.dt.year >= 2022
    out: list[nodes.Node] = []
    for title, part in (
        ("Background, before 2022", events[~cut]),
        ("January 2022 and after", events[cut]),
    ):
        out.append(nodes.rubric("", "", text(title)))
        rows = [
            [
                when(row),
                str(row.event_type),
                str(row.place or ""),
                str(row.summary),
                locator_nodes(corpus, row.locators),
            ]
            for row in part.itertuples()
        ]
        headers = ["When", "Type", "Place", "What happened", "Sources"]
        out.append(table(headers, rows, [14, 10, 12, 50, 14]))
    return out + later_events_nodes(corpus)


LATER_NOTE = (
    "Not from the five sources. These facts come from the context table: public pages published "
    "after the sources were written, each read for the course and cited with its publisher and "
    "date. The sources could not know them; lesson 06 uses them to judge the sources' "
    "predictions."
)


def later_events_nodes(corpus: qantar.Corpus, with_title: bool = True) -> list[nodes.Node]:
    """The context rows dated after the newest source: a marked note, then a table."""
    if "context" not in corpus.names:
        return []
    later = qantar.later_events(corpus)
    out: list[nodes.Node] = []
    if with_title:
        newest = corpus.sources.published.max()
        title = f"After the sources (dated after {newest:%-d %B %Y}): outside the corpus"
        out.append(nodes.rubric("", "", text(title)))
    note = nodes.note()
    note += paragraph(LATER_NOTE)
    out.append(note)
    if later.empty:
        out.append(paragraph("No context row is dated after the newest source."))
        return out
    rows = [
        [
            f"{row.date.day} {row.date:%B %Y}",
            str(row.topic).replace("_", " "),
            str(row.summary),
            [
                link(str(row.publisher), row.url),
                text(f", {row.published.day} {row.published:%B %Y} ("),
                literal(row.context_id),
                text(")"),
            ],
        ]
        for row in later.itertuples()
    ]
    headers = ["When", "Topic", "What happened (in the course's words)", "Read in"]
    out.append(table(headers, rows, [14, 12, 50, 24]))
    return out


def glossary_nodes(corpus: qantar.Corpus, directive: SphinxDirective) -> list[nodes.Node]:
    """Every term as a Sphinx glossary entry (a ``{term}`` target), with definition."""
    env = directive.env
    glossary = corpus.glossary.sort_values("term", key=lambda s: s.str.lower())
    known = {str(t).lower() for t in glossary.term}
    node = addnodes.glossary()
    node["sorted"] = False  # sorted here, case-insensitively
    dlist = nodes.definition_list(classes=["glossary"])
    node += dlist
    source, lineno = directive.get_source_info()
    for row in glossary.itertuples():
        item = nodes.definition_list_item()
        term = make_glossary_term(
            env, [text(row.term)], None, source, lineno, None, directive.state.document
        )
        item += term
        definition = nodes.definition()
        body = paragraph(str(row.definition))
        see = list(row.see_also)
        if see:
            body += [nodes.Text(" "), nodes.emphasis("", "See also:"), nodes.Text(" ")]
            for i, other in enumerate(see):
                if i:
                    body += nodes.Text(", ")
                if str(other).lower() in known:
                    ref = addnodes.pending_xref(
                        "",
                        refdomain="std",
                        reftype="term",
                        reftarget=str(other),
                        refexplicit=True,
                        refwarn=True,
                        refdoc=env.docname,
                    )
                    ref += nodes.inline("", "", text(other), classes=["xref", "std", "std-term"])
                    body += ref
                else:
                    body += text(other)
            body += nodes.Text(".")
        if len(row.locators):
            body += [nodes.Text(" "), nodes.emphasis("", "Sources:"), nodes.Text(" ")]
            body += locator_nodes(corpus, row.locators)
            body += nodes.Text(".")
        definition += body
        item += definition
        dlist += item
    return [node]


_ADDRESS_IN_TEXT = re.compile(r"https?://[^\s()<>\"'`]+[^\s()<>\"'`.,;:]")


def linked_text(value: Any) -> list[nodes.Node]:
    """Corpus text with each http(s) address in it made a link (through :func:`link`).

    >>> [n.astext() for n in linked_text("see https://a.org/x. Then")]
    ['see ', 'https://a.org/x', '. Then']
    """
    out: list[nodes.Node] = []
    rest = "" if value is None else str(value)
    while found := _ADDRESS_IN_TEXT.search(rest):
        if found.start():
            out.append(text(rest[: found.start()]))
        out.append(link(found.group(0), found.group(0)))
        rest = rest[found.end() :]
    if rest:
        out.append(text(rest))
    return out


def _no_address(title: str, note: Any) -> list[nodes.Node]:
    """A source's title without a link, with what a reader can follow instead (``url_note``)."""
    if not note:
        return [text(f"{title} (no known address)")]
    return [text(f"{title}. No known address: "), *linked_text(note)]


def sources_nodes(corpus: qantar.Corpus) -> list[nodes.Node]:
    """The sources: id, short name, title (linked to its address when it has one), more."""
    rows = []
    for row in corpus.sources.itertuples():
        title = str(row.title) + (f": {row.subtitle}" if row.subtitle else "")
        rows.append(
            [
                literal(row.source_id),
                str(row.short_name),
                link(title, row.url) if row.url else _no_address(title, row.url_note),
                str(row.publisher),
                GENRE_LABELS.get(str(row.genre), str(row.genre)),
                f"{row.published:%Y-%m-%d}",
                str(row.paragraphs),
                str(row.origin_country),
            ]
        )
    headers = ["source_id", "short name", "title", "publisher", "genre", "published", "¶", "origin"]
    return [table(headers, rows, [8, 8, 26, 22, 10, 10, 5, 11])]


def tables_nodes(corpus: qantar.Corpus) -> list[nodes.Node]:
    """Row counts of every table, then each table's fields as the schema defines them."""
    resources = {r["name"]: r for r in corpus.package["resources"]}
    out: list[nodes.Node] = [
        table(
            ["table", "one row is", "rows", "file"],
            [
                [
                    literal(name),
                    str(resources[name].get("description", "")),
                    str(len(frame)),
                    literal(f"data/{resources[name]['path']}"),
                ]
                for name, frame in corpus.tables.items()
            ],
            [12, 60, 8, 20],
        )
    ]
    for name in corpus.tables:
        out.append(nodes.rubric("", "", literal(name)))
        rows = []
        for spec in resources[name]["schema"]["fields"]:
            enum = spec.get("constraints", {}).get("enum")
            rows.append(
                [
                    literal(spec["name"]),
                    str(spec.get("type", "string")),
                    str(spec.get("description", "")),
                    ", ".join(str(v) for v in enum) if enum else "",
                ]
            )
        out.append(table(["field", "type", "meaning", "allowed values"], rows, [15, 10, 50, 25]))
    return out


def cite_example_nodes(corpus: qantar.Corpus) -> list[nodes.Node]:
    """A worked example of ``qantar.cite`` on a figure, with its real output and its link."""
    sources = corpus.sources
    linked = {str(s) for s, u in zip(sources.source_id, sources.url, strict=True) if safe_url(u)}
    figures = corpus.figures[corpus.figures.source_id.isin(linked)]
    row = (figures if len(figures) else corpus.figures).iloc[0]  # one with an address, if any
    row_id = str(row.figure_id)
    code = f"import qantar\n\ncorpus = qantar.load_corpus()\nqantar.cite(corpus, {row_id!r})"
    output = qantar.cite(corpus, row_id)
    block = nodes.literal_block(code, code, language="python")
    result = nodes.literal_block(output, output, language="text")
    follow = paragraph(
        "The same locator on this page: ",
        *locator_nodes(corpus, [f"{row.source_id}:{row.para}"]),
        " (the quotation is the paragraph's opening words).",
    )
    return [block, result, follow]


def _exercise_table(source: Path | None) -> tuple[Any, set[str]]:
    from qantar._checks import exercises
    from qantar._editions import EditionError, exercise_labels, find_notebooks

    labels: set[str] = set()
    if source is not None:
        try:
            found = find_notebooks(source)
        except EditionError:
            found = []
        for path in found:
            labels.update(exercise_labels(path))
    return exercises(), labels


def _xref(kind: str, target: str, label: str, docname: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype=kind,
        reftarget=target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline("", "", text(label), classes=["xref", "std", f"std-{kind}"])
    return ref


def exercises_nodes(source: Path | None, docname: str) -> list[nodes.Node]:
    """A summary table by notebook, then one table per notebook (no answers)."""
    from qantar._selfcheck import self_checks

    frame, labels = _exercise_table(source)
    if frame.empty:
        return [paragraph("No exercise is registered yet (see src/qantar/_exercises/).")]
    quizzes = set(self_checks())
    summary: list[list[nodes.Node | str]] = []
    for notebook, group in frame.groupby("notebook", sort=False):
        kinds = group.kind.value_counts()
        counts = ", ".join(f"{n} {KIND_LABELS.get(k, k)}" for k, n in kinds.items())
        summary.append(
            [
                _xref("doc", f"/notebooks/{notebook}", str(notebook), docname),
                str(len(group)),
                counts,
                str(int(group.minutes.sum())),
            ]
        )
    summary.append(
        [
            nodes.strong("", "all"),
            str(len(frame)),
            "",
            nodes.strong("", str(int(frame.minutes.sum()))),
        ]
    )
    out: list[nodes.Node] = [
        table(["notebook", "exercises", "types", "minutes"], summary, [30, 15, 40, 15])
    ]
    for notebook, group in frame.groupby("notebook", sort=False):
        out.append(nodes.rubric("", "", text(notebook)))
        rows = [
            [
                _xref("ref", str(row.id).lower(), str(row.id), docname)
                if row.id in labels
                else literal(row.id),
                str(row.title),
                KIND_LABELS.get(row.kind, str(row.kind))
                + (" + self-check" if row.id in quizzes else ""),
                str(row.objective),
                str(row.minutes),
            ]
            for row in group.itertuples()
        ]
        out.append(table(["id", "title", "type", "objective", "min"], rows, [14, 22, 14, 44, 6]))
    return out


def session_exercises_nodes(notebook: str) -> list[nodes.Node]:
    """The exercises of one notebook as a short table (no answers)."""
    frame, _ = _exercise_table(None)
    group = frame[frame.notebook == notebook] if not frame.empty else frame
    if group.empty:
        return [paragraph(nodes.emphasis("", "Exercises: see the notebook (none registered)."))]
    rows = [
        [
            literal(row.id),
            str(row.title),
            KIND_LABELS.get(row.kind, str(row.kind)),
            str(row.minutes),
        ]
        for row in group.itertuples()
    ]
    total = int(group.minutes.sum())
    head = paragraph(nodes.strong("", "Exercises"), f" ({len(group)}, about {total} min in all):")
    return [head, table(["id", "title", "type", "min"], rows, [20, 50, 20, 10])]


def preparation(spec: str) -> str:
    """A session's preparation time, added up from the registry.

    *spec* is a notebook stem, then the ids of the open exercises students
    prepare too, e.g. ``"02-russias-role russia-4"``.

    Raises
    ------
    ValueError
        For an unknown notebook or exercise, or an exercise of another notebook.
    """
    from qantar._checks import registry
    from qantar._exercise_cells import ExerciseCellsError, lesson_minutes

    notebook, *extra = spec.split()
    exercises = registry()
    mine = [e for e in exercises.values() if e.notebook == notebook]
    if not mine:
        msg = f"no registered exercise for notebook {notebook!r}"
        raise ValueError(msg)
    for exercise_id in extra:
        if exercise_id not in exercises or exercises[exercise_id].notebook != notebook:
            msg = f"{exercise_id!r} is not an exercise of {notebook}"
            raise ValueError(msg)
    try:
        reading, _ = lesson_minutes(notebook)
    except ExerciseCellsError as err:
        raise ValueError(str(err)) from None
    auto = sum(e.minutes for e in mine if e.kind == "auto")
    parts = [f"{reading} to read and run the notebook", f"{auto} for its auto-checked exercises"]
    parts += [f"{exercises[i].minutes} for {i}" for i in extra]
    total = reading + auto + sum(exercises[i].minutes for i in extra)
    return f"about {total} minutes: {', '.join(parts)}"


def preparation_role(
    name: str,
    rawtext: str,
    spec: str,
    lineno: int,
    inliner: Any,
    options: dict[str, Any] | None = None,
    content: Sequence[str] = (),
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{qantar-preparation}`NB [ID ...]```: the preparation time as text."""
    try:
        return [text(preparation(spec))], []
    except ValueError as err:
        message = inliner.reporter.error(f"qantar-preparation: {err}", line=lineno)
        return [nodes.problematic(rawtext, rawtext)], [message]


def demote_headings(markdown: str) -> str:
    """Turn Markdown headings into bold lines so a solution fits under any page heading."""
    out = []
    fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else re.match(r"#{1,6}\s+(.*)", line)
        out.append(f"**{match.group(1).strip()}**" if match else line)
    return "\n".join(out)


STUDENT_NOTE = (
    "This is the student site: answers, model answers and rubrics are in the instructor "
    "edition only (make book builds it; qantar answer-key writes them to a file)."
)


def rubrics_nodes(directive: SphinxDirective, source: Path) -> list[nodes.Node]:
    """Answers (text) and the notebooks' solution cells (authored Markdown, sanitised)."""
    from qantar._editions import EditionError, answer_key

    try:
        rows = answer_key(source)
    except EditionError:
        return [paragraph(f"No course notebook in {source.name} yet: no rubric to show.")]
    if not rows:
        return [paragraph("No exercise is registered yet: no rubric to show.")]
    out: list[nodes.Node] = []
    notebook = None
    for row in rows:
        if row["notebook"] != notebook:
            notebook = row["notebook"]
            out.append(nodes.rubric("", "", text(notebook), classes=["qantar-notebook"]))
        box = nodes.container(classes=["qantar-rubric"])
        box += nodes.rubric("", "", literal(row["id"]))
        box += paragraph(
            nodes.strong("", "Type:"),
            f" {KIND_LABELS.get(row['type'], str(row['type']))} · ",
            nodes.strong("", "Time:"),
            f" {row['minutes']} min",
        )
        box += paragraph(nodes.strong("", "Objective:"), f" {row['objective']}")
        if row["answer"]:
            box += paragraph(nodes.strong("", "Answer:"), f" {row['answer']}")
        if row["explanation"]:
            box += paragraph(nodes.strong("", "Why:"), f" {row['explanation']}")
        if row["solution"]:
            parsed = nodes.container()
            lines = StringList(demote_headings(str(row["solution"])).splitlines(), source="")
            directive.state.nested_parse(lines, directive.content_offset, parsed)
            sanitize(parsed)
            box += parsed.children
        else:
            box += paragraph(nodes.emphasis("", "No solution cell found in the notebook."))
        out.append(box)
    return out


# -- directives ----------------------------------------------------------------------------


class _CorpusDirective(SphinxDirective):
    has_content = False

    def note_data(self) -> qantar.Corpus:
        folder = data_folder(self.config)
        self.env.note_dependency(__file__)  # a change of this extension rebuilds its pages
        for path in sorted(folder.glob("*.csv")) + [folder / "datapackage.json"]:
            self.env.note_dependency(str(path))
        return _corpus(self.env)

    def notebooks(self) -> Path:
        self.env.note_dependency(__file__)
        chosen = self.config.qantar_notebooks
        folder = Path(self.env.srcdir) / "notebooks" if not chosen else Path(chosen)
        for path in sorted(folder.glob("*.ipynb")):
            self.env.note_dependency(str(path))
        return folder


class TimelineDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return timeline_nodes(self.note_data())


class LaterEventsDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return later_events_nodes(self.note_data(), with_title=False)


class GlossaryDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return glossary_nodes(self.note_data(), self)


class SourcesDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return sources_nodes(self.note_data())


class TablesDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return tables_nodes(self.note_data())


class CiteExampleDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return cite_example_nodes(self.note_data())


class ExercisesDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        return exercises_nodes(self.notebooks(), self.env.docname)


class SessionExercisesDirective(_CorpusDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(__file__)
        return session_exercises_nodes(self.arguments[0])


class RubricsDirective(_CorpusDirective):
    def run(self) -> list[nodes.Node]:
        if self.config.qantar_student:
            note = nodes.note()
            note += paragraph(STUDENT_NOTE)
            return [note]
        return rubrics_nodes(self, self.notebooks())


# -- files read by other extensions: the BibTeX file and the codebook -----------------------


def _tex(value: Any) -> str:
    flat = re.sub(r"\s+", " ", str(value)).strip()
    return _TEX_SPECIAL.sub(lambda m: _TEX_REPLACE.get(m.group(1), "\\" + m.group(1)), flat)


def bibtex(corpus: qantar.Corpus) -> str:
    """One BibTeX ``@misc`` entry per source, keyed by its ``source_id``.

    Every field is escaped for BibTeX; the ``url`` field is written only for an
    http(s) address (:func:`safe_url`).
    """
    entries = []
    for row in corpus.sources.itertuples():
        if len(row.authors):
            author = " and ".join(_tex(n) for n in row.authors)
        else:
            author = "{" + _tex(str(row.publisher).split(";")[0].split(",")[0].strip()) + "}"
        fields = {
            "author": author,
            "title": "{" + _tex(row.title) + "}",
            "howpublished": _tex(row.publisher),
            "year": f"{row.published:%Y}",
            "month": f"{row.published:%B}",
            "note": _tex(
                f"{GENRE_LABELS.get(str(row.genre), str(row.genre))}, "
                f"published {row.published.day} {row.published:%B %Y}"
            ),
        }
        if row.subtitle:  # biblatex's field; BibTeX styles ignore it
            fields["subtitle"] = "{" + _tex(row.subtitle) + "}"
        url = safe_url(row.url)
        if url is not None:
            fields["url"] = url.replace("%", r"\%").replace("#", r"\#")
        body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
        entries.append(f"@misc{{{row.source_id},\n{body}\n}}\n")
    return "\n".join(entries)


def codebook_markdown(data: Path) -> str:
    """``CODEBOOK.md`` without its title, links to repository files shown as code."""
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


def _write_if_changed(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")


def write_files(app: Sphinx, config: Config) -> None:
    """Write references.bib and codebook.md into course/_generated before anything reads them."""
    folder = data_folder(config)
    generated = Path(app.srcdir) / "course" / "_generated"
    _write_if_changed(generated / "references.bib", bibtex(qantar.load_corpus(folder)))
    _write_if_changed(generated / "codebook.md", codebook_markdown(folder))


def _strip_data_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname == "course/codebook":
        sanitize(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the configuration values and the generated files."""
    app.add_config_value("qantar_data", "", "env", [str])
    app.add_config_value("qantar_notebooks", "", "env", [str])
    app.add_config_value("qantar_student", False, "env", [bool])
    app.add_directive("qantar-timeline", TimelineDirective)
    app.add_directive("qantar-later-events", LaterEventsDirective)
    app.add_directive("qantar-glossary", GlossaryDirective)
    app.add_directive("qantar-sources", SourcesDirective)
    app.add_directive("qantar-tables", TablesDirective)
    app.add_directive("qantar-cite-example", CiteExampleDirective)
    app.add_directive("qantar-exercises", ExercisesDirective)
    app.add_directive("qantar-session-exercises", SessionExercisesDirective)
    app.add_directive("qantar-rubrics", RubricsDirective)
    app.add_role("qantar-preparation", preparation_role)
    app.connect("config-inited", write_files, priority=100)
    app.connect("doctree-resolved", _strip_data_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
