"""Exercises of notebook 06 (hindsight: what became of the sources' predictions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Criterion, Exercise
from .._queries import outcome_counts

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "06-hindsight"

#: Outcomes that settle a prediction one way or the other (the others leave it open).
DECIDED = ("came_true", "partly", "did_not_happen")

#: The predictions students judge themselves in the notebook (hindsight-5), before the
#: lesson shows any outcome; the notebook prints the same list.
CODING_IDS = ("osw-040", "compass-089", "sceeus-068")


#: The theme of hindsight-1: the lesson counts outcomes by source; the exercise by theme.
HELD_UP_THEME = "russia_role"


def theme_held_up(corpus: Corpus) -> float:
    """Percentage of the decided predictions on Russia's role that came true at least in part."""
    counts = outcome_counts(corpus, by="theme").to_dict("index")[HELD_UP_THEME]
    decided = [int(counts[code]) for code in DECIDED]
    held = int(counts["came_true"]) + int(counts["partly"])
    return round(100 * held / sum(decided), 1)


def hedged_failed(corpus: Corpus) -> float:
    """Percentage of the decided hedged predictions that did not happen."""
    table = outcome_counts(corpus, by="hedge_group")
    counts = table.to_dict("index")["hedged"]
    row = [int(counts[code]) for code in DECIDED]
    return round(100 * row[DECIDED.index("did_not_happen")] / sum(row), 1)


