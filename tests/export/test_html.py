"""The native HTML export, as a reader sees it in headless Chromium: every slide, keys, notes, nothing cut
off at 1280x720 or 1024x768, no network at all, and one printed page per slide."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from deck.cli import main
from deck.core.loader import load_deck
from deck.core.paths import bundled_deck
from deck.export import ExportOptions, export_deck

from ..conftest import ROOT

NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"
CHECK = ROOT / "tests" / "browser" / "html_check.js"
DECKS = [
    bundled_deck(),
    *(
        ROOT / "tests" / "decks" / name
        for name in ("showcase.yaml", "awkward.yaml", "pacing.yaml", "presenter-awkward.yaml", "figures.yaml", "pictures.yaml")
    ),
]


def in_chromium(path) -> dict:
    if shutil.which("node") is None or not (NODE_MODULES / "playwright-core").is_dir():
        pytest.skip("node and playwright-core are needed: npm install --prefix .ci/tools (or run bash .ci/run)")
    if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        pytest.skip("Chromium is needed: apt-get install -y chromium (or set CHROMIUM)")
    result = subprocess.run(
        ["node", str(CHECK), str(path)], capture_output=True, text=True, timeout=180, env={**os.environ, "NODE_PATH": str(NODE_MODULES)}
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in report, report
    return report


def test_one_self_contained_file():
    page = export_deck(load_deck(bundled_deck()), "html")
    assert page.count('<section class="slide') == len(load_deck(bundled_deck()).slides)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page.split("<main>")[0])  # nothing fetched: no CDN
    assert "default-src 'none'" in page  # and a policy that forbids it anyway


def test_no_notes_leaves_them_out_of_the_file():
    deck = load_deck(bundled_deck())
    assert '<aside class="notes">' in export_deck(deck, "html")
    assert '<aside class="notes">' not in export_deck(deck, "html", ExportOptions(notes=False))


def test_deck_text_is_never_markup_in_the_page():
    page = export_deck(load_deck(ROOT / "tests" / "decks" / "hostile.yaml"), "html")
    assert "<img src=x onerror" not in page and "<script>alert" not in page
    assert 'href="javascript:' not in page.lower()


def test_an_html_name_picks_the_html_export(tmp_path, capsys):
    target = tmp_path / "talk.html"
    assert main(["export", str(ROOT / "tests" / "decks" / "showcase.yaml"), "-o", str(target)]) == 0
    assert "wrote" in capsys.readouterr().err and target.read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_in_chromium_every_slide_fits_and_nothing_is_fetched(path, tmp_path):
    deck = load_deck(path)
    page = tmp_path / "deck.html"
    page.write_text(export_deck(deck, "html"), encoding="utf-8")
    report = in_chromium(page)
    assert report["count"] == len(deck.slides)
    assert report["overflow"] == {"1280x720": [], "1024x768": []}  # nothing cut off, after the fitting rule
    assert report["requests"] == []  # no network request at all
    assert all(report["images"])  # every image decoded from its data URI
    assert report["figures"] == sum((s.chart is not None) + bool(s.timeline) for s in deck.slides)
    assert report["notesHiddenAtFirst"] is True
    assert report["printCodeContrast"] is None or report["printCodeContrast"] >= 4.5  # printed code reads, every token of it
    printed = (tmp_path / "deck.print.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", printed)) == len(deck.slides)  # the print stylesheet: a page per slide


def test_in_chromium_pictures_sit_side_by_side_beside_the_points_and_in_their_columns(tmp_path):
    page = tmp_path / "deck.html"
    page.write_text(export_deck(load_deck(ROOT / "tests" / "decks" / "pictures.yaml"), "html"), encoding="utf-8")
    report = in_chromium(page)
    assert report["scrolls"] == {"1280x720": [], "1024x768": []}  # a 2000x1500 picture in the words fits as a picture does
    row, beside, columns, svg, _ = report["boxes"]
    (left, top, right, bottom), *_ = svg["images"]
    assert right - left >= 300 and bottom - top >= 100  # the SVG drawn at its size (400×160), not a broken image
    assert len(row["images"]) == 3 and len({top for _, top, _, _ in row["images"]}) == 1  # one row
    assert all(a[2] <= b[0] for a, b in zip(row["images"], row["images"][1:]))  # left to right, none over another
    assert len(beside["images"]) == 1 and all(point[2] <= beside["images"][0][0] for point in beside["points"])  # right of every point
    assert beside["images"][0][1] <= beside["points"][0][3]  # level with the points, not below them
    assert [column[0] <= image[0] and image[2] <= column[2] for column, image in zip(columns["columns"], columns["images"])] == [True, True]


def test_in_chromium_keys_step_and_move(tmp_path):
    page = tmp_path / "pacing.html"
    page.write_text(export_deck(load_deck(ROOT / "tests" / "decks" / "pacing.yaml"), "html"), encoding="utf-8")
    report = in_chromium(page)
    # → → → ← End → End Home 3 Enter: onto the reveal slide at step 0, a step on, back, the end of the talk
    # (complete), where → stops, the appendix by End again, the start, go to 3: as the presenter moves
    assert report["afterKeys"] == [[0, 0], [1, 0], [2, 0], [2, 1], [2, 0], [3, 3], [3, 3], [4, 0], [0, 0], [0, 0], [2, 4]]
    assert report["fromAddress"] == [2, 4] and report["address"] == "#3"  # a reload comes back to the slide shown
    assert report["afterClicks"] == [[1, 0], [0, 0]]  # a click moves as in the terminal (it did nothing)
    assert report["notesShownAfterN"] is True


PDF_DECKS = [bundled_deck(), ROOT / "tests" / "decks" / "showcase.yaml", ROOT / "tests" / "decks" / "awkward.yaml"]


@pytest.mark.slow
@pytest.mark.parametrize("path", PDF_DECKS, ids=lambda p: p.stem)
def test_pdf_has_a_page_per_slide_with_all_of_its_text(path, tmp_path):
    from deck.export.pdf import available

    if not available():
        pytest.skip("WeasyPrint is needed: pip install '.[pdf]'")
    from pypdf import PdfReader

    deck = load_deck(path)
    target = tmp_path / "deck.pdf"
    assert main(["export", str(path), "-o", str(target)]) == 0
    pages = PdfReader(target).pages
    assert len(pages) == len(deck.slides)
    for page, slide in zip(pages, deck.slides):
        text = " ".join(page.extract_text().split())
        assert " ".join(slide.title.split())[:30] in text, slide.title
        points = slide.all_points()
        if points:  # the last claim is on the page too: nothing ran off its bottom
            last = re.sub(r"[*`'\[\]]", "", points[-1].text)
            assert " ".join(last.split())[:25] in re.sub(r"[*`'\[\]]", "", text), (slide.title, points[-1].text)


def test_pdf_without_weasyprint_says_how_to_get_it(monkeypatch, capsys, tmp_path):
    import deck.export.pdf as pdf

    monkeypatch.setattr(pdf, "available", lambda: False)
    assert main(["export", str(bundled_deck()), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "pip install 'briefing-deck[pdf]'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()  # nothing partial


def test_the_page_follows_the_decks_theme(tmp_path):
    """The page's colours were hard-coded (the dark theme's) whatever theme the deck named."""
    from deck.core.loader import parse_deck
    from deck.export import export_deck

    text = "title: T\ntheme: light\nslides:\n  - {title: A, confidence: reported, notes: n}\n"
    page = export_deck(parse_deck(text, str(tmp_path / "t.yaml")).deck, "html")
    assert "--background:#fafafa" in page and "--reported:#1f5fa8" in page
    dark = export_deck(parse_deck(text.replace("theme: light\n", ""), str(tmp_path / "t.yaml")).deck, "html")
    assert "--background:#101418" in dark


def test_a_theme_files_colours_reach_the_page_only_as_checked_hex_colours(tmp_path):
    from deck.core.loader import parse_deck
    from deck.export import export_deck

    (tmp_path / "brand.yaml").write_text(
        "name: brand\nprimary: '#123456'\nbackground: 'red;}</style><script>alert(1)</script>'\n"
        "variables:\n  confidence-reported: 'url(http://example.com/x)'\n  confidence-confirmed: '#0a0'\n"
    )
    deck = parse_deck("title: T\ntheme: ./brand.yaml\nslides:\n  - {title: A, confidence: reported, notes: n}\n", str(tmp_path / "t.yaml")).deck
    page = export_deck(deck, "html")
    assert "<script>alert" not in page and "example.com" not in page
    assert "--primary:#123456" in page and "--confirmed:#0a0" in page
    assert "--background:#101418" in page and "--reported:#2f7fc1" in page  # the defaults where a value is not a colour


def test_printed_every_colour_reads_on_white_whatever_the_theme(tmp_path):
    """A PDF of a mono deck drew its titles white on white (the print style kept the theme's colours)."""
    import re

    from deck.core.loader import parse_deck
    from deck.export import export_deck

    def luminance(hex_colour: str) -> float:
        h = hex_colour.lstrip("#")
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for theme in ("mono", "high-contrast", "dark"):
        deck = parse_deck(f"title: T\ntheme: {theme}\nslides:\n  - {{title: A, confidence: reported, notes: n}}\n", str(tmp_path / "t.yaml")).deck
        page = export_deck(deck, "html")
        printed = re.search(r"@media print \{.*?:root \{(.*?)\}", page, re.S)
        assert printed, theme
        colours = dict(re.findall(r"--([\w-]+): (#[0-9a-fA-F]{3,6})", printed.group(1)))
        for name in ("accent", "primary", "foreground", "confirmed", "reported", "unverified", "speculative", "analysis"):
            ratio = 1.05 / (luminance(colours[name]) + 0.05)
            assert ratio >= 4.5, (theme, name, colours[name], round(ratio, 2))


LISTS_AND_CODE = """\
title: Lists and code
slides:
  - title: A body of its own
    body: |
      Steps:

      - install it
      - run it

      ```python
      def greet(name: str) -> str:
          return f"hello {name}"  # a comment
      ```
    points: [A point keeps its own mark]
"""


def test_in_chromium_a_bodys_list_keeps_its_bullets_and_code_is_coloured(tmp_path):
    """Found on real decks: the points' CSS took the bullets off every list; code was one colour."""
    page = tmp_path / "lists.html"
    deck_path = tmp_path / "lists.yaml"
    deck_path.write_text(LISTS_AND_CODE)
    text = export_deck(load_deck(deck_path), "html")
    page.write_text(text, encoding="utf-8")
    assert '<ul class="points">' in text and "<ul>\n<li>install it</li>" in text
    assert '<pre class="code"><code class="language-python"><span class="k">def</span>' in text
    from deck.core.themefile import contrast
    from deck.export.highlight import PRINT_SURFACE

    printed = text.split("@media print {")[-1]
    colours = re.findall(r"color: (#[0-9a-fA-F]{6})", printed)
    assert colours and all(contrast(c, PRINT_SURFACE) >= 4.5 for c in colours)  # printed code reads (it was 1.3:1)
    report = in_chromium(page)
    assert report["bodyListStyle"] == "disc"
    assert report["codeColours"] >= 3  # keywords, names, strings, comments: not one colour


def test_a_picture_path_written_with_percent_20_shows_in_the_page(tmp_path):
    """Found on real decks: `![a pic](my%20pic.png)` passed `deck check` (which decodes it) but the HTML
    export looked for a file named with '%20' and left a path its policy blocks."""
    shutil.copy(ROOT / "tests" / "decks" / "pictures" / "pipeline.png", tmp_path / "my pic.png")
    deck_path = tmp_path / "d.yaml"
    deck_path.write_text('title: T\nslides:\n  - title: S\n    body: "![a pic](my%20pic.png)"\n')
    page = export_deck(load_deck(deck_path), "html")
    assert '<img src="data:image/png;base64,' in page


@pytest.mark.slow
def test_a_slide_too_tall_for_a_page_is_printed_as_cont_pages(tmp_path):
    """Found on real decks (a lecture's long slides): the PDF cut a slide too tall even at the smallest type."""
    from deck.export.pdf import available

    if not available():
        pytest.skip("WeasyPrint is needed: pip install '.[pdf]'")
    from pypdf import PdfReader

    lines = "\n".join(f"      line {n} of a very long listing" for n in range(120))
    path = tmp_path / "long.yaml"
    path.write_text(f"title: T\nslides:\n  - title: Short\n    body: fits\n  - title: Long\n    body: |\n      ```text\n{lines}\n      ```\n")
    target = tmp_path / "long.pdf"
    assert main(["export", str(path), "-o", str(target)]) == 0
    pages = PdfReader(target).pages
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert len(pages) > 2  # the long slide takes more than one page...
    assert "line 119 of a very long listing" in " ".join(texts)  # ...and its last line is printed, not cut
    # as the Marp export does: the first page keeps the title, the others say they continue it, and each
    # line of the listing is printed once, in order
    assert texts[1].startswith("Long line 0 of") and all(text.startswith("Long (cont.) line") for text in texts[2:])
    numbers = [int(n) for n in re.findall(r"line (\d+) of", " ".join(texts))]
    assert numbers == list(range(120))
