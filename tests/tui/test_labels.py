"""Labels that inform: optional for a plain talk, our analysis apart from the sources, the deck's own legend,
a label never split from itself."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from deck.cli import main
from deck.core.loader import load_deck
from deck.core.model import Confidence
from deck.core.view import legend, view_slide
from deck.export import TEXT_FORMATS, ExportOptions, export_deck
from deck.tui.app import make_app
from deck.tui.render import Claims
from deck.tui.themes import Palette

from ..conftest import ROOT

PLAIN = ROOT / "tests" / "decks" / "plain-talk.yaml"
ANALYSIS = ROOT / "tests" / "decks" / "analysis.yaml"
LABEL_WORDS = re.compile(r"CONFIRMED|REPORTED|UNVERIFIED|SPECULATIVE|ANALYSIS|\((?:confirmed|reported|unverified|speculative|analysis)\)")


def rendered(widget) -> str:
    console = Console(width=120, color_system=None)
    with console.capture() as capture:
        console.print(widget.content, markup=False)
    return capture.get()


def screen(app) -> str:
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        for widget in app.presenter.query("#slide-content, #slide-tail"):
            console.print(widget.content if hasattr(widget, "content") else widget.render(), markup=False)
    return capture.get()


async def test_a_talk_without_labels_shows_no_badge_or_legend():
    app = make_app(load_deck(PLAIN), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):
            await pilot.pause()
            assert not LABEL_WORDS.search(screen(app)), screen(app)
            assert not re.search(r"[●◐○◌◆]", screen(app))
            await pilot.press("right")


def test_a_talk_without_labels_checks_strict_clean(capsys):
    assert main(["check", "--strict", str(PLAIN)]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize("format_name", sorted(TEXT_FORMATS))
def test_a_talk_without_labels_exports_without_badges(format_name):
    text = export_deck(load_deck(PLAIN), format_name)
    assert not re.search(r"How to read the labels|[●◐○◌◆]|\*\((confirmed|reported|unverified|speculative)\)", text)
    if format_name not in ("ledger", "csv"):
        assert "Agenda" in text
    else:  # a ledger lists claims: a talk without labels makes none
        assert "Agenda" not in text


@pytest.mark.parametrize("minimum", [None, *Confidence.source_levels()])
def test_our_analysis_is_kept_under_every_filter_with_its_likelihood_in_words(minimum):
    deck = load_deck(ANALYSIS)
    view = view_slide(deck, 0, minimum=minimum)
    assert view.badge is Confidence.ANALYSIS and view.likelihood == "likely"
    unit_costs = next(c for c in view.claims if c.text.startswith("The plant"))
    assert unit_costs.level is Confidence.ANALYSIS and unit_costs.likelihood == "roughly even chance"
    for name in ("markdown", "marp", "pandoc", "html", "json", "ledger", "csv"):
        text = export_deck(deck, name, ExportOptions(min_confidence=minimum))
        assert "The plant lowers unit costs" in text and "roughly even chance" in text, name
        assert "likely" in text, name


def test_the_ledger_keeps_our_analysis_in_its_own_column():
    ledger = export_deck(load_deck(ANALYSIS), "ledger")
    assert "| Sources say | Our analysis |" in ledger
    assert re.search(r"\| The plant lowers unit costs \| — \| ◆ analysis: roughly even chance \|", ledger)
    assert re.search(r"\| A new plant opens next year \| ◐ reported \| — \|", ledger)


def test_the_decks_own_legend_is_the_only_legend():
    deck = load_deck(ANALYSIS)
    assert dict(legend(deck))[Confidence.CONFIRMED] == "the company said it, on the record"
    assert dict(legend(deck))[Confidence.SPECULATIVE] == Confidence.SPECULATIVE.meaning  # built-in where the deck has none
    for name in ("markdown", "html"):
        text = export_deck(deck, name)
        assert "the company said it, on the record" in text and Confidence.CONFIRMED.meaning not in text, name


@pytest.mark.parametrize("width", [30, 43, 44, 60, 80, 100, 120])
def test_a_label_never_wraps_apart(width):
    """The shape ended one line and the word began the next ('...use it ●' / 'confirmed [2]')."""
    view = view_slide(load_deck(ANALYSIS), 0)
    palette = Palette(levels={level: "" for level in Confidence})
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(Claims(view.claims, palette))
    lines = [line.rstrip() for line in capture.get().splitlines()]
    for line in lines:
        assert not re.match(r"\s*(confirmed|reported|speculative|analysis)\b", line.strip()) or re.match(r"\s*[●◐○◌◆] \w", line.strip()), lines
        assert not line.endswith(("●", "◐", "◌")) or len(line.strip()) == 1, lines  # a shape never ends a line of words
    text = " ".join(lines)
    if width >= 44:
        assert "● confirmed [1]" in text and "◐ reported [2]" in text
    else:  # too narrow for words: the shapes alone, and what they mean, on the slide
        assert "● confirmed" in lines[-1] or any("confirmed" in line and "·" in line for line in lines)


async def test_the_speaker_views_badge_follows_the_audiences_filter(tmp_path, monkeypatch):
    """The speaker view showed the slide's own label while the audience's filter hid it."""
    from textual.widgets import Static

    from deck.core.document import DeckDocument
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    app = make_speaker_app(DeckDocument.load(ROOT / "tests" / "decks" / "showcase.yaml"), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.speaker.show(1, 0)  # 'Points with their own labels': speculative, with stronger points
        await pilot.pause()
        head = rendered(app.speaker.query_one("#speaker-head", Static))
        assert "SPECULATIVE" in head
        app.speaker.audience_minimum = Confidence.UNVERIFIED  # the audience hides speculative claims
        await pilot.pause()
        head = rendered(app.speaker.query_one("#speaker-head", Static))
        assert "hidden by the audience's filter" in head and "SPECULATIVE" not in head and "●2" in head


async def test_every_levels_shape_and_words_read_on_every_theme():
    """Found by a newcomer: the speculative ◌ hardly showed on the dark theme (3.6:1). Shapes and words
    are drawn at 4.5:1 or better on the theme's background; badges keep the theme's own colour."""
    from textual.color import Color

    from deck.core.model import Confidence
    from deck.core.themefile import contrast
    from deck.tui.app import make_app
    from deck.tui.themes import palette_for

    app = make_app(load_deck(ROOT / "tests" / "decks" / "showcase.yaml"), clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        for theme in app.deck_theme_names:
            app.theme = theme
            await pilot.pause()
            palette = palette_for(app)
            background = Color.parse(app.theme_variables["background"])
            for level in Confidence:
                assert contrast(palette.of(level), background.hex6) >= 4.5, (theme, level)
                assert palette.levels[level] == app.theme_variables[f"confidence-{level.value}"]  # the badge's own
