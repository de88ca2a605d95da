"""Exporters: structure, labels, sources, notes, filters and escaping, format by format."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import io
import json
import os
import re
import stat

import pytest

from deck.core.files import write_atomic
from deck.core.loader import load_deck, parse_deck
from deck.core.model import Chart, Confidence, Event, Picture, Point
from deck.core.paths import bundled_deck
from deck.core.runcode import slide_blocks
from deck.export import EXTENSIONS, FORMATS, TEXT_FORMATS, ExportOptions, export_deck

from ..conftest import ROOT

SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"
AWKWARD = ROOT / "tests" / "decks" / "awkward.yaml"
DECKS = [SHOWCASE, AWKWARD, bundled_deck()]


def structural(text: str) -> str:
    """The text less fenced code and HTML comments: what a Markdown reader takes as structure."""
    text = re.sub(r"^```.*?^```$", "", text, flags=re.M | re.S)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def all_claims(deck):
    """Every claim in the order a slide shows them (its own words, chart bars, timeline events by date, points, columns' points), as
    the ledger lists them. A labelled slide's body is its main message: a claim at the slide's label."""
    return [p for s in deck.slides for p in ([Point(s.body or s.title, s.confidence)] if s.confidence and not s.layout else []) + list(s.claims())]


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
def test_no_control_characters_in_any_output(path, fmt):
    text = export_deck(load_deck(path), fmt)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert text.endswith("\n")


def test_every_format_has_a_file_extension_that_asks_for_it():
    from deck.export import format_for

    assert set(EXTENSIONS) == set(FORMATS)
    for name, extension in EXTENSIONS.items():
        assert format_for(f"talk{extension}") == name
    assert (format_for("notes.md"), format_for("data.json"), format_for("x.docx")) == ("markdown", "json", None)


class TestHandout:
    def test_title_as_of_legend_slides_notes_and_sources(self):
        deck = load_deck(SHOWCASE)
        text = export_deck(deck, "markdown")
        assert text.startswith("# Showcase deck\n\nEvery part of a slide\n\nAs of 2026-04-03. 4 slides.\n")
        for words in ("● CONFIRMED", "◐ REPORTED", "○ UNVERIFIED", "◌ SPECULATIVE"):
            assert f"- **{words}**:" in text
        assert re.findall(r"^## \d+\. .*$", text, re.M) == [
            "## 1. Showcase deck",
            "## 2. Points with their own labels",
            "## 3. Confirmed against rumoured",
            "## 4. A body with a table and code",
        ]
        assert "Label: **◌ SPECULATIVE** · Claims · Sources: \\[1\\]" in text
        assert "- A deleted post claims a 90% score\u00a0*(unverified)*\u00a0\\[4\\]" in text  # numbered per slide, as on screen
        assert "- An estimate that follows from the rest\n" in text  # takes the slide's label: no marker
        assert "> **Speaker notes:**\n>\n> **Caution:** the 90% comes from one deleted post." not in text
        assert "> **Say:** each point carries its own label where it differs from the slide.\n>\n> **Caution:**" in text
        assert text.rstrip().endswith(
            "## All sources\n\n- A published paper (paper, 2026-01-13)\n- A visible commit (code, 2026-01-20)\n"
            "- A newspaper report (press)\n- A deleted forum post (community)"
        )

    def test_no_notes(self):
        text = export_deck(load_deck(SHOWCASE), "markdown", ExportOptions(notes=False))
        assert "Speaker notes" not in text and "**Say:**" not in text

    def test_min_confidence_leaves_out_claims_and_says_how_many(self):
        text = export_deck(load_deck(SHOWCASE), "markdown", ExportOptions(min_confidence=Confidence.REPORTED))
        assert "90% score" not in text and "An estimate" not in text and "The score is 90%" not in text
        assert "Press reports a launch window" in text
        assert "*2 claims weaker than reported left out of this export.*" in text  # slide 2
        assert text.count("left out of this export") == 2  # slides 2 and 3; 1 and 4 lose nothing

    def test_hostile_text_cannot_add_structure(self):
        text = structural(export_deck(load_deck(AWKWARD), "markdown"))
        assert len(re.findall(r"^## \d+\. ", text, re.M)) == 3
        assert "<script" not in text and "<!--" not in text and "<b>" not in text
        assert "- \\# a heading marker" in text and "- 1\\. a numbered marker" in text
        assert "### Heading in a body" in text  # a body's heading stays under its slide


def without_directives(text: str) -> str:
    """A Marp export without its one-line directives (`<!-- _class: fit19 -->`): what is left are notes."""
    return re.sub(r"^<!-- _class: [\w-]+ -->$", "", text, flags=re.M)


class TestMarp:
    def test_front_matter_and_one_slide_per_deck_slide(self):
        deck = load_deck(SHOWCASE)
        text = export_deck(deck, "marp")
        assert text.startswith(
            '---\nmarp: true\ntitle: "Showcase deck"\npaginate: true\n'
            'footer: "As of 2026-04-03 · ● confirmed ◐ reported ○ unverified ◌ speculative"\nstyle: |\n'
        )
        body = text.split("---\n", 2)[2]
        assert len(re.findall(r"^---$", body, re.M)) == len(deck.slides) - 1

    def test_notes_are_one_comment_at_each_slides_end(self):
        deck = load_deck(SHOWCASE)
        slides = without_directives(export_deck(deck, "marp")).split("---\n", 2)[2].split("\n---\n")
        for slide, source in zip(slides, deck.slides):
            assert slide.count("<!--") == 1 and slide.rstrip().endswith("-->")
            assert source.confidence.value.upper() in slide

    def test_notes_cannot_close_their_comment_early(self):
        text = export_deck(load_deck(AWKWARD), "marp")
        body = structural(text.split("---\n", 2)[2])
        assert len(re.findall(r"^---$", body, re.M)) == 2
        no_code = without_directives(re.sub(r"^```.*?^```$", "", text, flags=re.M | re.S))
        assert no_code.count("<!--") == 3 and len(re.findall(r"^-->$", no_code, re.M)) == 3
        notes = re.findall(r"^<!--\n(.*?)\n-->$", no_code, re.S | re.M)
        assert len(notes) == 3 and not [n for n in notes if "-->" in n]  # no note closes its comment early

    def test_no_notes(self):
        assert "<!--" not in without_directives(export_deck(load_deck(SHOWCASE), "marp", ExportOptions(notes=False)))


class TestPandoc:
    def test_slides_notes_and_columns(self):
        deck = load_deck(SHOWCASE)
        text = export_deck(deck, "pandoc")
        assert text.startswith('---\npagetitle: "Showcase deck"\nwidth: 1280\nheight: 720\n')  # reveal.js's slide, as fitted
        assert len(re.findall(r"^## ", text, re.M)) == len(deck.slides)
        assert len(re.findall(r"^## .* \{\.fit\d+\}$", text, re.M)) == len(deck.slides)  # each sized
        assert text.count("::: notes") == len(deck.slides)
        assert ':::: {.columns}\n\n::: {.column width="50%"}' in text

    def test_hostile_text_cannot_open_slides_or_divs(self):
        text = export_deck(load_deck(AWKWARD), "pandoc")
        assert len(re.findall(r"^## ", text, re.M)) == 3
        assert re.findall(r"^# ", text, re.M) == []
        assert "\\::: notes" in text  # the notes' own ':::' line is escaped


class TestReveal:
    def test_separators_and_notes(self):
        deck = load_deck(SHOWCASE)
        text = export_deck(deck, "reveal")
        assert len(re.findall(r"^---$", text, re.M)) == len(deck.slides) - 1
        assert len(re.findall(r"^Note:$", text, re.M)) == len(deck.slides)

    def test_hostile_text_cannot_split_slides_or_start_notes(self):
        text = export_deck(load_deck(AWKWARD), "reveal")
        assert len(re.findall(r"^---$", text, re.M)) == 2  # the real separators, nothing else
        assert re.findall(r"^--$", text, re.M) == []
        assert len(re.findall(r"^\s*notes?:", text, re.M | re.I)) == 3
        assert "&#78;ote: not the notes" in text or "Note: not the notes" in text


class TestLedger:
    @pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
    def test_one_row_per_claim(self, path):
        deck = load_deck(path)
        rows = [line for line in export_deck(deck, "ledger").splitlines() if re.match(r"^\| \d+ \|", line)]
        assert len(rows) == len(all_claims(deck))
        parsed = list(csv.DictReader(io.StringIO(export_deck(deck, "csv"))))
        assert len(parsed) == len(all_claims(deck))
        assert [r["confidence"] for r in parsed] == [p.confidence.value for p in all_claims(deck)]

    def test_pipes_are_escaped_and_formulas_defused(self):
        deck = load_deck(AWKWARD)
        ledger = export_deck(deck, "ledger")
        assert "| a \\| pipe \\| in a \\| table |" in ledger
        claims = [r["claim"] for r in csv.DictReader(io.StringIO(export_deck(deck, "csv")))]
        assert '\'=HYPERLINK("http://example.com")' in claims
        assert "'--- a separator at the start" in claims

    def test_min_confidence(self):
        deck = load_deck(SHOWCASE)
        rows = list(csv.DictReader(io.StringIO(export_deck(deck, "csv", ExportOptions(min_confidence=Confidence.UNVERIFIED)))))
        assert all(r["confidence"] != "speculative" for r in rows) and len(rows) == 13  # 10 points, the main messages of 3 slides


_POSITIONS = {
    "pos",
    "span",
    "confidence_pos",
    "as_of_pos",
    "theme_pos",
    "path",
    "id",
    "labelled",
    "outputs",
}  # outputs: a rehearsal's, not the file's


def _claim(point, **fields):
    """A chart bar or a timeline event as the JSON writes it: the claim's text (or label) with its fields."""
    return {**fields, "confidence": point.confidence.value, "sources": list(point.sources)}


def _normalized(value):
    """The model as plain data, without where things stand in the file (JSON does not carry positions).
    Pictures take the deck format's own shape: a chart's items, a timeline's date or from/to, an image's path."""
    if isinstance(value, Chart):
        items = [_claim(b.claim, label=b.claim.text, value=int(b.value) if b.value.is_integer() else b.value) for b in value.bars]
        return {"title": value.title, "kind": value.kind, "unit": value.unit, "axis": value.axis, "items": items}
    if isinstance(value, Event):
        span = value.end is not None
        return _claim(
            value.claim, text=value.claim.text, date=None if span else value.start.text, **{"from": value.start.text if span else None},
            to=value.end.text if span else None,
        )  # fmt: skip
    if isinstance(value, Picture):
        return {"path": value.path, "alt": value.alt, "width": value.width, "place": value.place}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _normalized(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in _POSITIONS}
    if isinstance(value, dict):
        return {k: _normalized(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalized(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", [bundled_deck(), SHOWCASE, ROOT / "tests" / "decks" / "awkward.yaml", ROOT / "tests" / "decks" / "figures.yaml"])
def test_json_carries_the_whole_model(path):
    deck = load_deck(path)
    data = json.loads(export_deck(deck, "json"))
    for slide, written in zip(data["slides"], deck.slides, strict=True):
        runnable = slide.pop("runnable")  # worked out from the body: what `deck present --run-code` would run
        assert [(r["language"], r["code"]) for r in runnable] == [(b.language, b.code) for b in slide_blocks(written.body)]
        first = slide.pop("image")  # the first of `images`, as the JSON said before a slide could have several
        assert first == (slide["images"][0] if slide["images"] else None)
    assert data == _normalized(deck)


def test_json_lists_what_a_deck_would_run_with_a_recorded_output():
    from deck.core.runcode import Output

    loaded = parse_deck("title: T\nslides:\n  - title: S\n    body: |\n      ```sh +exec\n      /// cd /\n      echo hi\n      ```\n", "t.yaml")
    assert loaded.deck is not None
    deck = dataclasses.replace(loaded.deck, outputs={"sh\ncd /\necho hi": Output("hi", "exit 0", recorded="2026-12-07")})
    (runnable,) = json.loads(export_deck(deck, "json"))["slides"][0]["runnable"]
    assert runnable == {
        "language": "sh",
        "code": "cd /\necho hi",
        "replace": False,
        "output": {"text": "hi", "status": "exit 0", "recorded": "2026-12-07"},
    }


class TestAtomicWrite:
    def test_replaces_and_keeps_permissions(self, tmp_path):
        target = tmp_path / "out.md"
        target.write_text("old")
        os.chmod(target, 0o640)
        write_atomic(target, b"new")
        assert target.read_bytes() == b"new"
        assert oct(target.stat().st_mode & 0o777) == "0o640"

    def test_a_failure_mid_write_leaves_the_old_file_and_no_litter(self, tmp_path, monkeypatch):
        target = tmp_path / "out.md"
        target.write_text("old")

        def boom(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", boom)
        with pytest.raises(OSError):
            write_atomic(target, b"new")
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_atomic_write_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "deck.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_text() == "new"


def test_atomic_write_into_a_missing_folder_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        write_atomic(tmp_path / "nowhere" / "out.md", b"x")
    assert info.value.filename == str(tmp_path / "nowhere")


def test_ledger_never_credits_a_claim_with_sources_it_does_not_cite():
    """A point without sources once got its slide's in the ledger, unlike on screen and in the handout."""
    deck = load_deck(SHOWCASE)
    rows = list(csv.DictReader(io.StringIO(export_deck(deck, "csv"))))
    estimate = next(r for r in rows if r["claim"] == "An estimate that follows from the rest")
    assert estimate["sources"] == "" and estimate["source_titles"] == ""
    assert estimate["slide_sources"] == "paper"  # shown apart
    ledger = export_deck(deck, "ledger")
    assert "| An estimate that follows from the rest | ◌ speculative | — | — (slide: A published paper) |" in ledger


def test_left_out_note_stands_at_the_top_of_the_slide():
    text = export_deck(load_deck(SHOWCASE), "markdown", ExportOptions(min_confidence=Confidence.REPORTED))
    slide = text.split("## 2. Points with their own labels\n\n", 1)[1]
    # the speculative claims are gone, and with them the slide's main message: its speculative label and its own sources
    assert slide.startswith("Claims\n\n*2 claims weaker than reported left out")


def test_atomic_write_to_a_pipe_writes_into_it(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    import threading

    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_new_file_gets_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.md", b"x")
    finally:
        os.umask(old)
    assert oct((tmp_path / "new.md").stat().st_mode & 0o777) == "0o640"


def test_one_source_numbering_on_screen_and_in_every_export():
    """Source 4 on the screen's slide 2 is source 4 in the handout and in the slide formats too."""
    deck = load_deck(SHOWCASE)
    slide = deck.slides[1]
    numbers = deck.source_numbers(slide)
    assert numbers["leak"] == 4
    handout = export_deck(deck, "markdown").split("## 2. ", 1)[1].split("## 3. ", 1)[0]
    assert "\\[4\\] A deleted forum post" in handout and "*(unverified)*\u00a0\\[4\\]" in handout
    for name in ("marp", "pandoc", "reveal"):
        text = export_deck(deck, name)
        assert "[4] A deleted forum post" in text, name


def test_the_handout_never_starts_a_line_with_a_bare_hash_and_dashes_a_sources_note():
    """Found by a newcomer: a '#launch' subtitle was a markdownlint error (MD018), and a source's note
    was joined with '. ' after a title that ended in '?'."""
    loaded = parse_deck(
        "title: T\nsubtitle: '#launch day'\nsources:\n  s: {title: Is it real?, kind: press, note: a note}\n"
        "slides:\n  - {title: S, confidence: reported, points: [p], sources: [s]}\n",
        "t.yaml",
    )
    assert loaded.deck is not None
    out = export_deck(loaded.deck, "markdown")
    assert "\n\\#launch day\n" in out
    assert "Is it real? (press) — a note" in out
