"""Several pictures on a slide, a picture beside the points (`place: right`), and pictures in a column:
read at their line and column, kept or hidden with the slide's main message, and placed in every view
and export (the terminal's and Chromium's places are measured in tests/tui and tests/export)."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from deck.core.loader import load_deck, parse_deck
from deck.core.model import Confidence
from deck.core.view import view_slide
from deck.export import export_deck

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ROOT / "tests" / "decks" / "pictures.yaml"


def loaded(tmp_path: Path, slides: str):
    for name in ("sunrise", "harbour", "forest"):
        shutil.copy(ROOT / "tests" / "decks" / "pictures" / f"{name}.png", tmp_path / f"{name}.png")
    path = tmp_path / "talk.yaml"
    text = "title: T\nslides:\n" + textwrap.indent(textwrap.dedent(slides), "  ")
    path.write_text(text, encoding="utf-8")
    return parse_deck(text, str(path))


def errors(result) -> list[str]:
    return [f"{d.line}:{d.col}: {d.message}" for d in result.diagnostics if d.severity == "error"]


def test_a_list_of_pictures_and_a_column_picture_are_read_with_their_places():
    deck = load_deck(PICTURES)
    assert [p.path for p in deck.slides[0].images] == ["pictures/sunrise.png", "pictures/harbour.png", "pictures/forest.png"]
    assert [(p.place, p.width) for p in deck.slides[1].images] == [("right", "40%")]
    assert [[p.alt for p in c.images] for c in deck.slides[2].columns] == [["An orange square"], ["A blue square"]]
    assert [p.alt for p in deck.slides[2].pictures()] == ["An orange square", "A blue square"]


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        (
            "- title: S\n  image: {path: sunrise.png, alt: a, place: left}\n",
            "4:47: slide 1 ('S'): image.place must be one of: below, right",
        ),
        (
            "- title: S\n  image:\n    - {path: sunrise.png, alt: a}\n    - sunrise.png\n",
            "6:9: slide 1 ('S'): image[1] must be a mapping like",
        ),
        (
            "- title: S\n  image: []\n",
            "4:12: slide 1 ('S'): image lists 0 pictures; give 1 to 6",
        ),
        (
            "- title: S\n  image: [" + ", ".join("{path: sunrise.png, alt: a}" for _ in range(7)) + "]\n",
            "4:12: slide 1 ('S'): image lists 7 pictures; give 1 to 6",
        ),
        (
            "- title: S\n  columns:\n    - image: {path: sunrise.png, alt: a, place: right}\n",
            "5:44: unknown key 'place' in slide 1 ('S'): columns[0]: image; expected one of: path, alt, width",
        ),
        (
            "- title: S\n  columns:\n    - image: {path: 'https://example.com/x.png', alt: a}\n",
            "5:23: slide 1 ('S'): columns[0]: image.path must be a file beside the deck, not a URL",
        ),
    ],
)
def test_a_wrong_picture_is_an_error_at_its_place(tmp_path, slide, expected):
    found = errors(loaded(tmp_path, slide))
    assert any(line.startswith(expected) for line in found), found


def test_a_column_of_a_picture_alone_is_not_empty(tmp_path):
    result = loaded(tmp_path, "- title: S\n  columns:\n    - image: {path: sunrise.png, alt: a}\n    - points: [x]\n")
    assert result.deck is not None and errors(result) == []
    view = view_slide(result.deck, 0)
    assert [[p.alt for p in c.images] for c in view.columns] == [["a"], []]


def test_pictures_go_with_the_main_message_under_the_filter(tmp_path):
    result = loaded(
        tmp_path,
        """\
        - title: S
          confidence: speculative
          image: [{path: sunrise.png, alt: a}, {path: harbour.png, alt: b, place: right}]
          columns:
            - {title: C, image: {path: forest.png, alt: c}, points: [{text: kept, confidence: confirmed}]}
        """,
    )
    assert result.deck is not None, errors(result)
    whole = view_slide(result.deck, 0)
    assert [p.alt for p in whole.pictures] == ["a", "b", "c"]
    filtered = view_slide(result.deck, 0, minimum=Confidence.REPORTED)
    assert filtered.pictures == () and filtered.hidden == 2  # the slide's pictures (one claim) and the column's words
    assert [c.text for c in filtered.all_claims] == ["kept"]


def test_every_export_carries_every_picture_in_its_place(tmp_path):
    deck = load_deck(PICTURES)
    page = export_deck(deck, "html")
    slides = page.split('<section class="slide')[1:]
    assert re.search(r'<div class="pictures">\s*(<figure class="image"><img [^>]+></figure>\s*){3}</div>', slides[0])
    beside = re.search(
        r'<div class="beside" style="grid-template-columns:1fr 40%"><div>(.*?)</div>\s*<div class="pictures right">(.*?)</div></div>', slides[1], re.S
    )
    assert beside and "The points keep the left" in beside[1] and 'alt="Three boxes in a row' in beside[2]
    columns = re.findall(r"<div><h3>(\w+)</h3>(.*?)\n</div>", slides[2], re.S)
    assert [(title, re.findall(r'alt="([^"]+)"', inside)) for title, inside in columns] == [
        ("Before", ["An orange square"]),
        ("After", ["A blue square"]),
    ]

    marp = export_deck(deck, "marp")
    assert re.search(r"!\[bg right:40% contain\]\([^)]*pipeline\.png\)", marp)
    assert re.search(r"\| • Slow ingest<br>• Manual parse<br>!\[An orange square\]\([^)]*sunrise\.png\) \|", marp)

    pandoc = export_deck(deck, "pandoc")
    right = pandoc.split("## A picture beside the points")[1].split("## ")[0]
    assert re.search(r'::: \{\.column width="60%"\}\s+- The points.*::: \{\.column width="40%"\}\s+!\[Three boxes', right, re.S)

    handout = export_deck(deck, "markdown")
    assert len(re.findall(r"!\[[^\]]+\]\([^)]+\.png\)", handout)) == 7  # every PNG picture (and the one in the words), each once

    data = json.loads(export_deck(deck, "json"))
    assert [p["alt"] for p in data["slides"][0]["images"]] == [
        "An orange square with a white circle",
        "A blue square with a white circle",
        "A green square with a white circle",
    ]
    assert data["slides"][1]["images"][0]["place"] == "right"
    assert [c["images"][0]["alt"] for c in data["slides"][2]["columns"]] == ["An orange square", "A blue square"]


def test_two_pictures_are_two_columns_for_pandoc_so_powerpoint_keeps_them_on_one_slide(tmp_path):
    result = loaded(tmp_path, "- title: S\n  image: [{path: sunrise.png, alt: a}, {path: harbour.png, alt: b}]\n")
    assert result.deck is not None
    out = export_deck(result.deck, "pandoc")
    assert re.search(r'::: \{\.column width="50%"\}\s+!\[a\]\([^)]+\)\s+:::\s+::: \{\.column width="50%"\}\s+!\[b\]', out)


@pytest.mark.parametrize(
    ("head", "size"),
    [
        (b'<?xml version="1.0"?>\n<!-- a comment -->\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160">', (400, 160)),
        (b'\xef\xbb\xbf  <svg viewBox="0 0 40 20">', (40, 20)),  # a byte-order mark, then the size from the viewBox
        (b'<svg width="100%" height="50%" viewBox="0,0,10,5">', (10, 5)),  # a share is no size: the viewBox gives it
        (b'<svg width="12px" height="7">', (12, 7)),
        (b"<svg>", (300, 150)),  # what a browser draws an SVG of no size at
    ],
)
def test_an_svg_file_is_a_picture_with_its_drawn_size(head, size):
    from deck.core.imagefile import sniff

    info = sniff(head)
    assert info is not None and (info.kind, info.width, info.height, info.mime) == ("SVG", *size, "image/svg+xml")


def test_a_web_page_is_no_svg_picture():
    from deck.core.imagefile import sniff

    assert sniff(b'<html><body><svg width="4" height="4"></svg>') is None


@pytest.mark.parametrize("box", [b"0 0 1e999 100", b"0 0 nan 100", b"0 0 -5 10"])
def test_an_svg_of_no_drawable_size_is_drawn_at_a_browsers_default_never_a_traceback(tmp_path, box):
    from deck.core.imagefile import sniff

    assert sniff(b'<svg viewBox="' + box + b'"></svg>') == sniff(b"<svg>")
    (tmp_path / "odd.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + box + b'"></svg>')
    result = loaded(tmp_path, "- title: S\n  body: '![y](odd.svg)'\n  image: {path: odd.svg, alt: x}\n")
    assert result.deck is not None and errors(result) == []
    assert "data:image/svg+xml;base64," in export_deck(result.deck, "html")


def test_a_picture_beside_the_words_leaves_them_room(tmp_path):
    found = errors(loaded(tmp_path, "- title: S\n  points: [a]\n  image: {path: sunrise.png, alt: a, place: right, width: 100%}\n"))
    assert found == ["5:61: slide 1 ('S'): image.width: a picture beside the words takes at most 70% of the slide (they need the rest)"]


def test_below_waits_for_the_slides_steps_in_the_html_page(tmp_path):
    result = loaded(tmp_path, "- title: S\n  reveal: true\n  points: [one, two, three]\n  below: THE PUNCHLINE\n")
    assert result.deck is not None
    assert '<div class="below step" data-step="3"><p>THE PUNCHLINE</p>' in export_deck(result.deck, "html")


def test_an_svg_inside_a_paragraph_shows_in_the_html_page_and_a_link_cannot_borrow_its_mark(tmp_path):
    shutil.copy(ROOT / "tests" / "decks" / "pictures" / "diagram.svg", tmp_path / "diagram.svg")
    result = loaded(tmp_path, "- title: S\n  body: |\n    Inline ![the diagram](diagram.svg) in words.\n\n    [a link](deck-svg:PHN2Zz4=)\n")
    assert result.deck is not None
    page = export_deck(result.deck, "html")
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="the diagram"', page)
    assert '<a href="deck-svg:PHN2Zz4="' in page  # an author's link stays as written: inert, never a data URI


def test_an_svgs_own_background_is_drawn_by_the_page_which_an_img_would_drop(tmp_path):
    from deck.core.imagefile import sniff

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" style="background-color:#1e1e2e"><path d="M0 0H40" stroke="#fff"/></svg>'
    assert sniff(svg).background == "#1e1e2e"
    assert sniff(b'<svg style="background: url(x)">').background is None  # a colour only, never anything else
    assert sniff(b'<svg style="background-color: rgb(17, 17, 34);">').background == "#111122"  # as a real talk's diagrams write it
    (tmp_path / "dark.svg").write_bytes(svg)
    result = loaded(tmp_path, "- title: S\n  image: {path: dark.svg, alt: white lines on dark}\n")
    assert 'alt="white lines on dark" style="background:#1e1e2e"' in export_deck(result.deck, "html")
