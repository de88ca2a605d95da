"""A slide's pandoc Markdown shaped for pandoc's PowerPoint writer, which starts a new PowerPoint slide
after a table or a picture and around columns: its words first, then at most one table or picture; on a
slide with columns, its other words inside them. Read back from the PowerPoint file by the tests."""

from __future__ import annotations

import re

from ..core.fences import Fences
from .common import code_spans

COLUMNS = ":::: {.columns}"


def shaped(lines: list[str]) -> list[str]:
    """The slide's lines (after its heading), its blocks reordered so that PowerPoint keeps them on one
    slide where its layouts allow: words, then the one table or picture; with columns, the words before
    them at the top of the first column and those after at the foot of the last."""
    blocks = [piece for block in _blocks("\n".join(lines).split("\n")) for piece in _one_picture_each(block)]
    columns = [b for b in blocks if b[0].strip() == COLUMNS]
    pictures = [b for b in blocks if _kind(b) == "picture"]
    tables = [b for b in blocks if _kind(b) == "table"]
    words = [b for b in blocks if _kind(b) == "words"]
    if len(columns) == 1:
        before = [b for b in blocks[: blocks.index(columns[0])] if _kind(b) == "words"]
        after = [b for b in blocks[blocks.index(columns[0]) + 1 :] if _kind(b) != "table"]
        return _join([_into_columns(columns[0], before, after), *tables])
    if len(pictures) >= 2 and not tables and not columns:
        # two pictures: PowerPoint's two-column layout, the words and the first picture on the left; it takes
        # one picture a column, so a third and more go on after (a slide of their own, nothing lost)
        left = [*words, pictures[0]]
        two = [
            COLUMNS,
            "",
            '::: {.column width="50%"}',
            "",
            *_join(left),
            ":::",
            "",
            '::: {.column width="50%"}',
            "",
            *pictures[1],
            "",
            ":::",
            "",
            "::::",
        ]
        return _join([two, *pictures[2:]])
    return _join([*words, *columns, *pictures, *tables])


def _blocks(lines: list[str]) -> list[list[str]]:
    """The slide's blocks: paragraphs, lists, code (a fence whole, blank lines and all), tables, a div."""
    blocks: list[list[str]] = []
    current: list[str] = []
    reader = Fences()
    div = 0  # how deep inside pandoc's ::: divs
    for line in lines:
        state = reader.step(line)
        stripped = line.strip()
        if state == "outside" and stripped.startswith(":::"):
            opening = stripped.rstrip(":").strip() != ""
            div += 1 if opening else -1
        if not stripped and state == "outside" and div == 0:
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _one_picture_each(block: list[str]) -> list[list[str]]:
    """A paragraph's pictures as one block each, after its words: PowerPoint draws a picture only as a
    paragraph of its own (one inside words is dropped)."""
    if _kind(block) in ("table", "columns") or not any("![" in line for line in block) or block[0].lstrip().startswith(("```", "~~~", ":::")):
        return [block]
    pictures: list[list[str]] = []
    words: list[str] = []
    for line in block:
        code = code_spans(line)
        found = [m for m in _PICTURE.finditer(line) if code is not None and not any(a <= m.start() < b for a, b in code)]
        pictures += [[m.group(0)] for m in found]
        for m in reversed(found):  # a picture shown as code (`![alt](x.png)`) is words, left as written
            line = line[: m.start()] + line[m.end() :]
        if line.strip():
            words.append(line.rstrip())
    return ([words] if words else []) + pictures


_PICTURE = re.compile(r"!\[[^\]]*\]\([^)\s]*\)(?:\{[^}]*\})?")


def _kind(block: list[str]) -> str:
    first = block[0].strip()
    if first.startswith("|") and all(line.strip().startswith("|") for line in block):
        return "table"
    if all(line.strip().startswith("![") for line in block):
        return "picture"
    if first == COLUMNS:
        return "columns"
    return "words"


def _into_columns(columns: list[str], before: list[list[str]], after: list[list[str]]) -> list[str]:
    """The columns as PowerPoint's two (it drops a third): the first half on the left under `before`, the
    rest on the right over `after`; their widths kept where there are two."""
    opened = [n for n, line in enumerate(columns) if line.startswith("::: {.column")]
    inner = [columns[start + 1 : end] for start, end in zip(opened, [*opened[1:], len(columns) - 1], strict=True)]
    inner = [_column_words(words) for words in inner]
    if not inner:
        return [*_join(before), *columns, "", *_join(after)]
    half = (len(inner) + 1) // 2
    widths = [columns[n] for n in opened] if len(inner) == 2 else ['::: {.column width="50%"}'] * 2
    left = [*_join(before), *(line for words in inner[:half] for line in (*words, ""))]
    right = [*(line for words in inner[half:] for line in (*words, "")), *_join(after)]
    return [COLUMNS, "", widths[0], "", *left, ":::", "", widths[-1] if len(inner) > 1 else widths[0], "", *right, ":::", "", "::::"]


def _column_words(lines: list[str]) -> list[str]:
    """A column's words without the fence that closes it (its last), each picture a paragraph of its own."""
    closing = max((n for n, line in enumerate(lines) if line.strip() == ":::"), default=None)
    kept = [line for n, line in enumerate(lines) if n != closing]
    return _join([piece for block in _blocks(kept) for piece in _one_picture_each(block)])


def _join(blocks: list[list[str]]) -> list[str]:
    return [line for block in blocks for line in (*block, "")]
