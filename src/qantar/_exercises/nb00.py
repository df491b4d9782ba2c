"""Exercises of notebook 00 (orientation: the sources, the corpus, the timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._checks import Criterion, Exercise
from .._queries import _source_id, claims_for, compare_reports

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "00-orientation"


def _emergency_end(corpus: Corpus) -> pd.Timestamp:
    """The day of January 2022 until which, as OSW reports, the state of emergency was to last."""
    day = compare_reports(corpus, "state_of_emergency_until_day").value.max()
    return pd.Timestamp(2022, 1, int(day))


def url_dated_after_emergency(corpus: Corpus) -> list[str]:
    """Sources dated by their web address and published after the planned end of the emergency."""
    sources = corpus.sources
    keep = (sources.published_basis == "url_path") & (sources.published > _emergency_end(corpus))
    return sorted(sources.source_id[keep].astype(str))


def days_protest_to_emergency_end(corpus: Corpus) -> int:
    """Days from the first protest to the planned end of the state of emergency."""
    start = compare_reports(corpus, "protests_start_day").value.min()
    end = compare_reports(corpus, "state_of_emergency_until_day").value.max()
    return int(end - start)


def ian_share_on_armenia(corpus: Corpus) -> float:
    """The share (per cent) of IAN's claims whose main or secondary theme is Armenia."""
    on_armenia = claims_for(corpus, theme="armenia", source="ian")
    return float(round(len(on_armenia) / len(claims_for(corpus, source="ian")) * 100, 1))


