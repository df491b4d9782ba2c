"""Exercises of notebook 03 (the CSTO precedent)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .._checks import Exercise
from .._queries import _source_id, compare_reports, troop_totals

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "03-csto-precedent"


def sceeus_country_sum(corpus: Corpus) -> float:
    """The troop total implied by adding up SCEEUS's figures per country."""
    total = cast("float", troop_totals(corpus).loc["SCEEUS", "sum_of_countries"])
    return float(total)


def smaller_armenia_sources(corpus: Corpus) -> list[str]:
    """Sources that report the smaller of the Armenian contingent figures."""
    reports = corpus.figures[corpus.figures.quantity == "troops_armenia"]
    smallest = reports[reports.value == reports.value.min()]
    return sorted(set(smallest.source_id.astype(str)))


def founding_year_option(corpus: Corpus) -> str:
    """The csto-3 option that describes OSW's and SCEEUS's founding years."""
    reports = compare_reports(corpus, "csto_founded").set_index("source").value
    if "OSW" not in reports.index or "SCEEUS" not in reports.index:
        return "d"
    if reports["OSW"] == reports["SCEEUS"]:
        return "a"
    return "b" if reports["OSW"] > reports["SCEEUS"] else "c"


def precedents_without_deployment(corpus: Corpus) -> int:
    """How many precedents ended without any CSTO deployment."""
    return int((corpus.precedents.csto_response != "deployed").sum())


EXERCISES: list[Exercise] = [
    Exercise(
        id="csto-1",
        notebook=NOTEBOOK,
        title="Adding up SCEEUS's contingents",
        objective=(
            "Compute the total implied by one source's country figures and compare it with the "
            "totals other sources state."
        ),
        kind="auto",
        minutes=5,
        answer=sceeus_country_sum,
        match="number",
        decimals=0,
        column="'sum_of_countries' column of qantar.troop_totals(corpus), on SCEEUS's row",
        explanation=(
            "SCEEUS's country figures (sceeus-f04 to sceeus-f08) add up to more than both "
            "stated totals: OSW's lower bound (osw-f05) and IAN's figure (ian-f01). SCEEUS takes "
            "its numbers from unnamed reports and never states a total itself."
        ),
        hint=(
            "Add the five troops_<country> figures of SCEEUS, e.g. with "
            "qantar.troop_totals(corpus) or compare_reports for each country."
        ),
        rows=("sceeus-f04", "sceeus-f05", "sceeus-f06", "sceeus-f07", "sceeus-f08"),
    ),
    Exercise(
        id="csto-2",
        notebook=NOTEBOOK,
        title="The smaller Armenian figure",
        objective="Read a compare_reports table and find which sources agree on a number.",
        kind="auto",
        minutes=5,
        answer=smaller_armenia_sources,
        match="set",
        normalize=_source_id,
        column="'source' column of qantar.compare_reports(corpus, 'troops_armenia')",
        explanation=(
            "SCEEUS (sceeus-f08) and CSP (csp-f10) give the same smaller figure; IAN gives a "
            "larger one (ian-f02), which Pashinyan announced as a pledge. OSW and COMPASS give "
            "no Armenian figure."
        ),
        hint="Run qantar.compare_reports(corpus, 'troops_armenia') and compare the value column.",
        rows=("sceeus-f08", "csp-f10", "ian-f02"),
    ),
    Exercise(
        id="csto-3",
        notebook=NOTEBOOK,
        title="When was the CSTO founded?",
        objective="Spot a factual disagreement between sources and explain where it comes from.",
        kind="auto",
        minutes=5,
        answer=founding_year_option,
        match="choice",
        choices="abcd",
        option_hints={
            "a": (
                "(a) says the two years are the same: put OSW's and SCEEUS's values of "
                "csto_founded side by side and compare them."
            ),
            "b": (
                "(b) says OSW's year is the later one: check which of the two rows holds the "
                "larger value."
            ),
            "c": (
                "(c) says SCEEUS's year is the later one: check which of the two rows holds the "
                "larger value, then read the subject column to see what each year dates."
            ),
            "d": (
                "(d) says only one of the two gives a year: look for both OSW and SCEEUS in the "
                "source column of compare_reports(corpus, 'csto_founded')."
            ),
        },
        explanation=(
            "OSW (osw-f06) dates the organisation, set up years after the treaty; SCEEUS "
            "(sceeus-f10) gives the year of the Collective Security Treaty, as IAN does "
            "(ian-f05). Both are defensible: they date different things."
        ),
        hint=(
            "Run qantar.compare_reports(corpus, 'csto_founded') (or look for csto_founded in "
            "qantar.disagreements(corpus)) and compare the OSW and SCEEUS rows."
        ),
        rows=("osw-f06", "sceeus-f10", "ian-f05"),
    ),
    Exercise(
        id="csto-4",
        notebook=NOTEBOOK,
        title="Calls that went unanswered",
        objective="Count, from the precedents table, the crises in which the CSTO sent no troops.",
        kind="auto",
        minutes=5,
        answer=precedents_without_deployment,
        match="number",
        decimals=0,
        column="'csto_response' column of corpus.precedents: count, do not list",
        explanation=(
            "Only the Kazakh case of January 2022 (p07) ended with a deployment. In every other "
            "precedent help was either formally requested and then declined or ignored, or only "
            "expected and never given; the precedents table records which."
        ),
        hint=(
            "Look at the csto_response column of corpus.precedents and count the rows whose "
            "response is anything other than 'deployed'."
        ),
        rows=("csp-023", "sceeus-015", "compass-057", "ian-041"),
    ),
    Exercise(
        id="csto-5",
        notebook=NOTEBOOK,
        title="Paper tiger or real organisation?",
        objective=(
            "Argue from at least two sources whether the Kazakh mission changed what the CSTO is, "
            "citing claim ids."
        ),
        kind="discussion",
        minutes=15,
    ),
    Exercise(
        id="csto-6",
        notebook=NOTEBOOK,
        title="Why do the troop numbers differ?",
        objective=(
            "Explain differences between reported numbers by date of writing, attribution and "
            "what is being counted."
        ),
        kind="short_answer",
        minutes=10,
    ),
]
