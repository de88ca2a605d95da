"""PDF: the HTML export printed by WeasyPrint, one page per slide. WeasyPrint is an optional part
(`pip install 'briefing-deck[pdf]'`); without it, `deck export` says how to get it."""

from __future__ import annotations

import importlib.util
from typing import Any

from ..core.model import Deck
from . import ExportOptions

PDF_HINT = "a PDF export needs WeasyPrint, an optional part: pip install 'briefing-deck[pdf]'"


def available() -> bool:
    return importlib.util.find_spec("weasyprint") is not None


def missing() -> str | None:
    """What the export needs and this machine lacks, said as how to get it; None when it can run."""
    return None if available() else PDF_HINT


def data_only(weasyprint: Any) -> Any:
    """WeasyPrint ignores the page's policy: it may read the page's own data URIs, and nothing else (no
    network, no file)."""
    if hasattr(weasyprint, "URLFetcher"):  # WeasyPrint 66 and later
        return weasyprint.URLFetcher(allowed_protocols=("data",))

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith("data:"):
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        raise ValueError(f"deck's PDF export fetches nothing: {url[:60]}")

    return fetch


def export(deck: Deck, options: ExportOptions) -> bytes:
    """The deck as PDF bytes. Raises RuntimeError(PDF_HINT) without WeasyPrint."""
    if not available():
        raise RuntimeError(PDF_HINT)
    import weasyprint

    from . import export_deck

    # the print stylesheet shows every step, hides the notes and the controls, and sizes each slide's type
    document = weasyprint.HTML(string=export_deck(deck, "html", options), url_fetcher=data_only(weasyprint)).write_pdf()
    assert document is not None
    return bytes(document)
