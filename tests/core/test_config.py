"""The user's configuration and themes ($XDG_CONFIG_HOME/deck), and a deck's own theme file."""

from __future__ import annotations

import pytest

from deck.cli import main
from deck.core.check import check_path
from deck.core.config import Config, read_config
from deck.core.loader import load_deck
from deck.core.session import editor_command
from deck.tui.app import make_app

from ..conftest import ROOT, VALID

BRAND = "name: brand\nprimary: '#123456'\nvariables:\n  confidence-confirmed: '#00aa00'\n"


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    home = tmp_path / "config"
    (home / "deck" / "themes").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home / "deck"


def test_a_configuration_is_read(config_home):
    (config_home / "config.yaml").write_text("theme: light\nnotes: true\nchrome: false\neditor: nano\n")
    assert read_config() == (Config(theme="light", notes=True, chrome=False, editor="nano"), [])


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("theme: [a\n", "YAML syntax", 2),
        ("thme: light\n", "unknown setting 'thme' — did you mean 'theme'?", 1),
        ("notes: maybe\n", "'notes' must be true or false", 1),
        ("theme: light\nnotes: &a true\n", "anchors and aliases are not supported", 2),
    ],
)
def test_a_broken_configuration_is_said_at_its_line_and_the_defaults_used(config_home, text, message, line):
    (config_home / "config.yaml").write_text(text)
    config, problems = read_config()
    assert config.notes is False
    assert any(message in p.message and p.line == line and "using the defaults" in p.message for p in problems), problems


def test_a_broken_configuration_never_stops_a_command(config_home, capsys, tmp_path):
    (config_home / "config.yaml").write_text("notes: [\n")
    deck = tmp_path / "d.yaml"
    deck.write_text(VALID)
    assert main(["check", str(deck)]) == 0


def test_user_themes_are_listed_and_checked(config_home, capsys, tmp_path):
    (config_home / "themes" / "brand.yaml").write_text(BRAND)
    with pytest.raises(SystemExit):
        main(["present", "--help"])
    assert "brand" in capsys.readouterr().out
    deck = tmp_path / "d.yaml"
    deck.write_text(VALID.replace("title: Test deck\n", "title: Test deck\ntheme: brand\n"))
    _, found = check_path(deck)
    assert not [d for d in found if d.code == "theme"]


async def test_a_user_theme_is_offered_in_the_palette_and_used(config_home):
    (config_home / "themes" / "brand.yaml").write_text(BRAND)
    app = make_app(load_deck(ROOT / "tests" / "decks" / "showcase.yaml"), theme="brand", clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "brand"
        assert "theme: Brand" in [c.title for c in app.get_system_commands(app.screen)]


async def test_a_deck_may_name_a_theme_file_beside_it(config_home, tmp_path):
    (tmp_path / "brand.yaml").write_text(BRAND.replace("name: brand", "name: house"))
    deck = tmp_path / "talk.yaml"
    deck.write_text(VALID.replace("title: Test deck\n", "title: Test deck\ntheme: ./brand.yaml\n"))
    _, found = check_path(deck)
    assert not [d for d in found if d.code == "theme"]
    app = make_app(load_deck(deck), clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "house"


def test_a_theme_file_outside_the_decks_folder_is_not_read(config_home, tmp_path):
    deck_folder = tmp_path / "talk"
    deck_folder.mkdir()
    (tmp_path / "evil.yaml").write_text(BRAND)
    deck = deck_folder / "talk.yaml"
    deck.write_text(VALID.replace("title: Test deck\n", "title: Test deck\ntheme: ../evil.yaml\n"))
    _, found = check_path(deck)
    assert any(d.code == "theme" and "unknown theme '../evil.yaml'" in d.message for d in found)


def test_the_configured_editor_comes_before_visual_and_editor(tmp_path):
    for name in ("nano", "vim"):
        program = tmp_path / name
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    environ = {"DECK_EDITOR": "nano", "VISUAL": "vim", "PATH": str(tmp_path)}
    assert editor_command(tmp_path / "d.yaml", 3, environ)[0] == "nano"