EXERCISES: list[Exercise] = [
    Exercise(
        id="orientation-1",
        notebook=NOTEBOOK,
        title="Dated by the address, after the emergency",
        objective=(
            "Tell a date the document states from a date read from its web address, and place "
            "the address-dated sources on the timeline."
        ),
        kind="auto",
        minutes=2,
        answer=url_dated_after_emergency,
        match="set",
        normalize=_source_id,
        column="'source_id' column of corpus.sources, on the rows you keep",
        explanation=(
            "CSP and IAN print no date in the text we have: their date comes from the "
            "year/month/day in the publisher's URL, and it falls one day after 19 January, the "
            "day until which OSW says the state of emergency was to stay in force (osw-f03). OSW "
            "is dated by its address too, but it wrote well before that day. A one-day error in "
            "an address date would move CSP and IAN to the other side of the line, which is why "
            "such a date is worth confirming."
        ),
        hint=(
            "Combine two columns of corpus.sources: keep the rows whose published_basis says the "
            "date was read from the address, then compare their published date with the day "
            "that compare_reports(corpus, 'state_of_emergency_until_day') reports."
        ),
        rows=("osw-f03",),
    ),
    Exercise(
        id="orientation-2",
        notebook=NOTEBOOK,
        title="From the first protest to the end of the emergency",
        objective=(
            "Compute an interval from the dated figures of the corpus and check it against the "
            "events table, telling a planned date from one that happened."
        ),
        kind="auto",
        minutes=3,
        answer=days_protest_to_emergency_end,
        match="number",
        decimals=0,
        column="'value' column of the two compare_reports tables",
        explanation=(
            "The protests began on 2 January (osw-f08, sceeus-f19, ian-f11) and OSW gives the "
            "day until which the state of emergency was to stay in force (osw-f03, qualified "
            "'at least'). The events table has the same two days (e048, e072), but marks e072 as "
            "planned: when OSW wrote, the end of the emergency had not happened, and the interval "
            "is a minimum, not a measured duration."
        ),
        hint=(
            "Do what the lesson did for the arrival of the troops, with another quantity: "
            "compare_reports(corpus, 'state_of_emergency_until_day') instead of "
            "'first_troops_arrival_day'. Both values are days of January 2022; subtract, or "
            "subtract the two dates of the events table."
        ),
        rows=("osw-f08", "sceeus-f19", "ian-f11", "osw-f03"),
    ),
    Exercise(
        id="orientation-3",
        notebook=NOTEBOOK,
        title="IAN and Armenia",
        objective=(
            "Build an evidence table with claims_for and relate a source's emphasis to its vantage."
        ),
        kind="auto",
        minutes=2,
        answer=ian_share_on_armenia,
        match="number",
        decimals=1,
        percent=True,
        column="number of rows of your two claims_for tables: len(table)",
        explanation=(
            "Counting secondary themes too, about a third of IAN's claims touch Armenia, far "
            "more than the heat map's main-theme count suggests: Armenia runs through its "
            "account of the CSTO, as its vantage in the sources table says (Armenia's prime "
            "minister chaired the CSTO's council at the time)."
        ),
        hint=(
            "Build two tables with qantar.claims_for: one filtered by theme and source (by "
            "default it also keeps claims that have the theme among their other_themes), one by "
            "source only. Divide the number of rows (len) of the first by the second, multiply "
            "by 100 and round to one decimal."
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
        minutes=11,
        words=150,
        rubric=(
            Criterion(
                "Sources in order of publication",
                2,
                "All five sources are in the right order, taken from the sources table.",
                "The order has one or two sources out of place, or leaves one out.",
                "No order is given, or it does not follow the sources table.",
            ),
            Criterion(
                "An event each source could and could not know, with ids",
                3,
                "For two sources, one event each could and could not have known, with event ids "
                "that fit the timeline.",
                "Events are named for only one source, lack ids, or one of them is misplaced.",
                "No events are tied to the sources' dates.",
            ),
            Criterion(
                "Why a url_path date is weaker",
                3,
                "Explains that an address date records posting, not necessarily writing, and why "
                "a few days' error changes what a source could have known.",
                "Says an address date is less certain without saying why it matters here.",
                "Does not distinguish stated from address dates.",
            ),
            Criterion(
                "A way to confirm a url_path date",
                2,
                "Names a concrete check, such as an archived copy, the page's metadata or a "
                "byline date, and what it would show.",
                'Names a check vaguely ("look it up") without saying what it would show.',
                "Names no way to confirm the date.",
            ),
        ),
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
        minutes=14,
        words=200,
        rubric=(
            Criterion(
                "Different moments of counting",
                3,
                "Uses as_of and published to show the figures refer to different moments of a "
                "rising count.",
                "Notes the dates differ without drawing the consequence for an average.",
                "Ignores when the figures were counted.",
            ),
            Criterion(
                "Bounds, not counts",
                2,
                "Uses the qualifiers to show that some figures are bounds rather than counts.",
                "Mentions the qualifiers without saying what they do to an average.",
                "Ignores the qualifiers.",
            ),
            Criterion(
                "Who produced each figure",
                2,
                "Uses attributed_to to say who produced the numbers and how far that origin can "
                "be trusted.",
                "Mentions attribution without weighing it.",
                "Ignores who produced the figures.",
            ),
            Criterion(
                "What combining would need",
                2,
                "Says what would be needed to combine the figures (definition, date, producer) or "
                "proposes a better summary than the mean.",
                "Names one requirement or alternative without explaining it.",
                "Says nothing about how the figures could be combined.",
            ),
            Criterion(
                "Figure ids cited",
                1,
                "Cites the figure id of every report it discusses.",
                "Cites some of the figure ids.",
                "Cites no figure id.",
            ),
        ),
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
        minutes=14,
        words=200,
        rubric=(
            Criterion(
                "What the sources say, with claim ids",
                3,
                "Checks the sentence against the sources' own claims with ids and notices that "
                "not all five reject the account.",
                'Cites claims but takes "all five" at face value, or checks without ids.',
                "Does not check the sentence against the claims.",
            ),
            Criterion(
                "How official and Kazakh voices reach the corpus",
                3,
                "Uses origin_country and speaker to show that official positions arrive only as "
                "reported speech and Kazakh opinion not at all.",
                "Notes that the sources are European without saying what that leaves out.",
                "Treats the corpus as if it held official and Kazakh voices.",
            ),
            Criterion(
                "A source from a missing vantage",
                2,
                "Names a kind of source from a missing vantage that could test the rest of the "
                "sentence.",
                "Names a source that adds little beyond the present vantage.",
                "Names no source.",
            ),
            Criterion(
                "What would change in the tables",
                2,
                "Says concretely which rows and columns of the tables would change if that source "
                "were added.",
                "Says the tables would change without saying how.",
                "Says nothing about the tables.",
            ),
        ),
    ),
]
