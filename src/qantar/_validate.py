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
``x-requiredWhen``
    the field may be empty unless another field of the row has one of the listed values;
``x-coversWhere``
    every value must be the key of a row of another table that meets a condition, and
    every row that meets it must appear (one outcome for every prediction).

An ``outcomes`` table, where a corpus has one, must also cite only evidence published
between its prediction's source and the day it was judged (:func:`_outcome_checks`).

Nothing here raises on bad data: every problem becomes a :class:`Problem` that
names the file, the row, the field and the rule broken.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import importlib.resources
import io
import json
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = (
    "REQUIRED_TABLES",
    "Problem",
    "RawTable",
    "pattern_problem",
    "read_package",
    "read_tables",
)

_CONTROL = {
    code: f"\\x{code:02x}" if code not in (9, 10, 13) else {9: "\\t", 10: "\\n", 13: "\\r"}[code]
    for code in [*range(32), 127, 0x85, 0x2028, 0x2029]
}
_INT = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LOCATOR = re.compile(r"(?P<source>[a-z][a-z0-9_]*):(?P<para>[0-9]+)")
_MAX_DEPTH = 32
_MAX_PATTERN = 200
_SEMVER = re.compile(
    r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
)
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.csv")
#: Tables the library needs; any other resource of the package loads as an extra table.
REQUIRED_TABLES = ("sources", "claims", "figures", "events", "actors", "precedents", "glossary")
_RESERVED = frozenset({"path", "package", "extra", "names", "version", "tables", "describe_field"})
_TYPES = ("string", "integer", "number", "date", "list", "boolean")
_FIELD_KEYS_X = (
    "x-locatorOf",
    "x-itemReference",
    "x-itemReferenceAny",
    "x-itemEnumOf",
    "x-format",
    "x-notBefore",
    "x-requiredWhen",
    "x-coversWhere",
)
#: Units whose values count things, so cannot be negative.
COUNT_UNITS = frozenset({"troops", "people", "count", "persons", "deaths", "arrests", "years"})
#: The earliest and latest dates a pandas ``datetime64[ns]`` column can hold, safely inside.
DATE_MIN, DATE_MAX = dt.date(1678, 1, 1), dt.date(2261, 12, 31)
_INT64 = 2**63


def _depth(value: Any, level: int = 0) -> int:
    """How deeply *value* nests lists and objects (stops counting past the limit)."""
    if level > _MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def pattern_problem(pattern: object) -> str | None:
    """Why *pattern* cannot be used as a schema pattern, or None when it can.

    A pattern must be a string of at most 200 characters that compiles, and must
    not repeat something that itself repeats or alternates (``(a+)+``,
    ``(a|a)*``): such patterns can take exponential time on a long value.

    Examples
    --------
    >>> pattern_problem("[a-z][a-z0-9_]*") is None
    True
    >>> pattern_problem("(a+)+$")
    'repeats a part that itself repeats or alternates, which can take exponential time'
    """
    if not isinstance(pattern, str):
        return f"is a {_json_type(pattern)}, not a string"
    if len(pattern) > _MAX_PATTERN:
        return f"is {len(pattern)} characters long; at most {_MAX_PATTERN} are allowed"
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as err:
        return f"is not a valid regular expression ({err})"
    parser: Any = importlib.import_module("re._parser")
    try:
        parsed = parser.parse(pattern)
    except Exception as err:  # noqa: BLE001 - any parser failure means an unusable pattern
        return f"is not a valid regular expression ({err})"
    if _risky(parsed, parser, inside_repeat=False):
        return "repeats a part that itself repeats or alternates, which can take exponential time"
    return None


def _risky(items: Any, parser: Any, inside_repeat: bool) -> bool:
    repeats = (parser.MAX_REPEAT, parser.MIN_REPEAT, getattr(parser, "POSSESSIVE_REPEAT", None))
    for op, arg in items:
        if op in repeats:
            _low, high, body = arg
            unbounded = high == parser.MAXREPEAT or high > 1
            if inside_repeat and unbounded:
                return True
            if _risky(body, parser, inside_repeat or unbounded):
                return True
        elif op == parser.BRANCH:
            if inside_repeat:
                return True
            if any(_risky(b, parser, inside_repeat) for b in arg[1]):
                return True
        elif op == parser.SUBPATTERN:
            if _risky(arg[-1], parser, inside_repeat):
                return True
        elif op in (parser.ASSERT, parser.ASSERT_NOT):
            if _risky(arg[1], parser, inside_repeat):
                return True
        elif op in (parser.GROUPREF, parser.GROUPREF_EXISTS):
            return True
    return False


