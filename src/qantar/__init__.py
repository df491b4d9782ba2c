"""Qantar: the corpus and helper library of an open course on the January 2022
unrest in Kazakhstan and the first deployment of the CSTO.

Start with :func:`load_corpus`::

    import qantar
    corpus = qantar.load_corpus()
    qantar.compare_reports(corpus, "troops_russia")

Figures are in :mod:`qantar.plots`, interactive explorers in
:mod:`qantar.widgets`; both are imported on first use so that ``import qantar``
stays fast.  Exercises are checked with :func:`check` (needs a kernel) and, for
multiple-choice readers of the static book, :func:`self_check`.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._checks import Feedback, check, exercises
from ._corpus import TABLES, Corpus, CorpusError, data_dir, load_corpus, validate
from ._queries import (
    HEDGE_GROUP_ORDER,
    HEDGE_GROUPS,
    actor_rows,
    cite,
    claim_codes,
    claims_for,
    cohen_kappa,
    compare_reports,
    coverage,
    disagreements,
    evidence,
    find_actor,
    hedge_group,
    hedge_profile,
    later_events,
    outcome_codes,
    outcome_counts,
    percent_agreement,
    predictions,
    quantities,
    report_spread,
    timeline,
    troop_totals,
)
from ._selfcheck import self_check, self_checks
from ._validate import Problem

__version__ = "0.1.0"

__all__ = (
    "HEDGE_GROUPS",
    "HEDGE_GROUP_ORDER",
    "TABLES",
    "Corpus",
    "CorpusError",
    "Feedback",
    "Problem",
    "__version__",
    "actor_rows",
    "check",
    "cite",
    "claim_codes",
    "claims_for",
    "cohen_kappa",
    "compare_reports",
    "coverage",
    "data_dir",
    "disagreements",
    "evidence",
    "exercises",
    "find_actor",
    "hedge_group",
    "hedge_profile",
    "later_events",
    "load_corpus",
    "outcome_codes",
    "outcome_counts",
    "percent_agreement",
    "plots",
    "predictions",
    "quantities",
    "report_spread",
    "self_check",
    "self_checks",
    "timeline",
    "troop_totals",
    "validate",
    "widgets",
)

_LAZY = ("plots", "widgets")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    msg = f"module 'qantar' has no attribute {name!r}"
    raise AttributeError(msg)
