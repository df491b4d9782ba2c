"""Read the corpus CSV files and check them against ``datapackage.json``.

The Table Schema in ``datapackage.json`` is the registry: field names, types,
enums, patterns, keys and references all come from it.  Besides standard Table
Schema keywords the schema uses a few ``x-`` properties, defined in
``data/CODEBOOK.md``:

``x-locatorOf``
    an integer paragraph locator that must lie within the ``paragraphs`` count
    of the source named in the given field of the same row;
``x-itemReference``
    every item of a list field must exist in another table's key;
``x-itemEnumOf``
    every item of a list field must be one of the enum values of another field;
``x-format: locator``
    list items of the form ``source_id:para``, checked like ``x-locatorOf``;
``x-notBefore``
    a date that may not precede the date in another field of the row;
``x-itemReferenceAny``
    every item of a list field must be a key of one of several tables;
``x-plannedAfter``
    a date later than the latest date of another table's field (the latest
    source's publication) is allowed only when the row's status is planned.

Nothing here raises on bad data: every problem becomes a :class:`Problem` that
names the file, the row, the field and the rule broken.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ("Problem", "RawTable", "read_package", "read_tables")

_INT = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOCATOR = re.compile(r"(?P<source>[a-z][a-z0-9_]*):(?P<para>\d+)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file.

    Attributes
    ----------
    file : str
        File name relative to the corpus directory, e.g. ``"claims.csv"``.
    row : int or None
        Data row (1 = first row after the header); ``None`` for the whole file.
    field : str or None
        Column name; ``None`` when the problem is not about one column.
    rule : str
        Short name of the rule broken, e.g. ``"enum"`` or ``"foreign-key"``.
    message : str
        What is wrong, what would be valid, and what to do.
    line : int or None
        Line of the file where the row starts, as an editor shows it.
    """

    file: str
    row: int | None
    field: str | None
    rule: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}" + (f" (line {self.line})" if self.line else ""))
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message} [{self.rule}]"


