"""Re-execute the course notebooks in place, the equivalent of Restart and Run All.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: notebooks/NN-*.ipynb)

Run it after any change to the library or the corpus, then commit the notebooks:
their stored outputs are what nbval checks.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        # the book shows each explorer's HTML fallback: no widget state in the notebooks
        store_widget_state=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    # not setdefault: the Makefile exports MPLBACKEND=Agg, under which kernels store no figures
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for path in paths:
        seconds = execute(path)
        print(
            f"executed {path.relative_to(ROOT) if path.is_absolute() else path} in {seconds:.1f}s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
