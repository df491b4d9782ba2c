"""Exercises of notebook 05."""

from __future__ import annotations

from .._checks import Exercise

EXERCISES: list[Exercise] = []
