"""Exercises of notebook 05 (reading the sources)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Criterion, Exercise
from .._queries import (
    _source_id,
    claim_codes,
    cohen_kappa,
    compare_reports,
    hedge_profile,
    report_spread,
)

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "05-reading-the-sources"

# The claims students code themselves in exercise sources-7; the notebook prints the same
# list (tests/test_checks.py checks it).  Their corpus codes appear nowhere in the lesson
# before the coding cell, nor in the codebook's examples (tests/test_editions.py checks the
# student edition and CODEBOOK.md).
SAMPLE_IDS = (
    "compass-035",
    "compass-050",
    "compass-087",
    "osw-014",
    "osw-055",
    "sceeus-025",
    "sceeus-040",
    "sceeus-044",
    "csp-015",
    "csp-032",
    "ian-024",
    "ian-055",
)
# The practice claims of the worked example (an invented first-time coder) and of coder B
# (sources-4): none of them is in SAMPLE_IDS.
PRACTICE_IDS = (
    "osw-019",
    "osw-054",
    "osw-043",
    "sceeus-058",
    "sceeus-072",
    "csp-030",
    "csp-003",
    "compass-044",
    "compass-016",
    "ian-027",
    "ian-003",
    "compass-014",
)
CODER_B = (
    "fact",
    "interpretation",
    "interpretation",
    "fact",
    "interpretation",
    "interpretation",
    "prediction",
    "interpretation",
    "recommendation",
    "fact",
    "interpretation",
    "interpretation",
)

# Options of sources-2, as the exercise cell lists them (the two reports of troops_total).
TROOP_TOTAL_OPTIONS = {
    "a": "they contradict each other: IAN gives the higher figure, so one of the two must be wrong",
    "b": (
        "they need not contradict each other: OSW gives a lower bound, and the figure "
        "IAN gives lies above it"
    ),
    "c": "they need not contradict each other: the as_of column dates them to different days",
    "d": (
        "they contradict each other: OSW credits officials while IAN gives the number in "
        "its own voice"
    ),
}


def widest_spread(corpus: Corpus) -> str:
    """The disputed quantity whose highest report is the largest multiple of its lowest."""
    return str(report_spread(corpus).ratio.idxmax())


def troop_total_reading(corpus: Corpus) -> str:
    """The sources-2 option that fits the two reports of the CSTO force's total size."""
    reports = compare_reports(corpus, "troops_total").sort_values("value")
    if len(reports) != 2:
        return ""
    low, high = reports.iloc[0], reports.iloc[-1]
    if not (str(low.source) == "OSW" and str(high.source) == "IAN"):
        return ""
    dated = low.as_of == low.as_of and high.as_of == high.as_of  # NaT != NaT
    if dated and low.as_of != high.as_of:
        return "c"
    if str(low.qualifier) in {"over", "at_least"} and high.value >= low.value:
        return "b"
    if str(low.qualifier) == "exact" and str(high.qualifier) == "exact":
        return "a"
    return ""


def most_allegedly(corpus: Corpus) -> str:
    """The source with the largest share of its claims hedged 'allegedly'."""
    return str(hedge_profile(corpus)["allegedly"].idxmax())


def coder_b_kappa(corpus: Corpus) -> float:
    """Cohen's kappa between coder B and the corpus on the practice claims."""
    return round(cohen_kappa(list(CODER_B), claim_codes(corpus, list(PRACTICE_IDS))), 2)


