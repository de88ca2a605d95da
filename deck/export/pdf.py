"""PDF: the HTML export printed by WeasyPrint, one page per slide. WeasyPrint is an optional part
(`pip install 'briefing-deck[pdf]'`); without it, `deck export` says how to get it."""

from __future__ import annotations

import importlib.util

from ..model import Deck
from . import ExportOptions

PDF_HINT = "a PDF export needs WeasyPrint, an optional part: pip install 'briefing-deck[pdf]'"


def available() -> bool:
    return importlib.util.find_spec("weasyprint") is not None


def export_pdf(deck: Deck, options: ExportOptions) -> bytes:
    """The deck as PDF bytes. Raises RuntimeError(PDF_HINT) without WeasyPrint."""
    if not available():
        raise RuntimeError(PDF_HINT)
    import weasyprint

    from . import export_deck

    # the print stylesheet shows every step, hides the notes and the controls, and sizes each slide's type
    document = weasyprint.HTML(string=export_deck(deck, "html", options)).write_pdf()
    assert document is not None
    return bytes(document)
