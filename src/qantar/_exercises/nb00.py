"""Exercises of notebook 00."""

from __future__ import annotations

from .._checks import Exercise

EXERCISES: list[Exercise] = []
