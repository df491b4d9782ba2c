"""Exercises of notebook 04 (what the crisis meant for Belarus)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Exercise
from .._queries import _source_id, claim_codes, claims_for

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "04-belarus-impact"

# Options of belarus-2, as printed in the notebook: letter -> (type of compass-075, of compass-076).
NEUTRALITY_OPTIONS = {
    "a": ("fact", "fact"),
    "b": ("fact", "interpretation"),
    "c": ("interpretation", "interpretation"),
    "d": ("interpretation", "fact"),
}
NEUTRALITY_CLAIMS = ("compass-075", "compass-076")

# The two events of belarus-3: the border migration crisis and the forced Ryanair landing.
MIGRATION_EVENT = "e024"
RYANAIR_EVENT = "e027"


def belarus_troop_sources(corpus: Corpus) -> set[str]:
    """Sources that report the size of the Belarusian contingent."""
    figures = corpus.figures
    return set(figures[figures.quantity == "troops_belarus"].source_id.astype(str))


def neutrality_option(corpus: Corpus) -> str:
    """The belarus-2 option matching the corpus coding of the two neutrality claims."""
    codes = tuple(claim_codes(corpus, list(NEUTRALITY_CLAIMS)))
    found = [letter for letter, pair in NEUTRALITY_OPTIONS.items() if pair == codes]
    return found[0] if found else ""


def migration_first_reason(corpus: Corpus) -> str:
    """Why a date-sorted timeline puts the migration crisis before the Ryanair landing.

    Option (b), coarse dating, holds when the migration crisis is dated less
    precisely than to the day and so sits on the first day of its period.
    """
    events = corpus.events.set_index("event_id")
    migration, ryanair = events.loc[MIGRATION_EVENT], events.loc[RYANAIR_EVENT]
    coarse = str(migration.date_precision) != "day"
    return "b" if coarse and migration.date < ryanair.date else ""


def belarus_recommendations(corpus: Corpus) -> int:
    """COMPASS recommendations coded with the belarus_impact theme (main or secondary)."""
    found = claims_for(
        corpus, theme="belarus_impact", source="compass", claim_type="recommendation"
    )
    return len(found)


EXERCISES: list[Exercise] = [
    Exercise(
        id="belarus-1",
        notebook=NOTEBOOK,
        title="Who counts the Belarusian soldiers?",
        objective="Find every source that reports a figure and compare whom each credits for it.",
        kind="auto",
        minutes=3,
        answer=belarus_troop_sources,
        match="set",
        normalize=_source_id,
        column="'source' column of qantar.compare_reports(corpus, 'troops_belarus')",
        explanation=(
            "SCEEUS and CSP both report the Belarusian contingent and give the same number "
            "(sceeus-f05, csp-f08), but SCEEUS credits unnamed reports while CSP presents it "
            "as the official composition of the force. OSW only says that Belarus sent "
            "soldiers (osw-045) and COMPASS, the source most concerned with Belarus, gives no "
            "number at all."
        ),
        hint=(
            "Run qantar.compare_reports(corpus, 'troops_belarus') and list the sources in its "
            "'source' column, e.g. ['OSW', 'IAN']."
        ),
        rows=("sceeus-f05", "csp-f08", "osw-045"),
    ),
    Exercise(
        id="belarus-2",
        notebook=NOTEBOOK,
        title="A clause and a breach",
        objective="Tell a checkable statement of fact from the interpretation built on it.",
        kind="auto",
        minutes=4,
        answer=neutrality_option,
        match="choice",
        choices="abcd",
        option_hints={
            "a": (
                "(a) codes both claims as facts: could a reader check the second claim, about "
                "what Lukashenka intended, against a document? Look up its code."
            ),
            "b": (
                "(b): look up each claim's code with qantar.claim_codes, in the order the "
                "exercise gives them."
            ),
            "c": (
                "(c) codes both claims as interpretations: could a reader check the first "
                "claim, about the text of the constitution, against a document? Look up its code."
            ),
            "d": (
                "(d): look up each claim's code with qantar.claim_codes, in the order the "
                "exercise gives them, and ask which of the two a reader could check against a "
                "document."
            ),
        },
        explanation=(
            "That Belarus's constitution contains a neutrality clause is a statement anyone "
            "can check against the text of the constitution, so compass-075 is coded as a fact. "
            "That Lukashenka breached it knowingly is the brief's reading of his intent, so "
            "compass-076 is coded as an interpretation."
        ),
        hint=(
            "Look up both claims, e.g. with qantar.claims_for(corpus, theme='belarus_impact') "
            "and the claim_type column, or with qantar.claim_codes(corpus, [...])."
        ),
        rows=NEUTRALITY_CLAIMS,
    ),
    Exercise(
        id="belarus-3",
        notebook=NOTEBOOK,
        title="Why does the migration crisis come first?",
        objective="Read a timeline with attention to how precisely each event is dated.",
        kind="auto",
        minutes=5,
        answer=migration_first_reason,
        match="choice",
        choices="abcd",
        option_hints={
            "a": (
                "(a) contradicts the exercise: COMPASS puts the Ryanair landing first. The order "
                "on the timeline comes from the events table's dates, not from COMPASS."
            ),
            "b": (
                "(b): compare the date and the date_precision of the two events in the events "
                "table."
            ),
            "c": (
                "(c): the timeline places events by their date, whatever their ids; compare the "
                "two events' date columns."
            ),
            "d": (
                "(d): the events table dates an event by when it happened, not by when a source "
                "wrote about it; look at the date_precision column of the two events."
            ),
        },
        explanation=(
            "The corpus dates the migration crisis only to the year (date_precision 'year'), "
            "and an event dated to a year is placed on its first day. COMPASS itself names the "
            "Ryanair landing as the start of Belarus's repositioning and the migration crisis "
            "as the second step (compass-070, compass-073). Sorting by date is only as precise "
            "as the least precise date."
        ),
        hint=(
            "Compare the date and date_precision columns of the two events in the timeline "
            "table (the ids the exercise gives), then re-read how COMPASS orders them."
        ),
        rows=("compass-070", "compass-073"),
    ),
    Exercise(
        id="belarus-4",
        notebook=NOTEBOOK,
        title="Recommendations about Belarus",
        objective="Filter claims by theme, source and claim type to find what a brief recommends.",
        kind="auto",
        minutes=4,
        answer=belarus_recommendations,
        match="number",
        decimals=0,
        column="rows of the claims_for table: count them with len(...)",
        explanation=(
            "claims_for(corpus, theme='belarus_impact', source='COMPASS', "
            "claim_type='recommendation') finds compass-087, compass-091 and compass-094: a "
            "call on civil society across the region, a call to watch Lukashenka's rhetoric "
            "and CSTO role, and a call on the international community. The brief's other "
            "recommendations concern Kazakhstan and the West's view of the CSTO."
        ),
        hint=(
            "Use qantar.claims_for with theme='belarus_impact', source='COMPASS' and "
            "claim_type='recommendation' (secondary themes count) and count the rows."
        ),
        rows=("compass-087", "compass-091", "compass-094"),
    ),
    Exercise(
        id="belarus-5",
        notebook=NOTEBOOK,
        title="Whose account of Lukashenka?",
        objective=(
            "Explain how a publisher's vantage point shapes a source's account and check which "
            "of its statements other sources corroborate."
        ),
        kind="short_answer",
        minutes=12,
    ),
    Exercise(
        id="belarus-6",
        notebook=NOTEBOOK,
        title="A sea change, and what to do about it",
        objective=(
            "Assess a policy brief's recommendations against the evidence the brief and the "
            "other sources offer."
        ),
        kind="discussion",
        minutes=12,
    ),
]
