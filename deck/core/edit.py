"""Edits to a deck file as exact splices: what is not the edited slide stays byte for byte.

Every function takes the file's text and a slide's Span (from the loader) and returns new text.
Nothing here checks the result: callers load it again and refuse a save that has errors.
"""

from __future__ import annotations

from .model import Slide, Span

NEW_SLIDE = """\
title: New slide
confidence: speculative
subtitle: A subtitle
body: |
  Optional Markdown: lists, tables, code.
points:
  - A point that takes the slide's label
  - text: A point with its own label and sources
    confidence: reported
    sources: []
columns: []
notes: |
  What to say, what to caution, the likely question and its answer.
sources: []
"""


class EditError(ValueError):
    """An edit that cannot be made as a splice (e.g. a structural edit on a flow-style list)."""


def newline_of(text: str, at: int = 0) -> str:
    """The line ending used from `at` on (files that mix them are edited in the local style)."""
    found = text.find("\n", at)
    if found == -1:
        found = text.rfind("\n")
    return "\r\n" if found > 0 and text[found - 1] == "\r" else "\n"


def slide_source(text: str, span: Span) -> str:
    """The slide's own YAML, as a standalone mapping: '\\n' line ends, its indentation removed."""
    lines = text[span.start : span.end].replace("\r\n", "\n").split("\n")
    return "\n".join([lines[0]] + [_dedent(line, span.indent) for line in lines[1:]])


def _dedent(line: str, indent: int) -> str:
    spaces = len(line) - len(line.lstrip(" "))
    return line[min(spaces, indent) :]


def _indented(source: str, indent: int, newline: str, first_line_too: bool = False) -> str:
    lines = source.rstrip("\n").replace("\r\n", "\n").split("\n")
    pad = " " * indent
    out = [(pad if first_line_too and lines[0] else "") + lines[0]]
    out += [pad + line if line else "" for line in lines[1:]]  # whitespace-only lines keep their spaces
    return newline.join(out)


def replace_slide(text: str, span: Span, source: str) -> str:
    """Put `source` (as from slide_source, edited) in place of the slide's own text."""
    if source == slide_source(text, span):
        return text  # unchanged: not even whitespace-only lines are rewritten
    return text[: span.start] + _indented(source, span.indent, newline_of(text, span.start)) + text[span.end :]


def _item(text: str, span: Span) -> tuple[int, int]:
    """The slide's list item: from the start of its '- ' line to the end of its last line, newline included."""
    if span.item_start is None:
        raise EditError("this needs slides written as a block list (a '- ' line per slide), not a flow list '[...]'")
    end = span.end
    newline = newline_of(text, span.end)
    if text.startswith(newline, end):
        end += len(newline)
    elif text.startswith("\n", end):
        end += 1
    return span.item_start, end


def _item_text(source: str, span: Span, text: str) -> str:
    """A new list item holding `source`, laid out like the slide at `span`."""
    newline = newline_of(text, span.start)
    dash = text[span.item_start : span.start]  # e.g. '  - '
    return dash + _indented(source, span.indent, newline) + newline


def insert_after(text: str, span: Span, source: str) -> str:
    """A new slide right after the one at `span`, set apart by a blank line where the file does that."""
    start, end = _item(text, span)
    newline = newline_of(text, span.start)
    if end == len(text) and not text.endswith(("\n", "\r\n")):
        text, end = text + newline, end + len(newline)
    separated = text.startswith(newline, end) or _blank_line_before(text, start)
    return text[:end] + (newline if separated else "") + _item_text(source, span, text) + text[end:]


def _blank_line_before(text: str, line_start: int) -> bool:
    """True when the line before the one starting at `line_start` is blank (slides set apart)."""
    lines = text[:line_start].splitlines()
    return bool(lines) and lines[-1].strip() == ""


def duplicate(text: str, span: Span) -> str:
    return insert_after(text, span, slide_source(text, span))


def delete(text: str, slides: tuple[Slide, ...], index: int) -> str:
    if len(slides) == 1:
        raise EditError("a deck needs at least one slide; this is the last one")
    start, end = _item(text, slides[index].span)  # type: ignore[arg-type]
    # slides set apart by blank lines stay so: the deleted slide takes one blank line with it
    newline = newline_of(text, start)
    blank_after = text.startswith(newline, end)
    if _blank_line_before(text, start) and (blank_after or end >= len(text)):
        start -= len(text[:start].splitlines(keepends=True)[-1])  # the blank line before it
    elif blank_after and not _blank_line_before(text, start):
        end += len(newline)
    return text[:start] + text[end:]


def move(text: str, slides: tuple[Slide, ...], index: int, offset: int) -> str:
    """Swap slide `index` with its neighbour `index + offset` (offset -1 or 1); what lies between stays."""
    other = index + offset
    if not 0 <= other < len(slides):
        raise EditError("there is no slide to swap with in that direction")
    first, second = sorted((index, other))
    a_span, b_span = slides[first].span, slides[second].span
    assert a_span is not None and b_span is not None
    a_start, a_end = _item(text, a_span)
    b_start, b_end = _item(text, b_span)
    a_source, b_source = slide_source(text, a_span), slide_source(text, b_span)
    # each slide takes the layout (dash and indent) of the place it moves to
    new_a = _item_text(b_source, a_span, text)
    new_b = _item_text(a_source, b_span, text)
    if not text[a_start:a_end].endswith(("\n", "\r\n")):
        new_a = new_a.rstrip("\r\n")
    if not text[b_start:b_end].endswith(("\n", "\r\n")):
        new_b = new_b.rstrip("\r\n")
    return text[:a_start] + new_a + text[a_end:b_start] + new_b + text[b_end:]


def only_slide_changed(old_text: str, old: tuple[Slide, ...], new_text: str, new: tuple[Slide, ...], index: int) -> bool:
    """True when every slide but `index` has exactly the text it had: the check a save makes before
    it writes, so that no splice mistake can ever reach the file."""
    if len(old) != len(new):
        return False
    for i, (a, b) in enumerate(zip(old, new)):
        if i != index and a.span and b.span and old_text[a.span.start : a.span.end] != new_text[b.span.start : b.span.end]:
            return False
    return True
