"""Exercises of notebook 03 (the CSTO precedent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Criterion, Exercise
from .._queries import _source_id, claims_for, compare_reports, troop_totals

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "03-csto-precedent"


def sceeus_sum_above_largest_total(corpus: Corpus) -> float:
    """How far the sum of SCEEUS's country figures exceeds the largest total any source states."""
    table = troop_totals(corpus)
    return float(table.loc["SCEEUS", "sum_of_countries"] - table.reported_total.max())


def interpretive_sources(corpus: Corpus) -> list[str]:
    """Sources with more interpretations than facts among their claims on the CSTO precedent."""
    claims = claims_for(corpus, theme="csto_precedent")
    types = claims.claim_type.astype(str)
    interpretations = claims[types == "interpretation"].source_id.astype(str).value_counts()
    facts = claims[types == "fact"].source_id.astype(str).value_counts()
    return sorted(
        str(source) for source, count in interpretations.items() if count > facts.get(source, 0)
    )


def founding_year_option(corpus: Corpus) -> str:
    """The csto-3 option that describes OSW's and SCEEUS's founding years."""
    reports = compare_reports(corpus, "csto_founded").set_index("source").value
    if "OSW" not in reports.index or "SCEEUS" not in reports.index:
        return "d"
    if reports["OSW"] == reports["SCEEUS"]:
        return "a"
    return "b" if reports["OSW"] > reports["SCEEUS"] else "c"


def corroborated_failures(corpus: Corpus) -> int:
    """How many precedents without a CSTO deployment two or more sources report."""
    precedents = corpus.precedents
    failures = precedents[precedents.csto_response != "deployed"]
    return int((failures.source_ids.map(len) >= 2).sum())


