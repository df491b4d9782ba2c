"""Write the exercise cells of the lesson notebooks from the exercise registry.

Usage: python scripts/exercise_cells.py [--check] [NOTEBOOK ...]
(default: notebooks/NN-*.ipynb)

Rewrites, from ``src/qantar/_exercises/nbNN.py``, each exercise's header (directive,
label, objective line), the option list of multiple-choice exercises that register
``options``, the "A good answer" list and the solution's rubric of open exercises that
register a ``rubric``, and each lesson's "time to complete" line (see
``src/qantar/_exercise_cells.py`` for how each region is found).  Only Markdown cells
change; run ``make notebooks`` afterwards if outputs must be refreshed.  With
``--check``, writes nothing and exits 1 if a notebook is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qantar._exercise_cells import ExerciseCellsError, update_notebooks

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted(
        (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
    )
    try:
        updates = update_notebooks(paths, write=not check)
    except ExerciseCellsError as err:
        print(f"exercise_cells: {err}", file=sys.stderr)
        return 2
    stale = [u for u in updates if u.changed]
    for update in stale:
        verb = "out of date" if check else "updated"
        print(f"{update.path.name}: {verb}: {'; '.join(update.changed)}")
    if not stale:
        print(f"{len(updates)} notebook(s) up to date with the exercise registry")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
