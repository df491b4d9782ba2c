"""The reliability study: a reproducible sample, a blind packet, rules with true examples."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "reliability.py"
SOURCES = ROOT.parent / "shared" / "sources"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reliability_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


rel = _load_script()


@pytest.fixture(scope="module")
def claims() -> dict[str, dict[str, str]]:
    return rel.claims()


@pytest.fixture(scope="module")
def sample() -> list[str]:
    return rel.read_sample()


# ---------------------------------------------------------------- the sample


def test_sample_is_reproduced_from_its_seed(claims: dict[str, dict[str, str]]) -> None:
    drawn = rel.draw_sample(claims, rel.codebook_claim_ids(), rel.SEED, rel.PER_SOURCE)
    assert rel.read_sample() == drawn


def test_sample_check_command_passes_and_detects_a_changed_file(tmp_path: Path) -> None:
    assert rel.main(["sample", "--check"]) == 0
    changed = tmp_path / "sample.csv"
    rows = rel.read_sample()
    rows[0] = "osw-011" if rows[0] != "osw-011" else "osw-012"
    changed.write_text("claim_id\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert rel.main(["sample", "--check", "--path", str(changed)]) == 1


def test_another_seed_draws_another_sample(claims: dict[str, dict[str, str]]) -> None:
    excluded = rel.codebook_claim_ids()
    assert rel.draw_sample(claims, excluded, rel.SEED + 1) != rel.draw_sample(claims, excluded)


def test_sample_is_stratified_by_source(
    sample: list[str], claims: dict[str, dict[str, str]]
) -> None:
    sources = {row["source_id"] for row in claims.values()}
    assert len(sample) >= 60
    assert len(set(sample)) == len(sample)
    for source_id in sources:
        assert sum(claims[c]["source_id"] == source_id for c in sample) == rel.PER_SOURCE


def test_no_sampled_claim_is_cited_by_the_codebook(sample: list[str]) -> None:
    cited = rel.codebook_claim_ids()
    assert cited, "the codebook cites claim ids; the parser found none"
    assert not set(sample) & cited


def test_a_new_codebook_example_of_an_undrawn_row_keeps_the_draw(
    claims: dict[str, dict[str, str]], sample: list[str]
) -> None:
    excluded = rel.codebook_claim_ids()
    undrawn = sorted(set(claims) - set(sample) - excluded)
    assert rel.draw_sample(claims, excluded | set(undrawn[:20])) == sample


def test_sample_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "sample.csv"
    path.write_text("claim_id\nosw-011\n", encoding="utf-8")
    assert rel.main(["sample", "--path", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == "claim_id\nosw-011\n"
    assert rel.main(["sample", "--path", str(path), "--force"]) == 0
    assert rel.read_sample(path) == rel.read_sample()


# ---------------------------------------------------------------- the blind packet


@pytest.mark.skipif(not SOURCES.is_dir(), reason="reference copies not beside the project")
def test_packet_gives_paragraphs_and_summaries_but_no_codes(
    tmp_path: Path, claims: dict[str, dict[str, str]], sample: list[str]
) -> None:
    out = tmp_path / "packet"
    assert rel.main(["packet", "--out", str(out)]) == 0
    pages = sorted((out / "claims").glob("*.md"))
    assert len(pages) == len(sample)
    files = rel.source_files()
    for page, claim_id in zip(pages, sample, strict=True):
        row = claims[claim_id]
        text = page.read_text(encoding="utf-8")
        paras = rel.paragraphs(SOURCES / files[row["source_id"]])
        assert claim_id in page.name
        assert paras[int(row["para"]) - 1] in text
        assert row["summary"] in text
        for field in ("claim_type", "hedge", "theme"):
            assert field not in text
    with (out / "coding_sheet.csv").open(encoding="utf-8") as handle:
        sheet = list(csv.DictReader(handle))
    assert [r["claim_id"] for r in sheet] == sample
    assert list(sheet[0]) == ["claim_id", "claim_type", "hedge", "theme", "note"]
    assert all(r["claim_type"] == r["hedge"] == r["theme"] == "" for r in sheet)
    codebook = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")
    assert (out / "CODEBOOK.md").read_text(encoding="utf-8") == codebook


def test_packet_is_never_written_inside_the_repository(tmp_path: Path) -> None:
    assert rel.main(["packet", "--out", str(ROOT / "build" / "packet")]) == 1
    assert not (ROOT / "build" / "packet").exists()


# ---------------------------------------------------------------- the rules


def test_every_rule_has_an_example_coded_as_the_rule_says(
    claims: dict[str, dict[str, str]],
) -> None:
    examples = rel.rule_examples()
    rules = {f"H{n}" for n in range(1, 11)}
    text = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")
    for rule in rules:
        assert f"**{rule}." in text, f"rule {rule} missing from the codebook"
    assert len(examples) >= len(rules)
    for example in examples:
        assert example.claim_id in claims, f"CODEBOOK.md line {example.line}: no such claim"
        row = claims[example.claim_id]
        assert example.codes, f"CODEBOOK.md line {example.line}: example names no codes"
        for field, value in example.codes.items():
            assert row[field] == value, (
                f"CODEBOOK.md line {example.line}: {example.claim_id} has {field}={row[field]}"
            )


def test_each_rule_section_holds_an_example() -> None:
    text = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")
    start = text.index("**H1.")
    end = text.index("\n### ", start)
    blocks = text[start:end].split("\n**H")
    assert len(blocks) == 10
    for block in blocks:
        assert rel.EXAMPLE_LINE.search(block), block[:40]


def test_allegedly_example_uses_allegedly_wording(claims: dict[str, dict[str, str]]) -> None:
    text = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if li.startswith("| `allegedly` |"))
    example = line.rstrip(" |").rsplit("`", 2)[1]
    assert claims[example]["hedge"] == "allegedly"
    assert example != "osw-024"
