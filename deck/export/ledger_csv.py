"""The claims ledger as CSV, for spreadsheets. Cells that a spreadsheet would run as a formula are defused."""

from __future__ import annotations

import csv
import io

from ..model import Deck
from ..text import strip_unsafe
from . import ExportOptions
from .ledger import claims, source_titles

HEADER = ["slide", "slide_title", "column", "claim", "confidence", "own_label", "sources", "source_titles"]


def _cell(text: str) -> str:
    text = strip_unsafe(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def export(deck: Deck, options: ExportOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in claims(deck, options):
        writer.writerow(
            [
                row.slide_number,
                _cell(row.slide.title),
                _cell(row.column or ""),
                _cell(row.point.text),
                row.point.confidence.value,
                "yes" if row.point.labelled else "no",
                ";".join(row.sources),
                _cell(source_titles(deck, row.sources)),
            ]
        )
    return buffer.getvalue()
