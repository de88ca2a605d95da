"""The core never imports Textual or Rich: every module outside deck.tui, found by walking the package
(not a hand-kept list), is imported alone in a fresh interpreter and checked."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

import deck

from ..conftest import ROOT


def core_modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(deck.__path__, "deck.")]
    # __main__ runs the command when imported; it imports only deck.cli, which is checked
    core = [name for name in ["deck", *names] if name != "deck.__main__"]
    return sorted(name for name in core if not (name == "deck.tui" or name.startswith("deck.tui.")))


def test_the_walk_finds_the_whole_core():
    found = core_modules()
    assert {"deck.core.model", "deck.core.loader", "deck.core.session", "deck.core.filtering", "deck.core.themefile", "deck.export.marp"} <= set(
        found
    )
    assert not [name for name in found if "tui" in name]


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual_or_rich(module):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'textual_serve'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


def test_every_exporter_runs_without_textual_or_rich():
    code = (
        "import sys\n"
        "from deck.export import TEXT_FORMATS, export_deck\n"
        "from deck.core.loader import load_deck\n"
        "from deck.core.paths import bundled_deck\n"
        "deck = load_deck(bundled_deck())\n"
        "for name in TEXT_FORMATS: export_deck(deck, name)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_check_command_does_not_import_textual(tmp_path):
    """`deck check --no-fit` stays light (the fit checks draw each slide as the presenter does, with Rich
    and deck's renderers, which load Textual)."""
    deck_file = tmp_path / "d.yaml"
    deck_file.write_text("title: T\nslides:\n  - {title: A, confidence: reported, notes: n}\n")
    code = (
        "import sys\nfrom deck.cli import main\n"
        f"rc = main(['check', '--no-fit', {str(deck_file)!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "raise SystemExit(rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_presenters_first_frame_loads_only_what_it_shows():
    """The briefing opens on a title slide: its first frame needs no Markdown parser, no editor and no
    image library (each was imported before the first frame: about 40 ms of a 250 ms start). What the
    next slide needs loads once the first frame is on screen."""
    code = (
        "import sys; from deck.core.loader import load_deck; from deck.core.paths import bundled_deck; from deck.tui.app import make_app\n"
        "from textual.screen import Screen\n"
        "LATER = ('markdown_it', 'rich.markdown', 'textual.widgets._text_area', 'PIL')\n"
        "loaded = []\n"
        "paint = Screen._compositor_refresh\n"
        "def painted(screen):\n"
        "    paint(screen)\n"
        "    loaded.append(sorted(m for m in LATER if m in sys.modules))\n"
        "Screen._compositor_refresh = painted\n"
        "app = make_app(load_deck(bundled_deck()), watch=False, link=False)\n"
        "async def first(pilot):\n"
        "    await pilot.pause()\n"
        "    print(loaded[0])\n"
        "    pilot.app.exit()\n"
        "app.run(headless=True, size=(120, 40), auto_pilot=first)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(("asked", "expected"), [(None, "240 None"), ("30", "30 30")])
def test_deck_paints_on_a_fine_grid_without_passing_it_on(asked, expected):
    """Textual's 60 Hz grid kept a key waiting up to 33 ms after the clock's repaint; deck asks for 240.
    A user's own TEXTUAL_FPS wins, and deck's setting is not left in the environment of what it starts."""
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if asked is not None:
        env["TEXTUAL_FPS"] = asked
    code = "import os, deck.tui, textual.constants as c; print(c.MAX_FPS, os.environ.get('TEXTUAL_FPS'))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert found.stdout.strip() == expected
