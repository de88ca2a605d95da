"""Pictures: charts, timelines and images, from the deck file to the screen and every export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import math
import shutil
import struct
import subprocess
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from deck.core.check import check_path
from deck.core.figures import parse_when
from deck.core.imagefile import sniff
from deck.core.loader import load_deck, parse_deck
from deck.core.model import Bar, Chart, Confidence, Event, Point, When
from deck.export import ExportOptions, export_deck
from deck.tui.figures import BarChart, Timeline, bar_cells
from deck.tui.themes import Palette

from ..conftest import ROOT, until


def views(app, row: str = "slide-pictures") -> list:
    """The picture views of a row of the slide (made when a slide first has a picture)."""
    from deck.tui.widgets.picture import PictureView

    return list(app.presenter.query(f"#{row} PictureView").results(PictureView))


def caption(app, row: str = "slide-pictures") -> str:
    found = views(app, row)
    return str(found[0].query_one("#picture-alt").content) if found else ""


def settled(app, row: str = "slide-pictures", count: int = 1):
    """A condition: `count` pictures of the row drawn, or said why not (their decoding ended)."""

    def done() -> bool:
        shown = [v for v in views(app, row) if v.picture is not None]
        return len(shown) == count and all(v.query(".picture") or "not shown" in str(v.query_one("#picture-alt").content) for v in shown)

    return done


FIGURES = ROOT / "tests" / "decks" / "figures.yaml"
PALETTE = Palette(levels={level: "red" for level in Confidence})


def deck_text(slide: str) -> str:
    return "title: T\nsources:\n  a: A source\n  b: B source\nslides:\n" + slide


def picture_slides(*slides: tuple[str, str, str]) -> str:
    """A deck of one picture slide per (title, path, alt)."""
    return deck_text(
        "".join(f"  - title: {title}\n    confidence: reported\n    image: {{path: {path}, alt: {alt}}}\n" for title, path, alt in slides)
    )


def errors(text: str) -> list[str]:
    return [f"{d.line}:{d.col}: {d.message}" for d in parse_deck(text).errors]


# -- the format ----------------------------------------------------------------------------------------


def test_the_figures_deck_loads_with_every_claim_in_place():
    deck = load_deck(FIGURES)
    chart = deck.slides[0].chart
    assert chart is not None and chart.unit == "%"
    assert [(b.claim.text, b.value, b.claim.confidence) for b in chart.bars][:2] == [
        ("New model (leak)", 90.0, Confidence.UNVERIFIED),
        ("Rival A (published)", 80.8, Confidence.CONFIRMED),
    ]
    timeline = deck.slides[2].timeline
    assert [e.when_text for e in timeline] == ["2026-01-20", "2026-02", "2026-03 – 2026-04", "2026-Q3"]
    assert deck.slides[3].images and deck.slides[3].images[0].alt.startswith("Three boxes")
    # bars and events are claims: their sources count as the slide's citations
    assert deck.slides[0].cited() == ("leak", "paper", "press")


@pytest.mark.parametrize(
    ("raw", "text", "first", "last"),
    [
        (dt.date(2026, 1, 20), "2026-01-20", dt.date(2026, 1, 20), dt.date(2026, 1, 20)),
        ("2026-02", "2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("2024-2", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2026-Q2", "2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("2026-q4", "2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        (2026, "2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_date_may_be_a_day_a_month_a_quarter_or_a_year(raw, text, first, last):
    assert parse_when(raw) == When(text, first, last)


@pytest.mark.parametrize("raw", ["2026-13", "2026-Q5", "soon", "26-02", 0, True, None, 3.5, "2026-02-30"])
def test_other_dates_are_refused(raw):
    assert parse_when(raw) is None


BAD = {
    "kind": ("    chart: {kind: pie, items: [{label: x, value: 1}]}\n", "8:19: slide 1 ('S'): chart.kind must be one of: bar, column"),
    "unit": ("    chart: {unit: 5, items: [{label: x, value: 1}]}\n", "8:19: slide 1 ('S'): chart.unit must be a short string"),
    "value as text": (
        "    chart: {items: [{label: x, value: '90%'}]}\n",
        "8:39: slide 1 ('S'): chart.items[0].value must be a number, got a string ('90%') (write the number alone and put its unit",
    ),
    "nan": ("    chart: {items: [{label: x, value: .nan}]}\n", "8:39: slide 1 ('S'): chart.items[0].value must be a finite number, got nan"),
    "bool": ("    chart: {items: [{label: x, value: true}]}\n", "8:39: slide 1 ('S'): chart.items[0].value must be a number, got a boolean"),
    "no items": ("    chart: {unit: '%'}\n", "8:12: slide 1 ('S'): chart is missing the required key 'items'"),
    "empty items": ("    chart: {items: []}\n", "8:20: slide 1 ('S'): chart.items is empty"),
    "unknown bar key": ("    chart: {items: [{label: x, value: 1, colour: red}]}\n", "8:42: unknown key 'colour' in slide 1 ('S'): chart.items[0]"),
    "bad bar label": (
        "    chart: {items: [{label: x, value: 1, confidence: rumour}]}\n",
        "8:54: unknown confidence 'rumour' — did you mean 'unverified'?",
    ),
    "undefined source": ("    chart: {items: [{label: x, value: 1, sources: [c]}]}\n", "8:52: source 'c' is not defined under 'sources'"),
    "timeline not a list": ("    timeline: soon\n", "8:15: slide 1 ('S'): timeline must be a list of events"),
    "bad month": ("    timeline: [{date: 2026-13, text: x}]\n", "8:23: slide 1 ('S'): timeline[0].date must be a day (2026-01-20), a month"),
    "date and from": ("    timeline: [{date: 2026, from: 2025, text: x}]\n", "8:29: slide 1 ('S'): timeline[0] has both 'date' and 'from'"),
    "to before from": (
        "    timeline: [{from: 2026-05, to: 2026-03, text: x}]\n",
        "8:36: slide 1 ('S'): timeline[0]: 'to' (2026-03) is before 'from' (2026-05)",
    ),
    "to alone": ("    timeline: [{to: 2026-03, text: x}]\n", "8:17: slide 1 ('S'): timeline[0] has 'to' without 'from'"),
    "from alone": ("    timeline: [{from: 2026-05, text: x}]\n", "8:17: slide 1 ('S'): timeline[0] has 'from' without 'to'"),
    "impossible day, once": ("    timeline: [{date: 2026-02-30, text: x}]\n", "8:23: '2026-02-30' is not a valid timestamp"),
    "1e3": (
        "    chart: {items: [{label: x, value: 1e3}]}\n",
        "8:39: slide 1 ('S'): chart.items[0].value must be a number, got a string ('1e3') (YAML reads 1e3 as text: write 1000)",
    ),
    "no date": ("    timeline: [{text: x}]\n", "8:16: slide 1 ('S'): timeline[0] needs a 'date' (or 'from' and 'to')"),
    "no text": ("    timeline: [{date: 2026}]\n", "8:16: slide 1 ('S'): timeline[0] is missing the required key 'text'"),
    "image url": (
        "    image: {path: 'https://example.org/a.png', alt: a}\n",
        "8:19: slide 1 ('S'): image.path must be a file beside the deck, not a URL",
    ),
    "image no alt": ("    image: {path: a.png}\n", "8:12: slide 1 ('S'): image is missing the required key 'alt'"),
    "image text": ("    image: a.png\n", "8:12: slide 1 ('S'): image must be a mapping like {path: diagrams/flow.png"),
}


@pytest.mark.parametrize(("field", "expected"), BAD.values(), ids=BAD.keys())
def test_every_bad_field_is_an_error_at_its_line_and_column(field, expected):
    found = errors(deck_text("  - title: S\n    confidence: reported\n" + field))
    assert any(e.startswith(expected) for e in found), found
    assert len(found) == 1, found  # one error for one mistake (an impossible day was reported twice)


def test_a_divider_slide_takes_no_pictures():
    found = errors(deck_text("  - title: S\n    layout: section\n    timeline: [{date: 2026, text: x}]\n"))
    assert found == ["8:5: a section slide makes no claims, so it takes no 'timeline'; move them to a slide of their own"]


def test_bars_and_events_count_as_claims_that_can_support_a_label_in_lint():
    text = deck_text(
        "  - title: S\n    confidence: confirmed\n    sources: [a]\n    notes: n\n    timeline: [{date: 2026, text: x, confidence: unverified}]\n"
    )
    deck = parse_deck(text, "t.yaml").deck
    assert deck is not None
    from deck.core.lint import lint_deck

    messages = [d.message for d in lint_deck(deck) if "labelled" in d.message]
    assert messages == [
        "slide 1 ('S') is labelled 'confirmed' but every claim on it is weaker (the strongest is an 'unverified' timeline event, line 10): "
        "nothing on the slide supports its label; label the slide by its main message"
    ]


# -- images: deck check ---------------------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "GIF", "WEBP"])
def test_image_headers_give_their_kind_and_size(kind, tmp_path):
    from PIL import Image

    path = tmp_path / f"x.{kind.lower()}"
    Image.new("RGB", (123, 45), "red").save(path, kind)
    found = sniff(path.read_bytes())
    assert found is not None and (found.kind.upper(), found.width, found.height) == (kind, 123, 45)


def image_deck(tmp_path, path: str) -> str:
    deck = tmp_path / "deck" / "talk.yaml"
    deck.parent.mkdir(exist_ok=True)
    deck.write_text(
        deck_text(f"  - title: S\n    confidence: reported\n    notes: n\n    image: {{path: '{path}', alt: a picture}}\n"), encoding="utf-8"
    )
    return str(deck)


def image_errors(tmp_path, path: str) -> list[str]:
    _, found = check_path(image_deck(tmp_path, path))
    return [f"{d.line}:{d.col}: {d.message}" for d in found if d.is_error]


def test_check_reports_a_missing_image_at_its_path(tmp_path):
    assert image_errors(tmp_path, "gone.png") == ["9:19: image 'gone.png' not found in the deck's folder"]


def test_check_reports_an_image_outside_the_decks_folder(tmp_path):
    (tmp_path / "secret.png").write_bytes(png_header(10, 10))
    assert image_errors(tmp_path, "../secret.png")[0].startswith("9:19: image '../secret.png' is outside the deck's folder")
    (tmp_path / "deck").mkdir(exist_ok=True)
    (tmp_path / "deck" / "link.png").symlink_to(tmp_path / "secret.png")  # a link inside that leads out
    assert image_errors(tmp_path, "link.png")[0].startswith("9:19: image 'link.png' is outside the deck's folder")


def test_check_reports_a_file_that_is_not_an_image(tmp_path):
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "notes.png").write_text("not a picture")
    assert image_errors(tmp_path, "notes.png") == ["9:19: 'notes.png' is not a PNG, JPEG, GIF, WebP or SVG image"]


def test_check_reports_an_image_over_50_megapixels_and_one_over_20_mb(tmp_path):
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "huge.png").write_bytes(png_header(10_000, 6_000))  # the header alone says it
    assert image_errors(tmp_path, "huge.png") == ["9:19: image 'huge.png' is 10000×6000, over 50 megapixels; make it smaller"]
    with open(tmp_path / "deck" / "big.png", "wb") as handle:
        handle.write(png_header(100, 100))
        handle.truncate(21 * 1024 * 1024)
    assert image_errors(tmp_path, "big.png") == ["9:19: image 'big.png' is over 20 MB; make it smaller"]


# -- drawing in the terminal ----------------------------------------------------------------------


def drawn(renderable, width: int) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text().splitlines()


def chart_of(values: list[float], unit: str = "") -> tuple[Chart, tuple[Bar, ...]]:
    levels = list(Confidence)
    bars = tuple(Bar(Point(f"item {i}", levels[i % 4], True, ("a", "b") if i % 3 == 2 else ()), float(v)) for i, v in enumerate(values))
    return Chart(bars, unit), bars


def test_a_bar_chart_scales_to_its_width_with_shapes_fills_and_values():
    chart, bars = chart_of([90, 45, 0, 30])
    lines = drawn(BarChart(chart, bars, PALETTE, {}), 60)
    assert all(len(line) <= 60 for line in lines)
    first, second = lines[0], lines[1]
    assert first.startswith("● item 0") and first.rstrip().endswith("90")
    assert second.startswith("◐ item 1") and second.rstrip().endswith("45")
    assert abs(first.count("█") - 2 * second.count("▓")) <= 1  # 90 is twice 45, in cells (to the nearest cell)
    assert "○ item 2" in lines[2] and "▒" not in lines[2]  # zero draws nothing
    assert lines[3].count("░") > 0
    legend = lines[-2:]  # the fills' legend, wrapped at this width between its entries
    assert legend[0].startswith("██ ● confirmed") and legend[1].strip().endswith("░░ ◌ speculative")


def test_a_negative_bar_draws_left_of_the_axis():
    chart, bars = chart_of([100, -50])
    lines = drawn(BarChart(chart, bars, PALETTE, {}), 60)
    positive, negative = lines[0], lines[1]
    axis = positive.index("█")
    assert negative.index("│") == axis or negative.rstrip().endswith("-50")
    assert negative.index("▓") < axis and negative.rindex("▓") < axis


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=200),
)
def test_any_numbers_never_crash_and_never_leave_the_track(values, track):
    for start, length in bar_cells(values, track):
        assert 0 <= start and length >= 0 and start + length <= track


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300), min_size=1, max_size=8), st.integers(20, 160))
def test_any_chart_stays_inside_the_slide(values, width):
    chart, bars = chart_of(values, "GB")
    numbers = {"a": 1, "b": 12}  # source numbers take a column of their own
    assert all(len(line) <= width for line in drawn(BarChart(chart, bars, PALETTE, numbers), width))


def test_a_column_chart_stands_its_columns_on_the_axis_with_a_key_that_cuts_no_label():
    # charts had one kind, horizontal bars: a newcomer asked for columns
    from deck.tui.figures import COLUMN_ROWS, ColumnChart

    chart, bars = chart_of([80, 40, -20])
    chart = dataclasses.replace(chart, kind="column", unit="%")
    lines = drawn(ColumnChart(chart, bars, PALETTE, {}), 60)
    axis = next(n for n, line in enumerate(lines) if line.lstrip().startswith("───"))
    marks_at = next(n for n, line in enumerate(lines) if "●1" in line)
    above, below = lines[:axis], lines[axis + 1 : marks_at]
    column = lambda fill, rows: sum(1 for line in rows if fill in line)  # noqa: E731
    assert column("█", above) == COLUMN_ROWS * 80 // 100 and column("▓", above) == COLUMN_ROWS * 40 // 100  # 80 is twice 40
    assert column("▒", below) == round(COLUMN_ROWS * 20 / 100) and column("▒", above) == 0  # -20 hangs below
    assert "80%" in above[0] and any("-20%" in line for line in below)
    marks, key = lines[marks_at], lines[marks_at + 1 :]
    assert "◐2" in marks and "○3" in marks
    assert any(line.strip() == "1 item 0 · 80%" for line in key) and any(line.strip() == "3 item 2 · -20%" for line in key)


def test_too_many_columns_for_the_width_are_drawn_across():
    from deck.tui.figures import ColumnChart

    chart, bars = chart_of([float(n) for n in range(1, 31)])
    lines = drawn(ColumnChart(dataclasses.replace(chart, kind="column"), bars, PALETTE, {}), 60)
    assert all(len(line) <= 60 for line in lines) and lines[0].startswith("● item 0")  # each bar on its line


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300), min_size=1, max_size=8), st.integers(20, 160))
def test_any_column_chart_stays_inside_the_slide(values, width):
    from deck.tui.figures import ColumnChart

    chart, bars = chart_of(values, "GB")
    lines = drawn(ColumnChart(dataclasses.replace(chart, kind="column"), bars, PALETTE, {"a": 1, "b": 12}), width)
    assert all(len(line) <= width for line in lines)


def test_a_column_charts_svg_stands_each_column_on_the_axis_as_tall_as_its_value():
    import re

    from deck.export.svg import chart_svg

    chart, bars = chart_of([80, 40, -20])
    svg = chart_svg(dataclasses.replace(chart, kind="column"), bars, {}, "c")
    columns = [tuple(float(v) for v in m) for m in re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', svg)]
    axis = float(re.search(r'<line x1="0" y1="([\d.]+)"', svg).group(1))
    (y0, h0), (y1, h1), (y2, h2) = columns[:3]
    assert abs(y0 + h0 - axis) < 0.2 and abs(y1 + h1 - axis) < 0.2 and abs(y2 - axis) < 0.2  # standing on it, the last hanging
    assert abs(h0 - 2 * h1) < 0.5 and abs(h0 - 4 * h2) < 0.5
    assert "Column chart: item 0: 80 &#40;confirmed&#41;" in svg  # what a screen reader says


days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(days, days), min_size=1, max_size=8), st.integers(20, 160))
def test_any_timeline_stays_inside_the_slide(spans, width):
    events = tuple(
        Event(Point(f"event {i}", Confidence.REPORTED), When(a.isoformat(), a, a), When(b.isoformat(), b, b) if b > a else None)
        for i, (a, b) in enumerate(spans)
    )
    assert all(len(line) <= width for line in drawn(Timeline(events, PALETTE, {}), width))


def test_a_timeline_is_in_date_order_with_each_event_on_its_track():
    deck = load_deck(FIGURES)
    lines = drawn(Timeline(deck.slides[2].timeline, PALETTE, deck.source_numbers(deck.slides[2])), 100)
    assert "2026-01-20" in lines[0] and "2026-09-30" in lines[0]  # the track's two ends
    rows = lines[1:5]
    assert [row.split()[0] for row in rows] == ["2026-01-20", "2026-02", "2026-03", "2026-Q3"]
    assert rows[0].split()[1] == "●" and "Code names appear in public commits [1]" in rows[0]
    track = [row[row.index("·") - 1 if "·" in row else 0 :] for row in rows]
    assert track[0].lstrip().startswith("●")  # the first event stands at the track's start
    assert "▒" in rows[2] and "░" in rows[3]  # a span and a quarter, in their levels' fills
    assert rows[2].index("▒") < rows[3].index("░")  # March comes before the third quarter


def test_a_narrow_timeline_drops_its_track_but_keeps_every_event():
    deck = load_deck(FIGURES)
    lines = drawn(Timeline(deck.slides[2].timeline, PALETTE, {}), 50)
    text = "\n".join(lines)
    assert "·" not in text and all(e.claim.text.split()[0] in text for e in deck.slides[2].timeline)


# -- the filter and the ledger ---------------------------------------------------------------------


def test_min_confidence_leaves_out_weak_bars_and_events_with_their_sources():
    deck = load_deck(FIGURES)
    data = json.loads(export_deck(deck, "json", ExportOptions(min_confidence=Confidence.REPORTED)))
    chart = data["slides"][0]["chart"]
    assert [item["label"] for item in chart["items"]] == ["Rival A (published)", "Rival B (reported)"]
    assert [e["text"] for e in data["slides"][2]["timeline"]] == ["Code names appear in public commits", "The expected launch window passes"]
    handout = export_deck(deck, "markdown", ExportOptions(min_confidence=Confidence.REPORTED))
    assert "New model (leak)" not in handout and "A forum post" not in handout
    assert "Rumours of a delay" not in handout


def test_the_ledger_has_a_row_per_bar_and_event():
    text = export_deck(load_deck(FIGURES), "csv")
    assert "New model (leak),unverified" in text and ",chart: 90%," in text
    assert "Rumours of a delay,unverified" in text and ",timeline: 2026-03 – 2026-04," in text


def test_json_has_the_items_as_data():
    data = json.loads(export_deck(load_deck(FIGURES), "json"))
    assert data["slides"][1]["chart"]["items"][2] == {
        "label": "Change since last year",
        "value": -12.5,
        "confidence": "reported",
        "sources": ["press"],
    }
    assert data["slides"][2]["timeline"][2] == {
        "text": "Rumours of a delay", "date": None, "from": "2026-03", "to": "2026-04", "confidence": "unverified", "sources": ["leak"],
    }  # fmt: skip
    assert data["slides"][3]["image"] == {
        "path": "pictures/pipeline.png",
        "alt": "Three boxes in a row: ingest, parse, index",
        "width": None,
        "place": "below",
    }


# -- exports ------------------------------------------------------------------------------------


def test_the_handout_has_tables_and_an_image_path_relative_to_where_it_is_written(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    handout = export_deck(load_deck(FIGURES), "markdown", ExportOptions(out_dir=str(out)))
    assert "| New model (leak) | 90% | ○ unverified | \\[1\\] |" in handout
    assert "| 2026-03–2026-04 | Rumours of a delay | ○ unverified | \\[3\\] |" in handout
    image = next(line for line in handout.splitlines() if line.startswith("!["))
    target = image[image.index("(") + 1 : -1]
    assert (out / target).resolve() == (ROOT / "tests" / "decks" / "pictures" / "pipeline.png").resolve()


def test_an_unusable_image_becomes_its_alt_text_in_the_exports(tmp_path):
    deck = load_deck(image_deck(tmp_path, "gone.png"))
    assert "*\\[image not available: a picture\\]*" in export_deck(deck, "markdown")
    assert "▨ a picture <em>(image not available: image &#x27;gone.png&#x27; not found" in export_deck(deck, "html")


def test_the_html_export_draws_svg_and_embeds_the_image():
    page = export_deck(load_deck(FIGURES), "html")
    assert page.count('<svg class="figure"') == 4  # three charts (one of columns) and a timeline
    assert 'src="data:image/png;base64,' in page
    assert "pictures/pipeline.png" not in page  # embedded, not linked: the file stands alone


def test_pandoc_renders_the_handout_tables(tmp_path):
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (apt install pandoc)")
    handout = tmp_path / "h.md"
    handout.write_text(export_deck(load_deck(FIGURES), "markdown", ExportOptions(out_dir=str(tmp_path))), encoding="utf-8")
    html = subprocess.run([pandoc, str(handout), "-t", "html"], capture_output=True, text=True, check=True).stdout
    html = " ".join(html.split())  # pandoc wraps long tags between attributes (a deep path did): read it as a browser does
    assert html.count("<table") == 4  # each chart and the timeline as a table
    assert "<td>Rumours of a delay</td>" in html and "<td>○ unverified</td>" in html
    assert '<img src="' in html and 'alt="Three boxes in a row: ingest, parse, index"' in html
    assert "|" not in html.replace("<td>", "").split("<table")[1].split("</table>")[0]  # no literal pipe left in a table


def test_value_text_is_as_a_person_writes_it():
    assert [Bar(Point("x", Confidence.REPORTED), v).value_text for v in (90.0, 80.8, -3.0, 1.5e20, 0.1)] == ["90", "80.8", "-3", "1.5e+20", "0.1"]
    assert math.isclose(chart_of([1.0])[1][0].value, 1.0)


# -- the presenter ---------------------------------------------------------------------------------


async def test_an_image_shows_its_alt_text_at_once_and_the_picture_once_decoded():
    import textual_image.widget  # noqa: F401  what prepare_images does before the app starts

    from deck.tui.app import make_app
    from deck.tui.widgets.picture import PictureView

    deck = load_deck(FIGURES)
    app = make_app(deck, clock=lambda: 0.0, start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.presenter.query_one("#slide-pictures")
        assert not row.display and not row.query(PictureView)  # a slide without an image has no room kept, nor a widget made
        await pilot.press("right")  # slide 4: its picture, decoded in a thread
        await until(pilot, settled(app))
        view = row.query(PictureView).first(PictureView)
        assert len(view.query(".picture")) == 1
        assert str(view.query_one("#picture-alt").content) == "▨ Three boxes in a row: ingest, parse, index"
        other = dataclasses.replace(deck.slides[3].images[0], alt="The same boxes")
        view.show(deck, other)  # as a move does: the alt text at once, the decoding in a thread
        assert view.display and str(view.query_one("#picture-alt").content) == "▨ The same boxes  (loading…)"
        await until(pilot, lambda: str(view.query_one("#picture-alt").content) == "▨ The same boxes")
        assert str(view.query_one("#picture-alt").content) == "▨ The same boxes" and len(view.query(".picture")) == 1


async def test_an_image_that_cannot_be_shown_says_why_and_the_talk_goes_on(tmp_path):
    import textual_image.widget  # noqa: F401

    from deck.tui.app import make_app

    path = tmp_path / "deck" / "talk.yaml"
    path.parent.mkdir()
    (path.parent / "broken.png").write_bytes(png_header(40, 20) + b"\x00" * 64)  # a header, then no picture
    path.write_text(picture_slides(("S", "broken.png", "a picture"), ("T", "gone.png", "another")), encoding="utf-8")
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, settled(app))
        assert caption(app).startswith("▨ a picture  (not shown: 'broken.png' cannot be decoded")
        await pilot.press("right")
        await until(pilot, lambda: "another" in caption(app) and "not shown" in caption(app))
        assert caption(app) == "▨ another  (not shown: image 'gone.png' not found in the deck's folder)"
        assert not views(app)[0].query(".picture") and app.presenter.index == 1


async def test_without_textual_image_asked_first_the_alt_text_stays(monkeypatch):
    import sys

    from deck.tui.app import make_app
    from deck.tui.widgets.picture import IMAGE_MODULE

    monkeypatch.delitem(sys.modules, IMAGE_MODULE, raising=False)  # e.g. an image added by a live edit
    app = make_app(load_deck(FIGURES), clock=lambda: 0.0, start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "restart deck" in caption(app))
        assert caption(app) == "▨ Three boxes in a row: ingest, parse, index  (not drawn here; restart deck to draw it)"
        assert not app.workers  # nothing decoded for nothing


def test_a_picture_keeps_its_shape_and_never_grows():
    from deck.tui.widgets.picture import fit_cells

    assert fit_cells(480, 240, 110, 20, (10, 20)) == (48, 12)  # its own size on 10x20-pixel cells
    assert fit_cells(6000, 4000, 110, 20, (10, 20)) == (60, 20)  # shrunk to the height, shape kept (3:2)
    assert fit_cells(6000, 1000, 110, 20, (10, 20)) == (110, 9)  # shrunk to the width
    assert fit_cells(1, 1, 110, 20, (10, 20)) == (1, 1)


async def test_in_a_sixel_terminal_the_picture_is_encoded_off_the_event_loop(monkeypatch):
    import threading

    import textual_image._sixel
    import textual_image.widget
    import textual_image.widget.sixel

    from deck.tui.app import make_app
    from deck.tui.widgets import picture

    encoded_in: list[str] = []
    real = textual_image._sixel.image_to_sixels

    def counting(*args, **kwargs):
        encoded_in.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(picture, "drawing", lambda: "sixel")
    monkeypatch.setattr(textual_image._sixel, "image_to_sixels", counting)
    monkeypatch.setattr(textual_image.widget.sixel, "image_to_sixels", counting)  # what the widget would call on the loop
    app = make_app(load_deck(FIGURES), clock=lambda: 0.0, start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, settled(app))
        await until(
            pilot, lambda: views(app)[0].query_one(".picture").children and views(app)[0].query_one(".picture").children[0]._cached_sixels is not None
        )
        widget = views(app)[0].query_one(".picture")
        assert type(widget).__name__ == "PreEncodedSixelImage"
        assert widget.children[0]._cached_sixels is not None  # drawn on screen, from the data encoded before
        assert encoded_in and threading.main_thread().name not in encoded_in  # encoded once, in the worker; drawn from that


# -- images written in Markdown ------------------------------------------------------------------------

REMOTE = {
    "body": ("    body: 'See ![a pixel](https://tracker.example/p.png)'\n", "8:11"),
    "point": ("    points: ['![x](//cdn.example/x.png)']\n", "8:14"),
    "notes": ("    notes: |\n      ![x](data:image/png;base64,AAAA)\n", "9:12"),  # in a literal block: exactly
    "reference": ("    body: |\n      ![x][ref]\n\n      [ref]: http://example.org/x.png\n", "11:14"),
}


@pytest.mark.parametrize(("field", "where"), REMOTE.values(), ids=REMOTE.keys())
def test_an_image_from_a_url_anywhere_in_deck_text_is_an_error(field, where):
    found = errors(deck_text("  - title: S\n    confidence: reported\n" + field))
    assert len(found) == 1 and found[0].startswith(where + ": an image from '")
    assert "never URLs (nothing in a deck reaches the network)" in found[0]


def test_an_image_shown_as_code_is_an_example_not_an_image():
    text = deck_text(
        "  - title: S\n    confidence: reported\n    body: |\n      `![a](https://x.org/a.png)`\n\n      ```\n      ![b](http://x.org/b.png)\n      ```\n"
    )
    assert errors(text) == []


def test_check_reports_a_missing_image_written_in_a_body_where_it_is_written(tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(deck_text("  - title: S\n    confidence: reported\n    notes: n\n    body: 'A ![picture](gone.png)'\n"), encoding="utf-8")
    _, found = check_path(deck)
    assert [f"{d.line}:{d.col}: {d.message}" for d in found if d.is_error] == ["9:11: image 'gone.png' not found in the deck's folder"]


def test_images_written_in_markdown_follow_the_export(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    deck = load_deck(FIGURES)
    handout = export_deck(deck, "markdown", ExportOptions(out_dir=str(out)))
    line = next(line for line in handout.splitlines() if "written in the body" in line)
    target = line[line.index("](") + 2 : line.index(")", line.index("]("))]
    assert (out / target).resolve() == (ROOT / "tests" / "decks" / "pictures" / "pipeline.png").resolve()
    page = export_deck(deck, "html")
    assert page.count('src="data:image/png;base64,') == 2  # the slide's `image:` and the one in a body, embedded
    assert "pictures/pipeline.png" not in page


async def test_the_palettes_export_points_images_at_the_deck_beside_it(tmp_path):
    """Written beside the deck, the handout finds its picture where the deck does (not from the current folder)."""
    import shutil as files

    from deck.tui.app import make_app

    (tmp_path / "pictures").mkdir()
    files.copy(ROOT / "tests" / "decks" / "pictures" / "pipeline.png", tmp_path / "pictures" / "flow.png")
    path = tmp_path / "talk.yaml"
    path.write_text(
        deck_text("  - title: S\n    confidence: reported\n    notes: n\n    image: {path: pictures/flow.png, alt: the flow}\n"), encoding="utf-8"
    )
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_to("markdown")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "![the flow](pictures/flow.png)" in (tmp_path / "talk.handout.md").read_text(encoding="utf-8")


def test_check_reports_a_missing_image_even_when_the_deck_has_other_errors(tmp_path):
    """All errors at once: the file checks ran only once the deck loaded, so a missing image came to light
    only after every other error was fixed (found by a newcomer)."""
    deck = tmp_path / "talk.yaml"
    deck.write_text(
        deck_text("  - title: S\n    confidence: rumour\n    notes: |\n      See ![a map](gone.png)\n    image: {path: lost.png, alt: x}\n"),
        encoding="utf-8",
    )
    _, found = check_path(deck)
    shown = [f"{d.line}:{d.col}: {d.message}" for d in found if d.is_error]
    assert len(shown) == 3 and shown[0].startswith("7:17: unknown confidence 'rumour'")
    assert shown[1:] == ["9:20: image 'gone.png' not found in the deck's folder", "10:19: image 'lost.png' not found in the deck's folder"]


def test_export_warns_of_a_missing_image_and_goes_on(tmp_path, capsys):
    from deck.cli import main

    deck = tmp_path / "talk.yaml"
    deck.write_text(deck_text("  - title: S\n    confidence: reported\n    notes: n\n    image: {path: lost.png, alt: x}\n"), encoding="utf-8")
    assert main(["export", str(deck), "-o", str(tmp_path / "talk.html")]) == 0
    err = capsys.readouterr().err
    assert "talk.yaml:9:19: warning: image 'lost.png' not found in the deck's folder; the export shows its alt text" in err
    assert "wrote" in err and (tmp_path / "talk.html").exists()


HIDDEN_URLS = {
    "entity in the scheme": "![x](http&#58;//example.org/e.png)",
    "escaped colon": "![y](http\\://example.org/b.png)",
    "brackets in the alt text": "![a [b] c](https://example.org/n.png)",
    "reference in a quote": "> [r]: https://example.org/ref.png\n\n![z][r]",
    "file scheme": "![f](file:///etc/passwd)",
}


@pytest.mark.parametrize("written", HIDDEN_URLS.values(), ids=HIDDEN_URLS.keys())
def test_an_image_url_however_written_is_refused(written):
    """Read as a Markdown reader reads it (a regex missed these four, and the PDF export fetched two)."""
    text = deck_text("  - title: S\n    confidence: reported\n    body: |\n      " + written.replace("\n", "\n      ") + "\n")
    found = errors(text)
    assert len(found) == 1 and "an image from '" in found[0] and "never URLs" in found[0], found


def test_an_image_in_indented_code_is_an_example():
    text = deck_text("  - title: S\n    confidence: reported\n    notes: |\n      Write it so:\n\n          ![logo](https://example.com/logo.png)\n")
    assert errors(text) == []


def test_the_pdf_export_fetches_nothing(monkeypatch):
    """WeasyPrint ignores the page's policy: whatever is in the page, it may read only data URIs."""
    weasyprint = pytest.importorskip("weasyprint")
    import deck.export.pdf as pdf

    asked: list[str] = []
    real = weasyprint.HTML

    def recording(*args, url_fetcher=None, **kwargs):
        assert url_fetcher is not None
        fetch = url_fetcher.fetch if hasattr(url_fetcher, "fetch") else url_fetcher
        for url in ("http://example.org/x.png", "file:///etc/passwd", "https://example.org/font.woff"):
            with pytest.raises(ValueError):
                fetch(url)
            asked.append(url)
        assert fetch("data:text/plain;base64,aGk=") is not None  # the page's own pictures still come through
        return real(*args, url_fetcher=url_fetcher, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    assert pdf.export(load_deck(FIGURES), ExportOptions()).startswith(b"%PDF")
    assert len(asked) == 3


def test_an_event_at_the_end_of_time_exports():
    """9999-12-31 has no next day: the SVG measured a span's end from it and every HTML export crashed."""
    text = deck_text(
        "  - title: S\n    confidence: reported\n    notes: n\n    timeline: [{date: 9999, text: the end}, {date: 0999-02, text: long ago}]\n"
    )
    deck = parse_deck(text).deck
    assert deck is not None
    page = export_deck(deck, "html")
    assert "the end" in page and ">0999-02<" in page  # a year before 1000 keeps its four digits, as written


def test_a_long_label_wraps_in_the_terminal_chart():
    chart, _ = chart_of([1.0])
    label = "新しいモデルのベンチマーク結果（リークされた数値）"
    bars = (Bar(Point(label, Confidence.REPORTED, True), 1.0),)
    text = "".join(line.strip() for line in drawn(BarChart(chart, bars, PALETTE, {}), 60))
    assert "…" not in text and "リークされた数値" in text  # folded, not cut with an ellipsis


def test_svg_text_shows_words_not_markdown_marks():
    from deck.export.svg import chart_svg

    bars = (Bar(Point("A **bold** claim with `code`", Confidence.REPORTED, True), 5.0),)
    svg = chart_svg(Chart(bars, "%"), bars, {}, "c1")
    assert "Bar chart: A bold claim with code: 5%" in svg and "**" not in svg and "`" not in svg


async def test_two_slides_with_one_picture_show_each_their_own_alt_text(tmp_path):
    import shutil as files

    import textual_image.widget  # noqa: F401

    from deck.tui.app import make_app

    files.copy(ROOT / "tests" / "decks" / "pictures" / "pipeline.png", tmp_path / "p.png")
    path = tmp_path / "talk.yaml"
    path.write_text(picture_slides(("A", "p.png", "the first view"), ("B", "p.png", "the second view")), encoding="utf-8")
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, settled(app))
        await pilot.press("right")
        await until(pilot, lambda: caption(app) == "▨ the second view")
        assert len(views(app)[0].query(".picture")) == 1


