"""Exercises of notebook 04 (what the crisis meant for Belarus)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._checks import Criterion, Exercise
from .._queries import _source_id, claim_codes, claims_for, compare_reports

if TYPE_CHECKING:
    from .._corpus import Corpus

NOTEBOOK = "04-belarus-impact"

# The quantity of belarus-1: the lesson works through troops_belarus, the exercise takes
# the other contingent SCEEUS names alongside Belarus's.
ARMENIA_QUANTITY = "troops_armenia"

# Options of belarus-2, as the exercise cell lists them: letter -> (type of the CSP claim,
# type of the SCEEUS claim).  The lesson's worked example is compass-075 and compass-076.
BELARUS_TYPE_OPTIONS = {
    "a": ("fact", "fact"),
    "b": ("fact", "interpretation"),
    "c": ("interpretation", "interpretation"),
    "d": ("interpretation", "fact"),
}
BELARUS_TYPE_CLAIMS = ("csp-028", "sceeus-042")

# The two events of belarus-3: the Belarusian contingent's deployment and the CSTO's
# decision to send the force.  The lesson's worked example is the migration crisis (e024)
# against the Ryanair landing (e027).
DEPLOYMENT_EVENT = "e063"
DECISION_EVENT = "e060"

# The figure of belarus-7 (a plausibility check against the context table).
DOUBTFUL_FIGURE = "compass-f05"


def armenia_troop_sources(corpus: Corpus) -> set[str]:
    """Sources that report the size of the Armenian contingent."""
    return set(
        compare_reports(corpus, ARMENIA_QUANTITY).source.map(lambda s: _source_id(corpus, s))
    )


def belarus_type_option(corpus: Corpus) -> str:
    """The belarus-2 option matching the corpus coding of the two claims."""
    codes = tuple(claim_codes(corpus, list(BELARUS_TYPE_CLAIMS)))
    found = [letter for letter, pair in BELARUS_TYPE_OPTIONS.items() if pair == codes]
    return found[0] if found else ""


def deployment_first_reason(corpus: Corpus) -> str:
    """Why a date-sorted timeline puts the deployment before the decision to deploy.

    Option (b), coarse dating, holds when the deployment is dated less precisely
    than to the day and so sits on the first day of its period, ahead of the
    decision.
    """
    events = corpus.events.set_index("event_id")
    deployment, decision = events.loc[DEPLOYMENT_EVENT], events.loc[DECISION_EVENT]
    coarse = str(deployment.date_precision) != "day"
    return "b" if coarse and deployment.date < decision.date else ""


def belarus_interpretation_share(corpus: Corpus) -> float:
    """Per cent of COMPASS's belarus_impact claims coded as interpretations (one decimal).

    Secondary themes count, as in ``claims_for``.
    """
    found = claims_for(corpus, theme="belarus_impact", source="compass")
    return round(100 * float((found.claim_type == "interpretation").mean()), 1)


_TYPE_OPTIONS_TEXT = {
    "a": "fact, fact",
    "b": "fact, interpretation",
    "c": "interpretation, interpretation",
    "d": "interpretation, fact",
}

EXERCISES: list[Exercise] = [
    Exercise(
        id="belarus-1",
        notebook=NOTEBOOK,
        title="Who counts the Armenian soldiers?",
        objective=(
            "Find every source that reports a quantity and compare whom each credits for it."
        ),
        kind="auto",
        minutes=2,
        answer=armenia_troop_sources,
        match="set",
        normalize=_source_id,
        column="'source' column of qantar.compare_reports(corpus, 'troops_armenia')",
        explanation=(
            "SCEEUS, CSP and IAN report the Armenian contingent (sceeus-f08, csp-f10, "
            "ian-f02). SCEEUS and CSP give the same number, one crediting unnamed reports, the "
            "other official figures; IAN gives a higher one, also as official. As with the "
            "Belarusian soldiers, the same authority can stand behind different numbers and "
            "different authorities behind the same one."
        ),
        hint=(
            "Do for the Armenian contingent what the lesson did for the Belarusian one: run "
            "qantar.compare_reports with the quantity the exercise names and list its "
            "'source' column."
        ),
        rows=("sceeus-f08", "csp-f10", "ian-f02"),
    ),
    Exercise(
        id="belarus-2",
        notebook=NOTEBOOK,
        title="A missile supply and a comparison",
        objective="Tell a checkable statement of fact from the interpretation built on it.",
        kind="auto",
        minutes=2,
        answer=belarus_type_option,
        match="choice",
        choices="abcd",
        options=_TYPE_OPTIONS_TEXT,
        option_hints={
            "a": (
                "(a) codes both claims as facts: could a reader check a likening of one "
                "country's situation to another's against a record? Look up each claim's code."
            ),
            "b": (
                "(b): look up each claim's code with qantar.claim_codes, in the order the "
                "exercise gives them."
            ),
            "c": (
                "(c) codes both claims as interpretations: could a reader check a supply of "
                "weapons against trade or military records? Look up each claim's code."
            ),
            "d": (
                "(d): look up each claim's code with qantar.claim_codes, in the order the "
                "exercise gives them, and ask of each which a reader could check against a "
                "record."
            ),
        },
        explanation=(
            "That Belarus kept supplying Azerbaijan with rocket-launcher missiles is a "
            "statement that records of the arms trade could confirm or refute, so csp-028 is "
            "coded as a fact. Likening the outcome in Kazakhstan to Belarus after 2020 and "
            "Armenia after 2020 is SCEEUS's reading of what the events have in common, so "
            "sceeus-042 is coded as an interpretation."
        ),
        hint=(
            "Apply the test the lesson used for the neutrality clause: could a reader check the "
            "claim against a record? Then compare with the claim_type column, e.g. "
            "qantar.claim_codes(corpus, [...]) with the two ids in the exercise's order."
        ),
        rows=BELARUS_TYPE_CLAIMS,
    ),
    Exercise(
        id="belarus-3",
        notebook=NOTEBOOK,
        title="Deployed before the decision?",
        objective="Read a timeline with attention to how precisely each event is dated.",
        kind="auto",
        minutes=3,
        answer=deployment_first_reason,
        match="choice",
        choices="abcd",
        options={
            "a": "COMPASS says Belarus deployed its soldiers before the CSTO decided to intervene",
            "b": (
                "the deployment is dated only to its month, so it is placed on the first day "
                "of that month"
            ),
            "c": "the events table is sorted by event id, not by date",
            "d": (
                "the deployment is dated by its publication in the brief, not by when it happened"
            ),
        },
        option_hints={
            "a": (
                "(a): the order on a timeline comes from the events table's date column, not "
                "from what a source says about order; look at the two events' rows."
            ),
            "b": (
                "(b): compare the date and the date_precision of the two events in the events "
                "table."
            ),
            "c": (
                "(c): a timeline places events by their date, whatever their ids; compare the "
                "two events' date columns."
            ),
            "d": (
                "(d): the events table dates an event by when it happened, not by when a source "
                "wrote about it; look at the date_precision column of the two events."
            ),
        },
        explanation=(
            "No source gives the day the Belarusian unit left, so the corpus dates the "
            "deployment only to January 2022 (date_precision 'month'), and an event dated to a "
            "month is placed on its first day, ahead of the decision of 5/6 January. It is the "
            "same trap as the migration crisis in the lesson: sorting by date is only as "
            "precise as the least precise date."
        ),
        hint=(
            "Do what the lesson did for the migration crisis and the Ryanair landing: compare "
            "the date and date_precision columns of the two events the exercise names in "
            "corpus.events."
        ),
        rows=("compass-010", "sceeus-046"),
    ),
    Exercise(
        id="belarus-4",
        notebook=NOTEBOOK,
        title="How much of the brief's Belarus is interpretation?",
        objective=(
            "Build an evidence table with a query by theme and source and measure its mix of "
            "claim types."
        ),
        kind="auto",
        minutes=2,
        answer=belarus_interpretation_share,
        match="number",
        decimals=1,
        percent=True,
        column="claim_type column of the claims_for table: the share of 'interpretation'",
        explanation=(
            "Of COMPASS's claims that carry belarus_impact as their main or a further theme, "
            "a little under three in five are interpretations and under a third are facts. "
            "The share, not the count, is what can be compared with another selection, such "
            "as the claims about Lukashenka the lesson tabulated."
        ),
        hint=(
            "Build the table with qantar.claims_for, giving the theme and the source (secondary "
            "themes count), then take the share of rows whose claim_type is 'interpretation', "
            "in per cent, to one decimal."
        ),
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
        minutes=16,
        words=200,
        rubric=(
            Criterion(
                "Expectations from publisher and genre",
                3,
                "Relates the publisher and the policy-brief genre to concrete expectations "
                "about the account, without concluding that it is therefore false.",
                "Names the publisher or the genre but draws no concrete expectation, or "
                "concludes that the vantage point makes the account false.",
                "Says nothing about who published the brief or what kind of text it is.",
            ),
            Criterion(
                "A corroborated statement, with both rows",
                2,
                "Gives a statement about Belarus that another source also makes, citing the "
                "row of each source.",
                "Gives a shared statement but cites only one of the two rows.",
                "Gives no statement, or one that no other source makes.",
            ),
            Criterion(
                "A statement on COMPASS alone",
                2,
                "Gives a statement that rests on COMPASS alone, with its row, and says how it "
                "was checked that no other source makes it.",
                "Gives such a statement without showing that the other sources lack it.",
                "Gives no statement, or one that another source also makes.",
            ),
            Criterion(
                "Evidence that would test an interpretation",
                3,
                "Names concrete evidence that could test the chosen interpretation about "
                "Lukashenka and says what public statements can and cannot show.",
                "Names evidence only vaguely, or does not say what it could show.",
                "Names no evidence, or picks a statement of fact rather than an interpretation.",
            ),
        ),
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
        minutes=17,
        words=250,
        rubric=(
            Criterion(
                "Facts apart from interpretations",
                3,
                "Separates the factual basis from the interpretations and evaluations the "
                "recommendations rely on, citing rows for each.",
                "Separates them only in part, or without citing rows.",
                "Treats the brief's evidence as all of one kind.",
            ),
            Criterion(
                "Shared or on the brief alone",
                2,
                "Says which supporting rows other sources share and which rest on the brief alone.",
                "Says this for some rows only, or without checking the other sources.",
                "Does not ask whether other sources share the evidence.",
            ),
            Criterion(
                "Engaging with the CSTO against warning about it",
                2,
                "Addresses the tension between the call to engage with the CSTO and the "
                "warning about it, with a reasoned view.",
                "Mentions the tension without a view on it.",
                "Does not mention it.",
            ),
            Criterion(
                "Another vantage point",
                2,
                "Brings in another source's perspective and says how it would change the "
                "recommendations.",
                "Brings in another source without saying what it changes.",
                "Brings in no other source.",
            ),
            Criterion(
                "A clear, attributed position",
                1,
                "Takes a clear position and argues it, attributing every interpretation to "
                "whoever makes it.",
                "Takes a position but leaves it unclear or blurs whose judgement is whose.",
                "Takes no position.",
            ),
        ),
    ),
    Exercise(
        id="belarus-7",
        notebook=NOTEBOOK,
        title="Is the figure plausible?",
        objective=(
            "Check a source's figure against an outside reference point and judge its "
            "plausibility without correcting the source."
        ),
        kind="short_answer",
        minutes=12,
        words=150,
        rubric=(
            Criterion(
                "The figure as the source gives it",
                2,
                "States what the brief's figure counts, in whose voice, with what date and "
                "qualifier, citing its row.",
                "States the number but not what it counts, or not on whose word it stands.",
                "Does not say what the brief reports.",
            ),
            Criterion(
                "The outside reference point",
                3,
                "Finds the context row that bears on the figure and states what it reports, "
                "who published it and when, citing its id.",
                "Uses the context row but leaves out its publisher or its date.",
                "Uses no outside reference point, or one from memory without a source.",
            ),
            Criterion(
                "A reasoned comparison",
                3,
                "Compares the two like for like (what each counts, where, on what date) and "
                "judges how plausible the brief's figure is, offering a possible reading of "
                "what the brief meant.",
                "Compares the two numbers without asking whether they count the same thing, "
                "or judges without comparing.",
                "Makes no comparison.",
            ),
            Criterion(
                "What would settle it",
                2,
                "Names a kind of record that could settle the question and says why the "
                "course keeps the source's number.",
                "Names a record or explains why the number is kept, not both.",
                "Does neither.",
            ),
        ),
    ),
]
