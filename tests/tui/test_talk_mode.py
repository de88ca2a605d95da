"""Talk mode: in front of an audience no key edits the deck (`--talk`, `talk: true`, or while a speaker view
is connected); the speaker view, moving and running code still work, and the status line says so."""

from __future__ import annotations

import shutil

import pytest

from deck.core.config import read_config
from deck.core.document import DeckDocument
from deck.tui.app import make_app
from deck.tui.speaker_app import make_speaker_app

from ..conftest import ROOT, until
from .test_presenter import _plain

SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"
EDIT_KEYS = ["a", "D", "X", "left_square_bracket", "right_square_bracket", "e", "E", "u"]


pytestmark = pytest.mark.usefixtures("private_runtime_dir")


@pytest.fixture(autouse=True)
def _no_editor(monkeypatch):
    monkeypatch.setenv("EDITOR", "false")  # E would run this, were it allowed


@pytest.fixture
def deck_file(tmp_path):
    path = tmp_path / "talk.yaml"
    shutil.copy(SHOWCASE, path)
    return path


async def test_in_talk_mode_no_key_edits_the_deck_and_the_status_line_says_so(deck_file):
    before = deck_file.read_bytes()
    app = make_app(DeckDocument.load(deck_file), clock=lambda: 0.0, talk=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in EDIT_KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.presenter, key  # no editor, no question opened
        assert len(app.presenter.deck.slides) == 4
        await pilot.press("right")  # moving still works
        assert app.presenter.index == 1
        assert "talk mode: editing off" in _plain(app, "#status")
    assert deck_file.read_bytes() == before


async def test_without_talk_mode_the_same_key_edits(deck_file):
    app = make_app(DeckDocument.load(deck_file), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")
        await until(pilot, lambda: len(app.presenter.deck.slides) == 5)  # the test can fail: the key does edit
        assert "editing off" not in _plain(app, "#status")


async def test_while_a_speaker_view_is_connected_the_audience_view_never_edits(deck_file):
    audience = make_app(DeckDocument.load(deck_file), link=True, clock=lambda: 0.0)
    speaker = make_speaker_app(DeckDocument.load(deck_file), clock=lambda: 0.0, wall_clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a:
        async with speaker.run_test(size=(120, 40)) as s:
            await until(s, lambda: speaker.speaker.connected)
            await until(a, lambda: audience.speakers == 1)
            await a.press("D")
            await a.pause()
            assert len(audience.presenter.deck.slides) == 4
            assert "editing off" in _plain(audience, "#status") or not audience.presenter.chrome  # the bars are hidden for the speaker
            assert audience.editing_off == "editing off: the speaker view edits"
        await until(a, lambda: audience.speakers == 0)
        assert audience.editing_off is None
        await a.press("D")
        await until(a, lambda: len(audience.presenter.deck.slides) == 5)


def test_talk_mode_is_a_setting(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("talk: true\n")
    config, problems = read_config(path)
    assert config.talk and problems == []
    path.write_text("talk: sometimes\n")
    config, problems = read_config(path)
    assert not config.talk and "'talk' must be true or false" in problems[0].message