def test_an_image_shown_as_code_is_left_as_written_in_the_exports(tmp_path):
    (tmp_path / "p.png").write_bytes((ROOT / "tests" / "decks" / "pictures" / "pipeline.png").read_bytes())
    path = tmp_path / "talk.yaml"
    path.write_text(
        deck_text("  - title: S\n    confidence: reported\n    notes: n\n    body: 'Write `![d](p.png)` for ![d](p.png)'\n"), encoding="utf-8"
    )
    page = export_deck(load_deck(path), "html")
    assert "<code>![d](p.png)</code>" in page and page.count("data:image/png;base64,") == 1


def test_sources_are_numbered_in_the_order_the_slide_shows_them():
    """A timeline is drawn above the points: its sources come first (the briefing read [1] [3][1] [4][5] [1] ... [2])."""
    text = deck_text(
        "  - title: S\n    confidence: reported\n    notes: n\n    points: [{text: later, sources: [a]}]\n    timeline: [{date: 2026, text: first, sources: [b]}]\n"
    )
    deck = parse_deck(text).deck
    assert deck is not None and deck.source_numbers(deck.slides[0]) == {"b": 1, "a": 2}


def test_a_timeline_written_out_of_order_is_kept_in_date_order():
    """Sorted once, when the deck loads: every view, the ledger and the source numbers read it so."""
    text = deck_text(
        "  - title: S\n    confidence: reported\n    notes: n\n    timeline: [{date: 2026-Q3, text: late, sources: [a]}, {date: 2026-01, text: early, sources: [b]}]\n"
    )
    deck = parse_deck(text).deck
    assert deck is not None and [e.claim.text for e in deck.slides[0].timeline] == ["early", "late"]
    assert deck.source_numbers(deck.slides[0]) == {"b": 1, "a": 2}


