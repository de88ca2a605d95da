"""Code highlighted a group of lines at a time (`{1,3-4|5|all}`, presenterm's syntax): the groups read,
one step per group after the first, what follows the block waiting for the last; the terminal dims the
other lines, the HTML page does too (measured in Chromium), and every Markdown format shows the code whole."""

from __future__ import annotations

import re

import pytest

from deck.core.linesteps import groups, show_lines, spec
from deck.core.loader import load_deck
from deck.core.model import Confidence
from deck.core.view import view_slide
from deck.export import export_deck

from ..conftest import ROOT

DECK = ROOT / "tests" / "decks" / "line-steps.yaml"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("1,3-4|5|all", [frozenset({1, 3, 4}), frozenset({5}), None]),
        ("2", [frozenset({2})]),
        (" 1 - 2 , 7 | all ", [frozenset({1, 2, 7}), None]),
        ("a-b", None),
        ("3-1", None),  # backwards
        ("1||2", None),  # an empty group
        ("0", None),  # lines count from 1
    ],
)
def test_groups_are_read_as_presenterm_writes_them(written, read):
    assert groups(written) == read


def test_a_group_is_written_back_as_runs():
    assert [spec(g) for g in groups("1,3-4,5,9|all")] == ["1,3-5,9", "all"]


def test_each_group_is_a_step_after_the_part_that_shows_the_block():
    deck = load_deck(DECK)
    complete = view_slide(deck, 0)
    assert complete.last_step == 3  # the pause, then two more groups
    shown = [view_slide(deck, 0, step=step).body or "" for step in range(4)]
    assert "```python" not in shown[0]  # step 0: the words before the pause
    assert [re.search(r"```python (\{[^}]*\})", body)[1] for body in shown[1:]] == ["{1}", "{2-3}", "{all}"]
    assert ["What the loop adds up to." in body for body in shown] == [False, True, True, True]  # with its block, as presenterm shows it
    assert "\ue000" not in "".join(shown)  # the step markers never reach a renderer


def test_the_terminal_dims_the_lines_not_highlighted():
    from rich.console import Console

    from deck.tui.render import render_slide
    from deck.tui.themes import Palette

    deck = load_deck(DECK)
    console = Console(width=80, force_terminal=True, color_system="truecolor")
    palette = Palette(levels={level: "bold" for level in Confidence})
    seen = []
    for step in (1, 2, 3):
        with console.capture() as captured:
            console.print(render_slide(view_slide(deck, 0, step=step), palette))
        code = [line for line in captured.get().splitlines() if re.search(r"total|range|print", re.sub(r"\x1b\[[0-9;]*m", "", line))]
        seen.append("".join("-" if dimmed(line) else "#" for line in code))
    assert seen == ["#---", "-##-", "####"]


def dimmed(line: str) -> bool:
    """Whether a line's text is drawn dim (SGR 2), read from its escape sequences (a colour's own numbers,
    `38;2;R;G;B`, are not a dim)."""
    for sequence in re.findall(r"\x1b\[([0-9;]*)m", line):
        params = sequence.split(";")
        i = 0
        while i < len(params):
            if params[i] in ("38", "48"):
                i += 5 if params[i + 1 : i + 2] == ["2"] else 3
                continue
            if params[i] == "2":
                return True
            i += 1
    return False


def test_markdown_formats_show_the_code_whole_with_its_language():
    deck = load_deck(DECK)
    for name in ("markdown", "marp", "pandoc", "reveal"):
        out = export_deck(deck, name)
        assert "```python\ntotal = 0\n" in out and "{1|2-3|all}" not in out and "\ue000" not in out, name
    pandoc = export_deck(deck, "pandoc")
    assert pandoc.count(". . .") == 1  # the one pause; the groups are no pauses there


def test_the_html_page_dims_the_lines_a_group_at_a_time_in_chromium(tmp_path):
    from ..export.test_html import in_chromium

    page = tmp_path / "deck.html"
    page.write_text(export_deck(load_deck(DECK), "html"), encoding="utf-8")
    report = in_chromium(page)
    assert report["lineSteps"] == [[0, "#---"], [1, "#---"], [2, "-##-"], [3, "####"]]  # hidden at 0, then one group per step
    assert report["singleGroup"] == "-#"  # one group ({2}): highlighted with no step
    assert report["overflow"] == {"1280x720": [], "1024x768": []} and report["requests"] == []


def test_show_lines_leaves_code_without_groups_alone():
    text = "```python\nx = {1}\n```\n"
    assert show_lines(text) == text


def test_groups_that_cannot_be_read_are_a_warning_where_they_are_written():
    from deck.core.loader import parse_deck

    text = "title: T\nslides:\n  - title: S\n    body: |\n      Words.\n\n      ```python {a-b|2}\n      x = 1\n      ```\n"
    found = [f"{d.line}:{d.col}: {d.severity}: {d.message}" for d in parse_deck(text, "talk.yaml").diagnostics]
    assert found == [
        "7:7: warning: the code's line groups {a-b|2} cannot be read: write lines from 1 like {1,3-4|5|all} (each group is highlighted in turn)"
    ]


def steps_of(body: str) -> list[str]:
    from deck.core.loader import parse_deck

    text = "title: T\nslides:\n  - title: S\n    body: |\n" + "".join(f"      {line}\n" if line else "\n" for line in body.split("\n"))
    deck = parse_deck(text, "talk.yaml").deck
    return [view_slide(deck, 0, step=step).body or "" for step in range(view_slide(deck, 0).last_step + 1)]


def test_a_runnable_block_keeps_its_groups():
    shown = steps_of("```python +exec {1|2}\na = 1\nb = 2\n```")
    assert [re.search(r"```python (\{\d\})", body)[1] for body in shown] == ["{1}", "{2}"]


def test_a_block_never_closed_takes_no_steps_and_shows_no_marker():
    shown = steps_of("Intro\n\n```python {1|2}\na = 1\nb = 2")
    assert len(shown) == 1 and "deck-lines" not in shown[0] and "\ue000" not in shown[0]


def test_in_the_html_page_a_grouped_block_without_a_language_keeps_the_numbering():
    from deck.core.loader import parse_deck

    body = "```\n{1|2} plain\nx\n```\n".replace("```\n{1|2} plain", "``` {1|2}\nplain")
    text = "title: T\nslides:\n  - title: S\n    body: |\n" + "".join(
        f"      {line}\n" for line in (body + "\n```python {1|2}\na = 1\nb = 2\n```").split("\n")
    )
    page = export_deck(parse_deck(text, "talk.yaml").deck, "html")
    assert '<pre class="code" data-lines="1|2" data-block="2">' in page  # the second grouped block of the slide, as its steps count it
