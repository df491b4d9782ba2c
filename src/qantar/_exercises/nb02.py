"""Exercises of notebook 02 (Russia's role)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Exercise
from .._queries import claims_for

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "02-russias-role"

# Options of russia-3, as printed in the notebook: letter -> source_id.
TURKEY_OPTIONS = {"a": "compass", "b": "osw", "c": "sceeus", "d": "ian"}


def _figure(corpus: Corpus, source_id: str, quantity: str) -> float:
    figures = corpus.figures
    rows = figures[(figures.source_id == source_id) & (figures.quantity == quantity)]
    return float(rows.value.iloc[0])


def implied_population_millions(corpus: Corpus) -> float:
    """Kazakhstan's population implied by SCEEUS's count and share of ethnic Russians."""
    number = _figure(corpus, "sceeus", "ethnic_russians_number")
    share = _figure(corpus, "sceeus", "ethnic_russians_share")
    return round(number / (share / 100) / 1e6, 1)


def days_from_arrival_to_pledge(corpus: Corpus) -> int:
    """Days between the first CSTO troops' arrival and Putin's pledge, both as SCEEUS dates them."""
    pledge = _figure(corpus, "sceeus", "putin_colour_revolution_remark_day")
    arrival = _figure(corpus, "sceeus", "first_troops_arrival_day")
    return int(pledge - arrival)


def silent_on_turkey(corpus: Corpus) -> str:
    """The russia-3 option naming the source without any claim on Turkey."""
    speaking = set(claims_for(corpus, theme="turkey").source_id.astype(str))
    silent = [letter for letter, source in TURKEY_OPTIONS.items() if source not in speaking]
    return silent[0] if silent else ""


EXERCISES: list[Exercise] = [
    Exercise(
        id="russia-1",
        notebook=NOTEBOOK,
        title="What SCEEUS's population figures imply",
        objective="Derive a quantity from two figures a source reports and judge what it tells us.",
        kind="auto",
        minutes=5,
        answer=implied_population_millions,
        match="number",
        decimals=1,
        column="'value' column of compare_reports for the two SCEEUS figures",
        explanation=(
            "Dividing the number of ethnic Russians (sceeus-f14) by their share of the "
            "population (sceeus-f15, as a fraction) gives the total population both figures "
            "assume. SCEEUS dates neither figure, so the result is only as good as the figures."
        ),
        hint=(
            "Take SCEEUS's number of ethnic Russians and divide it by their share written as a "
            "fraction (per cent / 100); give the result in millions, to one decimal."
        ),
        rows=("sceeus-f14", "sceeus-f15", "sceeus-028"),
    ),
    Exercise(
        id="russia-2",
        notebook=NOTEBOOK,
        title="A pledge after the fact",
        objective="Combine dated figures to place a statement in the sequence of events.",
        kind="auto",
        minutes=5,
        answer=days_from_arrival_to_pledge,
        match="number",
        decimals=0,
        column="'value' column of compare_reports, on SCEEUS's row of each quantity",
        explanation=(
            "SCEEUS dates both the arrival of the first troops (sceeus-f20) and the online CSTO "
            "meeting where Putin spoke (sceeus-f22): the pledge came once the deployment was "
            "under way, so it framed an operation already decided rather than announcing it. "
            "CSP reports the pledge without a date (csp-061)."
        ),
        hint=(
            "Use qantar.compare_reports on 'first_troops_arrival_day' and on "
            "'putin_colour_revolution_remark_day', take SCEEUS's value of each and subtract."
        ),
        rows=("sceeus-f20", "sceeus-f22", "sceeus-034"),
    ),
    Exercise(
        id="russia-3",
        notebook=NOTEBOOK,
        title="Which source leaves Turkey out?",
        objective="Use claims_for with a theme to compare how much attention sources give an actor.",
        kind="auto",
        minutes=5,
        answer=silent_on_turkey,
        match="choice",
        choices="abcd",
        option_hints={
            letter: (
                f"({letter}) {name}: look for '{source}' in the source_id column of "
                "qantar.claims_for(corpus, theme='turkey'); one row there is a claim on Turkey."
            )
            for letter, name, source in (
                ("a", "COMPASS", "compass"),
                ("b", "OSW", "osw"),
                ("c", "SCEEUS", "sceeus"),
                ("d", "IAN", "ian"),
            )
        },
        explanation=(
            "OSW makes no claim on Turkey: its outside actors are China and the West. COMPASS, "
            "SCEEUS, CSP and IAN each mention Turkey at least once (compass-031, sceeus-041, "
            "csp-011, ian-048, ian-052)."
        ),
        hint=(
            "Run qantar.claims_for(corpus, theme='turkey') and look at the source_id column: "
            "which of the four options never appears?"
        ),
        rows=("compass-031", "sceeus-041", "csp-011", "ian-048", "ian-052"),
    ),
    Exercise(
        id="russia-4",
        notebook=NOTEBOOK,
        title="Two kinds of motive",
        objective=(
            "Distinguish the strategic and the political motives the sources attribute to Russia "
            "and the kind of evidence each source offers for them."
        ),
        kind="short_answer",
        minutes=10,
    ),
    Exercise(
        id="russia-5",
        notebook=NOTEBOOK,
        title="A net gain for Moscow?",
        objective=(
            "Weigh the gains and the risks of the intervention for Russia, arguing from at least "
            "two sources and citing claim ids."
        ),
        kind="discussion",
        minutes=15,
    ),
]
