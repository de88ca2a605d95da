"""Every export format of a few decks, compared byte for byte with the files in tests/export/golden/.

A change to an exporter shows here as a diff a reviewer reads. After a change that is meant, write the
files again and read the diff before committing it:

    DECK_UPDATE_GOLDEN=1 pytest tests/export/test_golden.py
"""

from __future__ import annotations

import os

import pytest

from deck.core.loader import load_deck
from deck.core.model import Confidence
from deck.export import EXTENSIONS, TEXT_FORMATS, ExportOptions, export_deck

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "export" / "golden"
DECKS = {
    "showcase": (ROOT / "tests" / "decks" / "showcase.yaml", None),
    "showcase-unverified": (ROOT / "tests" / "decks" / "showcase.yaml", Confidence.UNVERIFIED),
    "awkward": (ROOT / "tests" / "decks" / "awkward.yaml", None),
    "figures": (ROOT / "tests" / "decks" / "figures.yaml", None),
    "view-rules": (ROOT / "tests" / "decks" / "view-rules.yaml", None),
    "view-rules-unverified": (ROOT / "tests" / "decks" / "view-rules.yaml", Confidence.UNVERIFIED),
}


@pytest.mark.parametrize("name", sorted(DECKS))
# the reveal.js page is the reveal.js Markdown (kept here) inside reveal.js itself (tests/export/test_reveal_page.py)
@pytest.mark.parametrize("format_name", sorted(set(TEXT_FORMATS) - {"reveal-page"}))
def test_export_matches_its_golden_file(name, format_name, monkeypatch):
    monkeypatch.chdir(ROOT)  # image paths are made relative to where the export lands
    path, minimum = DECKS[name]
    text = export_deck(load_deck(path), format_name, ExportOptions(min_confidence=minimum))
    golden = GOLDEN / f"{name}{EXTENSIONS[format_name]}"
    if os.environ.get("DECK_UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden.name} differs: DECK_UPDATE_GOLDEN=1 writes it again; read the diff"
