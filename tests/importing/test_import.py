"""`deck import`: a talk written for presenterm, Marp or pandoc becomes a deck that checks clean, with a
list of what to redo; pictures are made to work from the deck's folder; nothing is ever overwritten."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from deck.cli import main
from deck.core.check import check_path
from deck.core.loader import load_deck
from deck.export import ExportOptions, export_deck

from ..conftest import ROOT

PRESENTERM = """\
---
title: Introducing _presenterm_
sub_title: A demo
author: Matias
event: RustConf
date: 2024-09-10
---

Customizability
---

It allows configuring almost anything:

* The colors used.
* Layouts.

<!-- pause -->

This is an example.

<!-- speaker_note: Say hello. -->

<!-- end_slide -->

Dynamic code highlighting
---

```rust {1-4|6-10|all} +line_numbers
struct Person {
    name: String,
}
```

```bash +exec
echo hi
```

<!-- end_slide -->

Column layouts
===

<!-- column_layout: [7, 3] -->

<!-- column: 0 -->

Use column layouts.

<!-- column: 1 -->

![](doge.png)

<!-- reset_layout -->

Layouts can be reset.

<!-- end_slide -->

<!-- jump_to_middle -->

The end
---
"""

MARP = """\
---
marp: true
theme: gaia
---

<!-- _class: lead -->

# A Marp talk

Subtitle words

<!-- The speaker says hello here. -->

---

## Pictures

