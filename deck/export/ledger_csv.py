"""The claims ledger as CSV, for spreadsheets. Cells that a spreadsheet would run as a formula are defused."""

from __future__ import annotations

import csv
import io

from ..core.model import Confidence, Deck
from ..core.text import strip_unsafe
from . import ExportOptions
from .ledger import claims, source_titles

HEADER = ["slide", "slide_title", "column", "claim", "confidence", "own_label", "sources", "source_titles", "slide_sources", "analysis", "likelihood"]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _cell(text: str) -> str:
    """Every cell defused: a leading formula character (after any whitespace, since spreadsheets trim
    it) gets a quote in front, so it is read as text (the OWASP rule for CSV injection)."""
    text = strip_unsafe(text)
    return "'" + text if text.lstrip(" \t\r\n")[:1] in _FORMULA_STARTS or text[:1] in _FORMULA_STARTS else text


def export(deck: Deck, options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in claims(deck, options):
        writer.writerow(
            [
                row.slide_number,
                _cell(row.slide.name),
                _cell(row.column or ""),
                _cell(row.point.text),
                row.point.confidence.value if row.point.confidence is not None else "",
                "yes" if row.point.labelled else "no",
                _cell(";".join(row.sources)),
                _cell(source_titles(deck, row.sources)),
                _cell(";".join(row.slide_sources)),  # the slide's, apart: not credited to the claim
                "yes" if row.point.confidence is Confidence.ANALYSIS else "no",  # our reasoning, apart from what sources say
                row.point.likelihood or "",
            ]
        )
    return buffer.getvalue()
