"""The context table, event dates and the changelog (corpus 1.1.0).

Outside facts enter the corpus only through ``context.csv``; every row must be
followable (an http(s) address, a publisher, a publication date) and dated
sensibly.  Events say where their date comes from and whether it is a plan.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from corpus_csv import set_cell

import qantar

ROOT = Path(__file__).resolve().parent.parent
DATA = qantar.data_dir()
CORPUS = qantar.load_corpus()
CONTEXT = CORPUS.context
CHANGELOG = (DATA / "CHANGELOG.md").read_text(encoding="utf-8")
KEYS = {
    "sources": "source_id",
    "claims": "claim_id",
    "figures": "figure_id",
    "events": "event_id",
    "actors": "actor_id",
    "precedents": "precedent_id",
    "glossary": "term",
    "context": "context_id",
    "outcomes": "claim_id",
}


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(DATA, target)
    return target


@pytest.mark.parametrize("row", CONTEXT.to_dict("records"), ids=list(CONTEXT.context_id))
def test_context_row_is_followable_and_sanely_dated(row: dict[str, object]) -> None:
    assert re.fullmatch(r"https?://\S+", str(row["url"]))
    assert str(row["publisher"]).strip()
    published, date = row["published"], row["date"]
    assert isinstance(published, pd.Timestamp)
    assert isinstance(date, pd.Timestamp)
    assert pd.Timestamp("1990-01-01") <= date <= pd.Timestamp(dt.date.today())
    assert pd.Timestamp("1990-01-01") <= published <= pd.Timestamp(dt.date.today())
    # a page cannot describe, as done, a fact that begins after it was published
    assert date <= published
    if not pd.isna(row["end_date"]):
        assert row["end_date"] >= date


def test_context_rows_point_at_existing_rows_and_cover_the_worked_example() -> None:
    bears = {item for items in CONTEXT.bears_on for item in items}
    ids = set(CORPUS.figures.figure_id) | set(CORPUS.events.event_id)
    ids |= set(CORPUS.claims.claim_id) | set(CORPUS.glossary.term)
    assert bears <= ids
    # lesson 05's "known later" note on the death toll needs an official toll later than OSW's
    tolls = CONTEXT[CONTEXT.topic == "death_toll"]
    assert any("osw-f01" in items for items in tolls.bears_on)
    assert (tolls.published > pd.Timestamp("2022-01-10")).all()


def test_doubtful_figures_keep_their_number_and_name_a_context_row() -> None:
    figures = CORPUS.figures.set_index("figure_id")
    for figure_id, value in [("compass-f05", 100000), ("sceeus-f18", 20)]:
        assert figures.loc[figure_id, "value"] == value
        named = re.findall(r"ctx-\d{3}", figures.loc[figure_id, "note"])
        assert named, figure_id
        for ctx in named:
            assert figure_id in CONTEXT.set_index("context_id").loc[ctx, "bears_on"]


def test_outside_dates_rest_on_a_context_row() -> None:
    outside = CORPUS.events[CORPUS.events.date_basis == "outside"]
    assert len(outside) > 0
    bears = {item for items in CONTEXT.bears_on for item in items}
    for event in outside.itertuples():
        assert event.event_id in bears, event.event_id
        assert "context table" in event.summary, event.event_id


def test_events_after_the_sources_are_plans() -> None:
    latest = CORPUS.sources.published.max()
    late = CORPUS.events[CORPUS.events.date > latest]
    assert (late.status == "planned").all()


def test_validator_rejects_a_context_row_without_a_web_address(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    set_cell(target / "context.csv", 1, "url", "www.interfax.com/newsroom")
    set_cell(target / "context.csv", 2, "bears_on", "osw-f99")
    problems = {(p.row, p.field, p.rule) for p in qantar.validate(target)}
    assert problems == {(1, "url", "pattern"), (2, "bears_on", "foreign-key")}


def test_version_is_semantic_and_in_the_changelog() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", CORPUS.version)
    assert re.search(rf"^## {re.escape(CORPUS.version)}\b", CHANGELOG, re.MULTILINE)


def _table_at(commit: str, path: str) -> list[dict[str, str]] | None:
    shown = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if shown.returncode != 0:
        return None
    return list(csv.DictReader(shown.stdout.splitlines()))


def _previous_version_commit() -> str | None:
    """The state just before the commit that set the current version: ``<commit>^``."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    log = subprocess.run(
        ["git", "log", "--format=%H", "--", "data/datapackage.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    introduced = None
    for commit in log.stdout.split():
        shown = subprocess.run(
            ["git", "show", f"{commit}:data/datapackage.json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if shown.returncode != 0:
            break
        if json.loads(shown.stdout)["version"] != CORPUS.version:
            return f"{introduced}^" if introduced else None
        introduced = commit
    return None


def test_changelog_names_every_row_changed_since_the_previous_version() -> None:
    commit = _previous_version_commit()
    if commit is None:
        pytest.skip("no git history with an earlier corpus version (a shallow or exported copy)")
    section = CHANGELOG.split(f"## {CORPUS.version}", 1)[1].split("\n## ", 1)[0]
    missing = []
    for table, key in KEYS.items():
        old = _table_at(commit, f"data/{table}.csv")
        if old is None:
            continue
        before = {r[key]: r for r in old}
        with (DATA / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                prior = before.get(row[key])
                if prior is None:
                    changed = True
                else:
                    # columns added by this version are not a change of the row
                    changed = any(prior[c] != row[c] for c in prior if c in row)
                if changed and f"`{row[key]}`" not in section:
                    missing.append(f"{table}:{row[key]}")
    assert not missing, f"rows changed but not in CHANGELOG.md {CORPUS.version}: {missing}"
