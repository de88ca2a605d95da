"""Errors and warnings about a deck file, each pinned to a line and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .text import visible

ERROR = "error"
WARNING = "warning"
INFO = "info"  # neither: something to know (what a deck would run), never a failure


@dataclass(frozen=True)
class Diagnostic:
    line: int
    col: int
    message: str
    severity: str = ERROR
    path: str = "<deck>"
    code: str = ""  # a short name for the kind of finding, e.g. "stale"

    def __str__(self) -> str:
        # a message may quote the file (an unknown key, a wrong value): never let it drive the terminal
        return visible(f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING


class DeckError(Exception):
    """A deck could not be loaded; `diagnostics` says why, sorted by position."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @property
    def first(self) -> Diagnostic:
        return self.diagnostics[0]


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.path, d.line, d.col))


def collapse(diagnostics: list[Diagnostic]) -> list[tuple[Diagnostic, int]]:
    """Each distinct message once, at its first place, with how many later repeats were left out: an
    alias bomb's hundred identical complaints become the first one and '... and 99 more like this'."""
    firsts: dict[tuple[str, str], int] = {}
    out: list[tuple[Diagnostic, int]] = []
    for d in diagnostics:
        key = (d.severity, d.message)
        if key in firsts:
            first, more = out[firsts[key]]
            out[firsts[key]] = (first, more + 1)
        else:
            firsts[key] = len(out)
            out.append((d, 0))
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' — did you mean 'x'?' when a choice is close to `word`, else ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
