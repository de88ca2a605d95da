"""The reveal.js page (`-o talk.reveal.html`): reveal.js itself inside one file, opened in headless Chromium
at 1280x720 and measured slide by slide. Without node, playwright-core and Chromium the tests skip."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from deck.core.imagefile import local_images
from deck.core.linesteps import is_marker
from deck.core.loader import load_deck, parse_deck
from deck.core.reveal import body_parts
from deck.export import ExportOptions, export_deck, format_for

from ..conftest import ROOT
from .test_real_readers import FIT_DECKS, SIZES

NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"


def measured(deck_text: str, folder: Path, *args: str) -> dict:
    if shutil.which("node") is None or not (NODE_MODULES / "playwright-core").is_dir() or not os.path.exists("/usr/bin/chromium"):
        pytest.skip("node, playwright-core and Chromium are needed (bash .ci/run installs them)")
    page = folder / "talk.reveal.html"
    page.write_text(deck_text, encoding="utf-8")
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "browser" / "reveal_check.js"), str(page), *args],
        capture_output=True, text=True, timeout=180, env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )  # fmt: skip
    report: dict = json.loads(result.stdout.strip().splitlines()[-1])
    assert report.get("ready"), report
    return report


def test_the_page_is_asked_for_by_its_name():
    assert format_for("talk.reveal.html") == "reveal-page" and format_for("talk.html") == "html"


@pytest.mark.parametrize("path", FIT_DECKS, ids=lambda p: p.stem)
def test_every_slide_fits_its_1280x720_slide_and_the_page_needs_nothing_else(path, tmp_path):
    # reveal.js's Markdown export ran past the bottom of 8 of a newcomer's 18 slides, and there was no page to open
    deck = load_deck(path)
    report = measured(export_deck(deck, "reveal-page"), tmp_path)
    assert report["count"] >= len(deck.slides)  # a slide too dense for any size goes on as '(cont.)' slides
    assert report["bad"] == []
    assert report["requests"] == [] and report["dialogs"] == []  # it opens on its own: nothing fetched
    assert report["brokenImages"] == []
    assert report["images"] == sum(len(s.pictures()) + len(local_images(s.body or "")) for s in deck.slides)
    assert report["notes"] == sum(1 for s in deck.slides if s.notes)
    # type no smaller than it needs: at most two sizes below the largest that fits, by the one estimate (a slide
    # with a chart or timeline shares its room with the drawing: measured by the drawing's type, below)
    drawn = {slide for slide, _, _ in report["drawings"]}
    behind = [
        SIZES.index(actual) - SIZES.index(best)
        for slide, actual, best, _ in report["sizes"]
        if actual in SIZES and best in SIZES and slide not in drawn
    ]
    assert max(behind, default=0) <= 2, report["sizes"]
    # a chart's or timeline's type (which scales with the drawing) is kept near the words': a newcomer's
    # column chart left the words at 12 px beside a drawing at full size
    assert all(drawn >= 0.8 * words or drawn >= 20 for _, drawn, words in report["drawings"]), report["drawings"]
    # a revealed point is one step: the list item is the fragment, never its label or link alone

    revealed = sum(len(s.points) + sum(len(c.points) for c in s.columns) for s in deck.slides if s.reveal)
    assert report["fragmentItems"] == revealed
    # and each pause in a body is one more: the rest of the body as a fragment (a code block's line groups are no pause here)
    body_pauses = sum(max(0, len([p for p in body_parts(s.body) if is_marker(p) is None]) - 1) for s in deck.slides if s.body)
    assert report["fragments"] == revealed + body_pauses


def test_s_opens_reveal_js_speaker_view_with_the_first_slides_notes(tmp_path):
    deck = load_deck(ROOT / "tests" / "decks" / "showcase.yaml")
    report = measured(export_deck(deck, "reveal-page"), tmp_path, "--speaker")
    assert deck.slides[0].notes.strip() == "**Say:** welcome, and how to read the labels."
    assert report["speakerNotes"].strip() == "Say: welcome, and how to read the labels."  # its Markdown drawn
    assert report["requests"] == []


def test_a_hostile_deck_runs_nothing_in_the_page(tmp_path):
    deck = load_deck(ROOT / "tests" / "decks" / "hostile.yaml")
    report = measured(export_deck(deck, "reveal-page"), tmp_path)
    assert report["dialogs"] == [] and report["requests"] == []


def test_an_audience_copy_has_no_notes_and_no_speaker_view(tmp_path):
    deck = load_deck(ROOT / "tests" / "decks" / "showcase.yaml")
    page = export_deck(deck, "reveal-page", ExportOptions(notes=False))
    assert "RevealNotes" not in page and "Note:" not in page
    assert measured(page, tmp_path)["notes"] == 0


def test_a_textarea_in_the_deck_cannot_end_the_pages_markdown():
    deck = parse_deck('title: T\nslides:\n  - title: "</textarea><script>alert(1)</script>"\n    body: "x </textarea> y"\n', "t.yaml").deck
    page = export_deck(deck, "reveal-page")
    assert page.count("</textarea>") == 1 and "<script>alert(1)" not in page


def test_only_a_picture_put_inside_the_page_keeps_a_data_address():
    from deck.export.common import inert

    picture = "![a dot](data:image/png;base64,iVBORw0KGgo=)"
    assert inert(picture) == picture
    for hostile in ("[click](data:image/png;base64,iVBORw0KGgo=)", "![x](data:text/html;base64,PHNjcmlwdD4=)", "[x](javascript:alert(1))"):
        assert "\\]\\(" in inert(hostile), hostile


@pytest.mark.parametrize("path", FIT_DECKS, ids=lambda p: p.stem)
def test_pandocs_reveal_js_slides_fit_too(path, tmp_path):
    # pandoc's reveal.js output ran past the bottom of 10 of a newcomer's 18 slides
    pandoc = shutil.which("pandoc")
    reveal = NODE_MODULES / "reveal.js"
    if pandoc is None or not reveal.is_dir():
        pytest.skip("pandoc and reveal.js are needed: apt-get install -y pandoc; npm install --prefix .ci/tools")
    deck = load_deck(path)
    source = tmp_path / "talk.pandoc.md"
    source.write_text(export_deck(deck, "pandoc", ExportOptions(out_dir=str(tmp_path))), encoding="utf-8")
    made = subprocess.run(
        [pandoc, "-t", "revealjs", "-s", str(source), "-V", f"revealjs-url={reveal}", "-o", str(tmp_path / "page.html")],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    report = measured((tmp_path / "page.html").read_text(encoding="utf-8"), tmp_path)
    assert report["count"] >= len(deck.slides)
    assert report["bad"] == [] and report["brokenImages"] == [] and report["dialogs"] == []
    assert [url for url in report["requests"] if not url.startswith("file://")] == []  # reveal.js from this machine
    behind = [SIZES.index(actual) - SIZES.index(best) for _, actual, best, _ in report["sizes"] if actual in SIZES and best in SIZES]
    # pandoc's reveal.js sets its slides tighter than Marp's theme, for which the one estimate is made: at
    # most two sizes below the largest that fits, three for one slide at most (a hostile deck's headings)
    assert max(behind, default=0) <= 3 and sum(1 for steps in behind if steps == 3) <= 1, report["sizes"]


def test_the_estimate_knows_the_drawings_type():
    from deck.export import svg
    from deck.export.fit import DRAWING_TYPE

    assert DRAWING_TYPE == svg.FONT / svg.WIDTH


def test_a_chart_too_tall_to_read_on_a_slide_is_a_table_there():
    # a fresh review: a 60-bar chart was drawn 173 px wide, its type 3 px
    many = ", ".join(f"{{label: item {n}, value: {n + 1}}}" for n in range(60))
    few = "{label: a, value: 1}, {label: b, value: 2}"
    deck = parse_deck(
        f"title: T\nslides:\n  - {{title: A, chart: {{items: [{many}]}}}}\n  - {{title: B, chart: {{items: [{few}]}}}}\n", "t.yaml"
    ).deck
    first, second = export_deck(deck, "reveal").split("\n---\n")
    assert "<svg" not in first and "| item 59 | 60 |" in first
    assert "<svg" in second and "| a | 1 |" not in second


def test_a_pause_between_points_is_a_step_in_reveal_js_and_pandoc(tmp_path):
    # presenterm's habit, '- <!-- pause -->' among the points: reveal.js and pandoc showed the points whole
    text = "title: T\nslides:\n  - title: Points\n    points:\n      - One\n      - <!-- pause -->\n      - Two\n      - Three\n      - <!-- pause -->\n      - Four\n"
    deck = parse_deck(text, "t.yaml").deck
    pandoc = export_deck(deck, "pandoc")
    assert (
        pandoc.index("- One")
        < pandoc.index(". . .")
        < pandoc.index("- Two")
        < pandoc.index("- Three")
        < pandoc.rindex(". . .")
        < pandoc.index("- Four")
    )
    report = measured(export_deck(deck, "reveal-page"), tmp_path)
    assert report["fragments"] == 2 and report["fragmentItems"] == 0 and report["bad"] == []  # two groups, each one step
