"""Timelines with times of day, for incident talks: `2026-09-14 14:07`, or `14:07` alone on a timeline of
one day's times. Read at their place, ordered to the minute, placed on the track by the minute in the
terminal and the SVG alike (one rule, `model.track_places`), the track's ends named by their times."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from deck.core.figures import parse_when
from deck.core.loader import parse_deck
from deck.core.model import TIME_ONLY_DAY, track_ends, track_places
from deck.export import export_deck

INCIDENT = """\
title: Incident review
slides:
  - title: Minute by minute
    timeline:
      - {date: 14:07, text: Alerts fire}
      - {date: 13:52, text: The deploy starts}
      - {from: 14:10, to: 14:40, text: Rolled back}
      - {date: 15:30, text: All clear}
"""


@pytest.mark.parametrize(
    ("raw", "text", "day", "minute"),
    [
        ("2026-09-14 14:07", "2026-09-14 14:07", dt.date(2026, 9, 14), 847),
        ("2026-09-14T09:05", "2026-09-14 09:05", dt.date(2026, 9, 14), 545),
        (dt.datetime(2026, 9, 14, 23, 59, 30), "2026-09-14 23:59", dt.date(2026, 9, 14), 1439),
        ("14:07", "14:07", TIME_ONLY_DAY, 847),
        ("9:05", "09:05", TIME_ONLY_DAY, 545),
    ],
)
def test_a_moment_is_read_to_the_minute(raw, text, day, minute):
    when = parse_when(raw)
    assert when is not None and (when.text, when.first, when.last, when.minute) == (text, day, day, minute)


@pytest.mark.parametrize("raw", ["24:00", "14:60", "2026-02-30 10:00", dt.datetime(2026, 9, 14, 14, 7, tzinfo=dt.UTC)])
def test_a_moment_that_is_none_is_refused(raw):
    assert parse_when(raw) is None


def test_a_day_of_times_is_ordered_and_placed_by_the_minute():
    result = parse_deck(INCIDENT, "talk.yaml")
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    events = result.deck.slides[0].timeline
    assert [e.when_text for e in events] == ["13:52", "14:07", "14:10 – 14:40", "15:30"]  # unquoted 14:07 is a time, not YAML 1.1's 847
    places = track_places(events)
    length = 15 * 60 + 31 - (13 * 60 + 52)  # 13:52 to the end of 15:30's minute
    assert places[1] == pytest.approx(((14 * 60 + 7 - (13 * 60 + 52)) / length, (14 * 60 + 8 - (13 * 60 + 52)) / length))
    assert places[0][0] == 0 and places[-1][1] == 1 and [e.point for e in events] == [True, True, False, True]
    assert track_ends(events) == ("13:52", "15:30")


def test_the_terminal_spreads_a_days_events_over_the_track():
    from rich.console import Console

    from deck.core.model import Confidence
    from deck.tui.figures import Timeline
    from deck.tui.themes import Palette

    events = parse_deck(INCIDENT, "talk.yaml").deck.slides[0].timeline
    console = Console(width=110, color_system=None, record=True)
    console.print(Timeline(events, Palette(levels={level: "bold" for level in Confidence}), {}))
    lines = console.export_text().splitlines()
    assert re.search(r"13:52 +15:30", lines[0])  # the track's ends are the day's first and last times
    tracks = [re.search(r"[·•■▓█▒░●◐○◌◆]{20,}", line)[0] for line in lines[1:5]]  # each event's row of the track
    marks = [len(track) - len(track.lstrip("·")) for track in tracks]
    assert marks[0] < marks[1] < marks[2] < marks[3]  # each at its minute: not squeezed into one or two cells


def test_the_svg_spreads_them_too_and_says_the_times():
    page = export_deck(parse_deck(INCIDENT, "talk.yaml").deck, "html")
    assert ">13:52</text>" in page and ">15:30</text>" in page
    assert "14:10 – 14:40" in page


def test_times_alone_and_days_are_not_mixed():
    text = INCIDENT.replace("{date: 15:30, text: All clear}", "{date: 2026-09-15, text: The report}")
    found = [f"{d.line}:{d.col}: {d.message}" for d in parse_deck(text, "talk.yaml").diagnostics]
    assert found == [
        "5:7: slide 1 ('Minute by minute'): a timeline with times alone (14:07) has only times; give the others a time too,"
        " or every event its day (2026-09-14 14:07)"
    ]


def test_a_charts_axis_note_is_said_under_it_in_every_view():
    from rich.console import Console

    from deck.core.model import Confidence
    from deck.core.view import view_slide
    from deck.tui.render import render_slide
    from deck.tui.themes import Palette

    text = (
        "title: T\nslides:\n  - title: Speed\n    chart:\n      title: Decoding speed\n      axis: tokens a second; higher is better\n"
        "      items: [{label: V3, value: 20}, {label: V4, value: 36}]\n"
    )
    deck = parse_deck(text, "talk.yaml").deck
    console = Console(width=100, color_system=None, record=True)
    console.print(render_slide(view_slide(deck, 0), Palette(levels={level: "bold" for level in Confidence})))
    drawn = console.export_text()
    assert drawn.index("Decoding speed") < drawn.index("V4") < drawn.index("↔ tokens a second; higher is better")
    assert '<figcaption class="axis">↔ tokens a second; higher is better</figcaption>' in export_deck(deck, "html")
    for name in ("markdown", "marp", "pandoc", "reveal"):
        assert "Values: *tokens a second; higher is better*" in export_deck(deck, name), name
    assert '"axis":"tokens a second; higher is better"' in export_deck(deck, "json")
    wrong = parse_deck(text.replace("axis: tokens a second; higher is better", "axis: [1, 2]"), "talk.yaml")
    assert [f"{d.line}:{d.col}" for d in wrong.diagnostics if "chart.axis must be a string" in d.message] == ["6:13"]


def test_a_duration_written_as_hours_and_minutes_still_loads():
    result = parse_deck("title: T\nduration: 1:30\nslides:\n  - title: S\n", "talk.yaml")
    assert result.deck is not None and result.deck.duration_s == 90 * 60  # as YAML 1.1 read 1:30 before times of day


def test_a_bad_as_of_is_said_along_with_the_decks_other_errors():
    text = "title: T\nas_of: yesterday\nslides:\n  - title: S\n    confidence: sure\n"
    found = [f"{d.line}:{d.col}: {d.message}" for d in parse_deck(text, "talk.yaml").diagnostics]
    assert "2:8: as_of must be a date like 2026-04-03, got a string" in found and any("unknown confidence 'sure'" in f for f in found)
