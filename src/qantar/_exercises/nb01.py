"""Exercises of notebook 01 (causes: the trigger and the underlying grievances)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .._checks import Criterion, Exercise
from .._queries import _source_id, claims_for, compare_reports, coverage

if TYPE_CHECKING:
    import pandas as pd

    from .._corpus import Corpus

NOTEBOOK = "01-causes"

#: The option of causes-4 that states COMPASS's argument (compass-026).
COLOUR_REVOLUTION_OPTION = "c"


def hedged_causes_sources(corpus: Corpus) -> list[str]:
    """Sources with at least one claim on causes that carries a hedge or a booster."""
    causes = claims_for(corpus, theme="causes")
    return sorted(set(causes.source_id[causes.hedge != "none"].astype(str)))


def labour_disputes_latest_start(corpus: Corpus) -> int:
    """The latest year in which the labour disputes COMPASS dates back 'at least' N years began."""
    report = compare_reports(corpus, "labour_unrest_duration_west_kz").iloc[0]
    return int(report.published.year - report.value)


def largest_causes_share(corpus: Corpus) -> float:
    """The largest share (per cent) of a source's claims whose main theme is causes."""
    table = coverage(corpus)
    causes = cast("pd.Series[float]", table.loc["causes"])  # one row of the table
    shares = causes / table.sum() * 100
    return round(float(shares.max()), 1)