def _json_type(value: object) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "number"


class _PackageCheck:
    """Checks the structure of a parsed ``datapackage.json``; collects problems."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []

    def bad(self, where: str, msg: str, rule: str = "schema") -> None:
        self.problems.append(Problem("datapackage.json", None, where or None, rule, msg))

    def run(self, package: Any) -> None:
        if not isinstance(package, dict):
            self.bad("", f"is a JSON {_json_type(package)}; it must be a JSON object {{...}}")
            return
        version = package.get("version")
        if not isinstance(version, str) or not _SEMVER.fullmatch(version):
            shown = f"'{version[:40]}'" if isinstance(version, str) else f"a {_json_type(version)}"
            if "version" not in package:
                shown = "missing"
            self.bad("version", f'is {shown}; write a version like "1.0.0" (MAJOR.MINOR.PATCH)')
        resources = package.get("resources")
        if not isinstance(resources, list) or not resources:
            msg = (
                "has no 'resources' list; each table needs a resource with a name, path and schema"
            )
            self.bad("", msg)
            return
        names: list[str] = []
        for i, res in enumerate(resources, start=1):
            name = self.resource(i, res)
            if name is not None:
                if name in names:
                    self.bad(
                        f"resources[{i}].name", f"'{name}' names two resources; names are unique"
                    )
                names.append(name)
        if self.problems:
            return
        for table in REQUIRED_TABLES:
            if table not in names:
                msg = (
                    f"has no resource named '{table}'; the library needs the tables "
                    f"{', '.join(REQUIRED_TABLES)} (new tables may be added beside them)"
                )
                self.bad("resources", msg, "missing-table")
        by_name = {r["name"]: r for r in resources}
        for i, res in enumerate(resources, start=1):
            self.links(i, res, by_name)

    def resource(self, i: int, res: Any) -> str | None:
        at = f"resources[{i}]"
        if not isinstance(res, dict):
            self.bad(at, f"is a {_json_type(res)}; each resource must be an object")
            return None
        name = res.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            self.bad(f"{at}.name", 'must be a lowercase name like "claims" (letters, digits, _)')
            return None
        if name in _RESERVED:
            msg = f"'{name}' is a word the library uses itself; name the table otherwise"
            self.bad(f"{at}.name", msg)
            return None
        at = f"resources[{i}] ({name})"
        path = res.get("path")
        if not isinstance(path, str) or not _FILE.fullmatch(path):
            # never echo or open the path: it may point anywhere on the machine
            msg = (
                "path must be the name of a .csv file in the corpus folder, like "
                f"\"{name}.csv\" (no folders, no '..', not absolute); the path given is not shown"
            )
            self.bad(f"{at}.path", msg)
            return None
        for key in ("format", "mediatype", "encoding"):
            allowed = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}[key]
            if key in res and res[key] != allowed:
                self.bad(f"{at}.{key}", f'must be "{allowed}" (or left out)')
        schema = res.get("schema")
        if not isinstance(schema, dict):
            self.bad(f"{at}.schema", "must be an object with a 'fields' list")
            return None
        fields = schema.get("fields")
        if not isinstance(fields, list) or not fields:
            self.bad(f"{at}.schema.fields", "must be a non-empty list of fields")
            return None
        seen: set[str] = set()
        for j, spec in enumerate(fields, start=1):
            self.field(f"{at}.schema.fields[{j}]", spec, seen)
        return name

    def field(self, at: str, spec: Any, seen: set[str]) -> None:
        if not isinstance(spec, dict):
            self.bad(at, f"is a {_json_type(spec)}; each field must be an object with a 'name'")
            return
        name = spec.get("name")
        if not isinstance(name, str) or not name.strip():
            self.bad(at, "needs a 'name' (a non-empty string)")
            return
        if name in seen:
            self.bad(at, f"field '{name}' is defined twice; field names are unique")
        seen.add(name)
        at = f"{at} ({name})"
        kind = spec.get("type", "string")
        if kind not in _TYPES:
            self.bad(f"{at}.type", f"'{kind}' is not a type here; valid types: {', '.join(_TYPES)}")
            return
        for key in ("description", "title"):
            if key in spec and not isinstance(spec[key], str):
                self.bad(f"{at}.{key}", "must be a string")
        if kind == "list":
            delim = spec.get("delimiter", ",")
            if not isinstance(delim, str) or len(delim) != 1 or delim in '"\r\n':
                self.bad(f"{at}.delimiter", 'must be one character, like ";"')
        cons = spec.get("constraints", {})
        if not isinstance(cons, dict):
            self.bad(f"{at}.constraints", 'must be an object, like {"required": true}')
            return
        for key in ("required", "unique"):
            if key in cons and not isinstance(cons[key], bool):
                self.bad(f"{at}.constraints.{key}", "must be true or false")
        if "enum" in cons:
            enum = cons["enum"]
            if (
                not isinstance(enum, list)
                or not enum
                or not all(isinstance(v, str) and v for v in enum)
                or kind not in ("string", "list")
            ):
                self.bad(
                    f"{at}.constraints.enum",
                    "must be a non-empty list of strings, on a string field",
                )
            elif len(set(enum)) != len(enum):
                self.bad(f"{at}.constraints.enum", "lists a value twice")
        if "pattern" in cons:
            problem = pattern_problem(cons["pattern"])
            if problem:
                self.bad(f"{at}.constraints.pattern", problem, "pattern-schema")
        for key in ("minimum", "maximum"):
            if key in cons:
                value = cons[key]
                number = isinstance(value, int | float) and not isinstance(value, bool)
                if kind == "integer" and not (isinstance(value, int) and number):
                    self.bad(f"{at}.constraints.{key}", "must be a whole number (JSON number)")
                elif kind == "number" and not (number and math.isfinite(value)):
                    self.bad(f"{at}.constraints.{key}", "must be a finite JSON number")
                elif kind not in ("integer", "number"):
                    self.bad(f"{at}.constraints.{key}", f"applies to numbers, not to {kind}")
        unknown = [k for k in spec if k.startswith("x-") and k not in _FIELD_KEYS_X]
        for key in unknown:
            self.bad(f"{at}.{key}", f"is not a known rule; known: {', '.join(_FIELD_KEYS_X)}")
        if "x-format" in spec and spec["x-format"] != "locator":
            self.bad(f"{at}.x-format", 'the only x-format is "locator"')

    def needed(self, package: dict[str, Any]) -> None:
        """The seven tables keep every field of the shipped schema, with its type."""
        shipped_path = importlib.resources.files("qantar") / "data" / "datapackage.json"
        try:
            shipped = json.loads(shipped_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # pragma: no cover - the installed package is broken
            return
        ours = {r["name"]: r for r in package["resources"]}
        for res in shipped.get("resources", []):
            if res["name"] not in REQUIRED_TABLES or res["name"] not in ours:
                continue
            have = {f["name"]: f for f in ours[res["name"]]["schema"]["fields"]}
            for spec in res["schema"]["fields"]:
                kind = spec.get("type", "string")
                mine = have.get(spec["name"])
                at = f"resources ({res['name']}).schema.fields"
                if mine is None:
                    msg = (
                        f"table '{res['name']}' has no field '{spec['name']}'; the library "
                        "reads it (add fields, do not remove or rename them)"
                    )
                    self.bad(at, msg, "missing-field")
                elif mine.get("type", "string") != kind:
                    msg = (
                        f"field '{spec['name']}' of '{res['name']}' is "
                        f"{mine.get('type', 'string')}; the library needs {kind}"
                    )
                    self.bad(at, msg, "field-type")

    def links(self, i: int, res: dict[str, Any], by_name: dict[str, Any]) -> None:
        """Keys, foreign keys and x- rules must name fields and tables that exist."""
        at = f"resources[{i}] ({res['name']})"
        schema = res["schema"]
        specs = {f["name"]: f for f in schema["fields"]}

        def fields_of(table: str) -> dict[str, Any]:
            return {f["name"]: f for f in by_name[table]["schema"]["fields"]}

        key = schema.get("primaryKey")
        if key is not None:
            keys = [key] if isinstance(key, str) else key
            if (
                not isinstance(keys, list)
                or not all(k in specs for k in keys if isinstance(k, str))
                or not all(isinstance(k, str) for k in keys)
            ):
                self.bad(f"{at}.schema.primaryKey", "must list fields of this table")
        fks = schema.get("foreignKeys", [])
        if not isinstance(fks, list):
            self.bad(f"{at}.schema.foreignKeys", "must be a list")
            fks = []
        for j, fk in enumerate(fks, start=1):
            where = f"{at}.schema.foreignKeys[{j}]"
            ref = fk.get("reference") if isinstance(fk, dict) else None
            own = fk.get("fields") if isinstance(fk, dict) else None
            own = [own] if isinstance(own, str) else own
            if not isinstance(ref, dict):
                self.bad(where, "needs a 'reference' object with 'resource' and 'fields'")
                continue
            theirs = ref.get("fields")
            theirs = [theirs] if isinstance(theirs, str) else theirs
            target = ref.get("resource")
            if not (isinstance(own, list) and len(own) == 1 and own[0] in specs):
                self.bad(where, "'fields' must name exactly one field of this table")
            elif target not in by_name:
                self.bad(where, f"reference.resource must name a table: {', '.join(by_name)}")
            elif not (
                isinstance(theirs, list) and len(theirs) == 1 and theirs[0] in fields_of(target)
            ):
                self.bad(where, f"reference.fields must name exactly one field of '{target}'")
            else:
                fk["fields"], ref["fields"] = own, theirs
        for name, spec in specs.items():
            where = f"{at}.schema.fields ({name})"
            ref = spec.get("x-itemReference")
            if ref is not None:
                ok = (
                    isinstance(ref, dict)
                    and ref.get("resource") in by_name
                    and ref.get("field") in fields_of(ref["resource"])
                )
                if spec.get("type") != "list" or not ok:
                    self.bad(
                        f"{where}.x-itemReference",
                        'must be {"resource": TABLE, "field": FIELD} naming a field '
                        "that exists, on a list field",
                    )
            refs = spec.get("x-itemReferenceAny")
            if refs is not None:
                ok = (
                    isinstance(refs, list)
                    and len(refs) > 0
                    and all(
                        isinstance(r, dict)
                        and r.get("resource") in by_name
                        and r.get("field") in fields_of(r["resource"])
                        for r in refs
                    )
                )
                if spec.get("type") != "list" or not ok:
                    self.bad(
                        f"{where}.x-itemReferenceAny",
                        'must be a list of {"resource": TABLE, "field": FIELD} naming fields '
                        "that exist, on a list field",
                    )
            other = spec.get("x-itemEnumOf")
            if other is not None and (
                spec.get("type") != "list"
                or not isinstance(other, str)
                or other not in specs
                or not isinstance(specs[other].get("constraints"), dict)
                or "enum" not in specs[other]["constraints"]
            ):
                self.bad(
                    f"{where}.x-itemEnumOf", "must name a field of this table that has an enum"
                )
            other = spec.get("x-locatorOf")
            if other is not None and (
                spec.get("type") != "integer" or not isinstance(other, str) or other not in specs
            ):
                self.bad(f"{where}.x-locatorOf", "must name a field of this table (on an integer)")
            other = spec.get("x-notBefore")
            if other is not None and (
                spec.get("type") != "date"
                or not isinstance(other, str)
                or specs.get(other, {}).get("type") != "date"
            ):
                self.bad(f"{where}.x-notBefore", "must name a date field of this table")
            if spec.get("x-format") == "locator" and spec.get("type") != "list":
                self.bad(f"{where}.x-format", '"locator" applies to list fields')
            when = spec.get("x-requiredWhen")
            if when is not None and not (
                isinstance(when, dict)
                and when.get("field") in specs
                and when.get("field") != name
                and isinstance(when.get("in"), list)
                and when["in"]
                and all(isinstance(v, str) for v in when["in"])
            ):
                self.bad(
                    f"{where}.x-requiredWhen",
                    'must be {"field": FIELD, "in": [VALUE, ...]} naming another field of '
                    "this table and the values that make this one required",
                )
            covers = spec.get("x-coversWhere")
            if covers is not None:
                target = covers.get("resource") if isinstance(covers, dict) else None
                cond = covers.get("where") if isinstance(covers, dict) else None
                ok = (
                    isinstance(target, str)
                    and target in by_name
                    and covers.get("field") in fields_of(target)
                    and isinstance(cond, dict)
                    and cond.get("field") in fields_of(target)
                    and isinstance(cond.get("equals"), str)
                    and spec.get("type", "string") == "string"
                    and spec.get("constraints", {}).get("unique") is True
                )
                if not ok:
                    self.bad(
                        f"{where}.x-coversWhere",
                        'must be {"resource": TABLE, "field": FIELD, "where": {"field": FIELD, '
                        '"equals": VALUE}} naming fields that exist, on a unique string field',
                    )


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
        text = f"{', '.join(where)}: {self.message} [{self.rule}]"
        # one line, whatever a cell holds: newlines and terminal control codes are escaped
        return text.translate(_CONTROL)


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


def _read_bytes(path: Path) -> bytes:
    """The bytes of *path* (one place, so tests can simulate unreadable files)."""
    return path.read_bytes()


def _unreadable(file: str, err: OSError) -> Problem:
    reason = err.strerror or type(err).__name__
    if isinstance(err, PermissionError):
        hint = "give yourself read permission (chmod u+r) or copy the corpus again"
    elif isinstance(err, IsADirectoryError):
        hint = "it is a folder; it must be a file"
    else:
        hint = "check that the file is a regular, readable file"
    return Problem(file, None, None, "unreadable", f"cannot be read ({reason}); {hint}")


def read_package(directory: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read ``datapackage.json`` from *directory*; return it and any problems."""
    if not os.access(directory, os.R_OK | os.X_OK):
        msg = f"the folder {directory} cannot be read (permission denied); chmod u+rx it"
        return None, [Problem("datapackage.json", None, None, "unreadable", msg)]
    path = directory / "datapackage.json"
    if not path.exists():
        msg = (
            f"no datapackage.json in {directory}; a corpus directory holds datapackage.json "
            "and one CSV file per table (copy the shipped corpus with `qantar copy-corpus DIR`)"
        )
        return None, [Problem("datapackage.json", None, None, "missing-file", msg)]
    try:
        raw = _read_bytes(path)
    except OSError as err:
        return None, [_unreadable("datapackage.json", err)]
    if b"\x00" in raw:
        msg = "contains NUL bytes, so it is not a UTF-8 text file; save it as UTF-8 JSON"
        return None, [Problem("datapackage.json", None, None, "encoding", msg)]
    try:
        package = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as err:
        reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)[:120]
        msg = f"not valid UTF-8 JSON ({reason}); fix the syntax and run `qantar validate` again"
        return None, [Problem("datapackage.json", None, None, "json", msg)]
    if _depth(package) > _MAX_DEPTH:
        msg = f"nests lists and objects more than {_MAX_DEPTH} levels deep; a schema needs 6"
        return None, [Problem("datapackage.json", None, None, "schema", msg)]
    check = _PackageCheck(directory)
    check.run(package)
    if not check.problems:
        check.needed(package)
    return (None if check.problems else package), check.problems


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = "is saved as UTF-16; save it with UTF-8 encoding (in a spreadsheet: 'CSV UTF-8')"
        return None, Problem(file, None, None, "encoding", msg)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        msg = (
            "contains a NUL byte, so it is not a text CSV file; "
            "save it with UTF-8 encoding (in a spreadsheet: 'CSV UTF-8')"
        )
        return None, Problem(file, line - 1 if line > 1 else None, None, "encoding", msg, line)
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
    shown = value if len(value) <= 40 else value[:37] + "..."
    if kind == "integer":
        if not _INT.fullmatch(value):
            return None, f"'{shown}' is not a whole number (digits 0-9 only, no _ or spaces)"
        number = int(value)
        if not -_INT64 <= number < _INT64:
            return None, f"'{shown}' is too large; whole numbers must lie within ±9.2e18"
        return number, None
    if kind == "number":
        if value.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            return None, f"'{shown}' is not a finite number"
        if not _NUMBER.fullmatch(value):
            return None, (
                f"'{shown}' is not a number (write 3000 or 2.5 with digits 0-9, "
                "not 3,000, 3.000 or 3_000)"
            )
        real = float(value)
        if not math.isfinite(real):
            return None, f"'{shown}' is not a finite number"
        return real, None
    if kind == "date":
        if not _DATE.fullmatch(value):
            return None, f"'{shown}' is not a date in the form YYYY-MM-DD"
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            return None, f"'{shown}' is not a real calendar date"
        if not DATE_MIN <= date <= DATE_MAX:
            return (
                None,
                f"'{shown}' is outside the dates the course can hold ({DATE_MIN} to {DATE_MAX})",
            )
        return date, None
    if kind == "boolean":
        if value not in ("true", "false"):
            return None, f"'{shown}' is not true or false (write true or false, in lower case)"
        return value == "true", None
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
    if not path.exists() and not path.is_symlink():
        msg = f"file not found in {directory}; the '{table.name}' table is read from it"
        problems.append(Problem(file, None, None, "missing-file", msg))
        table.ok = table.complete = False
        return table
    if path.is_symlink() and path.resolve().parent != directory.resolve():
        # a link out of the corpus folder: neither read nor shown
        msg = "is a link to a file outside the corpus folder; put the table itself here"
        problems.append(Problem(file, None, None, "outside-corpus", msg))
        table.ok = table.complete = False
        return table
    try:
        data = _read_bytes(path)
    except OSError as err:
        problems.append(_unreadable(file, err))
        table.ok = table.complete = False
        return table
    text, problem = _decode(data, file)
    if problem:
        problems.append(problem)
        table.ok = table.complete = False
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
                    about = spec.get("description")
                    msg = "is empty but required" + (f": {about}" if isinstance(about, str) else "")
                    problems.append(Problem(file, row_no, name, "required", msg, start))
                    table.ok = False
                value = [] if spec.get("type") == "list" else None
            else:
                value, error = _parse(raw, spec)
                if value == [] and spec.get("constraints", {}).get("required"):
                    msg = f"holds only separators ('{raw[:20]}') but is required"
                    problems.append(Problem(file, row_no, name, "required", msg, start))
                    table.ok = False
                elif error:
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
            if "x-notBefore" in spec:
                for i, (end, begin) in enumerate(
                    zip(cols[name], cols[spec["x-notBefore"]], strict=True)
                ):
                    if end is not None and begin is not None and end < begin:
                        msg = f"{end} is before {spec['x-notBefore']} {begin}"
                        report(i, name, "date-order", msg)
            if "x-requiredWhen" in spec:
                other, values = spec["x-requiredWhen"]["field"], spec["x-requiredWhen"]["in"]
                for i, (value, state) in enumerate(zip(cols[name], cols[other], strict=True)):
                    if state in values and (value is None or value == []):
                        about = spec.get("description")
                        msg = (
                            f"is empty but {other} is '{state}'; it is required when {other} "
                            f"is {' or '.join(values)}"
                            + (f": {about}" if isinstance(about, str) else "")
                        )
                        report(i, name, "required-when", msg)
            if "x-coversWhere" in spec:
                _covers_where(tables, table, spec, problems)

    _plausible(tables, problems)
    _outcome_checks(tables, problems)


