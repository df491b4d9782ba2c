"""Shared fixtures: the shipped corpus, a writable copy of it, no figure left open."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import corpus_csv
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


@pytest.fixture
def set_cell() -> Callable[[Path, int, str, str], str]:
    """A function ``set_cell(csv_path, row, column, value)`` returning the old value.

    ``row`` counts data rows from 1, as :class:`qantar.Problem` does.
    """
    return corpus_csv.set_cell