![bg right](https://example.com/photo.jpg)

![w:200](local.png)

---

No heading on this slide, just a quote:

> Simple is better.
"""

PANDOC = """\
% A pandoc talk
% Jane Doe
% March 2026

# Part one

## First slide

- one

. . .

- two

::: notes
Remember the pause.
:::

## Two columns

:::: columns
::: {.column width="40%"}
Left words
:::
::: {.column width="60%"}
Right words
:::
::::

# Part two

## Last slide

Done.
"""

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def run(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[int, str, Path]:
    talk = tmp_path / name
    talk.write_text(text)
    return main(["import", str(talk), *extra]), str(talk), talk.with_suffix(".yaml")


def test_a_presenterm_talk(tmp_path, capsys):
    (tmp_path / "doge.png").write_bytes(PNG)
    code, _, deck_path = run(tmp_path, "talk.md", PRESENTERM)
    err = capsys.readouterr().err
    assert code == 0, err
    deck, found = check_path(deck_path)
    assert deck is not None and [d for d in found if d.severity != "info"] == []
    # titles are text in a deck: the Markdown marks go (the status bar showed "_presenterm_")
    assert [s.title for s in deck.slides] == ["Introducing presenterm", "Customizability", "Dynamic code highlighting", "Column layouts", "The end"]
    assert deck.title == "Introducing presenterm"
    title, first, code_slide, columns, end = deck.slides
    assert title.layout == "title" and title.subtitle == "A demo" and deck.author == "Matias"
    assert (deck.event, deck.date) == ("RustConf", dt.date(2024, 9, 10))
    assert "<!-- pause -->" in first.body and first.notes.strip() == "Say hello."
    assert "```rust {1-4|6-10|all}\n" in code_slide.body and "```bash +exec\n" in code_slide.body  # line steps and +exec kept
    assert [c.width for c in columns.columns] == [7, 3] and [(p.path, p.alt) for p in columns.columns[1].images] == [("doge.png", "doge")]
    assert columns.below.strip() == "Layouts can be reset." and "Layouts" not in (columns.body or "")  # below the columns, as written
    assert "line_numbers are not carried" in err and "shown above them" not in err
    assert end.align == "center"  # presenterm's jump_to_middle: a centred slide
    assert "from a presenterm talk; 1 thing to redo" in err  # the code attributes


def test_a_marp_talk(tmp_path, capsys):
    (tmp_path / "local.png").write_bytes(PNG)
    code, _, deck_path = run(tmp_path, "marp.md", MARP)
    err = capsys.readouterr().err
    assert code == 0, err
    deck = load_deck(deck_path)
    assert [s.title for s in deck.slides] == ["A Marp talk", "Pictures", ""]  # the last has no heading: none
    assert deck.slides[0].notes.strip() == "The speaker says hello here."
    assert "[picture](https://example.com/photo.jpg)" in deck.slides[1].body  # a link: deck never fetches
    assert [(p.path, p.width) for p in deck.slides[1].images] == [("local.png", "16%")]  # w:200 of Marp's 1280 pixels
    assert deck.slides[0].align == "center"  # Marp's lead class
    assert "Marp directive '_class: lead'" not in err and "never fetches" in err and "w:200" not in err


def test_a_pandoc_talk(tmp_path, capsys):
    code, _, deck_path = run(tmp_path, "pandoc.md", PANDOC)
    err = capsys.readouterr().err
    assert code == 0, err
    deck = load_deck(deck_path)
    assert deck.title == "A pandoc talk" and deck.author == "Jane Doe"
    shown = [(s.title, s.layout) for s in deck.slides]
    assert shown == [
        ("A pandoc talk", "title"),
        ("Part one", "section"),
        ("First slide", None),
        ("Two columns", None),
        ("Part two", "section"),
        ("Last slide", None),
    ]
    first = deck.slides[2]
    assert first.body.count("<!-- pause -->") == 1 and first.notes.strip() == "Remember the pause."
    assert [(c.width, c.body.strip()) for c in deck.slides[3].columns] == [(5, "Left words"), (7, "Right words")]


def test_never_overwrites_and_says_so(tmp_path, capsys):
    (tmp_path / "talk.yaml").write_text("mine")
    code, _, deck_path = run(tmp_path, "talk.md", MARP)
    assert code == 2 and "never overwrites" in capsys.readouterr().err
    assert deck_path.read_text() == "mine"


def test_a_picture_outside_the_decks_folder_is_copied_in_and_a_missing_one_is_its_alt_text(tmp_path, capsys):
    talks, decks = tmp_path / "talks", tmp_path / "decks"
    talks.mkdir()
    decks.mkdir()
    (talks / "pic.png").write_bytes(PNG)
    talk = talks / "t.md"
    talk.write_text("---\nmarp: true\n---\n\n# One\n\n![a picture](pic.png)\n\n![gone](missing.png)\n")
    assert main(["import", str(talk), "-o", str(decks / "t.yaml")]) == 0
    err = capsys.readouterr().err
    deck = load_deck(decks / "t.yaml")
    assert [(p.path, p.alt) for p in deck.slides[0].images] == [("t-pictures/pic.png", "a picture")]
    assert (decks / "t-pictures" / "pic.png").read_bytes() == PNG
    assert "![gone]" not in deck.slides[0].body and "gone" in deck.slides[0].body
    assert "copied to t-pictures/pic.png" in err and "'missing.png' is not there" in err


@pytest.mark.parametrize(
    ("dialect", "talk", "pictures"),
    [
        ("presenterm", "# A\n\n![image:width:50%](pic.png)\n", [("pic.png", "50%", "below")]),
        ("marp", "# A\n\n- words\n\n![bg right:40%](pic.png)\n", [("pic.png", "40%", "right")]),
        ("marp", "# A\n\n![w:640 a chart](pic.png) ![h:100](pic.png)\n", [("pic.png", "50%", "below"), ("pic.png", None, "below")]),
        ("pandoc", "## A\n\n![a chart](pic.png){width=30%}\n", [("pic.png", "30%", "below")]),
    ],
)
def test_a_pictures_size_and_place_are_carried_where_it_stands_alone(tmp_path, capsys, dialect, talk, pictures):
    (tmp_path / "pic.png").write_bytes(PNG)
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", dialect)
    assert code == 0, capsys.readouterr().err
    slide = load_deck(deck_path).slides[-1]
    assert [(p.path, p.width, p.place) for p in slide.images] == pictures
    assert "![" not in (slide.body or "")  # drawn as deck's pictures (in the terminal too), not left in the words


def test_a_sized_picture_inside_a_paragraph_stays_there_and_its_size_is_said(tmp_path, capsys):
    (tmp_path / "pic.png").write_bytes(PNG)
    code, _, deck_path = run(tmp_path, "talk.md", "# A\n\nSee ![image:width:50%](pic.png) here.\n\nThen this.\n", "--from", "presenterm")
    err = capsys.readouterr().err
    assert code == 0, err
    slide = load_deck(deck_path).slides[-1]
    assert slide.images == () and "See ![](pic.png) here." in slide.body
    assert "is not carried: it sits inside a paragraph" in err


def test_a_picture_among_the_words_is_drawn_below_them_and_said(tmp_path, capsys):
    (tmp_path / "pic.png").write_bytes(PNG)
    code, _, deck_path = run(tmp_path, "talk.md", "# A\n\n![a](pic.png)\n\nWords after.\n", "--from", "presenterm")
    err = capsys.readouterr().err
    slide = load_deck(deck_path).slides[-1]
    assert code == 0 and [p.alt for p in slide.images] == ["a"] and slide.body.strip() == "Words after."
    assert "is drawn below them" in err


@pytest.mark.parametrize("dialect", ["presenterm", "marp", "pandoc", "lookatme", "slides"])
def test_from_names_the_tool(tmp_path, capsys, dialect):
    code, _, deck_path = run(tmp_path, "x.md", "# One\n\nwords\n\n---\n\n# Two\n\nmore\n", "--from", dialect)
    assert code == 0, capsys.readouterr().err
    assert load_deck(deck_path).slides


def test_the_event_and_date_are_on_the_title_slide_in_every_view(tmp_path, capsys):
    from deck.export import export_deck

    code, _, deck_path = run(tmp_path, "talk.md", PRESENTERM)
    assert code == 0
    deck = load_deck(deck_path)
    line = "Matias · RustConf · 10 September 2024"
    assert deck.facts() == ("Matias", "RustConf", "10 September 2024")
    for name in ("html", "marp", "pandoc", "reveal"):
        assert line in export_deck(deck, name), name
    assert "By Matias. At RustConf on 10 September 2024." in export_deck(deck, "markdown")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: T\ndate: 2024-13-45\n---\n\n# One\n\nwords\n",  # a date YAML cannot make
        "---\nmarp: true\n---\n\n# One\n\n![x](a%00.png)\n",  # a NUL in a picture's path
        "A\n===\n\n<!-- column_layout: [" + "9" * 5000 + ", 1] -->\n\n<!-- column: 0 -->\n\nx\n\n<!-- end_slide -->\n",
        '# T\n\n:::: columns\n::: {.column width="' + "9" * 400 + '%"}\nx\n:::\n::::\n',
        "",  # nothing at all
        "---\ntitle: only front matter\n---\n",
        "```\nan unclosed fence\n",
    ],
    ids=["bad-date", "nul-path", "huge-layout", "huge-width", "empty", "front-matter-only", "unclosed-fence"],
)
def test_odd_talks_import_or_say_why_never_a_traceback(tmp_path, capsys, text):
    """Found in review: each of these raised a Python traceback."""
    code, _, deck_path = run(tmp_path, "odd.md", text)
    err = capsys.readouterr().err
    assert code in (0, 1, 2) and "Traceback" not in err
    if code == 0:
        assert load_deck(deck_path).slides is not None


def test_emoji_shortcodes_carry_over(tmp_path, capsys):
    code, _, deck_path = run(tmp_path, "e.md", "---\nmarp: true\n---\n\n# Thanks :tada:\n\nQuestions? :raising_hand:\n")
    err = capsys.readouterr().err
    assert code == 0 and "nothing to redo" in err  # shortcodes are not a loss any more
    deck = load_deck(deck_path)
    assert deck.slides[0].title == "Thanks 🎉" and "🙋" in deck.slides[0].body


def test_an_svg_picture_is_kept(tmp_path, capsys):
    shutil.copy(ROOT / "tests" / "decks" / "pictures" / "diagram.svg", tmp_path / "diagram.svg")
    code, _, deck_path = run(tmp_path, "talk.md", "# A\n\n![the pipeline](diagram.svg)\n", "--from", "presenterm")
    err = capsys.readouterr().err
    assert code == 0 and "is not a PNG" not in err
    assert [(p.path, p.alt) for p in load_deck(deck_path).slides[-1].images] == [("diagram.svg", "the pipeline")]


def test_pictures_past_six_on_a_slide_are_said_never_dropped_in_silence(tmp_path, capsys):
    (tmp_path / "pic.png").write_bytes(PNG)
    talk = "# A\n\n" + "".join(f"![p{n}](pic.png)\n\n" for n in range(8))
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    err = capsys.readouterr().err
    slide = load_deck(deck_path).slides[-1]
    assert code == 0 and [p.alt for p in slide.images] == [f"p{n}" for n in range(6)]
    assert "![p6](pic.png)" in slide.body and "![p7](pic.png)" in slide.body  # kept in the words, for the exports
    assert "at most 6 pictures" in err and "among the words" not in err  # picture lines in a row are not words


def test_a_comment_over_several_lines_goes_to_the_notes_never_to_the_audience(tmp_path, capsys):
    talk = "# A\n\nWords.\n\n<!--\nsecret one\nsecret two\n-->\n\nMore.\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "pandoc")
    err = capsys.readouterr().err
    slide = load_deck(deck_path).slides[-1]
    assert code == 0 and "secret" not in slide.body and slide.notes.strip() == "secret one\nsecret two"
    assert "talk.md:5:1: warning: the comment 'secret one secret two' is in the slide's notes" in err
    assert "secret" not in export_deck(load_deck(deck_path), "html", ExportOptions(notes=False))


def test_presenterms_speaker_note_written_as_a_yaml_block_is_read_as_yaml(tmp_path, capsys):
    talk = "# A\n\nWords.\n\n<!--\nspeaker_note: |\n  line one\n  line two\n-->\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    assert code == 0, capsys.readouterr().err
    assert load_deck(deck_path).slides[-1].notes.strip() == "line one\nline two"


def test_a_picture_with_a_space_in_its_name_becomes_a_picture_and_a_missing_sized_one_its_alt_text(tmp_path, capsys):
    (tmp_path / "my pic.png").write_bytes(PNG)
    talk = "# A\n\n![a pic](my%20pic.png)\n\n<!-- end_slide -->\n\n# B\n\nSee ![image:width:50%](gone.png) here.\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    assert code == 0, capsys.readouterr().err
    first, second = load_deck(deck_path).slides
    assert [(p.path, p.alt) for p in first.images] == [("my pic.png", "a pic")]
    assert second.body.strip() == "See (picture) here."  # no {width=50%} left in the words


def test_a_code_attribute_is_said_at_its_own_line(tmp_path, capsys):
    talk = "# A\n\n<!--\nspeaker_note: a note\n-->\n\nWords.\n\n```bash +no_background\necho\n```\n"
    code, _, _ = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    err = capsys.readouterr().err
    assert code == 0
    assert "talk.md:9:1: warning: code attributes +no_background are not carried (deck reads a language, +exec, +exec_replace and line groups)" in err


def test_patats_incremental_lists_are_said_with_what_to_do(tmp_path, capsys):
    code, _, _ = run(tmp_path, "talk.md", "---\ntitle: T\npatat:\n  incrementalLists: true\n---\n\n# A\n\n- one\n- two\n", "--from", "pandoc")
    assert code == 0 and "patat's incrementalLists is not carried: lists show whole" in capsys.readouterr().err


def test_a_speaker_note_block_indented_no_deeper_than_its_key_is_read_as_presenterm_reads_it(tmp_path, capsys):
    talk = "# A\n\nWords.\n\n<!--\n  speaker_note: |\n  First line.\n  \n  Second paragraph.\n -->\n"  # as a real talk writes it
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    assert code == 0, capsys.readouterr().err
    assert load_deck(deck_path).slides[-1].notes.strip() == "First line.\n\nSecond paragraph."


def test_a_pause_before_presenterms_next_column_keeps_that_column_back(tmp_path, capsys):
    talk = "# Q\n\n<!-- column_layout: [1, 1] -->\n<!-- column: 0 -->\nThe question.\n\n<!-- pause -->\n<!-- column: 1 -->\nThe answer.\n<!-- reset_layout -->\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "presenterm")
    assert code == 0, capsys.readouterr().err
    from deck.core.view import view_slide

    deck = load_deck(deck_path)
    first, complete = view_slide(deck, 0, step=0), view_slide(deck, 0)
    assert complete.last_step == 1 and [c.body for c in first.columns] == ["The question.", None]  # the answer waits
    assert [c.body for c in complete.columns] == ["The question.", "The answer."]


def test_pandocs_heading_attributes_and_divs_never_reach_the_audience(tmp_path, capsys):
    talk = '# Building a<br/>Bullshit Language { data-state="page-title" }\n\n::: big\nAnnotationScript\n:::\n'
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "pandoc")
    err = capsys.readouterr().err
    slide = load_deck(deck_path).slides[-1]
    assert code == 0 and slide.title == "Building a Bullshit Language" and slide.body.strip() == "AnnotationScript"
    assert "talk.md:3:1: warning: pandoc's fenced divs (::: big) are not carried: their words are kept" in err


def test_pandocs_slide_level_is_said_and_can_be_given(tmp_path, capsys):
    talk = "# Part\n\n## One\n\nwords\n\n## Two\n\nmore\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk, "--from", "pandoc")
    err = capsys.readouterr().err
    assert code == 0 and len(load_deck(deck_path).slides) == 3 and "slides at level-2 headings (--slide-level N to change)" in err
    code, _, _ = run(tmp_path, "again.md", talk, "--from", "pandoc", "--slide-level", "1")
    assert code == 0 and len(load_deck(tmp_path / "again.yaml").slides) == 1


def test_marps_class_directive_over_several_lines_centres_a_lead_slide(tmp_path, capsys):
    talk = "---\nmarp: true\n---\n\n<!--\nclass:\n  - lead\n  - invert\n-->\n\n# Title\n\nWords.\n"
    code, _, deck_path = run(tmp_path, "talk.md", talk)
    slide = load_deck(deck_path).slides[-1]
    assert code == 0 and slide.align == "center" and not slide.notes
