"""Code fences in deck Markdown, by one rule for every reader of a text: the reveal's pauses, line steps,
runnable blocks, the HTML page's numbering of code, what is code and what is prose, the importer.

A fence opens with three or more backticks or tildes (a backtick fence's info string holds no backtick),
at any indent (a fence inside a list item is one); it closes at a line of only its character, at least as
long. A fence never closed runs to the end of the text."""

from __future__ import annotations

import re

_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def fence_of(line: str) -> str | None:
    """The marker of a fence `line` opens (``` ```` ```` or `~~~`), else None."""
    match = _OPEN.match(line)
    if match is None or (match[1][0] == "`" and "`" in line[match.end() :]):
        return None
    return match[1]


def closes(line: str, fence: str) -> bool:
    """Whether `line` closes the fence opened by `fence`."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


class Fences:
    """Reads a text line by line: `step(line)` says what each line is, 'opens' or 'closes' a fence, is
    'inside' one, or 'outside' (prose)."""

    def __init__(self) -> None:
        self.fence: str | None = None  # the open fence's marker

    def step(self, line: str) -> str:
        if self.fence is not None:
            if closes(line, self.fence):
                self.fence = None
                return "closes"
            return "inside"
        self.fence = fence_of(line)
        return "opens" if self.fence is not None else "outside"


def outside(lines: list[str]) -> list[bool]:
    """For each line, whether it is prose: outside a fence, and not one of its fence lines."""
    reader = Fences()
    return [reader.step(line) == "outside" for line in lines]
