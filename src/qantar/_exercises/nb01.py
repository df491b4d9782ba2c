"""Exercises of notebook 01 (causes: the trigger and the underlying grievances)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Exercise
from .._queries import _source_id, compare_reports, coverage

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "01-causes"

#: The option of causes-4 that states COMPASS's argument (compass-026); the notebook prints
#: the options (a)-(d).
COLOUR_REVOLUTION_OPTION = "c"


def lpg_rise_sources(corpus: Corpus) -> list[str]:
    """Sources that put a number on the rise in the LPG price."""
    return sorted(set(corpus.figures.source_id[corpus.figures.quantity == "lpg_price_rise"]))


def csp_implied_rise(corpus: Corpus) -> float:
    """The rise in per cent implied by CSP's prices before and after the increase."""
    before = compare_reports(corpus, "lpg_price_before").set_index("source").value["CSP"]
    after = compare_reports(corpus, "lpg_price_after").set_index("source").value["CSP"]
    return float(round((after - before) / before * 100, 1))


def top_source_on_causes(corpus: Corpus) -> str:
    """The source that makes the most claims whose main theme is causes."""
    return _source_id(corpus, str(coverage(corpus).loc["causes"].idxmax()))


EXERCISES: list[Exercise] = [
    Exercise(
        id="causes-1",
        notebook=NOTEBOOK,
        title="Who puts a number on the trigger?",
        objective=(
            "Find every source that quantifies the LPG price rise and say what each one reports."
        ),
        kind="auto",
        minutes=4,
        answer=lpg_rise_sources,
        match="set",
        normalize=_source_id,
        column="'source' column of qantar.compare_reports(corpus, 'lpg_price_rise')",
        explanation=(
            "Every source names the fuel-price rise as the spark (e028), but only SCEEUS and CSP "
            "give a number: SCEEUS speaks of a near-doubling without prices (sceeus-f01), CSP "
            "gives a percentage and prices in euros (csp-f01, csp-f02, csp-f03)."
        ),
        hint=(
            "Run qantar.compare_reports(corpus, 'lpg_price_rise') and list the sources in the "
            "source column."
        ),
        rows=("sceeus-f01", "csp-f01"),
    ),
    Exercise(
        id="causes-2",
        notebook=NOTEBOOK,
        title="Check CSP's arithmetic",
        objective="Recompute a percentage a source states from the numbers it gives.",
        kind="auto",
        minutes=5,
        answer=csp_implied_rise,
        match="number",
        decimals=1,
        column="'value' column of compare_reports for the two prices",
        explanation=(
            "CSP's before and after prices (csp-f02, csp-f03) give exactly the rise it states "
            "(csp-f01): the source is consistent with itself. That does not make its prices "
            "right: CSP names no unit of volume, no exchange rate and no place, and SCEEUS's "
            "near-doubling (sceeus-f01) implies a smaller rise."
        ),
        hint=(
            "Take CSP's values for lpg_price_before and lpg_price_after (compare_reports), then "
            "compute (after - before) / before * 100: a rise in per cent, not a ratio."
        ),
        rows=("csp-f01", "csp-f02", "csp-f03"),
    ),
    Exercise(
        id="causes-3",
        notebook=NOTEBOOK,
        title="Who says most about causes?",
        objective="Use the coverage table to compare how much each source says about causes.",
        kind="auto",
        minutes=3,
        answer=top_source_on_causes,
        match="text",
        normalize=_source_id,
        column="row 'causes' of qantar.coverage(corpus): the label of its largest value (.idxmax())",
        explanation=(
            "COMPASS gives the most claims on causes, whether you count main themes only or "
            "secondary themes too: its webinar write-up has a whole section on the grounds of "
            "the protests. Count is not weight, though: several of its rows frame or recommend "
            "rather than explain (compass-013, compass-016)."
        ),
        hint=(
            "Run qantar.coverage(corpus) and read the row 'causes'; give the short name of the "
            "source with the largest number."
        ),
    ),
    Exercise(
        id="causes-4",
        notebook=NOTEBOOK,
        title="COMPASS and the colour-revolution label",
        objective="Identify the reasons COMPASS gives for rejecting the colour-revolution frame.",
        kind="auto",
        minutes=4,
        answer=lambda corpus: COLOUR_REVOLUTION_OPTION,
        match="choice",
        choices="abcd",
        option_hints={
            "a": (
                "(a) brings in foreign organisations: does the claim name any organisation "
                "behind the protests?"
            ),
            "b": (
                "(b) argues from geography: is either of the claim's two reasons about where "
                "colour revolutions took place?"
            ),
            "c": (
                "(c) speaks of elections and leadership: check both points against the two "
                "reasons of the claim."
            ),
            "d": (
                "(d) argues from the fuel price: is either of the claim's two reasons about "
                "prices, or does the claim rule out a political reading?"
            ),
        },
        explanation=(
            "COMPASS (compass-026) argues that the Kazakh unrest lacks two marks of the earlier "
            "colour revolutions: it did not grow out of an election, and it had no central "
            "leadership or organiser. The brief also warns against forcing the protests into "
            "ready-made frameworks (compass-025)."
        ),
        hint=(
            "Read the claim the exercise names in its source (qantar.cite(corpus, claim_id) "
            "gives the paragraph) and compare its two reasons with each option."
        ),
        rows=("compass-025", "compass-026"),
    ),
    Exercise(
        id="causes-5",
        notebook=NOTEBOOK,
        title="Trigger or structure?",
        objective=(
            "Weigh the trigger against the structural causes of the unrest, arguing from at "
            "least two sources and citing claim ids."
        ),
        kind="short_answer",
        minutes=12,
    ),
    Exercise(
        id="causes-6",
        notebook=NOTEBOOK,
        title="Crypto-mining as an explanation",
        objective=(
            "Evaluate CSP's crypto-mining explanation as evidence: what it rests on and what "
            "would be needed to verify it."
        ),
        kind="discussion",
        minutes=12,
    ),
]
