"""Exercises of notebook 05 (reading the sources)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from .._checks import Exercise
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

# The claims students code in the notebook, and coder B's codes of them (sources-4);
# the notebook prints the same lists (tests/test_lessons_belarus_sources.py checks it).
SAMPLE_IDS = (
    "compass-073",
    "compass-083",
    "compass-090",
    "osw-014",
    "osw-039",
    "osw-061",
    "sceeus-025",
    "sceeus-050",
    "sceeus-053",
    "csp-044",
    "csp-061",
    "ian-068",
)
CODER_B = (
    "interpretation",
    "interpretation",
    "recommendation",
    "interpretation",
    "interpretation",
    "prediction",
    "fact",
    "prediction",
    "fact",
    "interpretation",
    "interpretation",
    "prediction",
)

# Options of sources-2, as printed in the notebook.
DETENTION_PATTERNS = {
    "a": "each later source gives a higher figure",
    "b": "the figure rises from the first source to the second, then the last source is lowest",
    "c": "each later source gives a lower figure",
    "d": "every source gives the same figure",
}


def widest_spread(corpus: Corpus) -> str:
    """The disputed quantity whose highest report is the largest multiple of its lowest."""
    return str(report_spread(corpus).ratio.idxmax())


def detention_pattern(corpus: Corpus) -> str:
    """The sources-2 option describing the detention figures in order of publication."""
    values = compare_reports(corpus, "detained_total").value.tolist()
    steps = [later - earlier for earlier, later in pairwise(values)]
    if all(step == 0 for step in steps):
        return "d"
    if all(step > 0 for step in steps):
        return "a"
    if all(step < 0 for step in steps):
        return "c"
    if len(steps) == 2 and steps[0] > 0 > steps[1] and values[-1] == min(values):
        return "b"
    return ""


def most_allegedly(corpus: Corpus) -> str:
    """The source with the largest share of its claims hedged 'allegedly'."""
    return str(hedge_profile(corpus)["allegedly"].idxmax())


def coder_b_kappa(corpus: Corpus) -> float:
    """Cohen's kappa between coder B and the corpus on the sample of claims."""
    return round(cohen_kappa(list(CODER_B), claim_codes(corpus, list(SAMPLE_IDS))), 2)


EXERCISES: list[Exercise] = [
    Exercise(
        id="sources-1",
        notebook=NOTEBOOK,
        title="The widest gap",
        objective="Compare disagreements across quantities on a common, unit-free scale.",
        kind="auto",
        minutes=5,
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
            "Use qantar.report_spread(corpus): the 'ratio' column divides each quantity's "
            "highest report by its lowest. Give the quantity id as a string, e.g. "
            "'troops_total'."
        ),
        rows=("osw-f02", "sceeus-f03", "ian-f04"),
    ),
    Exercise(
        id="sources-2",
        notebook=NOTEBOOK,
        title="Detentions in order of publication",
        objective="Separate the date a source was written from the date its figure refers to.",
        kind="auto",
        minutes=5,
        answer=detention_pattern,
        match="choice",
        choices="abcd",
        option_hints={
            "a": (
                "(a) says every step goes up: read the value column of "
                "compare_reports(corpus, 'detained_total') down to its last row."
            ),
            "b": (
                "(b): read the value column from top to bottom and compare each figure with the "
                "one before it."
            ),
            "c": (
                "(c) says every step goes down: compare the first figure in the value column "
                "with the second."
            ),
            "d": "(d) says the figures are equal: are all the values in the value column the same?",
        },
        explanation=(
            "OSW and SCEEUS, published first, give rising figures, but IAN, published last, "
            "gives the lowest: it quotes an Interior Ministry count dated before either of "
            "the others was published (the as_of column of ian-f04). The date of writing is "
            "not the date of the number."
        ),
        hint=(
            "qantar.compare_reports(corpus, 'detained_total') sorts the reports by the "
            "source's publication date: read the value column from top to bottom, then look "
            "at the as_of column."
        ),
        rows=("osw-f02", "sceeus-f03", "ian-f04"),
    ),
    Exercise(
        id="sources-3",
        notebook=NOTEBOOK,
        title="Who says 'allegedly'?",
        objective="Use the hedge coding to compare how sources distance themselves from claims.",
        kind="auto",
        minutes=4,
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
            "qantar.hedge_profile(corpus) gives each source's share of claims per hedge; "
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
        minutes=8,
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
            "Get the corpus codes with qantar.claim_codes(corpus, sample_ids), then call "
            "qantar.cohen_kappa(coder_b, corpus_codes) and round to two decimals."
        ),
        rows=SAMPLE_IDS,
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
        minutes=10,
    ),
    Exercise(
        id="sources-6",
        notebook=NOTEBOOK,
        title="Where each source stands",
        objective="Relate what each source stresses to its publisher, audience and genre.",
        kind="discussion",
        minutes=15,
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
        minutes=20,
    ),
]
