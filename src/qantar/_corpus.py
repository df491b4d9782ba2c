"""Load the corpus into typed pandas DataFrames."""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ._validate import REQUIRED_TABLES, Problem, RawTable, read_tables

__all__ = ("TABLES", "Corpus", "CorpusError", "data_dir", "load_corpus", "validate")

#: The tables every corpus has; a corpus may add more (listed in its ``datapackage.json``).
TABLES = REQUIRED_TABLES


class CorpusError(ValueError):
    """The corpus could not be loaded; ``problems`` lists what is wrong."""

    def __init__(self, directory: Path, problems: list[Problem]) -> None:
        self.directory = directory
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        msg = (
            f"The corpus in {directory} has {len(problems)} problem(s):\n{shown}{more}\n"
            f"Run `qantar validate {directory}` to list them all."
        )
        super().__init__(msg)


def data_dir() -> Path:
    """Return the directory of the corpus shipped with the package.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    return Path(str(importlib.resources.files("qantar") / "data"))


@dataclass(frozen=True, repr=False)
class Corpus:
    """The coded corpus: one typed DataFrame per table.

    Get one with :func:`load_corpus`.  Tables are attributes (``corpus.claims``)
    and can also be looked up by name (``corpus["claims"]``).
    """

    sources: pd.DataFrame
    claims: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame
    actors: pd.DataFrame
    precedents: pd.DataFrame
    glossary: pd.DataFrame
    path: Path
    package: dict[str, Any] = field(default_factory=dict)
    #: Tables beyond the seven every corpus has (e.g. ``context``, ``outcomes``), by name.
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        # only called when normal lookup fails: the extra tables of this corpus
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]  # type: ignore[no-any-return]
        msg = f"{type(self).__name__!r} object has no attribute {name!r}"
        raise AttributeError(msg)

    @property
    def names(self) -> tuple[str, ...]:
        """Names of every table: the seven of :data:`TABLES`, then any added ones.

        Examples
        --------
        >>> load_corpus().names[:3]
        ('sources', 'claims', 'figures')
        """
        return (*TABLES, *self.extra)

    @property
    def version(self) -> str:
        """The corpus version from ``datapackage.json`` (semantic versioning).

        Examples
        --------
        >>> load_corpus().version.count(".")
        2
        """
        return str(self.package.get("version", ""))

    def __getitem__(self, name: str) -> pd.DataFrame:
        if not isinstance(name, str) or name not in self.names:
            msg = f"No table {name!r}. Tables: {', '.join(self.names)}"
            raise KeyError(msg)
        return self.extra[name] if name in self.extra else getattr(self, name)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, in the order of :attr:`names`."""
        return {name: self[name] for name in self.names}

    def describe_field(self, table: str, column: str) -> str:
        """Return the codebook description of *column* in *table*.

        Examples
        --------
        >>> corpus = load_corpus()
        >>> corpus.describe_field("claims", "speaker").split()[:3]
        ['actor_id', 'of', 'whoever']
        """
        self[table]
        for resource in self.package["resources"]:
            if resource["name"] == table:
                for spec in resource["schema"]["fields"]:
                    if spec["name"] == column:
                        return str(spec.get("description", ""))
                names = ", ".join(f["name"] for f in resource["schema"]["fields"])
        msg = f"No column {column!r} in {table}. Columns: {names}"
        raise KeyError(msg)

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame)}" for name, frame in self.tables.items())
        return f"<Corpus {counts}>"


def _dtype_column(values: list[Any], spec: dict[str, Any], source_order: list[str]) -> pd.Series:
    kind = spec.get("type", "string")
    enum = spec.get("constraints", {}).get("enum")
    if kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype="object")), dtype="datetime64[ns]")
    if kind == "integer":
        dtype = "int64" if all(v is not None for v in values) else "Int64"
        return pd.Series(values, dtype=dtype)
    if kind == "number":
        return pd.Series(values, dtype="float64")
    if kind == "list":
        return pd.Series([list(v) for v in values], dtype="object")
    if kind == "boolean":
        dtype = "bool" if all(v is not None for v in values) else "boolean"
        return pd.Series(values, dtype=dtype)
    if enum:
        return pd.Series(pd.Categorical(values, categories=enum))
    if spec["name"] == "source_id" and source_order:
        return pd.Series(pd.Categorical(values, categories=list(dict.fromkeys(source_order))))
    return pd.Series(values, dtype="object")


def _frame(table: RawTable, source_order: list[str]) -> pd.DataFrame:
    data = {
        spec["name"]: _dtype_column(table.columns[spec["name"]], spec, source_order)
        for spec in table.fields
    }
    return pd.DataFrame(data)


def _resolve(path: str | os.PathLike[str] | None) -> Path:
    if path is None:
        return data_dir()
    if isinstance(path, pd.DataFrame):
        msg = (
            "load_corpus() takes the path of a corpus directory, not a DataFrame; "
            "call it with no argument for the shipped corpus: corpus = qantar.load_corpus()"
        )
        raise TypeError(msg)
    if not isinstance(path, str | os.PathLike):
        msg = f"load_corpus() takes a directory path (str or Path), not {type(path).__name__}"
        raise TypeError(msg)
    directory = Path(path)
    if directory.is_file() and directory.name == "datapackage.json":
        directory = directory.parent
    if not directory.is_dir():
        msg = (
            f"No corpus directory at {directory}: expected a folder with datapackage.json "
            "and the CSV tables"
        )
        raise FileNotFoundError(msg)
    return directory


def validate(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Check a corpus directory and return every problem found.

    Parameters
    ----------
    path : str or Path, optional
        Directory holding ``datapackage.json`` and the CSV tables.  Defaults to
        the corpus shipped with the package.

    Returns
    -------
    list of Problem
        Empty when the corpus is clean.  Each problem names the file, the row,
        the field and the rule broken.

    Examples
    --------
    >>> validate()
    []
    """
    _, _, problems = read_tables(_resolve(path))
    return problems


def load_corpus(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load and validate the corpus into typed DataFrames.

    Parameters
    ----------
    path : str or Path, optional
        A corpus directory (for instance an instructor's extended copy).
        Defaults to the corpus shipped with the package.

    Returns
    -------
    Corpus
        Tables as DataFrames: dates as ``datetime64``, vocabularies as
        categoricals in the order the schema gives, list fields as lists.

    Raises
    ------
    CorpusError
        If any table breaks the schema or a cross-table rule; the message lists
        each problem with its file, row and field.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> list(corpus.sources.source_id)
    ['compass', 'osw', 'sceeus', 'csp', 'ian']
    >>> list(corpus.claims.theme.cat.categories[:3])
    ['causes', 'course_of_events', 'official_narrative']
    >>> corpus.events.date.dtype
    dtype('<M8[ns]')
    """
    directory = _resolve(path)
    tables, package, problems = read_tables(directory)
    if problems or package is None:
        raise CorpusError(directory, problems)
    source_order = [s for s in tables["sources"].columns["source_id"] if s]
    frames = {name: _frame(table, source_order) for name, table in tables.items()}
    extra = {name: frame for name, frame in frames.items() if name not in TABLES}
    core = {name: frames[name] for name in TABLES}
    return Corpus(**core, path=directory, package=package, extra=extra)
