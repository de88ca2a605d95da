"""One rule for code fences, read alike by every reader of a body: a longer fence holds a shorter one, a
fence with text after it does not close one, and what is inside is never a pause, a step or prose."""

from __future__ import annotations

from deck.core.fences import Fences, outside
from deck.core.reveal import body_parts
from deck.core.runcode import blocks
from deck.core.text import without_html

EXAMPLE = "Before\n\n````markdown\n```bash +exec\necho hi\n```\n<!-- pause -->\n<b>shown as code</b>\n````\n\nAfter"


def test_a_longer_fence_holds_a_shorter_one():
    reader = Fences()
    assert [reader.step(line) for line in EXAMPLE.split("\n")] == [
        "outside", "outside", "opens", "inside", "inside", "inside", "inside", "inside", "closes", "outside", "outside",
    ]  # fmt: skip
    assert outside(EXAMPLE.split("\n")) == [True, True, False, False, False, False, False, False, False, True, True]


def test_every_reader_of_a_body_leaves_what_a_longer_fence_holds_alone():
    assert body_parts(EXAMPLE) == [EXAMPLE]  # the pause inside is code: no step
    odd = "A\n\n````\n```\n<!-- pause -->\n````\n\nB"  # a lone shorter fence inside: still code
    assert body_parts(odd) == [odd] and without_html(odd) == odd
    assert without_html(EXAMPLE) == EXAMPLE  # the tag and the comment inside are code
    assert blocks(EXAMPLE) == []  # the +exec block inside is an example: nothing to run
