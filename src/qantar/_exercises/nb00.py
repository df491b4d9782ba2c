"""Exercises of notebook 00 (orientation: the sources, the corpus, the timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Exercise
from .._queries import _source_id, compare_reports, coverage

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "00-orientation"


def url_dated_sources(corpus: Corpus) -> list[str]:
    """Sources whose publication date was read from the page address, not from the text."""
    sources = corpus.sources
    return sorted(sources.source_id[sources.published_basis == "url_path"].astype(str))


def days_protest_to_troops(corpus: Corpus) -> int:
    """Days from the first protest to the arrival of the first CSTO troops."""
    start = compare_reports(corpus, "protests_start_day").value.min()
    arrival = compare_reports(corpus, "first_troops_arrival_day").value.min()
    return int(arrival - start)


def top_source_on_armenia(corpus: Corpus) -> str:
    """The source that makes the most claims whose main theme is Armenia."""
    return _source_id(corpus, str(coverage(corpus).loc["armenia"].idxmax()))


EXERCISES: list[Exercise] = [
    Exercise(
        id="orientation-1",
        notebook=NOTEBOOK,
        title="Dated by the address",
        objective=(
            "Read the sources table and tell a date the document states from a date inferred "
            "from its web address."
        ),
        kind="auto",
        minutes=4,
        answer=url_dated_sources,
        match="set",
        normalize=_source_id,
        column="'source_id' column of corpus.sources, on the rows you keep",
        explanation=(
            "OSW, CSP and IAN print no date in the text we have: their dates come from the "
            "year/month/day in the publisher's URL. COMPASS and SCEEUS state their dates, "
            "although COMPASS reports a webinar held some days before it was published (e073, "
            "e074)."
        ),
        hint=(
            "Look at the published_basis column of corpus.sources and keep the rows whose value "
            "is 'url_path'; give their source_id or short_name."
        ),
    ),
    Exercise(
        id="orientation-2",
        notebook=NOTEBOOK,
        title="From the first protest to the first troops",
        objective=(
            "Compute an interval from the dated figures of the corpus and check it against the "
            "events table."
        ),
        kind="auto",
        minutes=5,
        answer=days_protest_to_troops,
        match="number",
        decimals=0,
        column="'value' column of the two compare_reports tables",
        explanation=(
            "The sources that date them agree: the protests began in Zhanaozen (osw-f08, "
            "sceeus-f19, ian-f11) and the first CSTO troops arrived (osw-f10, sceeus-f20) that "
            "many days later. The events table says the same (e048, e062), and it shows that "
            "the CSTO decided on the night before the arrival, a few hours after Tokayev's "
            "request (e060, e057)."
        ),
        hint=(
            "Run qantar.compare_reports(corpus, 'protests_start_day') and "
            "qantar.compare_reports(corpus, 'first_troops_arrival_day'); both values are days of "
            "January 2022, so subtract the first from the second."
        ),
        rows=("osw-f08", "sceeus-f19", "ian-f11", "osw-f10", "sceeus-f20"),
    ),
    Exercise(
        id="orientation-3",
        notebook=NOTEBOOK,
        title="Whose theme is Armenia?",
        objective="Read the coverage table and relate a source's emphasis to its vantage.",
        kind="auto",
        minutes=4,
        answer=top_source_on_armenia,
        match="text",
        normalize=_source_id,
        column="row 'armenia' of qantar.coverage(corpus): the label of its largest value (.idxmax())",
        explanation=(
            "IAN writes about the crisis from Armenia's position in the CSTO, as its vantage in "
            "the sources table says; the other sources mention Armenia mostly as one of the "
            "contributing states."
        ),
        hint=(
            "Run qantar.coverage(corpus) and read the row 'armenia': which column holds the "
            "largest number? Give the source's short name, e.g. 'OSW'."
        ),
    ),
    Exercise(
        id="orientation-4",
        notebook=NOTEBOOK,
        title="What could each source have known?",
        objective=(
            "Relate each source's date of writing to the timeline and explain why the basis of "
            "a publication date matters when sources are compared."
        ),
        kind="short_answer",
        minutes=8,
    ),
    Exercise(
        id="orientation-5",
        notebook=NOTEBOOK,
        title="Why not average the detention figures?",
        objective=(
            "Explain why the corpus keeps conflicting reports as separate rows, using what each "
            "row records about qualifier, date and attribution."
        ),
        kind="discussion",
        minutes=10,
    ),
    Exercise(
        id="orientation-6",
        notebook=NOTEBOOK,
        title="What can five European sources tell you?",
        objective=(
            "Say what the corpus's five publishers allow a student to conclude about official "
            "positions and public opinion, and what they do not."
        ),
        kind="discussion",
        minutes=10,
    ),
]
