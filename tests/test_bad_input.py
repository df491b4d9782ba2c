"""Bad input: every corruption of the corpus and every learner mistake fails clearly.

Each corruption is applied to a fresh copy of the shipped corpus.  The loader,
:func:`qantar.validate` and ``qantar validate DIR`` must all name the file, the
row (where there is one), the field and the rule, and say what would be valid;
the command line must exit with 1 and never print a traceback.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from corpus_csv import read_rows, set_cell, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qantar
import qantar.plots
import qantar.widgets
from qantar._cli import main


def _get(path: Path, row: int, column: str) -> str:
    rows = read_rows(path)
    return rows[row][rows[0].index(column)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


@dataclass(frozen=True)
class Corruption:
    """One way to break a corpus, and the problem it must be reported as."""

    id: str
    apply: Callable[[Path], None]
    file: str
    row: int | None
    field: str | None
    rule: str
    says: str  # a regex the message must contain: what is valid, or what to do

    @property
    def pattern(self) -> str:
        """How ``str(problem)`` must read: file, row (line), field, message, [rule]."""
        where = re.escape(self.file)
        if self.row is not None:
            where += rf", row {self.row}( \(line \d+\))?"
        if self.field is not None:
            where += rf", field '{re.escape(self.field)}'"
        return rf"{where}: [^\n]*{self.says}[^\n]*\[{re.escape(self.rule)}\]"

    def matches(self, problem: qantar.Problem) -> bool:
        return (problem.file, problem.row, problem.field, problem.rule) == (
            self.file,
            self.row,
            self.field,
            self.rule,
        ) and re.search(self.says, problem.message) is not None


def _drop_column(table: str, column: str) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        rows = read_rows(d / table)
        i = rows[0].index(column)
        write_rows(d / table, [r[:i] + r[i + 1 :] for r in rows])

    return apply


def _add_column(table: str, column: str) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        rows = read_rows(d / table)
        write_rows(d / table, [rows[0] + [column]] + [r + ["x"] for r in rows[1:]])

    return apply


def _cell(table: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    return lambda d: set_cell(d / table, row, column, value)


def _duplicate_id(d: Path) -> None:
    set_cell(d / "claims.csv", 4, "claim_id", _get(d / "claims.csv", 3, "claim_id"))


def _dangling_actor(d: Path) -> None:
    set_cell(d / "claims.csv", 2, "actors", "csto;putn")


def _unknown_other_theme(d: Path) -> None:
    set_cell(d / "claims.csv", 6, "other_themes", "causes;economics")


def _latin1(d: Path) -> None:
    set_cell(d / "actors.csv", 2, "role", "QANTAR-ENCODING-MARK")
    raw = (d / "actors.csv").read_bytes()
    (d / "actors.csv").write_bytes(
        raw.replace(b"QANTAR-ENCODING-MARK", "Almaty café".encode("latin-1"))
    )


def _unquoted_role(d: Path, row: int, role: str) -> None:
    """Type *role* into row *row* of actors.csv by hand: no CSV quoting around it."""
    path = d / "actors.csv"
    rows = read_rows(path)
    rows[row][rows[0].index("role")] = role
    lines = _lines(path)
    lines[row] = ",".join(rows[row]) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def _extra_comma(d: Path) -> None:
    """A value with a comma written without quotes, as a hand edit would."""
    _unquoted_role(d, 5, "Leader, later ousted")


def _unclosed_quote(d: Path) -> None:
    """A quote opened in row 3 of actors.csv and never closed: the rest is unreadable."""
    _unquoted_role(d, 3, '"Opened but never closed')


def _end_before_start(d: Path) -> None:
    set_cell(d / "events.csv", 49, "date", "2022-01-05")
    set_cell(d / "events.csv", 49, "end_date", "2022-01-03")


def _header_only(d: Path) -> None:
    (d / "precedents.csv").write_text(_lines(d / "precedents.csv")[0], encoding="utf-8")


def _duplicate_header(d: Path) -> None:
    rows = read_rows(d / "glossary.csv")
    write_rows(d / "glossary.csv", [rows[0] + ["term"]] + [r + [r[0]] for r in rows[1:]])


def _field_without_name(d: Path) -> None:
    package = json.loads((d / "datapackage.json").read_text(encoding="utf-8"))
    del package["resources"][0]["schema"]["fields"][1]["name"]
    (d / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def _truncated_json(d: Path) -> None:
    text = (d / "datapackage.json").read_text(encoding="utf-8")
    (d / "datapackage.json").write_text(text[: len(text) // 2], encoding="utf-8")


CORRUPTIONS = [
    Corruption(
        "missing-file",
        lambda d: (d / "figures.csv").unlink(),
        "figures.csv",
        None,
        None,
        "missing-file",
        "file not found",
    ),
    Corruption(
        "missing-column",
        _drop_column("claims.csv", "hedge"),
        "claims.csv",
        None,
        "hedge",
        "missing-column",
        "expected columns: claim_id,",
    ),
    Corruption(
        "unknown-column",
        _add_column("actors.csv", "notes"),
        "actors.csv",
        None,
        "notes",
        "unknown-column",
        "describe it in datapackage.json",
    ),
    Corruption(
        "duplicate-column",
        _duplicate_header,
        "glossary.csv",
        None,
        "term",
        "duplicate-column",
        "twice",
    ),
    Corruption(
        "integer-not-whole",
        _cell("claims.csv", 3, "para", "3.5"),
        "claims.csv",
        3,
        "para",
        "type",
        "'3.5' is not a whole number",
    ),
    Corruption(
        "integer-as-word",
        _cell("sources.csv", 2, "paragraphs", "ten"),
        "sources.csv",
        2,
        "paragraphs",
        "type",
        "'ten' is not a whole number",
    ),
    Corruption(
        "number-not-a-number",
        _cell("figures.csv", 2, "value", "many"),
        "figures.csv",
        2,
        "value",
        "type",
        "'many' is not a number",
    ),
    Corruption(
        "number-with-thousands-comma",
        _cell("figures.csv", 4, "value", "3,000"),
        "figures.csv",
        4,
        "value",
        "type",
        "write 3000",
    ),
    Corruption(
        "number-nan",
        _cell("figures.csv", 5, "value", "nan"),
        "figures.csv",
        5,
        "value",
        "type",
        "not a finite number",
    ),
    Corruption(
        "bad-date",
        _cell("events.csv", 5, "date", "5 January 2022"),
        "events.csv",
        5,
        "date",
        "type",
        "YYYY-MM-DD",
    ),
    Corruption(
        "impossible-date",
        _cell("events.csv", 6, "date", "2022-02-30"),
        "events.csv",
        6,
        "date",
        "type",
        "'2022-02-30' is not a real calendar date",
    ),
    Corruption(
        "duplicate-id",
        _duplicate_id,
        "claims.csv",
        4,
        "claim_id",
        "unique",
        "already used in row 3",
    ),
    Corruption(
        "pattern-claim-id",
        _cell("claims.csv", 9, "claim_id", "OSW-9"),
        "claims.csv",
        9,
        "claim_id",
        "pattern",
        "does not match the pattern",
    ),
    Corruption(
        "below-minimum",
        _cell("sources.csv", 3, "paragraphs", "0"),
        "sources.csv",
        3,
        "paragraphs",
        "minimum",
        "below the minimum 1",
    ),
    Corruption(
        "negative-para",
        _cell("claims.csv", 11, "para", "-2"),
        "claims.csv",
        11,
        "para",
        "minimum",
        "below the minimum 1",
    ),
    Corruption(
        "dangling-source-id",
        _cell("figures.csv", 1, "source_id", "rferl"),
        "figures.csv",
        1,
        "source_id",
        "foreign-key",
        "'rferl' is not a source_id in sources.csv; valid values include: compass",
    ),
    Corruption(
        "dangling-speaker",
        _cell("claims.csv", 12, "speaker", "nobody_known"),
        "claims.csv",
        12,
        "speaker",
        "foreign-key",
        "valid values include",
    ),
    Corruption(
        "dangling-precedent-state",
        _cell("precedents.csv", 1, "state", "atlantis"),
        "precedents.csv",
        1,
        "state",
        "foreign-key",
        "'atlantis' is not an? actor_id",
    ),
    Corruption(
        "dangling-actor-item",
        _dangling_actor,
        "claims.csv",
        2,
        "actors",
        "foreign-key",
        "'putn' is not an? actor_id in actors.csv",
    ),
    Corruption(
        "dangling-see-also",
        _cell("glossary.csv", 2, "see_also", "NATO;No Such Term"),
        "glossary.csv",
        2,
        "see_also",
        "foreign-key",
        "'No Such Term' is not a term",
    ),
    Corruption(
        "para-out-of-range",
        _cell("claims.csv", 7, "para", "999"),
        "claims.csv",
        7,
        "para",
        "locator-range",
        "paragraph 999 is out of range: source '[a-z]+' has \\d+ paragraphs",
    ),
    Corruption(
        "locator-bad-format",
        _cell("events.csv", 3, "locators", "osw-6"),
        "events.csv",
        3,
        "locators",
        "locator",
        "write source_id:para, e.g. osw:6",
    ),
    Corruption(
        "locator-unknown-source",
        _cell("events.csv", 4, "locators", "bbc:3"),
        "events.csv",
        4,
        "locators",
        "foreign-key",
        "'bbc:3' names an unknown source; valid values include: compass",
    ),
    Corruption(
        "locator-out-of-range",
        _cell("precedents.csv", 2, "locators", "osw:999"),
        "precedents.csv",
        2,
        "locators",
        "locator-range",
        "'osw:999' is out of range: source 'osw' has \\d+ paragraphs",
    ),
    Corruption(
        "locator-paragraph-zero",
        _cell("glossary.csv", 3, "locators", "osw:0"),
        "glossary.csv",
        3,
        "locators",
        "locator-range",
        "out of range",
    ),
    Corruption(
        "unknown-theme",
        _cell("claims.csv", 5, "theme", "economy"),
        "claims.csv",
        5,
        "theme",
        "enum",
        "'economy' is not allowed; valid values: causes, course_of_events",
    ),
    Corruption(
        "unknown-other-theme",
        _unknown_other_theme,
        "claims.csv",
        6,
        "other_themes",
        "enum",
        "'economics' is not allowed; valid values: causes",
    ),
    Corruption(
        "unknown-genre",
        _cell("sources.csv", 1, "genre", "blog"),
        "sources.csv",
        1,
        "genre",
        "enum",
        "valid values: policy_brief",
    ),
    Corruption(
        "required-empty",
        _cell("claims.csv", 8, "summary", ""),
        "claims.csv",
        8,
        "summary",
        "required",
        "is empty but required",
    ),
    Corruption(
        "required-list-empty",
        _cell("events.csv", 7, "source_ids", ""),
        "events.csv",
        7,
        "source_ids",
        "required",
        "is empty but required",
    ),
    Corruption(
        "end-before-start",
        _end_before_start,
        "events.csv",
        49,
        "end_date",
        "date-order",
        "2022-01-03 is before date 2022-01-05",
    ),
    Corruption(
        "empty-file",
        lambda d: (d / "glossary.csv").write_text("", encoding="utf-8"),
        "glossary.csv",
        None,
        None,
        "empty-file",
        "needs a header row: term,definition",
    ),
    Corruption(
        "header-only",
        _header_only,
        "precedents.csv",
        None,
        None,
        "no-rows",
        "no data rows",
    ),
    Corruption(
        "latin-1-bytes",
        _latin1,
        "actors.csv",
        2,
        None,
        "encoding",
        "not valid UTF-8; save the file with UTF-8 encoding",
    ),
    Corruption(
        "extra-comma",
        _extra_comma,
        "actors.csv",
        5,
        None,
        "row-length",
        "a value containing a comma must be put in double quotes",
    ),
    Corruption(
        "unclosed-quote",
        _unclosed_quote,
        "actors.csv",
        3,
        None,
        "csv-syntax",
        "check the quotes on this line",
    ),
    Corruption(
        "missing-datapackage",
        lambda d: (d / "datapackage.json").unlink(),
        "datapackage.json",
        None,
        None,
        "missing-file",
        "qantar copy-corpus",
    ),
    Corruption(
        "datapackage-invalid-json",
        _truncated_json,
        "datapackage.json",
        None,
        None,
        "json",
        "not valid UTF-8 JSON",
    ),
    Corruption(
        "datapackage-field-without-name",
        _field_without_name,
        "datapackage.json",
        None,
        "resources[1] (sources).schema.fields[2]",
        "schema",
        "needs a 'name'",
    ),
]

# datapackage.json broken in every way a hand edit (or a hostile one) can break it ----------

_SHIPPED = json.loads((qantar.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
_RES = {r["name"]: i for i, r in enumerate(_SHIPPED["resources"])}
_FIELD = {
    (r["name"], f["name"]): j
    for r in _SHIPPED["resources"]
    for j, f in enumerate(r["schema"]["fields"])
}


def _at(table: str, column: str | None = None, key: str = "") -> str:
    """Where a problem in datapackage.json is reported, as the validator names it."""
    where = f"resources[{_RES[table] + 1}] ({table})"
    if column is not None:
        where += f".schema.fields[{_FIELD[table, column] + 1}] ({column})"
    return where + key


def _pkg(change: Callable[[dict], object]) -> Callable[[Path], None]:
    """Edit the parsed datapackage.json with *change* and write it back."""

    def apply(d: Path) -> None:
        path = d / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package), encoding="utf-8")

    return apply


def _res(package: dict, table: str) -> dict:
    return package["resources"][_RES[table]]


def _spec(package: dict, table: str, column: str) -> dict:
    return _res(package, table)["schema"]["fields"][_FIELD[table, column]]


def _set_spec(table: str, column: str, key: str, value: object) -> Callable[[Path], None]:
    return _pkg(lambda p: _spec(p, table, column).__setitem__(key, value))


def _set_constraint(table: str, column: str, key: str, value: object) -> Callable[[Path], None]:
    def change(p: dict) -> None:
        _spec(p, table, column).setdefault("constraints", {})[key] = value

    return change_to_apply(change)


def change_to_apply(change: Callable[[dict], None]) -> Callable[[Path], None]:
    return _pkg(change)


def _set_res(table: str, key: str, value: object) -> Callable[[Path], None]:
    return _pkg(lambda p: _res(p, table).__setitem__(key, value))


def _set_fk(table: str, index: int, fk: object) -> Callable[[Path], None]:
    return _pkg(lambda p: _res(p, table)["schema"]["foreignKeys"].__setitem__(index, fk))


def _raw_json(text: str | bytes) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        data = text.encode() if isinstance(text, str) else text
        (d / "datapackage.json").write_bytes(data)

    return apply


def _deep_description(d: Path) -> None:
    nested: object = "x"
    for _ in range(40):
        nested = [nested]
    _pkg(lambda p: p.__setitem__("description", nested))(d)


def _json_nul(d: Path) -> None:
    path = d / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b'"qantar-corpus"', b'"qantar\x00corpus"'))


def _json_latin1(d: Path) -> None:
    path = d / "datapackage.json"
    path.write_bytes(path.read_bytes().replace(b"Qantar corpus", "Qantar café".encode("latin-1")))


def _remove_table(table: str) -> Callable[[Path], None]:
    return _pkg(lambda p: p["resources"].pop(_RES[table]))


def _remove_field(table: str, column: str) -> Callable[[Path], None]:
    return _pkg(lambda p: _res(p, table)["schema"]["fields"].pop(_FIELD[table, column]))


def _dp(
    id: str, apply: Callable[[Path], None], field: str | None, says: str, rule: str = "schema"
) -> Corruption:
    return Corruption(id, apply, "datapackage.json", None, field, rule, says)


def _link_outside(d: Path) -> None:
    secret = d.parent / "secret.csv"
    secret.write_text("claim_id\nSECRET-VALUE\n", encoding="utf-8")
    (d / "claims.csv").unlink()
    (d / "claims.csv").symlink_to(secret)


def _table_is_folder(d: Path) -> None:
    (d / "glossary.csv").unlink()
    (d / "glossary.csv").mkdir()


def _csv_bytes(table: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        path = d / table
        raw = path.read_bytes()
        assert old in raw
        path.write_bytes(raw.replace(old, new, 1))

    return apply


def _utf16(d: Path) -> None:
    path = d / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _blank_header(d: Path) -> None:
    rows = read_rows(d / "glossary.csv")
    write_rows(d / "glossary.csv", [rows[0] + [""]] + [r + [""] for r in rows[1:]])


_FIGURES = read_rows(qantar.data_dir() / "figures.csv")
_UNIT = _FIGURES[0].index("unit")
_TROOPS = next(i for i, r in enumerate(_FIGURES) if i and r[_UNIT] == "troops")
_PEOPLE = next(i for i, r in enumerate(_FIGURES) if i and r[_UNIT] == "people")
_EVENTS = read_rows(qantar.data_dir() / "events.csv")
_LATEST = max(
    r[read_rows(qantar.data_dir() / "sources.csv")[0].index("published")]
    for r in read_rows(qantar.data_dir() / "sources.csv")[1:]
)
_LATE = [i for i, r in enumerate(_EVENTS) if i and r[_EVENTS[0].index("date")] > _LATEST]


_OUTCOMES = read_rows(qantar.data_dir() / "outcomes.csv")
_OUT_COL = {name: i for i, name in enumerate(_OUTCOMES[0])}
#: rows (numbered as qantar.Problem numbers them) of a settled outcome, of the first row,
#: and of an outcome of a source published on 20 January that cites evidence
_SETTLED = next(i for i, r in enumerate(_OUTCOMES) if i and r[_OUT_COL["outcome"]] == "came_true")
_CSP_CITED = next(
    i
    for i, r in enumerate(_OUTCOMES)
    if i and r[_OUT_COL["claim_id"]].startswith("csp-") and r[_OUT_COL["context_ids"]]
)
_CLAIMS = read_rows(qantar.data_dir() / "claims.csv")
_A_FACT = next(r[0] for r in _CLAIMS[1:] if r[_CLAIMS[0].index("claim_type")] == "fact")


def _drop_outcome(d: Path) -> None:
    """A prediction left without its outcome row (the last one)."""
    rows = read_rows(d / "outcomes.csv")
    write_rows(d / "outcomes.csv", rows[:-1])


def _twice_judged(d: Path) -> None:
    """The first prediction judged twice: its row repeated at the end."""
    rows = read_rows(d / "outcomes.csv")
    write_rows(d / "outcomes.csv", [*rows, rows[1]])


def _with_status(planned: bool, value: str = "") -> Callable[[Path], None]:
    """Set the events ``status`` column: late events planned or not, or one odd value."""

    def apply(d: Path) -> None:
        rows = read_rows(d / "events.csv")
        col = rows[0].index("status")
        for i in _LATE:
            rows[i][col] = "planned" if planned else "happened"
        if value:
            rows[1][col] = value
        write_rows(d / "events.csv", rows)

    return apply


MORE_CORRUPTIONS = [
    # the whole file
    _dp("dp-root-list", _raw_json("[]"), None, "is a JSON list; it must be a JSON object"),
    _dp("dp-root-string", _raw_json('"corpus"'), None, "is a JSON string"),
    _dp("dp-root-null", _raw_json("null"), None, "is a JSON null"),
    _dp("dp-root-number", _raw_json("42"), None, "is a JSON number"),
    _dp("dp-root-true", _raw_json("true"), None, "is a JSON boolean"),
    _dp("dp-empty", _raw_json(""), None, "not valid UTF-8 JSON", "json"),
    _dp("dp-nul-byte", _json_nul, None, "NUL bytes", "encoding"),
    _dp("dp-latin-1", _json_latin1, None, "not valid UTF-8 JSON", "json"),
    _dp("dp-utf16", _raw_json('{"a": 1}'.encode("utf-16")), None, "NUL bytes", "encoding"),
    _dp("dp-deep-nesting", _deep_description, None, "levels deep"),
    _dp("dp-runaway-nesting", _raw_json("[" * 100_000), None, "nested too deeply", "json"),
    _dp("dp-trailing-comma", _raw_json('{"resources": [],}'), None, "not valid", "json"),
    # version
    _dp("dp-version-missing", _pkg(lambda p: p.pop("version")), "version", "is missing"),
    _dp("dp-version-short", _pkg(lambda p: p.__setitem__("version", "1.0")), "version", "MAJOR"),
    _dp("dp-version-number", _pkg(lambda p: p.__setitem__("version", 1)), "version", "a number"),
    _dp("dp-version-v", _pkg(lambda p: p.__setitem__("version", "v1.0.0")), "version", "1.0.0"),
    # resources
    _dp("dp-resources-missing", _pkg(lambda p: p.pop("resources")), None, "no 'resources' list"),
    _dp("dp-resources-object", _pkg(lambda p: p.__setitem__("resources", {})), None, "no 'res"),
    _dp("dp-resources-empty", _pkg(lambda p: p.__setitem__("resources", [])), None, "no 'res"),
    _dp(
        "dp-resource-string",
        _pkg(lambda p: p["resources"].__setitem__(0, "sources")),
        "resources[1]",
        "is a string; each resource must be an object",
    ),
    _dp(
        "dp-resource-null",
        _pkg(lambda p: p["resources"].__setitem__(1, None)),
        "resources[2]",
        "is a null",
    ),
    _dp(
        "dp-name-missing",
        _pkg(lambda p: _res(p, "claims").pop("name")),
        "resources[3].name",
        "lowercase",
    ),
    _dp("dp-name-number", _set_res("claims", "name", 3), "resources[3].name", "lowercase"),
    _dp("dp-name-upper", _set_res("figures", "name", "Figures"), "resources[4].name", "lowercase"),
    _dp(
        "dp-name-reserved", _set_res("figures", "name", "path"), "resources[4].name", "library uses"
    ),
    _dp(
        "dp-name-twice", _set_res("actors", "name", "sources"), "resources[2].name", "two resources"
    ),
    _dp(
        "dp-table-removed",
        _remove_table("figures"),
        "resources",
        "no resource named 'figures'",
        "missing-table",
    ),
    _dp(
        "dp-table-renamed",
        _set_res("glossary", "name", "terms"),
        "resources",
        "named 'glossary'",
        "missing-table",
    ),
    # paths (never read, never echoed)
    _dp(
        "dp-path-absolute",
        _set_res("claims", "path", "/etc/passwd"),
        _at("claims", key=".path"),
        "not shown",
    ),
    _dp(
        "dp-path-parent",
        _set_res("claims", "path", "../secret.csv"),
        _at("claims", key=".path"),
        "no '..'",
    ),
    _dp(
        "dp-path-backslash",
        _set_res("claims", "path", "..\\claims.csv"),
        _at("claims", key=".path"),
        "not shown",
    ),
    _dp(
        "dp-path-folder",
        _set_res("claims", "path", "sub/claims.csv"),
        _at("claims", key=".path"),
        "no folders",
    ),
    _dp(
        "dp-path-url",
        _set_res("claims", "path", "https://example.org/c.csv"),
        _at("claims", key=".path"),
        "not shown",
    ),
    _dp("dp-path-number", _set_res("claims", "path", 7), _at("claims", key=".path"), "a .csv file"),
    _dp(
        "dp-path-list",
        _set_res("claims", "path", ["claims.csv"]),
        _at("claims", key=".path"),
        "a .csv file",
    ),
    _dp(
        "dp-path-not-csv",
        _set_res("claims", "path", "claims.xlsx"),
        _at("claims", key=".path"),
        "a .csv file",
    ),
    _dp(
        "dp-path-missing",
        _pkg(lambda p: _res(p, "events").pop("path")),
        _at("events", key=".path"),
        "a .csv file",
    ),
    _dp(
        "dp-format-xlsx",
        _set_res("events", "format", "xlsx"),
        _at("events", key=".format"),
        '"csv"',
    ),
    _dp(
        "dp-encoding-latin1",
        _set_res("events", "encoding", "latin-1"),
        _at("events", key=".encoding"),
        '"utf-8"',
    ),
    _dp(
        "dp-mediatype",
        _set_res("events", "mediatype", "text/html"),
        _at("events", key=".mediatype"),
        '"text/csv"',
    ),
    # schemas and fields
    _dp(
        "dp-schema-missing",
        _pkg(lambda p: _res(p, "actors").pop("schema")),
        _at("actors", key=".schema"),
        "'fields' list",
    ),
    _dp(
        "dp-schema-string",
        _set_res("actors", "schema", "actors"),
        _at("actors", key=".schema"),
        "'fields' list",
    ),
    _dp(
        "dp-fields-missing",
        _pkg(lambda p: _res(p, "actors")["schema"].pop("fields")),
        _at("actors", key=".schema.fields"),
        "non-empty list",
    ),
    _dp(
        "dp-fields-empty",
        _pkg(lambda p: _res(p, "actors")["schema"].__setitem__("fields", [])),
        _at("actors", key=".schema.fields"),
        "non-empty list",
    ),
    _dp(
        "dp-fields-object",
        _pkg(lambda p: _res(p, "actors")["schema"].__setitem__("fields", {})),
        _at("actors", key=".schema.fields"),
        "non-empty list",
    ),
    _dp(
        "dp-field-string",
        _pkg(lambda p: _res(p, "actors")["schema"]["fields"].__setitem__(0, "actor_id")),
        _at("actors", key=".schema.fields[1]"),
        "is a string",
    ),
    _dp(
        "dp-field-name-number",
        _set_spec("actors", "name", "name", 5),
        _at("actors", key=".schema.fields[2]"),
        "needs a 'name'",
    ),
    _dp(
        "dp-field-twice",
        _set_spec("actors", "kind", "name", "name"),
        _at("actors", key=".schema.fields[4]"),
        "defined twice",
    ),
    _dp(
        "dp-type-unknown",
        _set_spec("claims", "summary", "type", "text"),
        _at("claims", "summary", ".type"),
        "valid types: string",
    ),
    _dp(
        "dp-type-number",
        _set_spec("claims", "summary", "type", 5),
        _at("claims", "summary", ".type"),
        "valid types",
    ),
    _dp(
        "dp-description-number",
        _set_spec("claims", "summary", "description", 5),
        _at("claims", "summary", ".description"),
        "must be a string",
    ),
    _dp(
        "dp-delimiter-empty",
        _set_spec("claims", "actors", "delimiter", ""),
        _at("claims", "actors", ".delimiter"),
        "one character",
    ),
    _dp(
        "dp-delimiter-long",
        _set_spec("claims", "actors", "delimiter", ";;"),
        _at("claims", "actors", ".delimiter"),
        "one character",
    ),
    _dp(
        "dp-delimiter-quote",
        _set_spec("claims", "actors", "delimiter", '"'),
        _at("claims", "actors", ".delimiter"),
        "one character",
    ),
    _dp(
        "dp-constraints-list",
        _set_spec("claims", "summary", "constraints", ["required"]),
        _at("claims", "summary", ".constraints"),
        "must be an object",
    ),
    _dp(
        "dp-constraints-string",
        _set_spec("claims", "summary", "constraints", "required"),
        _at("claims", "summary", ".constraints"),
        "must be an object",
    ),
    _dp(
        "dp-required-string",
        _set_constraint("claims", "summary", "required", "yes"),
        _at("claims", "summary", ".constraints.required"),
        "true or false",
    ),
    _dp(
        "dp-unique-number",
        _set_constraint("claims", "claim_id", "unique", 1),
        _at("claims", "claim_id", ".constraints.unique"),
        "true or false",
    ),
    _dp(
        "dp-enum-string",
        _set_constraint("claims", "theme", "enum", "causes"),
        _at("claims", "theme", ".constraints.enum"),
        "list of strings",
    ),
    _dp(
        "dp-enum-empty",
        _set_constraint("claims", "theme", "enum", []),
        _at("claims", "theme", ".constraints.enum"),
        "non-empty",
    ),
    _dp(
        "dp-enum-numbers",
        _set_constraint("claims", "theme", "enum", [1, 2]),
        _at("claims", "theme", ".constraints.enum"),
        "list of strings",
    ),
    _dp(
        "dp-enum-twice",
        _set_constraint("events", "event_type", "enum", ["a", "a"]),
        _at("events", "event_type", ".constraints.enum"),
        "value twice",
    ),
    _dp(
        "dp-enum-on-integer",
        _set_constraint("claims", "para", "enum", ["1"]),
        _at("claims", "para", ".constraints.enum"),
        "on a string field",
    ),
    _dp(
        "dp-pattern-number",
        _set_constraint("claims", "claim_id", "pattern", 5),
        _at("claims", "claim_id", ".constraints.pattern"),
        "not a string",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-invalid",
        _set_constraint("claims", "claim_id", "pattern", "[a-z"),
        _at("claims", "claim_id", ".constraints.pattern"),
        "not a valid regular expression",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-nested-repeat",
        _set_constraint("claims", "claim_id", "pattern", "(a+)+$"),
        _at("claims", "claim_id", ".constraints.pattern"),
        "exponential time",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-repeated-alternation",
        _set_constraint("claims", "claim_id", "pattern", "(a|ab)*c"),
        _at("claims", "claim_id", ".constraints.pattern"),
        "exponential time",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-nested-star",
        _set_constraint("sources", "source_id", "pattern", "([a-z]*)*x"),
        _at("sources", "source_id", ".constraints.pattern"),
        "exponential time",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-backreference",
        _set_constraint("claims", "claim_id", "pattern", "(a)\\1"),
        _at("claims", "claim_id", ".constraints.pattern"),
        "exponential time",
        "pattern-schema",
    ),
    _dp(
        "dp-pattern-too-long",
        _set_constraint("claims", "claim_id", "pattern", "a" * 300),
        _at("claims", "claim_id", ".constraints.pattern"),
        "at most 200",
        "pattern-schema",
    ),
    _dp(
        "dp-minimum-string",
        _set_constraint("claims", "para", "minimum", "1"),
        _at("claims", "para", ".constraints.minimum"),
        "whole number",
    ),
    _dp(
        "dp-minimum-fraction",
        _set_constraint("claims", "para", "minimum", 1.5),
        _at("claims", "para", ".constraints.minimum"),
        "whole number",
    ),
    _dp(
        "dp-minimum-bool",
        _set_constraint("claims", "para", "minimum", True),
        _at("claims", "para", ".constraints.minimum"),
        "whole number",
    ),
    _dp(
        "dp-minimum-on-string",
        _set_constraint("claims", "summary", "minimum", 1),
        _at("claims", "summary", ".constraints.minimum"),
        "applies to numbers",
    ),
    _dp(
        "dp-maximum-null",
        _set_constraint("figures", "value", "maximum", None),
        _at("figures", "value", ".constraints.maximum"),
        "finite JSON number",
    ),
    _dp(
        "dp-x-unknown",
        _set_spec("claims", "hedge", "x-mustBe", "x"),
        _at("claims", "hedge", ".x-mustBe"),
        "not a known rule",
    ),
    _dp(
        "dp-x-format-unknown",
        _set_spec("events", "locators", "x-format", "url"),
        _at("events", "locators", ".x-format"),
        'only x-format is "locator"',
    ),
    # keys and links that point nowhere
    _dp(
        "dp-fk-two-fields",
        _set_fk(
            "claims",
            0,
            {
                "fields": ["source_id", "para"],
                "reference": {"resource": "sources", "fields": ["source_id", "paragraphs"]},
            },
        ),
        _at("claims", key=".schema.foreignKeys[1]"),
        "exactly one field",
    ),
    _dp(
        "dp-fk-no-reference",
        _set_fk("claims", 0, {"fields": ["source_id"]}),
        _at("claims", key=".schema.foreignKeys[1]"),
        "needs a 'reference'",
    ),
    _dp(
        "dp-fk-reference-string",
        _set_fk("claims", 0, {"fields": ["source_id"], "reference": "sources"}),
        _at("claims", key=".schema.foreignKeys[1]"),
        "needs a 'reference'",
    ),
    _dp(
        "dp-fk-unknown-table",
        _set_fk(
            "claims",
            1,
            {"fields": ["speaker"], "reference": {"resource": "people", "fields": ["actor_id"]}},
        ),
        _at("claims", key=".schema.foreignKeys[2]"),
        "must name a table",
    ),
    _dp(
        "dp-fk-unknown-target-field",
        _set_fk(
            "claims",
            1,
            {"fields": ["speaker"], "reference": {"resource": "actors", "fields": ["id"]}},
        ),
        _at("claims", key=".schema.foreignKeys[2]"),
        "one field of 'actors'",
    ),
    _dp(
        "dp-fk-unknown-own-field",
        _set_fk(
            "figures",
            0,
            {"fields": ["source"], "reference": {"resource": "sources", "fields": ["source_id"]}},
        ),
        _at("figures", key=".schema.foreignKeys[1]"),
        "one field of this table",
    ),
    _dp(
        "dp-fk-entry-string",
        _set_fk("figures", 0, "source_id"),
        _at("figures", key=".schema.foreignKeys[1]"),
        "needs a 'reference'",
    ),
    _dp(
        "dp-fk-not-list",
        _pkg(lambda p: _res(p, "figures")["schema"].__setitem__("foreignKeys", {})),
        _at("figures", key=".schema.foreignKeys"),
        "must be a list",
    ),
    _dp(
        "dp-primary-key-unknown",
        _pkg(lambda p: _res(p, "figures")["schema"].__setitem__("primaryKey", ["id"])),
        _at("figures", key=".schema.primaryKey"),
        "fields of this table",
    ),
    _dp(
        "dp-item-reference-field",
        _set_spec("claims", "actors", "x-itemReference", {"resource": "actors", "field": "id"}),
        f"{_at('claims')}.schema.fields (actors).x-itemReference",
        "naming a field",
    ),
    _dp(
        "dp-item-reference-table",
        _set_spec(
            "claims", "actors", "x-itemReference", {"resource": "people", "field": "actor_id"}
        ),
        f"{_at('claims')}.schema.fields (actors).x-itemReference",
        "naming a field",
    ),
    _dp(
        "dp-item-reference-string",
        _set_spec("claims", "actors", "x-itemReference", "actors"),
        f"{_at('claims')}.schema.fields (actors).x-itemReference",
        "naming a field",
    ),
    _dp(
        "dp-item-enum-of-missing",
        _set_spec("claims", "other_themes", "x-itemEnumOf", "topic"),
        f"{_at('claims')}.schema.fields (other_themes).x-itemEnumOf",
        "has an enum",
    ),
    _dp(
        "dp-item-enum-of-no-enum",
        _set_spec("claims", "other_themes", "x-itemEnumOf", "summary"),
        f"{_at('claims')}.schema.fields (other_themes).x-itemEnumOf",
        "has an enum",
    ),
    _dp(
        "dp-locator-of-missing",
        _set_spec("claims", "para", "x-locatorOf", "source"),
        f"{_at('claims')}.schema.fields (para).x-locatorOf",
        "must name a field",
    ),
    _dp(
        "dp-required-when-field",
        _set_spec("outcomes", "context_ids", "x-requiredWhen", {"field": "code", "in": ["x"]}),
        f"{_at('outcomes')}.schema.fields (context_ids).x-requiredWhen",
        "naming another field",
    ),
    _dp(
        "dp-required-when-values",
        _set_spec("outcomes", "context_ids", "x-requiredWhen", {"field": "outcome", "in": []}),
        f"{_at('outcomes')}.schema.fields (context_ids).x-requiredWhen",
        "naming another field",
    ),
    _dp(
        "dp-covers-where-field",
        _set_spec(
            "outcomes",
            "claim_id",
            "x-coversWhere",
            {"resource": "claims", "field": "claim_id", "where": {"field": "kind", "equals": "x"}},
        ),
        f"{_at('outcomes')}.schema.fields (claim_id).x-coversWhere",
        "naming fields that exist",
    ),
    _dp(
        "dp-covers-where-string",
        _set_spec("outcomes", "claim_id", "x-coversWhere", "claims"),
        f"{_at('outcomes')}.schema.fields (claim_id).x-coversWhere",
        "naming fields that exist",
    ),
    _dp(
        "dp-not-before-missing",
        _set_spec("events", "end_date", "x-notBefore", "start"),
        f"{_at('events')}.schema.fields (end_date).x-notBefore",
        "date field",
    ),
    _dp(
        "dp-not-before-not-date",
        _set_spec("events", "end_date", "x-notBefore", "place"),
        f"{_at('events')}.schema.fields (end_date).x-notBefore",
        "date field",
    ),
    _dp(
        "dp-field-removed",
        _remove_field("claims", "hedge"),
        "resources (claims).schema.fields",
        "no field 'hedge'",
        "missing-field",
    ),
    _dp(
        "dp-field-type-changed",
        _set_spec("sources", "paragraphs", "type", "number"),
        "resources (sources).schema.fields",
        "the library needs integer",
        "field-type",
    ),
    # table files
    Corruption(
        "csv-link-outside",
        _link_outside,
        "claims.csv",
        None,
        None,
        "outside-corpus",
        "outside the corpus folder",
    ),
    Corruption(
        "csv-is-a-folder",
        _table_is_folder,
        "glossary.csv",
        None,
        None,
        "unreadable",
        "it is a folder",
    ),
    Corruption(
        "csv-nul-byte",
        _csv_bytes("actors.csv", b"\nkazakhstan,Kazakhstan,", b"\nkazakh\x00stan,Kazakhstan,"),
        "actors.csv",
        1,
        None,
        "encoding",
        "NUL byte",
    ),
    Corruption("csv-utf16", _utf16, "actors.csv", None, None, "encoding", "UTF-16"),
    Corruption(
        "csv-blank-header",
        _blank_header,
        "glossary.csv",
        None,
        "(blank)",
        "unknown-column",
        "valid columns",
    ),
    # values
    Corruption(
        "int-underscore",
        _cell("claims.csv", 3, "para", "1_0"),
        "claims.csv",
        3,
        "para",
        "type",
        "digits 0-9 only",
    ),
    Corruption(
        "int-arabic-digits",
        _cell("claims.csv", 3, "para", "١٢"),
        "claims.csv",
        3,
        "para",
        "type",
        "digits 0-9 only",
    ),
    Corruption(
        "int-fullwidth",
        _cell("precedents.csv", 2, "year", "２０１０"),
        "precedents.csv",
        2,
        "year",
        "type",
        "digits 0-9 only",
    ),
    Corruption(
        "int-exponent",
        _cell("precedents.csv", 3, "year", "2e3"),
        "precedents.csv",
        3,
        "year",
        "type",
        "not a whole number",
    ),
    Corruption(
        "int-huge",
        _cell("sources.csv", 2, "paragraphs", "9" * 25),
        "sources.csv",
        2,
        "paragraphs",
        "type",
        "too large",
    ),
    Corruption(
        "int-huge-negative",
        _cell("claims.csv", 4, "para", "-" + "9" * 20),
        "claims.csv",
        4,
        "para",
        "type",
        "too large",
    ),
    Corruption(
        "number-underscore",
        _cell("figures.csv", 3, "value", "3_000"),
        "figures.csv",
        3,
        "value",
        "type",
        "not 3,000, 3.000 or 3_000",
    ),
    Corruption(
        "number-arabic",
        _cell("figures.csv", 3, "value", "٣٠"),
        "figures.csv",
        3,
        "value",
        "type",
        "digits 0-9",
    ),
    Corruption(
        "number-fullwidth",
        _cell("figures.csv", 3, "value", "３"),
        "figures.csv",
        3,
        "value",
        "type",
        "digits 0-9",
    ),
    Corruption(
        "number-inf",
        _cell("figures.csv", 6, "value", "inf"),
        "figures.csv",
        6,
        "value",
        "type",
        "not a finite number",
    ),
    Corruption(
        "number-overflow",
        _cell("figures.csv", 6, "value", "1e999"),
        "figures.csv",
        6,
        "value",
        "type",
        "not a finite number",
    ),
    Corruption(
        "number-hex",
        _cell("figures.csv", 7, "value", "0x10"),
        "figures.csv",
        7,
        "value",
        "type",
        "not a number",
    ),
    Corruption(
        "number-inner-space",
        _cell("figures.csv", 7, "value", "30 000"),
        "figures.csv",
        7,
        "value",
        "type",
        "not a number",
    ),
    Corruption(
        "negative-troops",
        _cell("figures.csv", _TROOPS, "value", "-2500"),
        "figures.csv",
        _TROOPS,
        "value",
        "impossible",
        "-2500 troops cannot be negative",
    ),
    Corruption(
        "negative-people",
        _cell("figures.csv", _PEOPLE, "value", "-1"),
        "figures.csv",
        _PEOPLE,
        "value",
        "impossible",
        "cannot be negative",
    ),
    Corruption(
        "date-year-9999",
        _cell("events.csv", 8, "date", "9999-01-01"),
        "events.csv",
        8,
        "date",
        "type",
        "outside the dates",
    ),
    Corruption(
        "date-year-1",
        _cell("events.csv", 8, "date", "0001-01-01"),
        "events.csv",
        8,
        "date",
        "type",
        "outside the dates",
    ),
    Corruption(
        "date-as-of-3000",
        _cell("figures.csv", 2, "as_of", "3000-01-01"),
        "figures.csv",
        2,
        "as_of",
        "type",
        "outside the dates",
    ),
    Corruption(
        "date-arabic-digits",
        _cell("events.csv", 9, "date", "٢٠٢٢-٠١-٠٥"),
        "events.csv",
        9,
        "date",
        "type",
        "YYYY-MM-DD",
    ),
    Corruption(
        "date-with-time",
        _cell("events.csv", 9, "date", "2022-01-05T10:00"),
        "events.csv",
        9,
        "date",
        "type",
        "YYYY-MM-DD",
    ),
    Corruption(
        "date-month-13",
        _cell("sources.csv", 2, "published", "2022-13-01"),
        "sources.csv",
        2,
        "published",
        "type",
        "real calendar date",
    ),
    Corruption(
        "required-list-separators",
        _cell("events.csv", 10, "source_ids", ";;"),
        "events.csv",
        10,
        "source_ids",
        "required",
        "holds only separators",
    ),
    Corruption(
        "required-list-blank-items",
        _cell("events.csv", 10, "locators", " ; ; "),
        "events.csv",
        10,
        "locators",
        "required",
        "holds only separators",
    ),
    Corruption(
        "enum-wrong-case",
        _cell("claims.csv", 5, "theme", "Causes"),
        "claims.csv",
        5,
        "theme",
        "enum",
        "valid values: causes",
    ),
    Corruption(
        "pattern-event-id",
        _cell("events.csv", 11, "event_id", "E011"),
        "events.csv",
        11,
        "event_id",
        "pattern",
        "does not match",
    ),
    Corruption(
        "fk-wrong-case",
        _cell("figures.csv", 3, "source_id", "OSW"),
        "figures.csv",
        3,
        "source_id",
        "foreign-key",
        "'OSW' is not a source_id",
    ),
    Corruption(
        "locator-with-space",
        _cell("events.csv", 12, "locators", "osw: 6"),
        "events.csv",
        12,
        "locators",
        "locator",
        "write source_id:para",
    ),
    Corruption(
        "duplicate-short-name",
        _cell("sources.csv", 2, "short_name", "COMPASS"),
        "sources.csv",
        2,
        "short_name",
        "unique",
        "already used in row 1",
    ),
    Corruption(
        "event-after-sources",
        _with_status(planned=False),
        "events.csv",
        _LATE[0],
        "date",
        "after-sources",
        "must be marked status 'planned'",
    ),
    Corruption(
        "event-status-unknown",
        _with_status(planned=True, value="maybe"),
        "events.csv",
        1,
        "status",
        "enum",
        "valid values: happened, planned",
    ),
    Corruption(
        "outcome-of-a-fact",
        _cell("outcomes.csv", 1, "claim_id", _A_FACT),
        "outcomes.csv",
        1,
        "claim_id",
        "reference-where",
        "has claim_type 'fact' in claims.csv, not 'prediction'",
    ),
    Corruption(
        "prediction-without-outcome",
        _drop_outcome,
        "outcomes.csv",
        None,
        "claim_id",
        "not-covered",
        rf"\('{_OUTCOMES[-1][0]}'\) has claim_type 'prediction' but no row here",
    ),
    Corruption(
        "prediction-judged-twice",
        _twice_judged,
        "outcomes.csv",
        len(_OUTCOMES),
        "claim_id",
        "unique",
        "already used in row 1",
    ),
    Corruption(
        "settled-outcome-without-evidence",
        _cell("outcomes.csv", _SETTLED, "context_ids", ""),
        "outcomes.csv",
        _SETTLED,
        "context_ids",
        "required-when",
        "is empty but outcome is 'came_true'; it is required when outcome is came_true or partly",
    ),
    Corruption(
        "evidence-older-than-the-prediction",
        _cell("outcomes.csv", _CSP_CITED, "context_ids", "ctx-001"),
        "outcomes.csv",
        _CSP_CITED,
        "context_ids",
        "evidence-date",
        "must come later than the prediction",
    ),
    Corruption(
        "evidence-newer-than-the-judgement",
        _cell("outcomes.csv", _SETTLED, "judged_on", "2022-02-01"),
        "outcomes.csv",
        _SETTLED,
        "context_ids",
        "evidence-date",
        "after judged_on 2022-02-01",
    ),
    Corruption(
        "evidence-not-in-context",
        _cell("outcomes.csv", 2, "context_ids", "ctx-025;ctx-999"),
        "outcomes.csv",
        2,
        "context_ids",
        "foreign-key",
        "'ctx-999' is not a context_id in context.csv",
    ),
    Corruption(
        "outcome-code-unknown",
        _cell("outcomes.csv", 3, "outcome", "true"),
        "outcomes.csv",
        3,
        "outcome",
        "enum",
        "valid values: came_true, partly, did_not_happen",
    ),
    Corruption(
        "contested-not-boolean",
        _cell("outcomes.csv", 4, "contested", "yes"),
        "outcomes.csv",
        4,
        "contested",
        "type",
        "is not true or false",
    ),
]
CORRUPTIONS += MORE_CORRUPTIONS
IDS = [c.id for c in CORRUPTIONS]


def test_corruption_ids_are_unique() -> None:
    assert len(set(IDS)) == len(IDS) >= 120


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=IDS)
def test_load_corpus_names_the_problem(corpus_copy: Path, corruption: Corruption) -> None:
    corruption.apply(corpus_copy)
    with pytest.raises(qantar.CorpusError, match=corruption.pattern) as info:
        qantar.load_corpus(corpus_copy)
    assert any(corruption.matches(p) for p in info.value.problems)
    assert info.value.directory == corpus_copy
    assert f"qantar validate {corpus_copy}" in str(info.value)


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=IDS)
def test_validate_names_the_problem_and_nothing_else(
    corpus_copy: Path, corruption: Corruption
) -> None:
    corruption.apply(corpus_copy)
    problems = qantar.validate(corpus_copy)
    assert [p for p in problems if corruption.matches(p)], "\n".join(map(str, problems))
    # one mistake, one file: no cascade of false problems in the tables that refer to it
    assert {p.file for p in problems} == {corruption.file}, "\n".join(map(str, problems[:10]))
    assert len(problems) <= 3


@pytest.mark.parametrize("corruption", CORRUPTIONS, ids=IDS)
def test_cli_validate_names_the_problem(
    corpus_copy: Path, corruption: Corruption, capsys: pytest.CaptureFixture[str]
) -> None:
    corruption.apply(corpus_copy)
    code = main(["validate", str(corpus_copy)])
    out, err = capsys.readouterr()
    assert code == 1
    assert re.search(corruption.pattern, out), out
    assert "problem(s) in" in err
    assert "Traceback" not in out + err


def test_many_problems_are_summarised(corpus_copy: Path, set_cell: Callable) -> None:
    for row in range(1, 31):
        set_cell(corpus_copy / "claims.csv", row, "theme", "economy")
    with pytest.raises(qantar.CorpusError, match=r"30 problem\(s\)[\s\S]*and 10 more") as info:
        qantar.load_corpus(corpus_copy)
    assert len(info.value.problems) == 30


def test_every_problem_is_reported_not_only_the_first(
    corpus_copy: Path, set_cell: Callable
) -> None:
    set_cell(corpus_copy / "claims.csv", 1, "theme", "economy")
    set_cell(corpus_copy / "figures.csv", 1, "value", "many")
    (corpus_copy / "glossary.csv").write_text("", encoding="utf-8")
    rules = {(p.file, p.rule) for p in qantar.validate(corpus_copy)}
    assert rules == {
        ("claims.csv", "enum"),
        ("figures.csv", "type"),
        ("glossary.csv", "empty-file"),
    }


# What a spreadsheet or an editor may do to a file, and must still load ----------------------


def _bom(d: Path) -> None:
    path = d / "claims.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def _crlf(d: Path) -> None:
    path = d / "events.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def _blank_lines(d: Path) -> None:
    path = d / "figures.csv"
    lines = _lines(path)
    path.write_text("".join([*lines[:3], "\n", *lines[3:], "\n\n"]), encoding="utf-8")


def _padded_cells(d: Path) -> None:
    rows = read_rows(d / "sources.csv")
    write_rows(d / "sources.csv", [rows[0]] + [[f" {c} " if c else c for c in r] for r in rows[1:]])


def _reordered_columns(d: Path) -> None:
    rows = read_rows(d / "actors.csv")
    write_rows(d / "actors.csv", [list(reversed(r)) for r in rows])


def _quoted_everywhere(d: Path) -> None:
    rows = read_rows(d / "glossary.csv")
    text = "".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows)
    (d / "glossary.csv").write_text(text, encoding="utf-8")


def _json_bom(d: Path) -> None:
    path = d / "datapackage.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


TOLERATED = {
    "quoted-fields": _quoted_everywhere,
    "datapackage-bom": _json_bom,
    "utf-8-bom": _bom,
    "windows-line-endings": _crlf,
    "blank-lines": _blank_lines,
    "padded-cells": _padded_cells,
    "reordered-columns": _reordered_columns,
}


@pytest.mark.parametrize("change", TOLERATED.values(), ids=TOLERATED.keys())
def test_harmless_variants_load_to_the_same_corpus(
    corpus_copy: Path, corpus: qantar.Corpus, change: Callable[[Path], None]
) -> None:
    change(corpus_copy)
    assert qantar.validate(corpus_copy) == []
    loaded = qantar.load_corpus(corpus_copy)
    for name in qantar.TABLES:
        columns = list(corpus[name].columns)  # an added column (events.status) may follow
        pd.testing.assert_frame_equal(loaded[name][columns], corpus[name])


# Learner mistakes ---------------------------------------------------------------------------


def test_load_corpus_given_a_dataframe(corpus: qantar.Corpus) -> None:
    with pytest.raises(TypeError, match=r"not a DataFrame.*corpus = qantar\.load_corpus\(\)"):
        qantar.load_corpus(corpus.claims)


@pytest.mark.parametrize("value", [42, ["data"], b"data"], ids=["int", "list", "bytes"])
def test_load_corpus_given_something_else(value: object) -> None:
    with pytest.raises(TypeError, match=r"takes a directory path \(str or Path\), not"):
        qantar.load_corpus(value)  # type: ignore[arg-type]


def test_load_corpus_given_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"No corpus directory at .*datapackage\.json"):
        qantar.load_corpus(tmp_path / "nowhere")


def test_load_corpus_accepts_the_datapackage_path(corpus_copy: Path) -> None:
    assert qantar.load_corpus(corpus_copy / "datapackage.json").path == corpus_copy


def test_cli_validate_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    out, err = capsys.readouterr()
    assert "No corpus directory" in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "name", ["claim", "Claims", "tables", 0], ids=["claim", "Claims", "tables", "0"]
)
def test_unknown_table_lists_the_tables(corpus: qantar.Corpus, name: object) -> None:
    with pytest.raises(KeyError, match=r"Tables: sources, claims, figures, events, actors"):
        corpus[name]  # type: ignore[index]


def test_unknown_column_lists_the_columns(corpus: qantar.Corpus) -> None:
    with pytest.raises(KeyError, match=r"No column 'speakers' in claims\. Columns: claim_id,"):
        corpus.describe_field("claims", "speakers")


def test_compare_reports_unknown_quantity_lists_valid_ones(corpus: qantar.Corpus) -> None:
    with pytest.raises(ValueError, match=r"No quantity 'troops'\. Did you mean .*troops_") as info:
        qantar.compare_reports(corpus, "troops")
    assert "Valid quantities: " in str(info.value)
    for quantity in corpus.figures.quantity.unique():
        assert quantity in str(info.value)


@pytest.mark.parametrize(
    ("misspelt", "meant"),
    [("Putn", "putin"), ("Pashinian", "pashinyan"), ("Tokayev Kassym", "tokayev")],
    ids=["Putn", "Pashinian", "Tokayev-Kassym"],
)
def test_find_actor_suggests_close_matches(
    corpus: qantar.Corpus, misspelt: str, meant: str
) -> None:
    with pytest.raises(ValueError, match=rf"No actor '{misspelt}'\. Did you mean '{meant}'"):
        qantar.find_actor(corpus, misspelt)


def test_find_actor_without_any_close_match(corpus: qantar.Corpus) -> None:
    with pytest.raises(ValueError, match=r"No actor 'zzzzzz'\. See corpus\.actors"):
        qantar.find_actor(corpus, "zzzzzz")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: qantar.claims_for(c, theme="cause"),
            r"No theme 'cause'\. Did you mean 'causes'",
        ),
        (lambda c: qantar.claims_for(c, source="OSV"), r"No source 'OSV'.*Valid sources: compass"),
        (lambda c: qantar.claims_for(c, claim_type="facts"), r"Did you mean 'fact'"),
        (lambda c: qantar.timeline(c, "2022-13-45"), r"needs dates like '2022-01-05'"),
        (lambda c: qantar.timeline(c, event_type="cst"), r"No event type 'cst'"),
        (lambda c: qantar.cite(c, "osw-999"), r"No claim or figure 'osw-999'; ids look like"),
        (lambda c: qantar.cohen_kappa(["a"], ["a", "b"]), r"same items, got 1 and 2"),
        (lambda c: qantar.percent_agreement([], []), r"got 0 and 0 codes"),
    ],
    ids=["theme", "source", "claim_type", "date", "event_type", "cite", "kappa-lengths", "empty"],
)
def test_bad_arguments_fail_with_guidance(
    corpus: qantar.Corpus, call: Callable, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        call(corpus)


_EXAMPLE_ARGS = {
    "quantity": "troops_russia",
    "actor": "tokayev",
    "name": "tokayev",
    "row_id": "osw-f01",
    "ids": ["osw-f01"],
    "theme": "causes",
    "themes": ["causes"],
    "start": "2022-01-02",
    "end": "2022-01-19",
    "claim_ids": ["osw-001"],
    "codes": ["fact"],
}


def _corpus_functions() -> list[tuple[str, Callable]]:
    """Every public function of qantar, qantar.plots and qantar.widgets taking the corpus first."""
    found: dict[Callable, str] = {}
    for module in (qantar, qantar.plots, qantar.widgets):
        for name in sorted(vars(module)):
            func = getattr(module, name)
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            params = list(inspect.signature(func).parameters)
            if params[:1] == ["corpus"]:
                found.setdefault(func, f"{module.__name__}.{name}")
    return [(label, func) for func, label in found.items()]


CORPUS_FUNCTIONS = _corpus_functions()


@pytest.mark.parametrize(
    "func", [f for _, f in CORPUS_FUNCTIONS], ids=[label for label, _ in CORPUS_FUNCTIONS]
)
def test_a_table_instead_of_the_corpus(corpus: qantar.Corpus, func: Callable) -> None:
    """Passing ``corpus.claims`` (or any DataFrame) where the corpus goes fails with guidance."""
    params = list(inspect.signature(func).parameters.values())[1:]
    args = [_EXAMPLE_ARGS.get(p.name, "x") for p in params if p.default is inspect.Parameter.empty]
    with pytest.raises(TypeError, match=r"takes the corpus as its first argument, not DataFrame"):
        func(corpus.claims, *args)


def test_the_corpus_functions_are_found() -> None:
    names = {label for label, _ in CORPUS_FUNCTIONS}
    assert {
        "qantar.compare_reports",
        "qantar.plots.timeline",
        "qantar.widgets.claims_html",
    } <= names


# Unreadable files and folders, and paths that lead out of the corpus ------------------------


@pytest.mark.parametrize("name", ["datapackage.json", "claims.csv"])
def test_unreadable_file_is_one_line(
    corpus_copy: Path,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the tests may run as root, whom chmod does not stop: the read itself is made to fail
    import qantar._validate as v

    real = v._read_bytes

    def deny(path: Path) -> bytes:
        if path.name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(v, "_read_bytes", deny)
    assert main(["validate", str(corpus_copy)]) == 1
    out, _ = capsys.readouterr()
    assert re.fullmatch(
        rf"{re.escape(name)}: cannot be read \(Permission denied\); [^\n]*chmod u\+r[^\n]*"
        r"\[unreadable\]\n",
        out,
    ), out
    with pytest.raises(qantar.CorpusError, match="unreadable"):
        qantar.load_corpus(corpus_copy)


def test_unreadable_folder(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == corpus_copy else real(p, mode)
    )
    assert main(["validate", str(corpus_copy)]) == 1
    out, _ = capsys.readouterr()
    assert "cannot be read (permission denied)" in out
    assert out.count("\n") == 1
    with pytest.raises(qantar.CorpusError, match="unreadable"):
        qantar.load_corpus(corpus_copy)


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../../etc/shadow", "C:\\secret.csv", "~/notes.csv", "%2e%2e/x.csv"]
)
def test_paths_out_of_the_corpus_are_neither_read_nor_shown(
    corpus_copy: Path, path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_res("claims", "path", path)(corpus_copy)
    assert main(["validate", str(corpus_copy)]) == 1
    out, err = capsys.readouterr()
    assert "the path given is not shown" in out
    assert path not in out + err


def test_link_out_of_the_corpus_is_not_read(
    corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _link_outside(corpus_copy)
    assert main(["validate", str(corpus_copy)]) == 1
    out, err = capsys.readouterr()
    assert "SECRET-VALUE" not in out + err
    assert "secret.csv" not in out + err


def test_catastrophic_pattern_is_refused_quickly(corpus_copy: Path) -> None:
    import time

    _set_constraint("claims", "claim_id", "pattern", "(x+x+)+y")(corpus_copy)
    set_cell(corpus_copy / "claims.csv", 1, "claim_id", "x" * 5000)
    start = time.perf_counter()
    problems = qantar.validate(corpus_copy)
    assert time.perf_counter() - start < 10
    assert [p.rule for p in problems] == ["pattern-schema"]


def test_shipped_late_events_are_planned() -> None:
    # the rule bites on the shipped corpus: its events after the sources are all planned
    assert _LATE
    status = _EVENTS[0].index("status")
    assert {_EVENTS[i][status] for i in _LATE} == {"planned"}


@pytest.mark.parametrize(
    "value", ["econ\nomy", "econ\r\nomy", "\x1b[2J\x1b[31mred", "a\u2028b"], ids=repr
)
def test_a_value_with_line_breaks_or_terminal_codes_is_one_line(
    corpus_copy: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell(corpus_copy / "claims.csv", 2, "theme", value)
    assert main(["validate", str(corpus_copy)]) == 1
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 1, out
    assert "\x1b" not in out
    assert out.startswith("claims.csv, row 2 (line 3), field 'theme': ")


# validate() says valid exactly when load_corpus() works -------------------------------------

_EDGE_VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", ";;", "9" * 30, "-1", "1e400", "0001-01-01", "2262-04-12", "nan", "١", "1_0", "osw:0"]
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(list(qantar.TABLES)),
    row=st.integers(min_value=1, max_value=5),
    column=st.integers(min_value=0, max_value=20),
    value=_EDGE_VALUES,
)
def test_validate_agrees_with_load_corpus(table: str, row: int, column: int, value: str) -> None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "corpus"
        shutil.copytree(qantar.data_dir(), copy)
        rows = read_rows(copy / f"{table}.csv")
        name = rows[0][column % len(rows[0])]
        set_cell(copy / f"{table}.csv", row, name, value)
        problems = qantar.validate(copy)
        if problems:
            with pytest.raises(qantar.CorpusError):
                qantar.load_corpus(copy)
            assert all("\n" not in str(p) for p in problems)
        else:
            qantar.load_corpus(copy)
