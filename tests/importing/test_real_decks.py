"""Real talks written for presenterm, Marp, pandoc, lookatme and slides (tests/importing/decks, each
with its source in SOURCES.md): each imports to a deck that checks with no errors, presents every slide
at 120x40, and exports to an HTML page that fetches nothing and cuts nothing off at 1280x720."""

from __future__ import annotations

import shutil

import pytest

from deck.cli import main
from deck.core.check import check_path
from deck.export import export_deck

from ..conftest import ROOT
from ..export.test_html import in_chromium

DECKS = ROOT / "tests" / "importing" / "decks"
TALKS = sorted(p for p in DECKS.glob("*.md") if p.name != "SOURCES.md")


@pytest.fixture
def imported(tmp_path, request, capsys):
    folder = tmp_path / "talks"
    shutil.copytree(DECKS, folder)
    talk = folder / request.param.name
    assert main(["import", str(talk)]) == 0, capsys.readouterr().err
    return talk.with_suffix(".yaml")


def test_every_tool_is_here():
    assert {p.name.split("-")[0] for p in TALKS} == {"presenterm", "marp", "pandoc", "lookatme", "slides"}


@pytest.mark.parametrize("imported", TALKS, ids=lambda p: p.stem, indirect=True)
async def test_a_real_talk_imports_checks_presents_and_exports(imported, tmp_path):
    deck, found = check_path(imported)
    assert deck is not None and [str(d) for d in found if d.is_error] == []
    from deck.tui.app import make_app

    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        for index in range(len(deck.slides)):
            app.presenter.go(index)
            await pilot.pause()
            assert app.presenter.index == index
    page = tmp_path / "talk.html"
    page.write_text(export_deck(deck, "html"), encoding="utf-8")
    report = in_chromium(page)
    assert report["requests"] == []
    assert report["overflow"]["1280x720"] == []  # nothing cut off: a slide too long even at the smallest type scrolls
