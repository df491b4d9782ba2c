"""Data tests: the shipped corpus loads with the schema's types and keeps its promises.

The schema in ``datapackage.json`` is the registry: the tests are parametrized
over its tables, fields and references, so a new table or column is tested
without editing this file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import corpus_csv
import pandas as pd
import pytest

import qantar

ROOT = Path(__file__).resolve().parent.parent

PACKAGE = json.loads((qantar.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {res["name"]: res for res in PACKAGE["resources"]}
#: Every table of the package (the seven of qantar.TABLES and any added to datapackage.json).
NAMES = list(RESOURCES)
LOCATOR = re.compile(r"(?P<source>[a-z][a-z0-9_]*):(?P<para>\d+)")


def _fields(table: str) -> list[dict[str, Any]]:
    return RESOURCES[table]["schema"]["fields"]


def _raw(table: str) -> list[dict[str, str]]:
    """Rows of a table read with the csv module only, to cross-check the loader."""
    path = qantar.data_dir() / RESOURCES[table]["path"]
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [row for row in csv.DictReader(handle) if any(v.strip() for v in row.values())]


FIELDS = [(table, spec) for table in NAMES for spec in _fields(table)]
FIELD_IDS = [f"{table}.{spec['name']}" for table, spec in FIELDS]


def _references() -> list[tuple[str, str, str, str, bool]]:
    """(table, field, target table, target field, is_list) for every reference of the schema."""
    refs = []
    for table in NAMES:
        schema = RESOURCES[table]["schema"]
        for fk in schema.get("foreignKeys", []):
            (name,) = fk["fields"]
            (key,) = fk["reference"]["fields"]
            refs.append((table, name, fk["reference"]["resource"], key, False))
        for spec in schema["fields"]:
            if "x-itemReference" in spec:
                ref = spec["x-itemReference"]
                refs.append((table, spec["name"], ref["resource"], ref["field"], True))
    return refs


REFERENCES = _references()
LOCATOR_FIELDS = [
    (table, spec["name"]) for table, spec in FIELDS if spec.get("x-format") == "locator"
]
PARA_FIELDS = [
    (table, spec["name"], spec["x-locatorOf"]) for table, spec in FIELDS if "x-locatorOf" in spec
]


def test_every_table_of_the_schema_is_loaded(corpus: qantar.Corpus) -> None:
    assert set(qantar.TABLES) <= set(RESOURCES)
    assert set(corpus.tables) == set(RESOURCES)
    assert set(corpus.names) == set(RESOURCES)


@pytest.mark.parametrize("table", NAMES, ids=NAMES)
def test_table_has_the_schema_columns_in_order(corpus: qantar.Corpus, table: str) -> None:
    frame = corpus[table]
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [spec["name"] for spec in _fields(table)]
    assert corpus[table] is getattr(corpus, table)


@pytest.mark.parametrize("table", NAMES, ids=NAMES)
def test_loader_keeps_every_row_of_the_csv(corpus: qantar.Corpus, table: str) -> None:
    raw = _raw(table)
    assert len(corpus[table]) == len(raw) > 0
    key = RESOURCES[table]["schema"]["primaryKey"][0]
    assert corpus[table][key].astype(str).tolist() == [row[key].strip() for row in raw]


@pytest.mark.parametrize(("table", "spec"), FIELDS, ids=FIELD_IDS)
def test_column_has_the_schema_dtype(corpus: qantar.Corpus, table: str, spec: dict) -> None:
    column = corpus[table][spec["name"]]
    kind = spec.get("type", "string")
    enum = spec.get("constraints", {}).get("enum")
    if kind == "date":
        assert column.dtype == "datetime64[ns]"
    elif kind == "integer":
        assert pd.api.types.is_integer_dtype(column.dtype)
    elif kind == "number":
        assert pd.api.types.is_float_dtype(column.dtype)
    elif kind == "list":
        assert column.map(lambda v: isinstance(v, list)).all()
        assert all(isinstance(item, str) and item == item.strip() for v in column for item in v)
    elif kind == "boolean":
        assert pd.api.types.is_bool_dtype(column.dtype)
    elif enum:
        assert isinstance(column.dtype, pd.CategoricalDtype)
        assert list(column.cat.categories) == enum
    else:
        assert column.map(lambda v: v is None or isinstance(v, str)).all()


@pytest.mark.parametrize(("table", "spec"), FIELDS, ids=FIELD_IDS)
def test_values_match_the_raw_csv(corpus: qantar.Corpus, table: str, spec: dict) -> None:
    """No value is lost or changed by the typing (a category outside the vocabulary would be NaN)."""
    name = spec["name"]
    raw = [row[name].strip() for row in _raw(table)]
    column = corpus[table][name]
    for cell, value in zip(raw, column, strict=True):
        if cell == "" and spec.get("type") == "list":
            assert value == []
        elif cell == "":
            assert pd.isna(value)
        elif spec.get("type") == "list":
            assert value == [p.strip() for p in cell.split(spec["delimiter"]) if p.strip()]
        elif spec.get("type") == "date":
            assert value == pd.Timestamp(cell)
        elif spec.get("type") in ("integer", "number"):
            assert value == float(cell)
        elif spec.get("type") == "boolean":
            assert bool(value) == (cell == "true")
            assert cell in ("true", "false")
        else:
            assert str(value) == cell


REQUIRED = [(t, s) for t, s in FIELDS if s.get("constraints", {}).get("required")]


@pytest.mark.parametrize(("table", "spec"), REQUIRED, ids=[f"{t}.{s['name']}" for t, s in REQUIRED])
def test_required_fields_are_filled(corpus: qantar.Corpus, table: str, spec: dict) -> None:
    column = corpus[table][spec["name"]]
    if spec.get("type") == "list":
        assert column.map(len).gt(0).all()
    else:
        assert column.notna().all()
        assert not column.astype(str).str.strip().eq("").any()


@pytest.mark.parametrize(("table", "spec"), FIELDS, ids=FIELD_IDS)
def test_vocabularies_and_patterns_are_respected(
    corpus: qantar.Corpus, table: str, spec: dict
) -> None:
    constraints = spec.get("constraints", {})
    column = corpus[table][spec["name"]]
    values = column.dropna()
    if "enum" in constraints:
        assert set(values.astype(str)) <= set(constraints["enum"])
    if "pattern" in constraints:
        bad = [v for v in values.astype(str) if not re.fullmatch(constraints["pattern"], v)]
        assert bad == []
    if "minimum" in constraints:
        assert (values >= constraints["minimum"]).all()
    if "x-itemEnumOf" in spec:
        vocabulary = set(corpus[table][spec["x-itemEnumOf"]].cat.categories)
        assert {item for items in column for item in items} <= vocabulary


@pytest.mark.parametrize(
    "table",
    NAMES,
    ids=[f"{t}.{RESOURCES[t]['schema']['primaryKey'][0]}" for t in NAMES],
)
def test_keys_are_unique(corpus: qantar.Corpus, table: str) -> None:
    keys = RESOURCES[table]["schema"]["primaryKey"]
    frame = corpus[table]
    assert frame[frame.duplicated(subset=keys)][keys].to_numpy().tolist() == []


@pytest.mark.parametrize(
    ("table", "name", "target", "key", "is_list"),
    REFERENCES,
    ids=[f"{t}.{n}->{tt}.{k}" for t, n, tt, k, _ in REFERENCES],
)
def test_every_reference_resolves(
    corpus: qantar.Corpus, table: str, name: str, target: str, key: str, is_list: bool
) -> None:
    valid = set(corpus[target][key].astype(str))
    column = corpus[table][name]
    used = [item for items in column for item in items] if is_list else column.dropna().astype(str)
    dangling = sorted(set(used) - valid)
    assert dangling == []


@pytest.mark.parametrize(
    ("table", "name"), LOCATOR_FIELDS, ids=[f"{t}.{n}" for t, n in LOCATOR_FIELDS]
)
def test_every_locator_points_to_a_paragraph(corpus: qantar.Corpus, table: str, name: str) -> None:
    paragraphs = dict(zip(corpus.sources.source_id, corpus.sources.paragraphs, strict=True))
    bad = []
    for items in corpus[table][name]:
        for item in items:
            match = LOCATOR.fullmatch(item)
            if not match or not 1 <= int(match["para"]) <= paragraphs.get(match["source"], 0):
                bad.append(item)
    assert bad == []


@pytest.mark.parametrize(
    ("table", "name", "source_field"), PARA_FIELDS, ids=[f"{t}.{n}" for t, n, _ in PARA_FIELDS]
)
def test_every_para_lies_within_its_source(
    corpus: qantar.Corpus, table: str, name: str, source_field: str
) -> None:
    paragraphs = corpus.sources.set_index("source_id").paragraphs
    frame = corpus[table]
    limit = frame[source_field].astype(str).map(paragraphs)
    outside = frame[(frame[name] < 1) | (frame[name] > limit)]
    assert outside[[source_field, name]].values.tolist() == []


def test_events_end_on_or_after_they_start(corpus: qantar.Corpus) -> None:
    events = corpus.events.dropna(subset=["end_date"])
    assert (events.end_date >= events.date).all()


def test_validate_finds_nothing_in_the_shipped_corpus() -> None:
    assert qantar.validate() == []


def test_tables_are_in_the_order_the_course_uses(corpus: qantar.Corpus) -> None:
    assert list(corpus.tables)[: len(qantar.TABLES)] == list(qantar.TABLES)
    assert repr(corpus).startswith("<Corpus sources=5, claims=")


# The counts and contents the course promises -------------------------------------------------


def test_five_sources(corpus: qantar.Corpus) -> None:
    assert len(corpus.sources) == 5
    assert list(corpus.sources.source_id) == ["compass", "osw", "sceeus", "csp", "ian"]
    assert list(corpus.sources.source_id.cat.categories) == list(corpus.sources.source_id)


@pytest.mark.parametrize(
    ("table", "minimum"),
    [("claims", 150), ("figures", 60), ("events", 40), ("actors", 40), ("glossary", 30)],
    ids=["claims>=150", "figures>=60", "events>=40", "actors>=40", "glossary>=30"],
)
def test_minimum_rows(corpus: qantar.Corpus, table: str, minimum: int) -> None:
    assert len(corpus[table]) >= minimum


def test_at_least_20_claims_per_source(corpus: qantar.Corpus) -> None:
    counts = corpus.claims.groupby("source_id", observed=False).size()
    assert set(counts.index) == set(corpus.sources.source_id)
    assert counts[counts < 20].to_dict() == {}


def test_events_cover_2_to_19_january_and_the_background(corpus: qantar.Corpus) -> None:
    events = corpus.events
    january = events[(events.date >= "2022-01-01") & (events.date <= "2022-01-31")]
    days = set(january[january.date_precision == "day"].date.dt.day)
    assert {2, 19} <= days
    assert january.date.min() <= pd.Timestamp("2022-01-02")
    background = events[events.event_type == "background"]
    assert len(background) > 0
    assert (events.date < "2022-01-01").sum() >= 5


def test_actors_include_the_alias_massimov(corpus: qantar.Corpus) -> None:
    assert qantar.find_actor(corpus, "Massimov") == "masimov"
    row = corpus.actors.set_index("actor_id").loc["masimov"]
    assert "Massimov" in row.aliases


def test_every_see_also_is_a_glossary_term(corpus: qantar.Corpus) -> None:
    terms = set(corpus.glossary.term)
    used = {item for items in corpus.glossary.see_also for item in items}
    assert used
    assert sorted(used - terms) == []


@pytest.mark.parametrize(
    ("quantity", "values"),
    [("csto_founded", {1992, 2002}), ("troops_armenia", {70, 100})],
    ids=["csto_founded", "troops_armenia"],
)
def test_disagreements_between_sources_are_kept(
    corpus: qantar.Corpus, quantity: str, values: set[int]
) -> None:
    rows = corpus.figures[corpus.figures.quantity == quantity]
    assert set(rows.value.astype(int)) == values
    assert len(rows) == sum(row["quantity"] == quantity for row in _raw("figures"))
    assert rows.source_id.nunique() >= 2
    assert quantity in qantar.disagreements(corpus).index


# Loading from anywhere ---------------------------------------------------------------------


def test_loads_from_another_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = qantar.load_corpus()
    assert len(corpus.sources) == 5
    assert corpus.path == qantar.data_dir()
    assert qantar.validate() == []


def test_loads_in_a_fresh_process_from_another_directory(tmp_path: Path) -> None:
    code = "import qantar; c = qantar.load_corpus(); print(len(c.sources), c.path.is_dir())"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["5", "True"]


def test_import_stays_light() -> None:
    """``import qantar`` must not pull in matplotlib, ipywidgets or nbformat."""
    code = (
        "import sys, qantar; qantar.load_corpus();"
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'nbformat', 'nbconvert')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package built as a wheel from this checkout (pip and the hatchling backend)."""
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("not running from a source checkout: no pyproject.toml to build")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    if (
        result.returncode
        and "hatchling" in result.stderr
        and "No matching distribution" in result.stderr
    ):
        pytest.skip("the build backend (hatchling) cannot be downloaded here")
    assert result.returncode == 0, result.stdout + result.stderr
    (path,) = out.glob("qantar-*.whl")
    return path


