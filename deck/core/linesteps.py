"""Code whose lines are highlighted, a group at a time: a fence's info string ends in presenterm's
`{1,3-4|5|all}` (groups split by `|`, `all` the whole block). The block shows with its first group
highlighted (and the words around it, as presenterm shows them); each "next" highlights the following group.

The steps are the reveal's own (`reveal.body_parts`): each further group is a part of one marker line
(`step_marker`), after the part that shows its block. `show_lines` turns a text as far as revealed into what
the renderers draw: each block's info names the one group that shows (`{3-4}`, or `{all}`), the markers gone.
"""

from __future__ import annotations

import re

from .fences import Fences

# an opening fence whose info string ends in {...} groups: its fence, the info before them, the groups
GROUPED = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`{\n]*?)\s*\{(?P<groups>[0-9,\s|a-z-]*)\}[ \t]*$")
_MARKER = "\ue000deck-lines "  # a private-use character leads it: no deck text is taken for one
MARKER = re.compile("^" + _MARKER + r"(\d+) (\d+)$")  # the block (its number among the text's grouped blocks), the group
MAX_LINE = 10_000


def groups(spec: str) -> list[frozenset[int] | None] | None:
    """`1,3-4|5|all` -> [{1, 3, 4}, {5}, None] (None: every line); None where it is not such a spec."""
    found: list[frozenset[int] | None] = []
    for group in spec.split("|"):
        group = group.strip()
        if group == "all":
            found.append(None)
            continue
        lines: set[int] = set()
        for item in filter(None, (x.strip() for x in group.split(","))):
            match = re.fullmatch(r"(\d{1,5})(?:\s*-\s*(\d{1,5}))?", item)
            if match is None:
                return None
            first, last = int(match[1]), int(match[2] or match[1])
            if not 1 <= first <= last <= MAX_LINE:
                return None
            lines.update(range(first, last + 1))
        if not lines:
            return None
        found.append(frozenset(lines))
    return found or None


def opening(line: str) -> list[frozenset[int] | None] | None:
    """The groups of a fence opening with `{...}` groups, else None."""
    match = GROUPED.match(line)
    return groups(match["groups"]) if match else None


def step_marker(block: int, n: int) -> str:
    """The line that stands for group `n` (from 1) of the text's grouped block number `block` (from 0)."""
    return f"{_MARKER}{block} {n}"


def is_marker(part: str) -> tuple[int, int] | None:
    """(block, group) of a part of one marker line, else None."""
    match = MARKER.match(part.strip())
    return (int(match[1]), int(match[2])) if match else None


def spec(group: frozenset[int] | None) -> str:
    """{1, 3, 4} -> '1,3-4'; None -> 'all'."""
    if group is None:
        return "all"
    ordered, runs = sorted(group), []
    start = previous = ordered[0]
    for n in ordered[1:] + [-1]:
        if n != previous + 1:
            runs.append(f"{start}-{previous}" if previous > start else str(start))
            start = n
        previous = n
    return ",".join(runs)


def show_lines(text: str | None) -> str | None:
    """`text` as far as revealed, as drawn: each grouped block's info names only the group reached (the
    last marker after it), and the markers are gone."""
    if not text or _MARKER not in text and "{" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    blocks: list[tuple[int, list[frozenset[int] | None]]] = []  # each grouped block: its opening line in `out`, its groups
    reader = Fences()
    for line in lines:
        kind = reader.step(line)
        marker = MARKER.match(line.strip()) if kind == "outside" else None
        if marker is not None:
            block, group = int(marker[1]), int(marker[2])
            if block < len(blocks) and group < len(blocks[block][1]):
                out[blocks[block][0]] = _with_group(out[blocks[block][0]], blocks[block][1][group])
            continue
        parsed = opening(line) if kind == "opens" else None
        if parsed is not None:
            if len(parsed) > 1:
                blocks.append((len(out), parsed))
            out.append(_with_group(line, parsed[0]))
            continue
        out.append(line)
    return "\n".join(out).strip("\n") if _MARKER in text else "\n".join(out)


def _with_group(line: str, group: frozenset[int] | None) -> str:
    match = GROUPED.match(line)
    assert match is not None
    return f"{match['indent']}{match['fence']}{match['info']} {{{spec(group)}}}"


def shown_group(info: str) -> frozenset[int] | None | bool:
    """The lines a drawn block highlights, from its info string (after `show_lines`): a set, None for
    every line, or False where the block highlights nothing."""
    match = re.search(r"\{([0-9,\s|a-z-]*)\}\s*$", info)
    found = groups(match[1]) if match else None
    return found[0] if found else False