@dataclass
class RawTable:
    """A table read from CSV: cleaned values per column plus where each row came from."""

    name: str
    file: str
    fields: list[dict[str, Any]]
    columns: dict[str, list[Any]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    ok: bool = True
    #: False when some rows could not be read at all, so the keys of the table are
    #: unknown and references into it are not checked (no cascade of false problems).
    complete: bool = True

    def __len__(self) -> int:
        return len(self.lines)


def read_package(directory: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read ``datapackage.json`` from *directory*; return it and any problems."""
    path = directory / "datapackage.json"
    if not path.is_file():
        msg = (
            f"no datapackage.json in {directory}; a corpus directory holds datapackage.json "
            "and one CSV file per table (copy the shipped corpus with `qantar copy-corpus DIR`)"
        )
        return None, [Problem("datapackage.json", None, None, "missing-file", msg)]
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        msg = f"not valid UTF-8 JSON ({err}); fix the syntax and run `qantar validate` again"
        return None, [Problem("datapackage.json", None, None, "json", msg)]
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        msg = "has no 'resources' list; each table needs a resource with a name, path and schema"
        return None, [Problem("datapackage.json", None, None, "schema", msg)]
    problems = []
    for i, res in enumerate(resources, start=1):
        schema = res.get("schema") if isinstance(res, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(res, dict) or not res.get("name") or not res.get("path") or not fields:
            msg = f"resource {i} needs 'name', 'path' and 'schema.fields'"
            problems.append(Problem("datapackage.json", None, None, "schema", msg))
        elif not isinstance(fields, list) or not all(
            isinstance(f, dict) and isinstance(f.get("name"), str) and f["name"] for f in fields
        ):
            msg = f"resource {i} ({res['name']}): every entry of 'schema.fields' needs a 'name'"
            problems.append(Problem("datapackage.json", None, None, "schema", msg))
    return (None if problems else package), problems


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        msg = (
            f"byte {raw[err.start]:#04x} at position {err.start} is not valid UTF-8; "
            "save the file with UTF-8 encoding (in a spreadsheet: 'CSV UTF-8')"
        )
        return None, Problem(file, line - 1 if line > 1 else None, None, "encoding", msg, line)


def _parse(value: str, spec: dict[str, Any]) -> tuple[Any, str | None]:
    """Convert one cell to its Python value; return (value, error message or None)."""
    kind = spec.get("type", "string")
    if kind == "integer":
        if not _INT.fullmatch(value):
            return None, f"'{value}' is not a whole number"
        return int(value), None
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return None, f"'{value}' is not a number (write 3000, not 3,000 or 3.000)"
        if not math.isfinite(number):
            return None, f"'{value}' is not a finite number"
        return number, None
    if kind == "date":
        if not _DATE.fullmatch(value):
            return None, f"'{value}' is not a date in the form YYYY-MM-DD"
        try:
            return dt.date.fromisoformat(value), None
        except ValueError:
            return None, f"'{value}' is not a real calendar date"
    if kind == "list":
        items = [item.strip() for item in value.split(spec.get("delimiter", ","))]
        return [item for item in items if item], None
    return value, None


def _check_constraints(value: Any, spec: dict[str, Any]) -> tuple[str, str] | None:
    """Return (rule, message) for the first constraint *value* breaks."""
    cons = spec.get("constraints", {})
    if "enum" in cons and value not in cons["enum"]:
        return (
            "enum",
            f"'{value}' is not allowed; valid values: {', '.join(map(str, cons['enum']))}",
        )
    if "pattern" in cons and not re.fullmatch(cons["pattern"], str(value)):
        return "pattern", f"'{value}' does not match the pattern {cons['pattern']}"
    if "minimum" in cons and value < cons["minimum"]:
        return "minimum", f"{value} is below the minimum {cons['minimum']}"
    return None


def _read_one(directory: Path, resource: dict[str, Any], problems: list[Problem]) -> RawTable:
    file = str(resource["path"])
    fields = resource["schema"]["fields"]
    table = RawTable(resource["name"], file, fields)
    table.foreign_keys = resource["schema"].get("foreignKeys", [])
    path = directory / file
    if not path.is_file():
        msg = f"file not found in {directory}; the '{table.name}' table is read from it"
        problems.append(Problem(file, None, None, "missing-file", msg))
        table.ok = False
        return table
    text, problem = _decode(path.read_bytes(), file)
    if problem:
        problems.append(problem)
        table.ok = False
        return table
    assert text is not None
    names = [f["name"] for f in fields]
    if not text.strip():
        msg = f"file is empty; it needs a header row: {','.join(names)}"
        problems.append(Problem(file, None, None, "empty-file", msg))
        table.ok = False
        return table
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        problems.append(
            Problem(file, None, None, "csv-syntax", f"cannot read the header: {err}", 1)
        )
        table.ok = False
        return table
    missing = [n for n in names if n not in header]
    unknown = [h for h in header if h not in names]
    dupes = sorted({h for h in header if header.count(h) > 1})
    for name in missing:
        msg = f"column is missing from the header; expected columns: {','.join(names)}"
        problems.append(Problem(file, None, name, "missing-column", msg, 1))
    for name in unknown:
        msg = (
            f"column '{name}' is not in the schema; valid columns: {','.join(names)} "
            "(to add a column, describe it in datapackage.json first)"
        )
        problems.append(Problem(file, None, name or "(blank)", "unknown-column", msg, 1))
    for name in dupes:
        problems.append(Problem(file, None, name, "duplicate-column", "column appears twice", 1))
    if missing or unknown or dupes:
        table.ok = False
        return table
    index = {name: header.index(name) for name in names}
    table.columns = {name: [] for name in names}
    seen: dict[str, dict[Any, int]] = {
        f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")
    }
    row_no = 0
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            msg = f"cannot be read as CSV ({err}); check the quotes on this line"
            problems.append(Problem(file, row_no + 1, None, "csv-syntax", msg, line))
            table.ok = table.complete = False
            break
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        row_no += 1
        if len(cells) != len(header):
            msg = (
                f"has {len(cells)} values but the header has {len(header)} columns; "
                "a value containing a comma must be put in double quotes"
            )
            problems.append(Problem(file, row_no, None, "row-length", msg, start))
            table.ok = table.complete = False
            continue
        values: dict[str, Any] = {}
        for spec in fields:
            name = spec["name"]
            raw = cells[index[name]].strip()
            value: Any = None
            if raw == "":
                if spec.get("constraints", {}).get("required"):
                    msg = f"is empty but required ({spec.get('description', spec.get('type', ''))})"
                    problems.append(
                        Problem(file, row_no, name, "required", msg.strip(" ()"), start)
                    )
                    table.ok = False
                value = [] if spec.get("type") == "list" else None
            else:
                value, error = _parse(raw, spec)
                if error:
                    problems.append(Problem(file, row_no, name, "type", error, start))
                    table.ok = False
                else:
                    broken = None if spec.get("type") == "list" else _check_constraints(value, spec)
                    if broken:
                        problems.append(Problem(file, row_no, name, broken[0], broken[1], start))
                        table.ok = False
            if name in seen and value is not None:
                if value in seen[name]:
                    msg = f"'{value}' already used in row {seen[name][value]}; ids must be unique"
                    problems.append(Problem(file, row_no, name, "unique", msg, start))
                    table.ok = False
                else:
                    seen[name][value] = row_no
            values[name] = value
        for name, value in values.items():
            table.columns[name].append(value)
        table.lines.append(start)
    if row_no == 0:
        problems.append(Problem(file, None, None, "no-rows", "has a header but no data rows"))
        table.ok = False
    return table


def _keys(tables: dict[str, RawTable], resource: str, column: str) -> set[Any] | None:
    """Valid keys of *resource*; None when that table could not be read in full."""
    table = tables.get(resource)
    if table is None or not table.complete or column not in table.columns:
        return None
    return {v for v in table.columns[column] if v is not None}


def _cross_checks(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    paragraphs: dict[str, int] = {}
    known_sources = _keys(tables, "sources", "source_id")
    if known_sources is not None:
        src = tables["sources"].columns
        paragraphs = {
            s: n for s, n in zip(src["source_id"], src["paragraphs"], strict=True) if s and n
        }
    for table in tables.values():
        if not table.columns:
            continue
        cols = table.columns

        def report(i: int, name: str, rule: str, msg: str, table: RawTable = table) -> None:
            problems.append(Problem(table.file, i + 1, name, rule, msg, table.lines[i]))
            table.ok = False

        for fk in table.foreign_keys:
            (name,) = fk["fields"]
            target, (key,) = fk["reference"]["resource"], fk["reference"]["fields"]
            valid = _keys(tables, target, key)
            if valid is None:
                continue
            for i, value in enumerate(cols[name]):
                if value is not None and value not in valid:
                    msg = f"'{value}' is not a {key} in {target}.csv; {_some(valid)}"
                    report(i, name, "foreign-key", msg)
        for spec in table.fields:
            name = spec["name"]
            if "x-itemReference" in spec:
                ref = spec["x-itemReference"]
                valid = _keys(tables, ref["resource"], ref["field"])
                if valid is None:
                    continue
                for i, items in enumerate(cols[name]):
                    for item in items or []:
                        if item not in valid:
                            msg = f"'{item}' is not a {ref['field']} in {ref['resource']}.csv; {_some(valid)}"
                            report(i, name, "foreign-key", msg)
            if "x-itemEnumOf" in spec:
                other = next(f for f in table.fields if f["name"] == spec["x-itemEnumOf"])
                enum = other.get("constraints", {}).get("enum", [])
                for i, items in enumerate(cols[name]):
                    for item in items or []:
                        if item not in enum:
                            msg = f"'{item}' is not allowed; valid values: {', '.join(enum)}"
                            report(i, name, "enum", msg)
            if "x-locatorOf" in spec:
                for i, (para, source) in enumerate(
                    zip(cols[name], cols[spec["x-locatorOf"]], strict=True)
                ):
                    if para is not None and source in paragraphs and para > paragraphs[source]:
                        msg = (
                            f"paragraph {para} is out of range: source '{source}' has "
                            f"{paragraphs[source]} paragraphs (see sources.csv)"
                        )
                        report(i, name, "locator-range", msg)
            if spec.get("x-format") == "locator":
                for i, items in enumerate(cols[name]):
                    for item in items or []:
                        match = _LOCATOR.fullmatch(item)
                        if not match:
                            msg = f"'{item}' is not a locator; write source_id:para, e.g. osw:6"
                            report(i, name, "locator", msg)
                        elif match["source"] not in paragraphs:
                            # unknown, unless sources.csv could not be read (or had no count)
                            if known_sources is not None and match["source"] not in known_sources:
                                msg = f"'{item}' names an unknown source; {_some(known_sources)}"
                                report(i, name, "foreign-key", msg)
                        elif (
                            int(match["para"]) > paragraphs[match["source"]]
                            or int(match["para"]) < 1
                        ):
                            msg = (
                                f"'{item}' is out of range: source '{match['source']}' has "
                                f"{paragraphs[match['source']]} paragraphs"
                            )
                            report(i, name, "locator-range", msg)
            if "x-itemReferenceAny" in spec:
                refs = spec["x-itemReferenceAny"]
                keysets = [_keys(tables, r["resource"], r["field"]) for r in refs]
                if all(k is not None for k in keysets):
                    anykey: set[Any] = set()
                    for k in keysets:
                        anykey |= k or set()
                    names = " or ".join(f"{r['resource']}.{r['field']}" for r in refs)
                    for i, items in enumerate(cols[name]):
                        for item in items or []:
                            if item not in anykey:
                                msg = f"'{item}' is not a row id in the corpus; expected a {names}"
                                report(i, name, "foreign-key", msg)
            if "x-plannedAfter" in spec:
                rule = spec["x-plannedAfter"]
                latest_of = rule["latestOf"]
                dates = _keys(tables, latest_of["resource"], latest_of["field"])
                if dates:
                    latest = max(dates)
                    for i, (when, status) in enumerate(
                        zip(cols[name], cols[rule["field"]], strict=True)
                    ):
                        if when is not None and when > latest and status != rule["value"]:
                            msg = (
                                f"{when} is after the latest {latest_of['resource']}."
                                f"{latest_of['field']} ({latest}); no source can report it as "
                                f"having happened: set {rule['field']} to {rule['value']!r} "
                                "or correct the date"
                            )
                            report(i, name, "planned-after", msg)
            if "x-notBefore" in spec:
                for i, (end, begin) in enumerate(
                    zip(cols[name], cols[spec["x-notBefore"]], strict=True)
                ):
                    if end is not None and begin is not None and end < begin:
                        msg = f"{end} is before {spec['x-notBefore']} {begin}"
                        report(i, name, "date-order", msg)


def _some(valid: Iterable[Any]) -> str:
    values = sorted(map(str, valid))
    if not values:
        return "that table has no valid rows"
    shown = ", ".join(values[:12])
    more = f" and {len(values) - 12} more" if len(values) > 12 else ""
    return f"valid values include: {shown}{more}"


def read_tables(
    directory: Path,
) -> tuple[dict[str, RawTable], dict[str, Any] | None, list[Problem]]:
    """Read and check every table of the corpus in *directory*.

    Returns the tables read (possibly partial), the datapackage, and every problem.
    """
    package, problems = read_package(directory)
    if package is None:
        return {}, None, problems
    tables: dict[str, RawTable] = {}
    for resource in package["resources"]:
        table = _read_one(directory, resource, problems)
        tables[table.name] = table
    _cross_checks(tables, problems)
    return tables, package, problems
