"""Exercises of each notebook, registered for ``qantar.check`` (one module per notebook)."""
