"""Where the bundled decks and themes are: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the `deck` package
BUNDLED_DECK_NAME = "deepseek-v4.yaml"


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def slides_dir() -> Path:
    return _data_dir("slides")


def themes_dir() -> Path:
    return _data_dir("themes")


def bundled_deck() -> Path:
    return slides_dir() / BUNDLED_DECK_NAME


def is_bundled(path: str | Path) -> bool:
    """True for a deck that ships inside the installed package (read-only to its users)."""
    return Path(path).resolve().is_relative_to(_PACKAGE / "_bundled")
