"""Exercises of notebook 02 (Russia's role)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Criterion, Exercise
from .._queries import claims_for

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "02-russias-role"


def _figure(corpus: Corpus, source_id: str, quantity: str) -> float:
    figures = corpus.figures
    rows = figures[(figures.source_id == source_id) & (figures.quantity == quantity)]
    return float(rows.value.iloc[0])


def implied_population_millions(corpus: Corpus) -> float:
    """Kazakhstan's population implied by SCEEUS's count and share of ethnic Russians."""
    number = _figure(corpus, "sceeus", "ethnic_russians_number")
    share = _figure(corpus, "sceeus", "ethnic_russians_share")
    return round(number / (share / 100) / 1e6, 1)


def days_from_pledge_to_withdrawal(corpus: Corpus) -> int:
    """Days between Putin's pledge and the announced start of the withdrawal, as SCEEUS dates them."""
    withdrawal = _figure(corpus, "sceeus", "csto_withdrawal_start_day")
    pledge = _figure(corpus, "sceeus", "putin_colour_revolution_remark_day")
    return int(withdrawal - pledge)


def unhedged_share_of_consequence_forecasts(corpus: Corpus) -> float:
    """Per cent of the predictions on the consequences theme stated with no hedge or booster."""
    forecasts = claims_for(corpus, theme="consequences", claim_type="prediction")
    if forecasts.empty:
        return 0.0
    return round(100 * float((forecasts.hedge.astype(str) == "none").mean()), 1)


EXERCISES: list[Exercise] = [
    Exercise(
        id="russia-1",
        notebook=NOTEBOOK,
        title="What SCEEUS's population figures imply",
        objective="Derive a quantity from two figures a source reports and judge what it tells us.",
        kind="auto",
        minutes=3,
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
            "Find SCEEUS's two figures on the ethnic Russian minority among the quantities of "
            "qantar.quantities(corpus), read their values with qantar.compare_reports, and "
            "divide the number by the share written as a fraction (per cent / 100). Give the "
            "result in millions, to one decimal."
        ),
        rows=("sceeus-f14", "sceeus-f15", "sceeus-028"),
    ),
    Exercise(
        id="russia-2",
        notebook=NOTEBOOK,
        title="A pledge near the end",
        objective="Combine dated figures to place a statement in the sequence of events.",
        kind="auto",
        minutes=3,
        answer=days_from_pledge_to_withdrawal,
        match="number",
        decimals=0,
        column="'value' column of compare_reports, on SCEEUS's row of each quantity",
        explanation=(
            "SCEEUS dates the online CSTO meeting where Putin spoke (sceeus-f22) and reports "
            "the day Tokayev said the withdrawal would begin (sceeus-f17, a planned date "
            "attributed to him). The pledge came after the troops had arrived (sceeus-f20) and "
            "shortly before their announced departure: it framed an operation already decided "
            "and nearly over, rather than announcing one."
        ),
        hint=(
            "Look through the index of qantar.quantities(corpus) for the quantities measured "
            "in days of January 2022: one dates Putin's remark on colour revolutions, another "
            "the start of the CSTO withdrawal. Read SCEEUS's value of each with "
            "qantar.compare_reports and subtract; give a whole number of days."
        ),
        rows=("sceeus-f22", "sceeus-f17", "sceeus-034"),
    ),
    Exercise(
        id="russia-3",
        notebook=NOTEBOOK,
        title="How confident are the forecasts?",
        objective=(
            "Build an evidence table with claims_for (theme and claim type) and measure how "
            "often the sources hedge their forecasts."
        ),
        kind="auto",
        minutes=3,
        answer=unhedged_share_of_consequence_forecasts,
        match="number",
        decimals=1,
        percent=True,
        column="'hedge' column of qantar.claims_for(corpus, theme=..., claim_type=...)",
        explanation=(
            "Fewer than a third of the forecasts on the consequences of the intervention are "
            "stated flatly; most carry 'may' or 'probably', and CSP's few boosters ('certainly') "
            "are the exception. CSP also makes most of the unhedged forecasts (for example "
            "csp-055, csp-059), so the sources' confidence differs as much as their verdicts."
        ),
        hint=(
            "Build the table as the risks section does, with qantar.claims_for, but with the "
            "theme 'consequences' (main or secondary, the default) and claim_type='prediction'; "
            "then count the rows whose hedge column is 'none' and divide by all rows. Give a "
            "percentage, to one decimal."
        ),
        rows=(
            "osw-053",
            "osw-062",
            "sceeus-043",
            "csp-001",
            "csp-003",
            "csp-055",
            "csp-059",
            "csp-060",
            "ian-057",
        ),
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
        minutes=14,
        words=200,
        rubric=(
            Criterion(
                "one strategic and one political motive, each with its sources",
                2,
                "Names a countable stake and a political aim and attributes each to the right "
                "source or sources.",
                "Names both kinds of motive but attributes one wrongly or not at all.",
                "Names only one kind of motive, or none of the sources behind it.",
            ),
            Criterion(
                "how the corpus codes the evidence (figure, fact, interpretation, hedge)",
                3,
                "Says correctly which rows are figures, facts or interpretations and notes the "
                "hedges that matter.",
                "Uses the coding for one motive only, or with a mistake.",
                "Does not use the corpus coding.",
            ),
            Criterion(
                "what the evidence can and cannot show about intention",
                3,
                "Explains for each motive what the evidence shows and what it cannot show about "
                "Moscow's intentions (a stake is not a decision, a public statement is also "
                "messaging, a single source cannot be cross-checked).",
                "Discusses the limits for one motive only, or only in general terms.",
                "Treats the evidence as proof of intention.",
            ),
            Criterion(
                "at least three row ids that support the points",
                2,
                "Cites three or more row ids, each supporting the point it is attached to.",
                "Cites fewer than three ids, or one that does not support its point.",
                "Cites no row ids.",
            ),
        ),
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
        minutes=20,
        words=300,
        rubric=(
            Criterion(
                "a clear position on whether it was a net gain",
                2,
                "States a position and keeps to it through the answer.",
                "States a position only at the end or hedges it into no position.",
                "Takes no position.",
            ),
            Criterion(
                "the gains, from a source, with claim ids",
                2,
                "Supports the gains with at least one source and claim ids that back the point.",
                "Names gains with a source but no ids, or with ids that do not back the point.",
                "Names no gain from the sources.",
            ),
            Criterion(
                "the risks, from SCEEUS, CSP or IAN, with claim ids",
                2,
                "Supports the risks with at least one of SCEEUS, CSP or IAN and claim ids that "
                "back the point.",
                "Names risks with a source but no ids, or from a source that does not make them.",
                "Names no risk from the sources.",
            ),
            Criterion(
                "who bears the costs: Russia or Kazakhstan",
                2,
                "Tells costs for Russia apart from costs for Kazakhstan and weighs both in the "
                "verdict.",
                "Mentions both but does not use the difference in the verdict.",
                "Treats all costs as Russia's, or does not ask who bears them.",
            ),
            Criterion(
                "the time horizon of each source's judgement",
                2,
                "Uses the date of writing and the short- or long-term framing of the claims "
                "cited to qualify the verdict.",
                "Mentions time only in passing, for one source.",
                "Ignores when the sources wrote and over what period they judge.",
            ),
        ),
    ),
]