CHART_TITLE = """\
title: T
slides:
  - title: Users
    chart:
      title: Monthly active users, millions
      unit: M
      items:
        - {label: January, value: 4}
        - {label: February, value: 5}
"""


@pytest.mark.parametrize("name", ["markdown", "marp", "pandoc", "reveal", "html", "json"])
def test_a_charts_title_is_written_above_it_in_every_export(name):
    from deck.export import export_deck

    loaded = parse_deck(CHART_TITLE, "t.yaml")
    assert loaded.deck is not None, loaded.diagnostics
    out = export_deck(loaded.deck, name)
    assert "Monthly active users, millions" in out
    if name == "html":
        assert "<figcaption>Monthly active users, millions</figcaption>" in out


async def test_a_charts_title_is_drawn_above_it():
    from deck.tui.app import make_app

    from .test_presenter import content

    app = make_app(parse_deck(CHART_TITLE, "t.yaml").deck, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = content(app)
        assert shown.index("Monthly active users, millions") < shown.index("January")


def test_a_charts_title_must_be_text():
    loaded = parse_deck(CHART_TITLE.replace("title: Monthly active users, millions", "title: [1, 2]"), "t.yaml")
    (error,) = loaded.errors
    assert error.line == 5 and "chart.title must be a string" in error.message


# -- several pictures, beside the points, in columns ------------------------------------------------


async def test_pictures_are_placed_side_by_side_beside_the_points_and_under_their_columns():
    import textual_image.widget  # noqa: F401

    from deck.tui.app import make_app

    app = make_app(load_deck(ROOT / "tests" / "decks" / "pictures.yaml"), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:

        async def drawn(row: str, count: int) -> list:
            await until(pilot, settled(app, row, count))
            await pilot.pause()  # laid out
            return [v for v in views(app, row) if v.picture is not None]

        row = await drawn("slide-pictures", 3)  # three side by side: one line up, left to right, each in its third
        content = app.presenter.query_one("#slide-content").region
        assert [v.picture.alt.split()[1] for v in row] == ["orange", "blue", "green"]
        assert len({v.region.y for v in row}) == 1 and row[0].region.x < row[1].region.x < row[2].region.x
        assert all(v.query(".picture") and v.region.width <= content.width // 3 for v in row)
        assert row[0].region.y >= content.bottom  # under the words

        await pilot.press("right")
        beside = await drawn("slide-beside", 1)
        content = app.presenter.query_one("#slide-content").region
        assert len(beside) == 1 and beside[0].query(".picture")
        assert beside[0].region.x >= content.right and beside[0].region.y < content.y + 5  # on the right, at the top
        assert not await drawn("slide-pictures", 0)

        await pilot.press("right")
        under = await drawn("slide-column-pictures", 2)
        content = app.presenter.query_one("#slide-content").region
        half = content.x + content.width // 2
        assert [v.picture.alt for v in under] == ["An orange square", "A blue square"]
        assert under[0].region.x < half <= under[1].region.x  # each under its own column


async def test_an_svg_picture_says_the_exports_draw_it_and_the_terminal_shows_its_alt_text():
    import textual_image.widget  # noqa: F401

    from deck.tui.app import make_app

    app = make_app(load_deck(ROOT / "tests" / "decks" / "pictures.yaml"), clock=lambda: 0.0, start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, settled(app))
        view = views(app)[0]
        assert str(view.query_one("#picture-alt").content) == (
            "▨ Three coloured boxes joined by lines: ingest, parse, index  (not shown: an SVG picture is drawn in the HTML and PDF exports, not in the terminal)"
        )
        assert not view.query(".picture")


async def test_every_column_picture_is_drawn_however_many_there_are(tmp_path):
    import textual_image.widget  # noqa: F401

    from deck.tui.app import make_app
    from deck.tui.widgets.picture import PictureView

    for name in "abcdef":
        shutil.copy(ROOT / "tests" / "decks" / "pictures" / "sunrise.png", tmp_path / f"{name}.png")
    six = ", ".join(f"{{path: {name}.png, alt: {name}}}" for name in "abcdef")
    path = tmp_path / "talk.yaml"
    path.write_text(f"title: T\nslides:\n  - title: S\n    columns:\n      - {{points: [one]}}\n      - {{points: [two], image: [{six}]}}\n")
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        row = app.presenter.query_one("#slide-column-pictures")
        await until(pilot, lambda: len([v for v in row.query(PictureView).results(PictureView) if v.picture is not None]) == 6)
        assert [v.picture.alt for v in row.query(PictureView).results(PictureView) if v.picture is not None] == list("abcdef")


async def test_the_words_below_the_columns_stay_below_the_columns_pictures(tmp_path):
    import textual_image.widget  # noqa: F401
    from textual.widgets import Static

    from deck.tui.app import make_app

    shutil.copy(ROOT / "tests" / "decks" / "pictures" / "sunrise.png", tmp_path / "a.png")
    path = tmp_path / "talk.yaml"
    path.write_text(
        "title: T\nslides:\n  - title: S\n    reveal: true\n    columns:\n      - {points: [one, two]}\n"
        "      - {points: [three], image: {path: a.png, alt: the picture}}\n    below: The closing words.\n"
    )
    app = make_app(load_deck(path), clock=lambda: 0.0)  # the first slide opens complete: the words below show
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, settled(app, "slide-column-pictures"))
        await pilot.pause()
        picture = views(app, "slide-column-pictures")[1]
        tail = app.presenter.query_one("#slide-tail", Static)
        console = Console(width=200, color_system=None)
        with console.capture() as tail_text:
            console.print(tail.content)
        with console.capture() as content_text:
            console.print(app.presenter.query_one("#slide-content", Static).content)
        assert "The closing words." in tail_text.get() and "The closing words." not in content_text.get()
        assert tail.region.y >= picture.region.bottom  # under the picture, not between the columns and it


def test_an_all_negative_column_chart_hangs_from_its_axis_at_the_top():
    from deck.tui.figures import ColumnChart

    chart, bars = chart_of([-5, -10])
    lines = drawn(ColumnChart(dataclasses.replace(chart, kind="column", unit="M$"), bars, PALETTE, {}), 60)
    axis = next(n for n, line in enumerate(lines) if line.lstrip().startswith("───"))
    assert axis == 0 and "-10M$" in "".join(lines[1:]).replace(" ", "")


def test_a_column_chart_of_many_items_is_drawn_across_in_svg():
    from deck.export.svg import MOST_COLUMNS, chart_svg

    chart, bars = chart_of([float(n) for n in range(MOST_COLUMNS + 1)])
    assert chart_svg(dataclasses.replace(chart, kind="column"), bars, {}, "c").count("Bar chart:") == 1
    chart, bars = chart_of([float(n) for n in range(MOST_COLUMNS)])
    assert chart_svg(dataclasses.replace(chart, kind="column"), bars, {}, "c").count("Column chart:") == 1
