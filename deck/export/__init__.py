"""Exporters: one module per format, each a function `export(deck, options) -> str`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import Confidence, Deck

# format name -> module in this package; each module defines `export(deck, options) -> str`
FORMATS: dict[str, str] = {
    "markdown": "markdown",
    "marp": "marp",
    "pandoc": "pandoc",
    "reveal": "revealjs",
    "ledger": "ledger",
    "csv": "ledger_csv",
    "json": "json_export",
    "html": "html",
}
EXTENSIONS: dict[str, str] = {
    "markdown": ".handout.md",
    "marp": ".marp.md",
    "pandoc": ".pandoc.md",
    "reveal": ".reveal.md",
    "ledger": ".ledger.md",
    "csv": ".ledger.csv",
    "json": ".json",
    "html": ".html",
}


@dataclass(frozen=True)
class ExportOptions:
    min_confidence: Confidence | None = None  # leave out claims weaker than this
    notes: bool = True  # include speaker notes
    out_dir: str | None = None  # where the export is written: image paths are made relative to it (None: here)
    indent: int | None = None  # JSON: None writes it compact (the C encoder), a number indents it for people


def exporter(name: str) -> Callable[[Deck, ExportOptions], str]:
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    export: Callable[[Deck, ExportOptions], str] = module.export
    return export


def export_deck(deck: Deck, name: str, options: ExportOptions = ExportOptions()) -> str:
    """The deck in format `name`, its Markdown images made to work where the export lands."""
    from .body_images import as_data_uri, relative_to_export, with_images

    if name in ("markdown", "marp", "pandoc", "reveal"):
        deck = with_images(deck, relative_to_export(deck, options))
    elif name == "html":
        deck = with_images(deck, as_data_uri(deck))
    return exporter(name)(deck, options)
