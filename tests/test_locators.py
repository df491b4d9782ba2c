"""Followable locators: data/locators.csv, scripts/locators.py and qantar.cite."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import pytest

import qantar
from qantar._queries import cite, locator_address

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
TABLE = ROOT / "data" / "locators.csv"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("locators", ROOT / "scripts" / "locators.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["locators"] = module
    spec.loader.exec_module(module)
    return module


locators = _script()


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_locator_the_corpus_uses_has_a_row() -> None:
    have = {(r["source_id"], int(r["para"])) for r in _rows()}
    assert set(locators.used_locators(ROOT / "data")) == have


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['source_id']}:{r['para']}")
def test_fragment_form_and_opening_words(row: dict[str, str]) -> None:
    fragment = row["fragment"]
    match = locators.FRAGMENT.match(fragment)
    assert match, fragment
    for part in filter(None, match.groups()):
        assert not set(part) & set("-,& ")
        assert locators.encode(unquote(part).split(" ")) == part  # canonical encoding
    words = row["opening_words"].removesuffix(" ...").split()
    assert 1 <= len(words) <= 6  # a short quotation, under 12 words
    start = unquote(match.group(2))
    assert start.split()[: len(words)] == words[: len(start.split())]


def test_quoted_words_stay_short() -> None:
    for row in _rows():
        match = locators.FRAGMENT.match(row["fragment"])
        assert match
        for part in filter(None, match.groups()):
            assert len(unquote(part).split()) < 12, row


def test_encoding_escapes_dash_comma_and_ampersand() -> None:
    assert locators.encode(["a-b,", "c&d"]) == "a%2Db%2C%20c%26d"


def test_verify_catches_wrong_rows() -> None:
    paras = ["Title", "Alpha beta gamma delta epsilon zeta eta", "Alpha beta other words here"]
    good = locators.fragment_for(paras, 2)
    assert locators.verify(paras, 2, good, "Alpha beta gamma delta epsilon zeta ...") == []
    assert locators.verify(paras, 3, good, "Alpha beta other words here")
    assert locators.verify(
        paras, 2, "#:~:text=Alpha%20beta", "Alpha beta gamma delta epsilon zeta ..."
    )
    assert locators.verify(paras, 2, "text=Alpha", "Alpha")


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"no reference copies of the sources in {SOURCES}")
def test_every_fragment_verifies_against_the_reference_copies() -> None:
    assert locators.check(SOURCES, ROOT / "data") == []
    computed = locators.compute(SOURCES, ROOT / "data")
    assert computed == _rows(), "data/locators.csv is stale: run scripts/locators.py"


def test_cite_gives_an_address_with_a_fragment_and_the_opening_words(
    corpus: qantar.Corpus,
) -> None:
    text = cite(corpus, "osw-f01")
    url, opening = locator_address(corpus, "osw", 4)
    assert url is not None
    assert url.startswith(str(corpus.sources.set_index("source_id").url["osw"]))
    assert text.endswith(url)
    assert f'opens "{opening}" (quoted from the source)' in text


def test_cite_says_when_a_source_has_no_known_address(corpus: qantar.Corpus) -> None:
    row = corpus.figures[corpus.figures.source_id == "compass"].iloc[0]
    text = cite(corpus, row.figure_id)
    assert "; no public address of this document is known: " in text
    # what exists instead, never an invented address for the brief itself
    note = str(corpus.sources.set_index("source_id").url_note["compass"])
    assert text.endswith(note)
    assert re.findall(r"https?://\S+", text) == ["https://obo.web.ox.ac.uk/"]
    assert "webinar of 20 January 2022" in text