EXERCISES: list[Exercise] = [
    Exercise(
        id="causes-1",
        notebook=NOTEBOOK,
        title="Who qualifies a cause?",
        objective=(
            "Build an evidence table with claims_for and a filter on the hedge column, and say "
            "which sources mark their causal claims as uncertain or certain."
        ),
        kind="auto",
        minutes=2,
        answer=hedged_causes_sources,
        match="set",
        normalize=_source_id,
        column="'source_id' column of the claims you keep",
        explanation=(
            "Only two sources qualify a claim on causes: OSW reports the accusation against the "
            "energy companies with 'allegedly' (osw-039) and uses 'may' and 'clearly' elsewhere, "
            "and CSP boosts one claim with 'clearly'. COMPASS states all of its many causal "
            "claims flatly, as do SCEEUS and IAN: an unhedged claim is not a proven one, so the "
            "absence of hedges is itself worth noticing."
        ),
        hint=(
            "Start from qantar.claims_for(corpus, theme='causes'), keep the rows whose hedge "
            "column is not 'none', and list the distinct values of their source_id column."
        ),
        rows=("osw-039",),
    ),
    Exercise(
        id="causes-2",
        notebook=NOTEBOOK,
        title="How long had the oil west been in dispute?",
        objective=(
            "Work out what a bound reported by one source implies and check it against a date "
            "reported by another."
        ),
        kind="auto",
        minutes=3,
        answer=labour_disputes_latest_start,
        match="number",
        decimals=0,
        column="'value' and 'published' columns of compare_reports for the quantity",
        explanation=(
            "COMPASS, writing in 2022, says the disputes had gone on for at least ten years "
            "(compass-f01, qualifier 'at_least'): they began in 2012 or earlier. CSP's "
            "Zhanaozen shooting of oil workers (csp-f11, csp-f06, event e010) falls one year "
            "before, so the two sources are consistent, but neither gives the start of the "
            "disputes: 'at least' sets a bound, not a date."
        ),
        hint=(
            "Run qantar.compare_reports(corpus, 'labour_unrest_duration_west_kz'): read the "
            "value, its qualifier and the year the source was published, and subtract. Then "
            "compare with compare_reports(corpus, 'zhanaozen_unrest_year')."
        ),
        rows=("compass-f01", "csp-f11"),
    ),
    Exercise(
        id="causes-3",
        notebook=NOTEBOOK,
        title="Who gives causes the largest share?",
        objective=(
            "Turn the coverage counts into shares of each source's claims, so that long and "
            "short sources can be compared."
        ),
        kind="auto",
        minutes=2,
        answer=largest_causes_share,
        match="number",
        decimals=1,
        percent=True,
        column="causes row of the coverage table, divided by each source's column total",
        explanation=(
            "COMPASS has both the most claims on causes and the largest share of its own claims "
            "on them, although it is also the longest-coded source: its webinar write-up has a "
            "whole section on the grounds of the protests. Count is not weight, though: several of its rows frame or "
            "recommend rather than explain (compass-013, compass-016)."
        ),
        hint=(
            "Take the coverage table, qantar.coverage(corpus), which counts main themes only, "
            "so that each column adds up to the source's number of claims; divide the row "
            "'causes' by the column totals (table.sum()), multiply by 100 and round to one "
            "decimal."
        ),
    ),
    Exercise(
        id="causes-4",
        notebook=NOTEBOOK,
        title="COMPASS and the colour-revolution label",
        objective=(
            "Find a source's assessment of an official framing with claims_for and identify the "
            "reasons it gives."
        ),
        kind="auto",
        minutes=2,
        answer=lambda corpus: COLOUR_REVOLUTION_OPTION,
        match="choice",
        choices="abcd",
        options={
            "a": (
                "The protests were organised by foreign non-governmental organisations, so the "
                "label fits only in part."
            ),
            "b": "Colour revolutions happened only in Europe, and Kazakhstan lies in Central Asia.",
            "c": (
                "No election set the unrest off, and nobody led or organised it from the centre."
            ),
            "d": (
                "The protests were driven by the fuel price alone, which leaves no room for a "
                "political reading."
            ),
        },
        option_hints={
            "a": (
                "(a) brings in foreign organisations: does COMPASS's claim name any organisation "
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
            "Build COMPASS's table with qantar.claims_for(corpus, theme='official_narrative', "
            "source='COMPASS'), find the claim that assesses the colour-revolution comparison, "
            "read its summary and paragraph (qantar.cite) and compare its two reasons with each "
            "option."
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
        minutes=17,
        words=250,
        rubric=(
            Criterion(
                "What the trigger explains",
                2,
                "States precisely what the price rise explains (timing, place, first demands), "
                "with evidence.",
                "Says the rise was the trigger without saying what it explains.",
                "Does not discuss the trigger.",
            ),
            Criterion(
                "Two structural factors and what they explain",
                3,
                "Names at least two structural factors and what each explains that the trigger "
                "does not (spread, political demands, violence).",
                "Names structural factors without saying what each explains.",
                "Names no structural factor.",
            ),
            Criterion(
                "At least two sources, attributed",
                2,
                "Draws on two or more sources and attributes each interpretation to its source.",
                "Draws on one source only, or blurs which source says what.",
                "Attributes nothing to a source.",
            ),
            Criterion(
                "Ids for each step",
                2,
                "Cites a claim or figure id for every step of the argument.",
                "Cites ids for some steps only.",
                "Cites no id.",
            ),
            Criterion(
                "A limit of the evidence",
                1,
                "Names one limit of the evidence, such as interpretations written within weeks.",
                "Hints at a limit without saying what it is.",
                "Names no limit.",
            ),
        ),
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
        minutes=17,
        words=200,
        rubric=(
            Criterion(
                "What the claim rests on",
                2,
                "Shows that the claim is CSP's own unhedged, unsourced assertion that no other "
                "source in the corpus corroborates.",
                "Notes one of these points only.",
                "Does not ask what the claim rests on.",
            ),
            Criterion(
                "The number questioned",
                2,
                "Questions csp-f04: its size, what it counts and that it is a lower bound.",
                "Doubts the number without saying why.",
                "Takes the number at face value.",
            ),
            Criterion(
                "The causal chain examined",
                3,
                "Examines each link from mining to the LPG price, including the gap between "
                "electricity and a motor fuel and the price-cap decision IAN reports.",
                "Examines the chain but misses the gap between electricity and LPG.",
                "Does not examine the chain.",
            ),
            Criterion(
                "Data that would verify it, and where",
                2,
                "Names specific data that would verify or refute the claim and the body that "
                "publishes it.",
                "Names data or a place to look, but not both.",
                "Names no way to verify the claim.",
            ),
            Criterion(
                "Genre and vantage weighed",
                1,
                "Relates the explanation to CSP's genre and vantage without dismissing it for "
                "that alone.",
                "Mentions genre or vantage as a reason to dismiss the claim.",
                "Does not consider genre or vantage.",
            ),
        ),
    ),
]
