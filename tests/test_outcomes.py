"""The outcomes table (corpus 1.2.0): what became of every prediction, judged from context rows.

Every claim coded ``prediction`` has exactly one outcome; a settled outcome names its
evidence; every piece of evidence is a context row published after the prediction and by
the day the outcome was judged; the codebook defines each code with a real example.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import qantar

DATA = qantar.data_dir()
CORPUS = qantar.load_corpus()
OUTCOMES = CORPUS.outcomes
CONTEXT = CORPUS.context.set_index("context_id")
CLAIMS = CORPUS.claims.set_index("claim_id")
PUBLISHED = CORPUS.sources.set_index("source_id").published
CODES = ["came_true", "partly", "did_not_happen", "not_yet_decidable", "not_checkable"]
SETTLED = {"came_true", "partly", "did_not_happen"}
CODEBOOK = (DATA / "CODEBOOK.md").read_text(encoding="utf-8")


def test_every_prediction_has_exactly_one_outcome() -> None:
    predictions = set(CORPUS.claims.claim_id[CORPUS.claims.claim_type == "prediction"])
    assert len(predictions) > 0
    assert OUTCOMES.claim_id.is_unique
    assert set(OUTCOMES.claim_id) == predictions


def test_outcome_codes_and_types() -> None:
    assert list(OUTCOMES.outcome.cat.categories) == CODES
    assert OUTCOMES.outcome.notna().all()
    assert OUTCOMES.contested.dtype == bool
    assert OUTCOMES.judged_on.dtype == "datetime64[ns]"
    # judged after every source was written, and not in the future
    assert (OUTCOMES.judged_on > PUBLISHED.max()).all()
    assert (OUTCOMES.judged_on <= pd.Timestamp.today()).all()


def test_every_cited_context_row_exists() -> None:
    cited = {item for items in OUTCOMES.context_ids for item in items}
    assert cited
    assert cited <= set(CONTEXT.index)


@pytest.mark.parametrize("row", OUTCOMES.to_dict("records"), ids=list(OUTCOMES.claim_id))
def test_evidence_is_present_where_required_and_dated_in_between(row: dict[str, object]) -> None:
    ids = row["context_ids"]
    assert isinstance(ids, list)
    if row["outcome"] in SETTLED:
        assert ids, f"{row['claim_id']} is {row['outcome']} but cites no evidence"
    source_date = PUBLISHED[CLAIMS.loc[row["claim_id"], "source_id"]]
    for ctx in ids:
        published = CONTEXT.loc[ctx, "published"]
        # a page from before the forecast cannot test it; one from after the judgement was unseen
        assert published > source_date, (row["claim_id"], ctx)
        assert published <= row["judged_on"], (row["claim_id"], ctx)


@pytest.mark.parametrize("row", OUTCOMES.to_dict("records"), ids=list(OUTCOMES.claim_id))
def test_explanation_is_one_to_three_sentences(row: dict[str, object]) -> None:
    text = str(row["explanation"]).strip()
    sentences = re.findall(r"[.!?](?=\s+[A-Z]|$)", text)
    assert 1 <= len(sentences) <= 3, text


def test_the_lesson_topics_are_covered_and_bear_on_claims() -> None:
    # lesson 06 needs these later events, each tied to the corpus
    claims = set(CORPUS.claims.claim_id)
    for topic in [
        "ukraine_war",
        "belarus_constitution",
        "kazakhstan_politics",
        "nazarbayev_circle",
        "armenia_csto",
    ]:
        rows = CONTEXT[CONTEXT.topic == topic]
        assert len(rows) >= 1, topic
        assert any(set(items) & claims for items in rows.bears_on), topic


def test_every_code_is_defined_in_the_codebook_with_a_real_example() -> None:
    section = CODEBOOK.split("## Outcomes: judging the predictions", 1)[1].split("\n## ", 1)[0]
    codes = OUTCOMES.set_index("claim_id").outcome
    for code in CODES:
        bullet = re.search(
            rf"^- \*\*`{code}`\*\*:(.*?)(?=^- \*\*|^###|\Z)", section, re.MULTILINE | re.DOTALL
        )
        assert bullet, f"no definition of {code}"
        examples = [e for e in re.findall(r"`([a-z]+-\d{3})`", bullet.group(1)) if e in codes]
        assert examples, f"{code} has no example row"
        assert codes[examples[0]] == code, (code, examples[0])


def test_every_outcomes_field_is_described() -> None:
    for column in OUTCOMES.columns:
        assert len(CORPUS.describe_field("outcomes", column).split()) >= 5, column


def test_contested_rows_say_where_the_reading_divides() -> None:
    contested = OUTCOMES[OUTCOMES.contested]
    assert len(contested) > 0
    for row in contested.itertuples():
        assert row.note, f"{row.claim_id} is contested without a note"
        assert str(row.note).strip(), row.claim_id


def test_a_corpus_without_outcomes_still_loads(tmp_path: Path) -> None:
    # an instructor's corpus may leave the table out; the outcome rules then do not apply
    target = tmp_path / "corpus"
    shutil.copytree(DATA, target)
    (target / "outcomes.csv").unlink()
    package = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "outcomes"]
    (target / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert qantar.validate(target) == []
    assert "outcomes" not in qantar.load_corpus(target).names