def _covers_where(
    tables: dict[str, RawTable], table: RawTable, spec: dict[str, Any], problems: list[Problem]
) -> None:
    """``x-coversWhere``: the values are exactly the keys of the target rows meeting a condition.

    Not checked while the target table has problems of its own (they are reported there).
    """
    rule = spec["x-coversWhere"]
    target = tables.get(rule["resource"])
    key, cond, equals = rule["field"], rule["where"]["field"], rule["where"]["equals"]
    if target is None or not target.ok or not {key, cond} <= set(target.columns):
        return
    state = dict(zip(target.columns[key], target.columns[cond], strict=True))
    name = spec["name"]
    for i, value in enumerate(table.columns[name]):
        if value in state and state[value] != equals:
            msg = (
                f"'{value}' has {cond} '{state[value]}' in {target.file}, not '{equals}'; "
                f"only {rule['resource']} rows whose {cond} is '{equals}' belong here"
            )
            problems.append(
                Problem(table.file, i + 1, name, "reference-where", msg, table.lines[i])
            )
            table.ok = False
    if not table.complete:
        return
    present = {v for v in table.columns[name] if v is not None}
    for row, (value, kind) in enumerate(state.items(), start=1):
        if kind == equals and value not in present:
            msg = (
                f"{rule['resource']} row {row} ('{value}') has {cond} '{equals}' but no row "
                f"here; each needs exactly one"
            )
            about = spec.get("description")
            if isinstance(about, str):
                msg += f" ({about})"
            problems.append(Problem(table.file, None, name, "not-covered", msg))
            table.ok = False


