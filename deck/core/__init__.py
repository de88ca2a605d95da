"""The core: the deck format, its model and files, checks, edits and what a slide shows.

Nothing here imports Textual, Rich or markdown-it at import time (the layers contract in pyproject.toml
and tests/test_layers.py hold it): `deck check` and the exports start fast, and the UI stands on this.
"""
