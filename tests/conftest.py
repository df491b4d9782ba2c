"""Shared fixtures: the shipped corpus, a writable copy of it, no figure left open."""

from __future__ import annotations

import csv
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import qantar

# Tests draw figures but never show them; a developer's display must not matter.
os.environ.setdefault("MPLBACKEND", "Agg")

#: The project checkout the tests run from (for building a wheel, finding notebooks).
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def close_figs() -> Iterator[None]:
    """Close every matplotlib figure a test opened (seaborn's tests/conftest.py)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        plt.close("all")


@pytest.fixture(scope="session")
def corpus() -> qantar.Corpus:
    """The corpus shipped with the package, loaded once; do not modify it."""
    return qantar.load_corpus()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped corpus (CSV tables and datapackage.json)."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in sorted(qantar.data_dir().iterdir()):
        if path.suffix == ".csv" or path.name == "datapackage.json":
            shutil.copyfile(path, target / path.name)
    return target


def _read_rows(path: Path) -> list[list[str]]:
    """A CSV file as a list of rows, the header first."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows as CSV the way the corpus files are written (UTF-8, LF)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture
def set_cell() -> Callable[[Path, int, str, str], str]:
    """A function ``set_cell(csv_path, row, column, value)`` returning the old value.

    ``row`` counts data rows from 1, as :class:`qantar.Problem` does.
    """

    def set_cell(path: Path, row: int, column: str, value: str) -> str:
        rows = _read_rows(path)
        col = rows[0].index(column)
        old = rows[row][col]
        rows[row][col] = value
        _write_rows(path, rows)
        return old

    return set_cell