@pytest.mark.slow
def test_wheel_ships_the_corpus_once(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    data = sorted(n for n in names if n.startswith("qantar/data/"))
    expected = sorted(f"qantar/data/{res['path']}" for res in PACKAGE["resources"])
    assert set(expected) | {"qantar/data/datapackage.json"} <= set(data)
    extras = set(data) - set(expected) - {"qantar/data/datapackage.json"}
    assert {Path(n).suffix for n in extras} <= {".md"}  # the codebook, nothing else
    assert all(n.count("/") == 2 for n in data)  # no working folders such as data/_parts
    assert "qantar/py.typed" in names
    assert len(names) == len(set(names))


@pytest.mark.slow
def test_installed_wheel_loads_the_corpus(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + ["--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import qantar;"
        "from qantar._cli import main;"
        "c = qantar.load_corpus();"
        "print(qantar.__file__); print(c.path); print(len(c.claims));"
        "sys.exit(main(['validate']))"
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    module, data, claims, *_ = result.stdout.splitlines()
    assert Path(module).is_relative_to(target)
    assert Path(data) == target / "qantar" / "data"
    assert int(claims) == len(qantar.load_corpus().claims)


def test_a_table_added_to_the_package_loads_like_the_others(corpus_copy: Path) -> None:
    package = json.loads((corpus_copy / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].append(
        {
            "name": "readings",
            "path": "readings.csv",
            "schema": {
                "fields": [
                    {"name": "reading_id", "type": "string", "constraints": {"required": True}},
                    {"name": "published", "type": "date"},
                    {
                        "name": "source_ids",
                        "type": "list",
                        "delimiter": ";",
                        "x-itemReference": {"resource": "sources", "field": "source_id"},
                    },
                ],
                "primaryKey": ["reading_id"],
            },
        }
    )
    (corpus_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    (corpus_copy / "readings.csv").write_text(
        "reading_id,published,source_ids\nc01,2022-01-07,osw;csp\n", encoding="utf-8"
    )
    loaded = qantar.load_corpus(corpus_copy)
    assert loaded.readings is loaded["readings"]
    assert loaded.readings.published.dtype == "datetime64[ns]"
    assert loaded.readings.source_ids.tolist() == [["osw", "csp"]]
    assert "readings=1" in repr(loaded)
    (corpus_copy / "readings.csv").write_text(
        "reading_id,published,source_ids\nc01,2022-01-07,bbc\n", encoding="utf-8"
    )
    with pytest.raises(
        qantar.CorpusError, match=r"readings\.csv, row 1 .*'bbc' is not a source_id"
    ):
        qantar.load_corpus(corpus_copy)


def test_the_corpus_has_a_semantic_version(corpus: qantar.Corpus) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", corpus.version)
    assert corpus.version == PACKAGE["version"]


# Conformance with the Data Package standard (frictionless is its reference implementation) ---


def _frictionless_errors(directory: Path) -> list[str]:
    import frictionless  # the test dependency group installs it

    report = frictionless.Package(str(directory / "datapackage.json")).validate()
    errors = [f"{e.type}: {e.message}" for e in report.errors]
    errors += [f"{t.name}: {e.type}: {e.message}" for t in report.tasks for e in t.errors]
    return errors


def test_the_package_conforms_to_the_data_package_standard() -> None:
    assert _frictionless_errors(qantar.data_dir()) == []


def test_frictionless_and_qantar_agree_on_a_broken_copy(corpus_copy: Path) -> None:
    # the conformance test can fail: a value the standard rejects is rejected by both
    corpus_csv.set_cell(corpus_copy / "claims.csv", 3, "theme", "economy")
    errors = _frictionless_errors(corpus_copy)
    assert any("economy" in e and "constraint" in e for e in errors), errors
    assert [p.rule for p in qantar.validate(corpus_copy)] == ["enum"]


@pytest.mark.slow
def test_wheel_ships_the_lessons(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    lessons = sorted(n for n in names if n.startswith("qantar/lessons/"))
    expected = sorted(
        f"qantar/lessons/{p.name}" for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
    )
    assert lessons == expected
    assert "qantar/__main__.py" in names


@pytest.mark.slow
def test_installed_wheel_writes_editions_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + ["--target", str(target), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "qantar", *args],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )

    result = run("edition", "student", "--out", "student")
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (work / "student").glob("*.ipynb"))
    assert written == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    result = run("answer-key", "--out", "key.csv")
    assert result.returncode == 0, result.stderr
    assert (work / "key.csv").read_text(encoding="utf-8").startswith("id,notebook,type")
    where = run("validate")
    assert str(target) in where.stdout, where.stdout
