"""`deck check`: load a deck and lint it, collecting every finding."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

from .config import theme_file, theme_folders
from .diagnostics import ERROR, INFO, WARNING, DeckError, Diagnostic, did_you_mean, sort_diagnostics
from .imagefile import ImageProblem, read_image
from .lint import STALE, lint_deck
from .loader import parse_deck, read_text
from .model import Deck, Pos
from .themefile import DEFAULT_THEME, read_theme, theme_names


def check_path(path: str | os.PathLike[str], today: dt.date | None = None) -> tuple[Deck | None, list[Diagnostic]]:
    """The deck (None if it has errors) and every error and warning, sorted. OSError if unreadable."""
    try:
        text = read_text(path)
    except DeckError as exc:
        return None, exc.diagnostics
    loaded = parse_deck(text, str(path))
    found = list(loaded.diagnostics) + check_images(str(path), loaded.images)  # files, even when the deck has errors
    found += [
        Diagnostic(
            pos.line, pos.col, f"runs {language} code under `deck present --run-code` (Ctrl+E); nothing runs otherwise", INFO, str(path), "runnable"
        )
        for language, pos in loaded.runnable
    ]
    if loaded.deck is not None:
        found += lint_deck(loaded.deck, today)
        found += check_theme(loaded.deck)
    return loaded.deck, sort_diagnostics(found)


def check_images(deck_path: str, images: list[tuple[str, Pos]]) -> list[Diagnostic]:
    """Each image a deck names (`image:` or Markdown in its text): a PNG, JPEG, GIF, WebP or SVG file inside the
    deck's folder, within the limits. An error where it is named: the presenter and the exports would show
    only its alt text."""
    found = []
    for image, pos in dict.fromkeys(images):
        try:
            read_image(deck_path, image)
        except ImageProblem as exc:
            found.append(Diagnostic(pos.line, pos.col, str(exc), ERROR, deck_path, "image"))
    return found


def check_theme(deck: Deck) -> list[Diagnostic]:
    """A `theme:` that no theme file names: the presenter would fall back to the default."""
    if deck.theme is None:
        return []
    pos = deck.theme_pos
    beside = theme_file(deck.theme, deck.path)
    if beside is not None:  # `theme: ./brand.yaml`: a theme file beside the deck
        if not beside.is_file():
            return [Diagnostic(pos.line, pos.col, f"theme file '{deck.theme}' not found beside the deck", WARNING, deck.path, "theme")]
        _, problems = read_theme(beside)
        return [Diagnostic(d.line, d.col, d.message, WARNING, d.path, "theme") for d in problems]
    names = theme_names(*theme_folders())
    if deck.theme in names:
        return []
    hint = did_you_mean(deck.theme, names) or f"; themes: {', '.join(names)}"
    return [
        Diagnostic(pos.line, pos.col, f"unknown theme '{deck.theme}'{hint} (the presenter would use '{DEFAULT_THEME}')", WARNING, deck.path, "theme")
    ]


def strict(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Warnings become errors, except the calendar-dependent staleness warning (and information stays so)."""
    return [dataclasses.replace(d, severity=ERROR) if d.is_warning and d.code != STALE else d for d in diagnostics]
