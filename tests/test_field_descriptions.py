"""Every field of the corpus has a description a student can read (#14 item 8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import qantar

ROOT = Path(__file__).resolve().parent.parent
CORPUS = qantar.load_corpus()
FIELDS = [
    (resource["name"], spec["name"])
    for resource in CORPUS.package["resources"]
    if resource["name"] in CORPUS.names
    for spec in resource["schema"]["fields"]
]


def test_every_table_has_fields() -> None:
    assert {table for table, _ in FIELDS} == set(CORPUS.names)


@pytest.mark.parametrize(("table", "column"), FIELDS, ids=[f"{t}.{c}" for t, c in FIELDS])
def test_every_field_has_a_description(table: str, column: str) -> None:
    assert CORPUS.describe_field(table, column).strip()


def test_qualifier_is_described_in_the_data_package() -> None:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in package["resources"] if r["name"] == "figures")
    spec = next(f for f in figures["schema"]["fields"] if f["name"] == "qualifier")
    assert spec["description"].startswith("How the source bounds the number")
    for value in spec["constraints"]["enum"]:
        assert value in spec["description"]
    assert CORPUS.describe_field("figures", "qualifier") == spec["description"]


def test_a_field_the_package_leaves_undescribed_is_read_from_the_codebook(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns("reliability"))
    codebook = copy / "CODEBOOK.md"
    text = codebook.read_text(encoding="utf-8")
    line = "| `title` | string | yes | Main title as printed. |"
    assert line in text
    codebook.write_text(
        text.replace(line, "| `title` | string | yes | Title, as this copy's codebook says. |"),
        encoding="utf-8",
    )
    corpus = qantar.load_corpus(copy)
    assert corpus.describe_field("sources", "title") == "Title, as this copy's codebook says."
    # without a codebook beside the package, the shipped one answers
    codebook.unlink()
    corpus = qantar.load_corpus(copy)
    assert corpus.describe_field("sources", "title") == "Main title as printed."