EXERCISES: list[Exercise] = [
    Exercise(
        id="csto-1",
        notebook=NOTEBOOK,
        title="SCEEUS's contingents against the stated totals",
        objective=(
            "Compute the total implied by one source's country figures and compare it with the "
            "totals other sources state."
        ),
        kind="auto",
        minutes=3,
        answer=sceeus_sum_above_largest_total,
        match="number",
        decimals=0,
        column=(
            "'sum_of_countries' and 'reported_total' columns of qantar.troop_totals(corpus): "
            "subtract, do not give either column"
        ),
        explanation=(
            "SCEEUS's country figures (sceeus-f04 to sceeus-f08) add up to more than both "
            "stated totals, OSW's lower bound (osw-f05) and IAN's figure (ian-f01), and exceed "
            "the larger of them by more than half of it. SCEEUS takes its numbers from unnamed "
            "reports and never states a total itself."
        ),
        hint=(
            "Add up SCEEUS's five troops_<country> figures (qantar.troop_totals(corpus) does "
            "it in its sum_of_countries column), then subtract the largest total a source "
            "states (the reported_total column, or compare_reports for 'troops_total'). Give a "
            "whole number of troops."
        ),
        rows=("sceeus-f04", "sceeus-f05", "sceeus-f06", "sceeus-f07", "sceeus-f08", "ian-f01"),
    ),
    Exercise(
        id="csto-2",
        notebook=NOTEBOOK,
        title="Whose account of the CSTO is mostly interpretation?",
        objective=(
            "Build an evidence table with claims_for and compare the sources by the types of "
            "claim they make on a theme."
        ),
        kind="auto",
        minutes=3,
        answer=interpretive_sources,
        match="set",
        normalize=_source_id,
        column="'source_id' column of qantar.claims_for(corpus, theme=...), counted by claim type",
        explanation=(
            "Counting the claims on the CSTO precedent by source and type shows which accounts "
            "rest mostly on the authors' readings: COMPASS and CSP clearly, IAN narrowly. OSW and "
            "SCEEUS report more facts than they interpret; SCEEUS keeps its judgements on the "
            "CSTO for other themes, such as Russia's role."
        ),
        hint=(
            "Build the table with qantar.claims_for(corpus, theme='csto_precedent'), then count "
            "its rows by source_id and claim_type (for example with pd.crosstab) and compare "
            "the interpretation and fact columns source by source."
        ),
        rows=("compass-055", "csp-026", "ian-043"),
    ),
    Exercise(
        id="csto-3",
        notebook=NOTEBOOK,
        title="When was the CSTO founded?",
        objective="Spot a factual disagreement between sources and explain where it comes from.",
        kind="auto",
        minutes=3,
        answer=founding_year_option,
        match="choice",
        choices="abcd",
        options={
            "a": "They give the same year.",
            "b": "OSW gives a later year than SCEEUS.",
            "c": "SCEEUS gives a later year than OSW.",
            "d": "Only one of the two gives a year.",
        },
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
            "Run qantar.compare_reports(corpus, 'csto_founded') and compare the value column "
            "on the OSW and SCEEUS rows."
        ),
        rows=("osw-f06", "sceeus-f10", "ian-f05"),
    ),
    Exercise(
        id="csto-4",
        notebook=NOTEBOOK,
        title="Unanswered calls that more than one source reports",
        objective=(
            "Weigh how well attested the precedents are by counting, in the precedents table, "
            "the crises without a deployment that two or more sources report."
        ),
        kind="auto",
        minutes=3,
        answer=corroborated_failures,
        match="number",
        decimals=0,
        column="'csto_response' and 'source_ids' columns of corpus.precedents: count, do not list",
        explanation=(
            "Every precedent except the Kazakh one (p07) ended without a deployment, but not "
            "every one rests on more than one source: CSP alone reports two of them. The "
            "pattern of inaction does not rest on CSP alone, though: the 2010 Kyrgyz request "
            "(p02) and Armenia's 2021 appeal (p06), for instance, each have two or more sources."
        ),
        hint=(
            "In corpus.precedents keep the rows whose csto_response is not 'deployed', then "
            "count those whose source_ids list holds two or more sources (len of each list). "
            "Give a whole number."
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
        minutes=20,
        words=300,
        rubric=(
            Criterion(
                "a clear position, with what 'real' means in it",
                2,
                "States a position and says for whom the CSTO is real or not (member "
                "governments, member states, Moscow).",
                "States a position but leaves 'real' undefined.",
                "Takes no position.",
            ),
            Criterion(
                "at least two sources, used accurately, with claim ids",
                3,
                "Draws on two or more sources, attributes each view to its source and cites "
                "claim ids that support the points.",
                "Uses two sources but without ids, or misattributes a view.",
                "Uses one source or none.",
            ),
            Criterion(
                "the precedents table as evidence",
                2,
                "Uses the earlier requests and the CSTO's responses to support the position.",
                "Mentions the precedents without using them in the argument.",
                "Does not use the precedents.",
            ),
            Criterion(
                "an answer to the strongest opposing view",
                2,
                "States the strongest opposing view from a source and answers it.",
                "Mentions an opposing view without answering it.",
                "Ignores any opposing view.",
            ),
            Criterion(
                "one limit of the evidence",
                1,
                "Names a limit that bears on the verdict (one mission, sources written within "
                "weeks, the official framing).",
                "Names a limit in general terms that does not bear on the verdict.",
                "Names no limit.",
            ),
        ),
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
        minutes=14,
        words=200,
        rubric=(
            Criterion(
                "a difference explained by date of writing, with a figure row",
                2,
                "Explains a difference by when the source wrote and cites the figure row.",
                "Names the date of writing as a reason without a row, or with the wrong row.",
                "Does not consider the date of writing.",
            ),
            Criterion(
                "a difference explained by attribution, with figure rows",
                3,
                "Explains a difference by whom the number is attributed to (official, reports, "
                "the source itself) and cites the rows.",
                "Names attribution as a reason without rows, or for one source only.",
                "Does not consider attribution.",
            ),
            Criterion(
                "a difference explained by what is counted, with a figure row",
                3,
                "Explains a difference by what the number counts (a pledge or troops on the "
                "ground, a partial list or a total) and cites the row.",
                "Names what is counted as a reason without a row, or confuses the two things.",
                "Does not consider what is counted.",
            ),
            Criterion(
                "what the corpus can and cannot settle",
                2,
                "Concludes soundly which differences the corpus explains and which it cannot "
                "settle.",
                "Draws a conclusion that overstates or understates what the corpus shows.",
                "Draws no conclusion.",
            ),
        ),
    ),
]
