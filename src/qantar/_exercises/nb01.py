"""Exercises of notebook 01."""

from __future__ import annotations

from .._checks import Exercise

EXERCISES: list[Exercise] = []
