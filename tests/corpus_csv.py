"""Read and edit the corpus CSV files the way a hand edit would (shared by the tests)."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file as a list of rows, the header first."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write rows as CSV the way the corpus files are written (UTF-8, LF)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> str:
    """Set one cell (``row`` counts data rows from 1, as qantar.Problem does); return the old."""
    rows = read_rows(path)
    col = rows[0].index(column)
    old = rows[row][col]
    rows[row][col] = value
    write_rows(path, rows)
    return old
