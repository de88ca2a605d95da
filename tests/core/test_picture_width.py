"""A picture's `width` (a share of the slide, or terminal cells): read and checked, drawn that wide on
screen, and written in each export's own size syntax."""

from __future__ import annotations

import shutil

import pytest

from deck.core.loader import parse_deck
from deck.export import export_deck

from ..conftest import ROOT, until

PICTURES = ROOT / "tests" / "decks" / "pictures"


def deck_with(tmp_path, width: str):
    picture = next(p for p in sorted(PICTURES.iterdir()) if p.suffix == ".png")
    shutil.copy(picture, tmp_path / "pic.png")
    text = f"title: T\nslides:\n  - title: S\n    image: {{path: pic.png, alt: a chart, width: {width}}}\n"
    return parse_deck(text, str(tmp_path / "t.yaml"))


@pytest.mark.parametrize(("width", "kept", "cells_of_100"), [("40%", "40%", 40), ("30", "30", 30), ("' 50 % '", "50%", 50), ("500", "500", 100)])
def test_a_width_is_a_share_or_cells(tmp_path, width, kept, cells_of_100):
    loaded = deck_with(tmp_path, width)
    assert loaded.deck is not None, loaded.diagnostics
    picture = loaded.deck.slides[0].images[0]
    assert picture.width == kept and picture.cells(100) == cells_of_100


@pytest.mark.parametrize("width", ["0%", "101%", "0", "wide", "[1]", "1.5"])
def test_a_bad_width_is_an_error_at_its_place(tmp_path, width):
    loaded = deck_with(tmp_path, width)
    assert loaded.deck is None
    (error,) = loaded.errors
    assert error.line == 4 and "image.width must be a share of the slide like 40%" in error.message


def test_every_export_writes_the_width_its_own_way(tmp_path):
    deck = deck_with(tmp_path, "40%").deck
    assert 'style="width:40%"' in export_deck(deck, "html")
    assert "![w:467 a chart](" in export_deck(deck, "marp")
    assert '){width="40%"}' in export_deck(deck, "pandoc")
    assert '"width":"40%"' in export_deck(deck, "json")


async def test_the_presenter_draws_it_that_wide(tmp_path):
    from deck.tui.app import make_app
    from deck.tui.widgets.picture import PictureView

    deck = deck_with(tmp_path, "40%").deck
    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.presenter.query_one("#slide-pictures")
        await until(pilot, lambda: any(v.picture is not None for v in row.query(PictureView).results(PictureView)))
        view = row.query(PictureView).first(PictureView)
        full = app.presenter.query_one("#slide").content_region.width
        assert view.room()[0] == min(full, 110) * 40 // 100
