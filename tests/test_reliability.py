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


@pytest.mark.skipif(not SOURCES.is_dir(), reason="reference copies not beside the project")
def test_packet_never_overwrites_a_filled_coding_sheet(tmp_path: Path) -> None:
    out = tmp_path / "packet"
    assert rel.main(["packet", "--out", str(out)]) == 0
    sheet = out / "coding_sheet.csv"
    filled = sheet.read_text(encoding="utf-8").replace(",,,,", ",fact,none,causes,", 1)
    sheet.write_text(filled, encoding="utf-8")
    assert rel.main(["packet", "--out", str(out), "--force"]) == 1
    assert sheet.read_text(encoding="utf-8") == filled


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


# ---------------------------------------------------------------- agreement


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def study(tmp_path: Path, claims: dict[str, dict[str, str]]) -> dict[str, Path]:
    """A four-claim study: the second coder disagrees once on claim_type."""
    ids = ["osw-011", "osw-013", "osw-054", "compass-090"]
    assert [claims[i]["claim_type"] for i in ids] == [
        "fact",
        "interpretation",
        "prediction",
        "recommendation",
    ]
    second = [[i, claims[i]["claim_type"], claims[i]["hedge"], claims[i]["theme"], ""] for i in ids]
    second[3][1] = "interpretation"
    second[3][4] = "read it as a judgement"
    codebook = tmp_path / "CODEBOOK.md"
    codebook.write_text((ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8"), "utf-8")
    return {
        "sample": _write(tmp_path / "sample.csv", ["claim_id"], [[i] for i in ids]),
        "second": _write(tmp_path / "second.csv", list(rel.SHEET_COLUMNS), second),
        "resolutions": _write(
            tmp_path / "resolutions.csv",
            list(rel.RESOLUTION_COLUMNS),
            [["compass-090", "claim_type", "corpus", "'recommends' is advice"]],
        ),
        "report": tmp_path / "REPORT.md",
        "codebook": codebook,
    }


def _agreement(study: dict[str, Path]) -> int:
    args = ["agreement"]
    for key in ("sample", "second", "resolutions", "report", "codebook"):
        args += [f"--{key}", str(study[key])]
    return int(rel.main(args))


def test_agreement_reports_kappa_matrices_and_resolved_disagreements(
    study: dict[str, Path],
) -> None:
    assert _agreement(study) == 0
    report = study["report"].read_text(encoding="utf-8")
    # claim_type: 3 of 4 agree; chance agreement 1/16 + 2/16 + 1/16 = 0.25, so
    # kappa = (0.75 - 0.25) / 0.75 = 0.67.  hedge and theme agree fully.
    assert "| `claim_type` | 4 | 3 | 0.75 | 0.67 |" in report
    assert "| `hedge` | 4 | 4 | 1.00 | 1.00 |" in report
    assert "| `theme` | 4 | 4 | 1.00 | 1.00 |" in report
    assert "| `recommendation` | 0 | 1 | 0 | 0 |" in report  # corpus row, coder columns
    assert (
        "| `compass-090` | `claim_type` | `recommendation` | `interpretation` | "
        "read it as a judgement | corpus | 'recommends' is advice |" in report
    )
    assert report.count("| `osw-0") == 0  # agreements are not listed as disagreements
    figures = rel.codebook_figures(study["codebook"])
    assert figures == {"claim_type": (4, 3, 0.67), "hedge": (4, 4, 1.0), "theme": (4, 4, 1.0)}


def test_unresolved_disagreement_is_marked_open(study: dict[str, Path]) -> None:
    study["resolutions"].unlink()
    assert _agreement(study) == 0
    assert "| `interpretation` | read it as a judgement | open |" in study["report"].read_text(
        encoding="utf-8"
    )


def test_agreement_names_file_row_and_field_of_a_bad_code(
    study: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    text = study["second"].read_text(encoding="utf-8").replace(",probably,", ",likely,")
    study["second"].write_text(text, encoding="utf-8")
    assert _agreement(study) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(study["second"]) in err
    assert "row 3, field hedge: 'likely' is not one of" in err
    assert "probably" in err
    assert not study["report"].exists()


def test_agreement_refuses_a_sheet_with_a_missing_claim(
    study: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = study["second"].read_text(encoding="utf-8").splitlines()
    study["second"].write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert _agreement(study) == 1
    assert "no row for 1 sampled claims, first compass-090" in capsys.readouterr().err


def test_codebook_figures_are_recomputed_from_the_stored_codings(
    claims: dict[str, dict[str, str]], sample: list[str]
) -> None:
    stated = rel.codebook_figures()
    if stated is None:
        assert not rel.SECOND_CODING.exists(), (
            "a second coding is stored but the codebook says pending: run make reliability"
        )
        return
    second = rel.read_second_coding(rel.SECOND_CODING, sample)
    first, _ = rel.first_codes(rel.FIRST_CODING, sample)
    for result in rel.compare(first, second, sample):
        n, agree, kappa = stated[result.field]
        assert (n, agree) == (result.n, result.agree), result.field
        assert kappa == round(result.kappa, 2), result.field
    report = rel.REPORT.read_text(encoding="utf-8")
    for result in rel.compare(first, second, sample):
        assert f"| `{result.field}` | {result.n} | {result.agree} |" in report


# ---------------------------------------------------------------- coder training test


@pytest.fixture(scope="module")
def training() -> list[dict[str, str]]:
    return rel.read_csv(ROOT / "data" / "reliability" / "training.csv")


def test_training_master_codes_equal_the_corpus_codes(
    training: list[dict[str, str]], claims: dict[str, dict[str, str]]
) -> None:
    for number, row in enumerate(training, 1):
        assert row["claim_id"] in claims, f"training.csv row {number}: no such claim"
        corpus_row = claims[row["claim_id"]]
        for field in ("source_id", "para", "claim_type", "hedge", "theme"):
            assert row[field] == corpus_row[field], f"training.csv row {number}, field {field}"
        for field in ("unit", "reason_claim_type", "reason_hedge", "reason_theme"):
            assert row[field].strip(), f"training.csv row {number}, field {field} is empty"


def test_training_uses_fifteen_paragraphs_outside_the_examples_and_the_sample(
    training: list[dict[str, str]], claims: dict[str, dict[str, str]], sample: list[str]
) -> None:
    cited = rel.codebook_claim_ids()
    taken = {(claims[c]["source_id"], claims[c]["para"]) for c in cited | set(sample)}
    paragraphs = {(row["source_id"], row["para"]) for row in training}
    assert len(paragraphs) >= 15
    assert len(paragraphs) == len(training)  # one unit per paragraph
    assert not {row["claim_id"] for row in training} & (cited | set(sample))
    assert not paragraphs & taken  # no paragraph shown as an example or in the sample


# ---------------------------------------------------------------- resolutions (all rounds)


@pytest.mark.parametrize("round_number", rel.ROUNDS)
def test_every_disagreement_is_resolved_and_the_corpus_follows_it(
    claims: dict[str, dict[str, str]], round_number: int
) -> None:
    files = rel.study_round(round_number)
    sample = rel.read_sample(files.sample)
    first = rel.read_first_coding(files.first_coding, sample)
    second = rel.read_second_coding(files.second_coding, sample)
    resolutions = rel.read_resolutions(files.resolutions)
    disagreements = {(c, f) for c in sample for f in rel.FIELDS if first[c][f] != second[c][f]}
    assert disagreements, f"round {round_number} stored no disagreement; the test proves nothing"
    assert set(resolutions) == disagreements
    for (claim_id, field), row in resolutions.items():
        assert row["reason"].strip(), f"{claim_id} {field}: no reason"
        now = claims[claim_id][field]
        if row["resolution"] == "second_coder":
            assert now == second[claim_id][field], f"{claim_id} {field}: not re-coded"
            if field == "theme":  # the theme not chosen goes to other_themes
                others = claims[claim_id]["other_themes"].split(";")
                assert first[claim_id][field] in others, f"{claim_id}: old theme dropped"
        else:  # corpus, or rule_unclear: the corpus code was kept
            assert now == first[claim_id][field], f"{claim_id} {field}: changed"
    assert "| open |" not in files.report.read_text(encoding="utf-8")


def test_a_resolution_outside_the_vocabulary_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path / "resolutions.csv",
        list(rel.RESOLUTION_COLUMNS),
        [["osw-011", "hedge", "recoded", "x"]],
    )
    with pytest.raises(rel.StudyError) as info:
        rel.read_resolutions(path)
    message = str(info.value)
    assert "row 1, field resolution: 'recoded' is not one of corpus, second_coder" in message
    assert str(path) in message


def test_agreement_is_measured_against_the_frozen_first_coding(
    study: dict[str, Path], claims: dict[str, dict[str, str]]
) -> None:
    # The corpus row compass-090 is re-coded after the study: a frozen first coding that
    # still says "interpretation" must count as agreement, whatever the corpus says now.
    frozen = study["sample"].parent / "first_coding.csv"
    rows = [
        [i, claims[i]["claim_type"], claims[i]["hedge"], claims[i]["theme"]]
        for i in ("osw-011", "osw-013", "osw-054", "compass-090")
    ]
    rows[3][1] = "interpretation"
    _write(frozen, list(rel.FIRST_COLUMNS), rows)
    assert _agreement(study) == 0
    report = study["report"].read_text(encoding="utf-8")
    assert "| `claim_type` | 4 | 4 | 1.00 | 1.00 |" in report
    assert "`first_coding.csv`" in report


# ---------------------------------------------------------------- round 2


@pytest.fixture(scope="module")
def sample2() -> list[str]:
    return rel.read_sample(rel.study_round(2).sample)


def test_round_two_sample_is_reproduced_from_its_seed(
    claims: dict[str, dict[str, str]], sample2: list[str]
) -> None:
    drawn = rel.draw_sample(claims, rel.excluded_ids(2, claims), rel.SEED, rel.PER_SOURCE, 2)
    assert sample2 == drawn
    assert rel.main(["sample", "--round", "2", "--check"]) == 0


def test_round_two_is_stratified_and_excludes_round_one_examples_and_training(
    claims: dict[str, dict[str, str]], sample: list[str], sample2: list[str]
) -> None:
    assert len(sample2) == len(set(sample2)) == 60
    for source_id in {row["source_id"] for row in claims.values()}:
        assert sum(claims[c]["source_id"] == source_id for c in sample2) == rel.PER_SOURCE
    assert not set(sample2) & set(sample), "round 2 redraws round 1 claims"
    assert not set(sample2) & rel.codebook_claim_ids(), "the codebook gives away round 2 codes"
    training = rel.read_csv(rel.TRAINING)
    assert not set(sample2) & {row["claim_id"] for row in training}
    training_paras = {(row["source_id"], row["para"]) for row in training}
    assert not {(claims[c]["source_id"], claims[c]["para"]) for c in sample2} & training_paras


def test_round_two_order_is_not_round_one_order(claims: dict[str, dict[str, str]]) -> None:
    # With the same exclusions, the two rounds shuffle differently: round 2 is a fresh draw,
    # not round 1's next twelve.
    excluded = rel.codebook_claim_ids()
    assert rel.draw_sample(claims, excluded, round_number=2) != rel.draw_sample(claims, excluded)


def test_round_two_check_detects_a_changed_sample(tmp_path: Path, sample2: list[str]) -> None:
    changed = tmp_path / "sample.csv"
    rows = list(sample2)
    rows[0] = "osw-011"
    changed.write_text("claim_id\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert rel.main(["sample", "--round", "2", "--check", "--path", str(changed)]) == 1


def test_an_unknown_round_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert rel.main(["sample", "--round", "7", "--check"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "round 7: no such round; valid rounds are 1, 2" in err


def test_round_two_first_coding_is_frozen_for_the_whole_sample(sample2: list[str]) -> None:
    first = rel.read_first_coding(rel.study_round(2).first_coding, sample2)
    assert list(first) == sample2


def test_codebook_round_two_figures_match_recomputation_or_say_pending(
    sample2: list[str],
) -> None:
    this_round = rel.study_round(2)
    stated = rel.codebook_figures(rel.CODEBOOK, 2)
    if not this_round.second_coding.exists():
        assert stated is None, "round 2 has no second coding but the codebook gives figures"
        text = rel.CODEBOOK.read_text(encoding="utf-8")
        assert "data/reliability/round2/second_coding.csv" in text
        return
    assert stated is not None, "round 2 is coded but the codebook says pending"
    first = rel.read_first_coding(this_round.first_coding, sample2)
    second = rel.read_second_coding(this_round.second_coding, sample2)
    report = this_round.report.read_text(encoding="utf-8")
    for result in rel.compare(first, second, sample2):
        n, agree, kappa = stated[result.field]
        assert (n, agree) == (result.n, result.agree), result.field
        assert kappa == round(result.kappa, 2), result.field
        assert f"| `{result.field}` | {result.n} | {result.agree} |" in report


def test_codebook_shows_both_rounds() -> None:
    text = rel.CODEBOOK.read_text(encoding="utf-8")
    for number in rel.ROUNDS:
        start, end, _ = rel.markers(number)
        assert text.count(start) == 1
        assert text.count(end) == 1
    assert rel.codebook_figures(rel.CODEBOOK, 1) is not None  # round 1 is coded


def _round_two_study(tmp_path: Path, claims: dict[str, dict[str, str]]) -> list[str]:
    ids = ["osw-011", "osw-013", "osw-054", "compass-090"]
    folder = tmp_path / "round2"
    folder.mkdir()
    _write(folder / "sample.csv", ["claim_id"], [[i] for i in ids])
    _write(
        folder / "first_coding.csv",
        list(rel.FIRST_COLUMNS),
        [[i, claims[i]["claim_type"], claims[i]["hedge"], claims[i]["theme"]] for i in ids],
    )
    codebook = tmp_path / "CODEBOOK.md"
    codebook.write_text(rel.CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    return [
        "agreement",
        "--round",
        "2",
        "--sample",
        str(folder / "sample.csv"),
        "--second",
        str(folder / "second_coding.csv"),
        "--resolutions",
        str(folder / "resolutions.csv"),
        "--report",
        str(folder / "REPORT.md"),
        "--codebook",
        str(codebook),
    ]


def test_round_two_agreement_without_a_coding_keeps_the_codebook_pending(
    tmp_path: Path, claims: dict[str, dict[str, str]]
) -> None:
    args = _round_two_study(tmp_path, claims)
    codebook = tmp_path / "CODEBOOK.md"
    round_one = rel.codebook_figures(codebook, 1)
    assert rel.main(args) == 0
    assert rel.codebook_figures(codebook, 2) is None
    assert rel.codebook_figures(codebook, 1) == round_one
    assert not (tmp_path / "round2" / "REPORT.md").exists()


def test_round_two_agreement_writes_its_report_and_only_its_figures(
    tmp_path: Path, claims: dict[str, dict[str, str]]
) -> None:
    args = _round_two_study(tmp_path, claims)
    folder = tmp_path / "round2"
    codebook = tmp_path / "CODEBOOK.md"
    round_one = rel.codebook_figures(codebook, 1)
    ids = ["osw-011", "osw-013", "osw-054", "compass-090"]
    rows = [[i, claims[i]["claim_type"], claims[i]["hedge"], claims[i]["theme"], ""] for i in ids]
    rows[0][1] = "interpretation"  # one disagreement on claim_type
    _write(folder / "second_coding.csv", list(rel.SHEET_COLUMNS), rows)
    assert rel.main(args) == 0
    report = (folder / "REPORT.md").read_text(encoding="utf-8")
    assert report.startswith("# Reliability study, round 2: report")
    assert "agreement --round 2" in report
    assert "| `osw-011` | `claim_type` | `fact` | `interpretation` |" in report
    figures = rel.codebook_figures(codebook, 2)
    assert figures is not None
    assert figures["claim_type"][:2] == (4, 3)
    assert figures["hedge"] == (4, 4, 1.0)
    assert rel.codebook_figures(codebook, 1) == round_one


@pytest.mark.skipif(not SOURCES.is_dir(), reason="reference copies not beside the project")
def test_round_two_packet_freezes_the_first_coding_once(
    tmp_path: Path, claims: dict[str, dict[str, str]], sample2: list[str]
) -> None:
    sample_copy = tmp_path / "round2" / "sample.csv"
    sample_copy.parent.mkdir()
    sample_copy.write_text(rel.study_round(2).sample.read_text(encoding="utf-8"), "utf-8")
    out = tmp_path / "packet"
    args = ["packet", "--round", "2", "--out", str(out), "--sample", str(sample_copy)]
    assert rel.main(args) == 0
    frozen = sample_copy.parent / "first_coding.csv"
    first = rel.read_first_coding(frozen, sample2)
    assert all(first[c][f] == claims[c][f] for c in sample2 for f in rel.FIELDS)
    sheet = rel.read_csv(out / "coding_sheet.csv")
    assert [row["claim_id"] for row in sheet] == sample2
    assert all(row[f] == "" for row in sheet for f in rel.FIELDS)
    # A second packet never rewrites the frozen coding.
    frozen.write_text(frozen.read_text(encoding="utf-8").replace(",fact,", ",prediction,", 1))
    edited = frozen.read_text(encoding="utf-8")
    assert ",prediction," in edited
    assert rel.main([*args, "--force"]) == 0
    assert frozen.read_text(encoding="utf-8") == edited
