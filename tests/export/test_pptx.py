"""PowerPoint (`-o talk.pptx`), written by pandoc from the deck's pandoc slides shaped for its PowerPoint
writer, and read back from the file: one PowerPoint slide per deck slide, nothing dropped."""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile

import pytest

from deck.cli import main
from deck.core.loader import load_deck, parse_deck
from deck.core.paths import bundled_deck
from deck.export import ExportOptions, export_bytes, format_for

from ..conftest import ROOT
from .test_real_readers import FIT_DECKS


def need_pandoc() -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed; install it with: apt-get install -y pandoc")


def slides(data: bytes) -> list[str]:
    """Each PowerPoint slide's XML, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        return [archive.read(n).decode("utf-8") for n in sorted(names, key=lambda n: int(re.findall(r"\d+", n)[0]))]


def words(xml: str) -> str:
    return html.unescape(" ".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))).replace("’", "'").replace("‘", "'")


def test_the_file_is_asked_for_by_its_name():
    assert format_for("talk.pptx") == "pptx"


@pytest.mark.parametrize("path", [p for p in FIT_DECKS if p.stem != "pictures"], ids=lambda p: p.stem)
def test_one_powerpoint_slide_per_deck_slide_each_with_its_title(path, tmp_path):
    # pandoc made 26 PowerPoint slides of a newcomer's 18: sources, tables and columns got slides of their own
    need_pandoc()
    deck = load_deck(path)
    made = slides(export_bytes(deck, "pptx", ExportOptions(out_dir=str(tmp_path))))
    assert len(made) == len(deck.slides)
    for slide, xml in zip(deck.slides, made, strict=True):
        text = words(xml)
        assert slide.title.replace("`", "").split(":")[0][:20] in text, (slide.title, text[:120])
        for source in {sid for point in slide.all_points() for sid in point.sources}:  # its sources, on the slide itself
            assert deck.sources[source].title[:20].replace("'", "'") in text.replace("’", "'"), (slide.title, source)
        letters = re.sub(r"\W", "", text)  # pandoc sets quotes and dashes as typography, and drops Markdown's marks
        for point in slide.all_points():  # every point, in every column: PowerPoint drops a third column
            start = re.sub(r"\W", "", re.sub(r"\]\([^)]*\)", "", point.text))[:20]
            assert start in letters, (slide.title, point.text)
        pictures = len(slide.pictures()) + len(re.findall(r"!\[", slide.body or ""))
        assert xml.count("<p:pic>") == pictures, slide.title


def test_the_briefings_chart_and_timeline_are_on_their_slides_as_lists():
    need_pandoc()
    deck = load_deck(bundled_deck())
    made = [words(xml) for xml in slides(export_bytes(deck, "pptx"))]
    timeline = next(text for text in made if text.startswith("From papers to slips"))
    assert "2026-01-20" in timeline and "MODEL1 found in DeepSeek's FlashMLA code" in timeline and "Sources:" in timeline


def test_three_pictures_lose_none_the_third_goes_on(tmp_path):
    need_pandoc()
    deck = load_deck(ROOT / "tests" / "decks" / "pictures.yaml")
    made = slides(export_bytes(deck, "pptx", ExportOptions(out_dir=str(tmp_path))))
    assert len(made) == len(deck.slides) + 1  # PowerPoint's layouts take two pictures a slide
    assert sum(xml.count("<p:pic>") for xml in made) == sum(len(s.pictures()) for s in deck.slides) + 1  # and the one in a body
    for picture in deck.slides[0].images:
        assert any(picture.alt in words(xml) for xml in made[:2]), picture.alt


def test_the_command_says_how_many_slides_powerpoint_made(tmp_path, capsys):
    need_pandoc()
    out = tmp_path / "talk.pptx"
    assert main(["export", str(ROOT / "tests" / "decks" / "pictures.yaml"), "-o", str(out)]) == 0
    assert "5 slides; 6 in PowerPoint" in capsys.readouterr().err
    assert len(slides(out.read_bytes())) == 6


def test_without_pandoc_it_says_how_to_get_it_and_writes_nothing(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pandoc on it
    out = tmp_path / "talk.pptx"
    assert main(["export", str(bundled_deck()), "-o", str(out)]) == 2
    assert "install it (https://pandoc.org/installing.html" in capsys.readouterr().err
    assert not out.exists()


def test_a_pandoc_that_fails_is_said_and_nothing_is_written(monkeypatch, tmp_path, capsys):
    fake = tmp_path / "bin" / "pandoc"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pandoc: out of memory' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    out = tmp_path / "talk.pptx"
    assert main(["export", str(bundled_deck()), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "pandoc could not write the PowerPoint file: pandoc: out of memory" in err and "Traceback" not in err
    assert not out.exists()


def test_pictures_shown_as_code_stay_words_and_missing_ones_their_alt_text(tmp_path):
    # a fresh review: pandoc stopped at a picture shown as code (or one whose file is missing) and no file was written
    need_pandoc()
    deck = parse_deck('title: T\nslides:\n  - title: Syntax\n    body: "Write `![alt](figure.png)`; see ![diagram](diagram.png)"\n', "t.yaml").deck
    made = slides(export_bytes(deck, "pptx", ExportOptions(out_dir=str(tmp_path))))
    assert len(made) == 1
    text = words(made[0])
    assert "![alt](figure.png)" in text and "[image not available: diagram]" in text and "<p:pic>" not in made[0]


def test_revealed_columns_and_a_picture_in_a_columns_words_keep_to_powerpoints_layout(tmp_path):
    # a fresh review: '::: incremental' in a column showed as text, and a picture inside a column's words was dropped
    need_pandoc()
    picture = ROOT / "tests" / "decks" / "pictures" / "sunrise.png"
    shutil.copy(picture, tmp_path / "sunrise.png")
    text = (
        "title: T\nslides:\n  - title: Steps\n    reveal: true\n    columns:\n      - {title: Left, points: [L1, L2]}\n"
        '      - {title: Right, body: "The old one: ![old](sunrise.png)", points: [R1]}\n'
    )
    (tmp_path / "t.yaml").write_text(text)
    made = slides(export_bytes(load_deck(tmp_path / "t.yaml"), "pptx", ExportOptions(out_dir=str(tmp_path))))
    assert len(made) == 1 and made[0].count("<p:pic>") == 1
    assert ":::" not in words(made[0]) and all(point in words(made[0]) for point in ("L1", "L2", "R1", "The old one"))