EXERCISES: list[Exercise] = [
    Exercise(
        id="sources-1",
        notebook=NOTEBOOK,
        title="The widest gap",
        objective="Compare disagreements across quantities on a common, unit-free scale.",
        kind="auto",
        minutes=3,
        answer=widest_spread,
        match="text",
        column="index of qantar.report_spread(corpus): the label of the largest ratio (.idxmax())",
        explanation=(
            "On the detention count the highest report is the largest multiple of the lowest: "
            "SCEEUS's figure against IAN's (sceeus-f03, ian-f04). The absolute differences "
            "cannot be compared, because they are in different units (people, troops, per "
            "cent)."
        ),
        hint=(
            "Do for every quantity what the lesson did for the troop totals: divide the "
            "highest report by the lowest, or take the 'ratio' column of "
            "qantar.report_spread(corpus) for all rows. Give the quantity id as a string, "
            "e.g. 'troops_total'."
        ),
        rows=("osw-f02", "sceeus-f03", "ian-f04"),
    ),
    Exercise(
        id="sources-2",
        notebook=NOTEBOOK,
        title="Two troop totals",
        objective="Read how each figure is qualified before calling two reports a contradiction.",
        kind="auto",
        minutes=3,
        answer=troop_total_reading,
        match="choice",
        choices="abcd",
        options=TROOP_TOTAL_OPTIONS,
        option_hints={
            "a": (
                "(a): a higher figure contradicts a lower one only if both are exact; read the "
                "qualifier column of compare_reports(corpus, 'troops_total')."
            ),
            "b": (
                "(b): read the qualifier and as_of columns of "
                "compare_reports(corpus, 'troops_total') with the four questions."
            ),
            "c": (
                "(c): look at the as_of column of compare_reports(corpus, 'troops_total'): "
                "does it give a date for either report?"
            ),
            "d": (
                "(d): who is credited tells you on whose word a number stands, not whether two "
                "numbers can both be true; read the qualifier column."
            ),
        },
        explanation=(
            "OSW passes on the official figure as 'over' 2,000 troops (osw-f05), a lower "
            "bound; IAN's 2,500 in its own voice (ian-f01) lies above it, so both can be "
            "true at once. Neither report has an as_of date. A difference in attribution "
            "tells you how far to trust each number, not that they contradict each other."
        ),
        hint=(
            "Apply the four questions to qantar.compare_reports(corpus, 'troops_total'): the "
            "question 'How exact?' (the qualifier column) decides whether two different "
            "numbers can both be true; check the as_of column too."
        ),
        rows=("osw-f05", "ian-f01"),
    ),
    Exercise(
        id="sources-3",
        notebook=NOTEBOOK,
        title="Who says 'allegedly'?",
        objective="Use the hedge coding to compare how sources distance themselves from claims.",
        kind="auto",
        minutes=2,
        answer=most_allegedly,
        match="text",
        normalize=_source_id,
        column=(
            "'allegedly' column of qantar.hedge_profile(corpus) (shares): the label of its "
            "largest value (.idxmax())"
        ),
        explanation=(
            "OSW marks the largest share of its claims with 'allegedly', most of them parts "
            "of the Kazakh authorities' account of foreign-backed terrorists and the charge "
            "against the energy companies: the hedge reports a claim while signalling that "
            "OSW does not vouch for it. Raw counts favour the longer texts, such as the "
            "COMPASS brief: shares, not counts, compare sources of different length."
        ),
        hint=(
            "The lesson showed counts; shares divide each count by the source's number of "
            "claims. qantar.hedge_profile(corpus) (without normalize=False) gives the shares: "
            "look at the 'allegedly' column and give the source's name."
        ),
        rows=("osw-025", "osw-026", "osw-039"),
    ),
    Exercise(
        id="sources-4",
        notebook=NOTEBOOK,
        title="Coder B against the corpus",
        objective="Compute Cohen's kappa and explain why it is lower than percent agreement.",
        kind="auto",
        minutes=4,
        answer=coder_b_kappa,
        match="number",
        decimals=2,
        explanation=(
            "Kappa discounts the agreement two coders would reach by chance given how often "
            "each uses each category, so it is always lower than percent agreement unless "
            "agreement is perfect. Coder B's disagreements sit on the border between fact and "
            "interpretation and between prediction and interpretation."
        ),
        hint=(
            "Do for coder B what the lesson did for the invented coder: get the corpus codes "
            "with qantar.claim_codes(corpus, practice_ids), then call "
            "qantar.cohen_kappa(coder_b, practice_codes) and round to two decimals."
        ),
        rows=PRACTICE_IDS,
    ),
    Exercise(
        id="sources-5",
        notebook=NOTEBOOK,
        title="Two death tolls",
        objective=(
            "Explain a numerical disagreement between sources by date of writing, attribution, "
            "qualifier and what is counted."
        ),
        kind="short_answer",
        minutes=14,
        words=150,
        rubric=(
            Criterion(
                "When each was written and dated",
                2,
                "Compares the dates of writing and says whether either figure is dated by as_of.",
                "Gives the dates of writing but not whether the figures are dated, or the reverse.",
                "Says nothing about dates.",
            ),
            Criterion(
                "On whose word, and how far trusted",
                3,
                "Says whom each source credits and what each says about how reliable its "
                "number is.",
                "Gives the attribution of each but not what a source says about its "
                "reliability, or the reverse.",
                "Says nothing about attribution.",
            ),
            Criterion(
                "Qualifier and what is counted",
                3,
                "Explains each figure's qualifier and what each counts, from the subject and note.",
                "Explains the qualifiers or what is counted, not both.",
                "Explains neither.",
            ),
            Criterion(
                "A justified conclusion",
                2,
                "Concludes whether the two figures contradict each other, with a reason drawn "
                "from the comparison.",
                "Concludes without a reason, or gives reasons without a conclusion.",
                "Reaches no conclusion.",
            ),
        ),
    ),
    Exercise(
        id="sources-6",
        notebook=NOTEBOOK,
        title="Where each source stands",
        objective="Relate what each source stresses to its publisher, audience and genre.",
        kind="discussion",
        minutes=21,
        words=300,
        rubric=(
            Criterion(
                "Vantage point linked to emphasis",
                4,
                "For each of three sources, links a specific feature of its vantage point "
                "(publisher, audience, genre or date) to what it stresses.",
                "Makes the link for one or two sources only, or names features without "
                "linking them to what the source stresses.",
                "Describes the sources without relating them to their vantage point.",
            ),
            Criterion(
                "What each leaves aside",
                2,
                "Names what each source leaves aside or underplays, with evidence.",
                "Names what some sources leave aside, or gives no evidence.",
                "Names nothing a source leaves aside.",
            ),
            Criterion(
                "Corpus evidence for each source",
                2,
                "Cites at least one claim id and the coverage table or a figure of the lesson "
                "for each source.",
                "Cites evidence for some sources only.",
                "Cites no evidence from the corpus.",
            ),
            Criterion(
                "What reading them together gains",
                2,
                "Ends with a reasoned sentence on what a reader gains by reading the sources "
                "together.",
                "Ends with such a sentence but gives no reason.",
                "Has no such sentence.",
            ),
        ),
    ),
    Exercise(
        id="sources-7",
        notebook=NOTEBOOK,
        title="Your coding against the corpus",
        objective=(
            "Code claims with the codebook's categories, measure agreement with the corpus and "
            "reflect on where and why coders disagree."
        ),
        kind="short_answer",
        minutes=28,
        words=200,
        rubric=(
            Criterion(
                "Agreement and kappa, and why kappa is lower",
                2,
                "Reports percent agreement and kappa for the student's own codes and says why "
                "kappa is lower.",
                "Reports the two measures but does not say why kappa is lower, or reports "
                "only one.",
                "Reports neither measure.",
            ),
            Criterion(
                "What made two disagreements hard",
                2,
                "For two claims coded differently from the corpus, says what made each hard "
                "to code.",
                "Does so for one claim only, or without saying what made it hard.",
                "Discusses no disagreement.",
            ),
            Criterion(
                "The codebook rule that decides each",
                3,
                "Applies the codebook rule that decides each of the two claims (fact or "
                "interpretation, reported assertions, interpretation or prediction, "
                "prediction or recommendation).",
                "Names a rule for one claim only, or names rules without applying them.",
                "Applies no rule of the codebook.",
            ),
            Criterion(
                "A reasoned position on the corpus coding",
                2,
                "Says, with a reason, whether the corpus coding is right or proposes a "
                "clearer rule.",
                "Takes a position without a reason.",
                "Takes no position.",
            ),
            Criterion(
                "How the summaries' wording steered you",
                1,
                "Says how the wording of the summaries helped or steered the coding, with an "
                "example.",
                "Mentions the wording without an example.",
                "Does not mention it.",
            ),
        ),
    ),
]