EXERCISES: list[Exercise] = [
    Exercise(
        id="hindsight-1",
        notebook=NOTEBOOK,
        title="How many settled forecasts on Russia's role held up?",
        objective=(
            "Separate the predictions that later evidence settles from those it leaves open, "
            "and measure how many of the settled ones held up."
        ),
        kind="auto",
        minutes=4,
        answer=theme_held_up,
        match="number",
        decimals=1,
        percent=True,
        column="'russia_role' row of qantar.outcome_counts(corpus, by='theme')",
        explanation=(
            "Only predictions coded came_true, partly or did_not_happen are settled by the "
            "evidence; not_yet_decidable and not_checkable ones say nothing about accuracy "
            "and must be left out of the denominator. Most settled forecasts on Russia's role "
            "held up at least in part, most of them only partly, and fewer than half of the "
            "forecasts on that theme are settled at all: a 'success rate' over all of them "
            "would mislead, and a handful of predictions is too few to rank a theme."
        ),
        hint=(
            "Count the outcomes by theme with qantar.outcome_counts(corpus, by='theme'), take "
            "the russia_role row, divide came_true plus partly by the sum of came_true, partly "
            "and did_not_happen, and give the percentage to one decimal."
        ),
    ),
    Exercise(
        id="hindsight-2",
        notebook=NOTEBOOK,
        title="Do hedged forecasts fail less?",
        objective=(
            "Compare outcomes across groups of different sizes with shares of the settled "
            "predictions, not with raw counts."
        ),
        kind="auto",
        minutes=4,
        answer=hedged_failed,
        match="number",
        decimals=1,
        percent=True,
        column="'hedged' row of qantar.outcome_counts(corpus, by='hedge_group')",
        explanation=(
            "That is the share of the settled hedged predictions that did not happen; compute "
            "the same share for the flat row to compare the two groups. A hedge does not make "
            "a forecast safer to judge: the codebook judges 'X may happen' on X. Remember too "
            "how few predictions each group holds once the unsettled ones are left out."
        ),
        hint=(
            "Take the 'hedged' row of qantar.outcome_counts(corpus, by='hedge_group'), keep "
            "only came_true, partly and did_not_happen, and divide did_not_happen by their "
            "sum; give the percentage to one decimal."
        ),
    ),
    Exercise(
        id="hindsight-3",
        notebook=NOTEBOOK,
        title="A reasonable forecast that failed",
        objective=(
            "Judge a forecast by what could be known when it was made, separating its "
            "outcome from the quality of its reasoning."
        ),
        kind="short_answer",
        minutes=10,
        words=200,
        rubric=(
            Criterion(
                "What the source knew on its date",
                3,
                "Names at least two things the source could know on its publication date "
                "that supported the forecast, citing claim or event ids of the corpus.",
                "Names one such thing, or several without citing any row.",
                "Judges the forecast only by what happened afterwards.",
            ),
            Criterion(
                "What happened, with its evidence",
                2,
                "States what happened and when, citing the context rows of the outcome.",
                "States what happened without citing the evidence, or cites it inexactly.",
                "Does not say what happened, or says it from memory.",
            ),
            Criterion(
                "Reasoning apart from outcome",
                3,
                "Argues explicitly whether the forecast was reasonable on the evidence of "
                "its date, separately from whether it came true, and names hindsight bias.",
                "Touches on the difference but lets the outcome decide the verdict.",
                "Equates a failed forecast with a bad one.",
            ),
            Criterion(
                "What would have made it better",
                2,
                "Says what wording or condition would have made the forecast more useful "
                "(a period, a condition, a probability) without claiming it was knowable.",
                "Suggests an improvement only vaguely.",
                "Suggests nothing.",
            ),
        ),
    ),
    Exercise(
        id="hindsight-4",
        notebook=NOTEBOOK,
        title="Contested outcomes",
        objective=(
            "Explain why an outcome can be contested and argue for a reading, attributing "
            "every interpretation to whoever makes it."
        ),
        kind="discussion",
        minutes=15,
        words=300,
        rubric=(
            Criterion(
                "Why it is contested",
                3,
                "Identifies whether the pages disagree about what happened or the "
                "prediction's terms can be read two ways, citing the outcome's note and rows.",
                "Says the outcome is contested without saying why.",
                "Treats the corpus's code as settled fact.",
            ),
            Criterion(
                "The case for another code",
                3,
                "Builds the strongest case for a different outcome code from the same "
                "evidence, with the context ids.",
                "Proposes another code without grounding it in the evidence.",
                "Does not consider another code.",
            ),
            Criterion(
                "Attributed interpretations",
                2,
                "Attributes every interpretation to the source, the page or the course, and "
                "keeps what happened apart from who was right.",
                "Attributes some interpretations but not all.",
                "Presents interpretations as facts.",
            ),
            Criterion(
                "A reasoned position",
                2,
                "Takes a clear position on the code, or on whether the prediction can be "
                "judged at all, with a reason a seminar could test.",
                "Takes a position without a reason.",
                "Takes no position.",
            ),
        ),
    ),
    Exercise(
        id="hindsight-5",
        notebook=NOTEBOOK,
        title="Your outcome codes against the corpus",
        objective=(
            "Code the outcome of predictions from the evidence with the codebook's rules, "
            "measure agreement with the corpus and explain where coders differ."
        ),
        kind="short_answer",
        minutes=14,
        words=200,
        rubric=(
            Criterion(
                "Agreement reported and read",
                2,
                "Reports percent agreement and kappa for the student's own codes and says "
                "why kappa on three items is an unstable measure.",
                "Reports the two numbers without reading them.",
                "Reports no agreement.",
            ),
            Criterion(
                "The codebook's rules applied",
                3,
                "For each prediction, names the rule of the codebook's Outcomes section that "
                "decides the code (parts, period, hedges, conditions).",
                "Names a rule for some predictions only.",
                "Codes by impression, naming no rule.",
            ),
            Criterion(
                "Disagreements explained",
                3,
                "For each disagreement with the corpus, says what made the prediction hard "
                "and whether the student still holds their code, with the context ids.",
                "Notes the disagreements without explaining them.",
                "Ignores the disagreements, or there were none and nothing is said of why.",
            ),
            Criterion(
                "Hindsight in one's own coding",
                2,
                "Reflects on how knowing later events, or the corpus's explanations, may have "
                "steered the student's codes.",
                "Mentions the risk only in passing.",
                "Does not reflect on it.",
            ),
        ),
    ),
    Exercise(
        id="hindsight-6",
        notebook=NOTEBOOK,
        title="What the sources could not know",
        objective=(
            "Relate an event after January 2022 to the forecasts it settled, and tell what "
            "it changes about reading the sources today."
        ),
        kind="short_answer",
        minutes=10,
        words=200,
        rubric=(
            Criterion(
                "A later event, with its page",
                2,
                "Describes one later event from the context table in the student's own "
                "words, with its context id, publisher and date.",
                "Describes the event without its id or page.",
                "Describes an event from memory, or none.",
            ),
            Criterion(
                "The forecasts it bears on",
                3,
                "Names at least two predictions whose outcome this event decides or informs, "
                "with their ids and codes.",
                "Names one such prediction.",
                "Names none.",
            ),
            Criterion(
                "Foreseeable or not",
                3,
                "Argues whether a careful reader in January 2022 could have foreseen the "
                "event, citing what the sources did say.",
                "Gives a view without citing the sources.",
                "Does not address it.",
            ),
            Criterion(
                "Outside the five sources",
                2,
                "Keeps the event apart from the sources' own claims and says why the corpus "
                "records it separately.",
                "Mentions the difference only in passing.",
                "Treats the later event as something a source said.",
            ),
        ),
    ),
]