def _outcome_checks(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """The evidence of an outcome was published after the prediction and by ``judged_on``.

    A page from before the forecast cannot test it, and one from after the judgement was
    not seen.  The rule needs three hops (outcome, claim, source), which no field-level
    rule states, so it is written here for the ``outcomes`` table by name.  Not checked
    while ``claims``, ``sources`` or ``context`` have problems of their own.
    """
    outcomes = tables.get("outcomes")
    claims, sources, context = tables.get("claims"), tables.get("sources"), tables.get("context")
    needed = {"claim_id", "judged_on", "context_ids"}
    if outcomes is None or claims is None or sources is None or context is None:
        return
    if not (
        claims.ok
        and sources.ok
        and context.ok
        and needed <= set(outcomes.columns)
        and {"claim_id", "source_id"} <= set(claims.columns)
        and {"source_id", "published"} <= set(sources.columns)
        and {"context_id", "published"} <= set(context.columns)
    ):
        return
    source_of = dict(zip(claims.columns["claim_id"], claims.columns["source_id"], strict=True))
    published = dict(zip(sources.columns["source_id"], sources.columns["published"], strict=True))
    evidence = dict(zip(context.columns["context_id"], context.columns["published"], strict=True))
    cols = outcomes.columns

    def report(i: int, msg: str) -> None:
        problems.append(
            Problem(outcomes.file, i + 1, "context_ids", "evidence-date", msg, outcomes.lines[i])
        )
        outcomes.ok = False

    for i, (claim, day, ids) in enumerate(
        zip(cols["claim_id"], cols["judged_on"], cols["context_ids"], strict=True)
    ):
        source = source_of.get(claim) if claim is not None else None
        start = published.get(source) if source is not None else None
        dated = [(item, evidence[item]) for item in ids or [] if item in evidence]
        early = [f"{item} ({when})" for item, when in dated if start is not None and when <= start]
        late = [f"{item} ({when})" for item, when in dated if day is not None and when > day]
        if early:
            report(
                i,
                f"{', '.join(early)} published on or before the source of '{claim}' "
                f"({start}); evidence of an outcome must come later than the prediction",
            )
        if late:
            report(
                i,
                f"{', '.join(late)} published after judged_on {day}; an outcome rests "
                "only on pages published by the day it was judged",
            )


def _plausible(tables: dict[str, RawTable], problems: list[Problem]) -> None:
    """Values that are well-formed but cannot be true of what they measure."""
    figures = tables.get("figures")
    if figures is not None and {"value", "unit"} <= set(figures.columns):
        for i, (value, unit) in enumerate(
            zip(figures.columns["value"], figures.columns["unit"], strict=True)
        ):
            if value is not None and value < 0 and unit in COUNT_UNITS:
                msg = f"{value:g} {unit} cannot be negative; a count is 0 or more"
                problems.append(
                    Problem(figures.file, i + 1, "value", "impossible", msg, figures.lines[i])
                )
                figures.ok = False
    sources, events = tables.get("sources"), tables.get("events")
    if (
        sources is None
        or events is None
        or not sources.complete
        or "published" not in sources.columns
        or "date" not in events.columns
    ):
        return
    published = [d for d in sources.columns["published"] if d is not None]
    if not published or "status" not in events.columns:
        return
    latest = max(published)
    for i, (date, status) in enumerate(
        zip(events.columns["date"], events.columns["status"], strict=True)
    ):
        if date is not None and date > latest and status != "planned":
            msg = (
                f"{date} is after the latest source ({latest}); an event no source could "
                "report must be marked status 'planned' (or the date is wrong)"
            )
            problems.append(
                Problem(events.file, i + 1, "date", "after-sources", msg, events.lines[i])
            )
            events.ok = False


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
