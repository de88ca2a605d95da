"""Reading a deck again after an edit inside one slide: that slide is parsed, the rest is kept.

A save in the editor, or in the slide editor, usually changes one slide. Parsing the whole file again
took 72 ms at 1,000 slides; parsing the slide takes well under one. `reparse` does it when it can be
sure the result is the one a whole parse gives (a property test compares the two on random edits),
and answers None otherwise, for the caller to parse the whole file:

- the edit lies inside one slide of a block list, from its first key to the line before the next
  slide's '- ' line (or, for the last slide, before the next line of anything but blanks and comments);
- the slide, read alone, is one clean list item: no error, no warning, every source it cites defined,
  appendix slides still last.

The slide is read in place: its '- ' line is kept and the lines before it become empty lines, so the
parser gives every position in the file's own lines and columns; offsets are moved by one number.
Everything after the edit then moves by the lines and characters the edit added.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from typing import Any

from .debug import note
from .loader import MAX_BYTES, Loaded, _Reader
from .model import Deck, Pos, Slide, Span
from .yamlnodes import ComposeError, compose

_DOCUMENT_MARK = re.compile(r"^(?:---|\.\.\.)(?:[ \t\r\n]|$)", re.MULTILINE)  # a text with other line breaks is read whole
CHUNK = 4096  # characters compared at a time when looking for where two texts differ


def reparse(old_text: str, old: Deck, new_text: str, path: str = "<deck>") -> Loaded | None:
    """The deck `new_text` holds, from `old` (read from `old_text`) and the one slide the edit lies in;
    None when that cannot be done exactly (the caller then parses the whole file). The Loaded it returns
    has no diagnostics: it is made only when the edited slide has none."""
    if old_text.startswith("\ufeff") or new_text.startswith("\ufeff") or len(new_text) * 4 > MAX_BYTES:
        note("incremental reread: a whole parse (a byte-order mark, or a text near the size limit)")
        return None  # a byte-order mark shifts the parser's offsets; a text that may be near the size limit is measured in full
    if _odd(old_text) or _odd(new_text):
        note("incremental reread: a whole parse (unusual line breaks or a YAML directive)")
        return None  # line breaks other than '\n' and '\r\n' (a slide's lines are found by '\n'), or a YAML directive
    try:
        loaded = _reparse(old_text, old, new_text, path)
    except Exception as exc:  # e.g. a lone surrogate the parser cannot encode: the whole parse reports it
        note(f"incremental reread: a whole parse ({type(exc).__name__}: {exc})")
        return None
    if loaded is None:
        note("incremental reread: a whole parse (the edit is not inside one slide, or the slide has a problem)")
    return loaded


def _reparse(old_text: str, old: Deck, new_text: str, path: str) -> Loaded | None:
    start = common_prefix(old_text, new_text)
    if start == len(old_text) == len(new_text):
        return Loaded(old)
    end = len(old_text) - common_suffix(old_text, new_text, len(old_text) - start)
    index = _slide_around(old, old_text, start, end)
    if index is None:
        return None
    span = old.slides[index].span
    assert span is not None and span.item_start is not None
    boundary = _region_end(old_text, span)
    grown = len(new_text) - len(old_text)
    slide = _read_slide(new_text, span, boundary + grown, index, old, path)
    if slide is None:
        return None
    # lines the edit added ('\n' ends every line: other line breaks are read whole, above)
    lines = new_text.count("\n", span.start, boundary + grown) - old_text.count("\n", span.start, boundary)
    slides = list(old.slides)
    slides[index] = slide
    for i in range(index + 1, len(slides)):
        slides[i] = shifted(slides[i], lines, grown)
    if _appendix_out_of_place(slides):
        return None
    sources = {sid: shifted(source, lines, grown, boundary) for sid, source in old.sources.items()}
    deck = dataclasses.replace(
        old,
        slides=tuple(slides),
        sources=sources,
        as_of_pos=shifted(old.as_of_pos, lines, grown, boundary),
        theme_pos=shifted(old.theme_pos, lines, grown, boundary),
    )
    return Loaded(deck)


def _odd(text: str) -> bool:
    """A line break other than '\n' and '\r\n' (a slide's lines are found by '\n'), or a YAML directive
    (it changes what tags mean). Substring searches: a regex over the whole text took 5 ms at 1,000 slides."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text or text.startswith("%") or "\n%" in text:
        return True
    return "\r" in text and _LONE_CR.search(text) is not None


_LONE_CR = re.compile("\r(?!\n)")


def common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share from their start."""
    return _run(min(len(a), len(b)), lambda i, j: a[i:j] == b[i:j])


def common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters `a` and `b` share at their end, at most `limit` (and never more than the
    shorter text's length minus `len(a) - limit`, so that the prefix and the suffix never overlap)."""
    end_a, end_b = len(a), len(b)
    return _run(min(limit, end_b - (end_a - limit)), lambda i, j: a[end_a - j : end_a - i] == b[end_b - j : end_b - i])


def _run(most: int, same: Callable[[int, int], bool]) -> int:
    """The longest run, up to `most` characters, for which `same(i, j)` holds of its part [i, j): compared
    a chunk at a time (string slices compare at C speed), then halving within the chunk that differs."""
    length = 0
    while length + CHUNK <= most and same(length, length + CHUNK):
        length += CHUNK
    high = min(length + CHUNK, most)
    while length < high:  # the run is at least `length` long; does it reach `mid`?
        mid = (length + high + 1) // 2
        if same(length, mid):
            length = mid
        else:
            high = mid - 1
    return length


def _slide_around(deck: Deck, text: str, start: int, end: int) -> int | None:
    """The slide whose own lines hold the changed characters [start, end) of the old text."""
    starts = [slide.span.start if slide.span is not None else -1 for slide in deck.slides]
    index = bisect.bisect_right(starts, start) - 1  # the last slide that starts at or before the edit
    if index < 0:
        return None
    span = deck.slides[index].span
    if span is None or span.item_start is None:
        return None  # a flow list ('[...]'): no lines of its own to read a slide from
    return index if end <= _region_end(text, span) else None


def _region_end(text: str, span: Span) -> int:
    """Where the lines that belong to the slide end: at the next line that holds anything but blanks
    and comments (the next slide's '- ' line, or what follows the list), or at the end of the text."""
    at = text.find("\n", span.end)
    while at != -1:
        line_start = at + 1
        at = text.find("\n", line_start)
        line = text[line_start : len(text) if at == -1 else at].strip()
        if line and not line.startswith("#"):
            return line_start
    return len(text)


def _read_slide(text: str, span: Span, region_end: int, index: int, old: Deck, path: str) -> Slide | None:
    """The slide at `span` (its start unchanged by the edit) read alone, with the file's positions."""
    assert span.item_start is not None
    dash = text[span.item_start : span.start]  # the indent and '- ' before its first key
    if "\n" in dash or "\r" in dash:
        return None
    own = text[span.start : region_end]
    if region_end < len(text) and not own.endswith("\n"):
        return None  # the edit joined the slide's last line with the line after it
    if _DOCUMENT_MARK.search(own):
        return None  # '---' or '...' would end the YAML document here, and the file does not end here
    head = "\n" * (span.start_line - 1) + dash  # the lines before it empty, its '- ' line kept
    alone = head + own
    try:
        root, problems = compose(alone)
    except ComposeError:
        return None
    if problems or root is None or root.kind != "seq" or len(root.value) != 1:
        return None  # an error, or the edit made more (or other) than one slide
    reader = _Reader(path, alone, [])
    slide = reader.slide(root.value[0], index)
    reader.check_source_uses(old.sources)
    if slide is None or reader.problems:
        return None
    moved: Slide = shifted(slide, 0, span.start - len(head))
    return moved


def _appendix_out_of_place(slides: list[Slide]) -> bool:
    seen = False
    for slide in slides:
        if slide.appendix:
            seen = True
        elif seen:
            return True
    return False


def shifted(value: Any, lines: int, chars: int, after: int = 0) -> Any:
    """`value` with every position at or after offset `after` moved by `lines` and `chars`."""
    cls = type(value)
    if cls is Pos:
        return Pos(value.line + lines, value.col, value.offset + chars) if value.offset >= after and (lines or chars) else value
    if cls is Span:
        if value.start < after or not (lines or chars):
            return value
        item = None if value.item_start is None else value.item_start + chars
        return Span(value.start + chars, value.end + chars, value.start_line + lines, value.end_line + lines, value.indent, item)
    if cls is tuple:
        moved = tuple([shifted(item, lines, chars, after) for item in value])
        return value if all(a is b for a, b in zip(moved, value)) else moved
    names = _fields(cls)
    if not names:
        return value
    state = value.__dict__
    changes = {}
    for name in names:
        old = state[name]
        new = shifted(old, lines, chars, after)
        if new is not old:
            changes[name] = new
    if not changes:
        return value
    moved = object.__new__(cls)  # a frozen dataclass, copied with its new positions; what it caches depends on no position
    moved.__dict__.update(state)
    moved.__dict__.update(changes)
    return moved


_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN = {
    "str",
    "str | None",
    "int",
    "int | None",
    "bool",
    "float",
    "float | None",
    "Confidence",
    "Confidence | None",
    "dt.date | None",
    "tuple[str, ...]",
    "dict[str, str]",  # the deck's own legend: words, no positions
}


def _fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that can hold a position (a Pos, a Span, a tuple of model objects, or
    a model object); none for anything else."""
    if cls not in _FIELDS:
        model = dataclasses.is_dataclass(cls) and cls.__module__ == Slide.__module__
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if str(f.type) not in _PLAIN) if model else ()
    return _FIELDS[cls]
