"""Exporters: one module per format, each a function `export(deck, options)` over the core's view of
each slide, and one registry of them (`FORMATS`) that the CLI and the palette both read."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.model import Confidence, Deck


@dataclass(frozen=True)
class Format:
    """One export format: its module in this package, the file ending it writes, and how it takes images."""

    name: str
    module: str
    extension: str  # the ending of the file it writes beside the deck (talk.marp.md)
    images: str = "relative"  # Markdown images in deck text: 'relative' to where it lands, 'data' URIs, or 'as-is' (the PDF: its HTML page's)
    binary: bool = False  # bytes (a PDF), not text
    suffixes: tuple[str, ...] = ()  # other file endings that ask for this format (-o x.json)
    note: str = ""  # what it is, for help and the palette


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("markdown", "markdown", ".handout.md", suffixes=(".md", ".markdown", ".txt", ""), note="a handout to read or print"),
        Format("marp", "marp", ".marp.md", note="slides for Marp"),
        Format("pandoc", "pandoc", ".pandoc.md", note="slides for pandoc (Beamer, reveal.js, PowerPoint)"),
        Format("reveal", "revealjs", ".reveal.md", note="slides for reveal.js's Markdown plugin"),
        Format("reveal-page", "reveal_page", ".reveal.html", images="as-is", note="a reveal.js page that opens on its own"),
        Format("ledger", "ledger", ".ledger.md", images="as-is", note="every claim with its label and sources"),
        Format("csv", "ledger_csv", ".ledger.csv", images="as-is", suffixes=(".csv",), note="the ledger as CSV"),
        Format("json", "json_export", ".json", images="as-is", suffixes=(".json",), note="the deck as data"),
        Format("html", "html", ".html", images="data", note="one self-contained page"),
        Format("pdf", "pdf", ".pdf", images="as-is", binary=True, note="the HTML page printed (needs WeasyPrint)"),
        Format("pptx", "pptx", ".pptx", binary=True, note="PowerPoint, one slide per slide (needs pandoc)"),
    )
}
TEXT_FORMATS = tuple(name for name, f in FORMATS.items() if not f.binary)
EXTENSIONS: dict[str, str] = {name: f.extension for name, f in FORMATS.items()}


@dataclass(frozen=True)
class ExportOptions:
    min_confidence: Confidence | None = None  # leave out claims weaker than this
    notes: bool = True  # include speaker notes
    out_dir: str | None = None  # where the export is written: image paths are made relative to it (None: here)
    indent: int | None = None  # JSON: None writes it compact (the C encoder), a number indents it for people
    drawings: bool = False  # Marp: charts and timelines as SVG files beside the export (`side_files`), not tables
    out_name: str | None = None  # the export's file name, which names the folder of those files


def format_for(filename: str) -> str | None:
    """The format a file's name asks for (talk.marp.md -> marp, x.json -> json, x.md -> markdown), or None."""
    name = Path(filename).name.lower()
    for f in sorted(FORMATS.values(), key=lambda f: -len(f.extension)):
        if name.endswith(f.extension):
            return f.name
    suffix = Path(name).suffix
    return next((f.name for f in FORMATS.values() if suffix in f.suffixes), None)


def missing(name: str) -> str | None:
    """What format `name` needs and this machine lacks (WeasyPrint, pandoc), as how to get it; None if nothing."""
    module = importlib.import_module(f".{FORMATS[name].module}", __name__)
    check: Callable[[], str | None] | None = getattr(module, "missing", None)
    return check() if check is not None else None


def exporter(name: str) -> Callable[[Deck, ExportOptions], Any]:
    module = importlib.import_module(f".{FORMATS[name].module}", __name__)
    export: Callable[[Deck, ExportOptions], Any] = module.export
    return export


def _with_images(deck: Deck, name: str, options: ExportOptions) -> Deck:
    """The deck with its Markdown images made to work where the export lands."""
    from .body_images import as_data_uri, relative_to_export, with_images

    images = FORMATS[name].images
    if images == "relative":
        return with_images(deck, relative_to_export(deck, options))
    if images == "data":
        return with_images(deck, as_data_uri(deck))
    return deck


def export_deck(deck: Deck, name: str, options: ExportOptions = ExportOptions()) -> str:
    """The deck in the text format `name`."""
    if FORMATS[name].binary:
        raise ValueError(f"{name} is not a text format: use export_bytes")
    text: str = exporter(name)(_with_images(deck, name, options), options)
    return text


def side_files(deck: Deck, name: str, options: ExportOptions, written: bytes) -> dict[str, bytes]:
    """The files the export `written` refers to, to write beside it (by path relative to it): a Marp
    export's charts and timelines, when asked for with `drawings`."""
    if name != "marp" or not options.drawings:
        return {}
    from .marp import drawing_files

    return drawing_files(deck, options, written.decode("utf-8"))


def unsafe_place(out_dir: str | None, files: dict[str, bytes]) -> Path | None:
    """Where writing `files` beside an export in `out_dir` would go through a link or onto what is not a
    folder (their folder a link, or a file; one of them a link), or None where it is safe."""
    for folder in {(Path(out_dir or ".") / relative).parent for relative in files}:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return folder
        for child in folder.glob("*") if folder.is_dir() else ():
            if child.is_symlink():
                return child
    return None


def write_side_files(out_dir: str | None, files: dict[str, bytes]) -> None:
    """Write `files` beside the export, each whole or not at all and never through a link."""
    from ..core.files import write_atomic

    for relative, data in files.items():
        target = Path(out_dir or ".") / relative
        target.parent.mkdir(exist_ok=True)
        write_atomic(target, data, follow_symlinks=False)


def export_bytes(deck: Deck, name: str, options: ExportOptions = ExportOptions()) -> bytes:
    """The deck in any format, as the bytes of its file."""
    if FORMATS[name].binary:
        # a binary format renders another one (PDF: the HTML page), or its text with pictures as it wants them
        data: bytes = exporter(name)(_with_images(deck, name, options), options)
        return data
    return export_deck(deck, name, options).encode("utf-8")
