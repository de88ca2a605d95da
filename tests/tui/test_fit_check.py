"""`deck check` says where a slide will not fit: drawn at 120x40 as the presenter draws it, and estimated
on a 1280x720 page at the smallest type. An appendix slide may scroll."""

from __future__ import annotations

from deck.cli import main
from deck.core.paths import bundled_deck

LONG = "\n".join(f"      line {n} of a long listing" for n in range(90))
DECK = f"""\
title: T
slides:
  - title: Short
    body: fits
  - title: A long listing
    body: |
      ```text
{LONG}
      ```
  - title: The same in the appendix
    appendix: true
    body: |
      ```text
{LONG}
      ```
"""


def test_a_slide_too_long_for_the_terminal_and_the_page_is_a_warning_at_its_line(tmp_path, capsys):
    path = tmp_path / "long.yaml"
    path.write_text(DECK)
    assert main(["check", str(path)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    terminal = [line for line in out.splitlines() if "120x40" in line]
    page = [line for line in out.splitlines() if "1280x720" in line]
    assert terminal == [f"{path}:5:5: warning: slide 2 ('A long listing') needs about 96 rows; a 120x40 terminal shows 36: it scrolls there"]
    assert len(page) == 1 and page[0].startswith(f"{path}:5:5: warning: slide 2 ('A long listing') is too tall for a 1280x720 page")
    assert main(["check", "--strict", str(path)]) == 1
    assert main(["check", "--strict", "--no-fit", str(path)]) == 0


def test_the_bundled_briefing_fits(capsys):
    assert main(["check", "--strict", str(bundled_deck())]) == 0, capsys.readouterr().out
