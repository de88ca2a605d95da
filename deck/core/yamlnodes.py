"""YAML text -> a tree of positioned nodes, safely.

PyYAML's own composer keeps no anchors, silently keeps the last of duplicate keys and
recurses without limit. We build the tree from the parser's event stream instead (libyaml's
C parser when available, about ten times faster than the pure-Python one), refusing anchors,
aliases, non-standard tags, duplicate keys and deep nesting, each with its position. Nothing
is ever constructed from a tag, so nothing in a file can execute.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .model import Pos

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAVE_LIBYAML = Loader is not yaml.SafeLoader

MAX_DEPTH = 32
MAX_INT_BITS = 64  # a deck's numbers are counts and years; a huge one only costs time when printed

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


class Node:
    """A mapping (value: list of (key, value) nodes), a list (value: list of nodes), a scalar,
    or an alias (refused, kept only so that what contains it does not report it twice)."""

    __slots__ = ("kind", "value", "start_mark", "end_mark")

    def __init__(self, kind: str, value: Any, start_mark: Any, end_mark: Any) -> None:
        self.kind = kind
        self.value = value
        self.start_mark = start_mark  # the parser's marks, turned into positions only when asked
        self.end_mark = end_mark

    @property
    def start(self) -> Pos:
        return _pos(self.start_mark)

    @property
    def end(self) -> Pos:
        return _pos(self.end_mark)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self.kind}, {self.value!r}, {self.start})"


class ComposeError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1, mark.index)


def compose(text: str, loader: type = Loader) -> tuple[Node | None, list[Diagnostic]]:
    """Compose `text` into nodes. Returns (root or None for an empty document, diagnostics).

    Raises ComposeError when the text cannot be read as one YAML document at all.
    """
    problems: list[Diagnostic] = []
    top: list[Node] = []  # the document's root, once composed
    items = top  # the items of the innermost open container
    stack: list[tuple[Node, list[Any]]] = []  # open containers and the items of their parents
    documents = 0
    # Dispatch on the exact class: this loop runs once per event, ~40 per slide.
    Scalar, Alias = yaml.ScalarEvent, yaml.AliasEvent
    MapStart, SeqStart = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MapEnd, SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent

    def refuse_anchor(event: Any) -> None:
        problems.append(
            Diagnostic(*_at(event), f"anchors and aliases are not supported in decks (found anchor '&{event.anchor}'); write the value out")
        )

    try:
        event: Any
        for event in yaml.parse(text, Loader=loader):
            cls = event.__class__
            if cls is Scalar:
                if event.anchor is not None:
                    refuse_anchor(event)
                items.append(Node("scalar", _scalar(event, problems), event.start_mark, event.end_mark))
            elif cls is MapStart or cls is SeqStart:
                if event.anchor is not None:
                    refuse_anchor(event)
                _refuse_tag(event, problems)
                if len(stack) >= MAX_DEPTH:
                    raise ComposeError([Diagnostic(*_at(event), f"nesting deeper than {MAX_DEPTH} levels; a deck never needs this much")])
                node = Node("map" if cls is MapStart else "seq", None, event.start_mark, event.end_mark)
                stack.append((node, items))
                items = []
            elif cls is MapEnd or cls is SeqEnd:
                node, parent_items = stack.pop()
                node.end_mark = event.end_mark
                node.value = _pairs(items, problems) if node.kind == "map" else items
                items = parent_items
                items.append(node)
            elif cls is Alias:
                problems.append(
                    Diagnostic(*_at(event), f"anchors and aliases are not supported in decks (found alias '*{event.anchor}'); write the value out")
                )
                items.append(Node("alias", None, event.start_mark, event.end_mark))
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise ComposeError(
                        problems
                        + [
                            Diagnostic(
                                *_at(event),
                                "a deck file holds one YAML document, but a second one starts here; remove this '---' and what follows, or merge it",
                            )
                        ]
                    )
    except yaml.MarkedYAMLError as exc:
        raise ComposeError(problems + [_syntax(exc, text)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a raw control byte
        raise ComposeError(problems + [_bad_character(exc, text)]) from None
    except yaml.YAMLError as exc:  # reader errors without a mark, e.g. a bad character
        raise ComposeError(problems + [Diagnostic(1, 1, f"YAML: {exc}")]) from None
    return (top[0] if top else None), problems


def _at(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _refuse_tag(event: Any, problems: list[Diagnostic]) -> None:
    tag = event.tag
    if tag and tag not in (_TAG + "map", _TAG + "seq") and not getattr(event, "implicit", True):
        problems.append(Diagnostic(*_at(event), f"the tag '{_short(tag)}' is not supported in decks; remove it"))


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


_RESOLVED_BY_FIRST_CHARACTER = _resolver.yaml_implicit_resolvers
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")


def _scalar(event: Any, problems: list[Diagnostic]) -> Any:
    if not event.tag:
        value = event.value
        if event.style:  # '', or None from the pure-Python parser, for a plain scalar
            return value  # quoted and block scalars are always strings
        if value and value[0] not in _RESOLVED_BY_FIRST_CHARACTER:
            return value  # no implicit type (number, date, bool, null) starts with this character
        if _SEXAGESIMAL.fullmatch(value):
            return value  # 14:07 is a time of day, as YAML 1.2 reads it, never YAML 1.1's number 847
    if event.tag and event.tag != "!":
        tag = event.tag
    else:
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    if tag not in _SCALAR_TAGS:
        problems.append(Diagnostic(*_at(event), f"the tag '{_short(tag)}' is not supported in decks; remove it"))
        return event.value
    if tag == _TAG + "str":
        return event.value
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    kind = tag[len(_TAG) :]
    shown = event.value if len(event.value) <= 40 else event.value[:40] + "…"
    try:
        value = _constructor.yaml_constructors[tag](_constructor, node)
    except Exception as exc:
        detail = f": {exc}" if isinstance(exc, ValueError) and len(str(exc)) < 80 else ""
        advice = "; remove the tag or fix the value" if event.tag and event.tag != "!" else ""
        problems.append(Diagnostic(*_at(event), f"'{shown}' is not a valid {kind}{detail}{advice}"))
        return event.value
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        problems.append(Diagnostic(*_at(event), f"the number '{shown}' is too large for a deck (at most {MAX_INT_BITS} bits)"))
        return event.value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() and value.tzinfo is None else value
    return value


def _pairs(items: list[Node], problems: list[Diagnostic]) -> list[tuple[Node, Node]]:
    pairs: list[tuple[Node, Node]] = []
    seen: dict[Any, Node] = {}
    for key, value in zip(items[::2], items[1::2]):
        if key.kind == "alias":
            continue
        if key.kind != "scalar":
            problems.append(Diagnostic(key.start.line, key.start.col, "a key must be a plain word, not a list or mapping"))
            continue
        marker = (type(key.value).__name__, key.value)
        first = seen.get(marker)
        if first is not None:
            problems.append(
                Diagnostic(
                    key.start.line,
                    key.start.col,
                    f"duplicate key '{key.value}' (first defined at line {first.start.line}); YAML would silently keep only the last one, so remove one",
                )
            )
            continue
        seen[marker] = key
        pairs.append((key, value))
    return pairs


def _bad_character(exc: yaml.reader.ReaderError, text: str) -> Diagnostic:
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Diagnostic(
        line,
        col,
        f"character U+{code:04X} is not allowed in YAML text; remove it, or write it as an escape (\\x{code:02x}) inside double quotes",
    )


def _syntax(exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        # an unclosed quote or bracket: where it opens is what the writer needs, not the file's end
        what = (exc.context or "something").removeprefix("while scanning ").removeprefix("while parsing ")
        mark = exc.context_mark
        return Diagnostic(mark.line + 1, mark.column + 1, f"YAML syntax: {what} that starts here is never closed (the file ends first)")
    found = exc.problem_mark or exc.context_mark
    line, col = (found.line + 1, found.column + 1) if found else (1, 1)
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in str(exc.problem):
        tab_col = source_line.index("\t") + 1 if "\t" in source_line else col
        return Diagnostic(line, tab_col, "tab character in indentation; YAML indents with spaces only")
    problem = exc.problem or "cannot parse"
    context = f" ({exc.context})" if exc.context else ""
    hint = ""
    if "alias" in (exc.context or "") or "anchor" in (exc.context or ""):
        hint = "; a value that starts with '*' or '&' means something to YAML: put the text in quotes"
    elif source_line[: col - 1].rstrip().endswith(("}", "]")) and source_line[col - 1 :].strip()[:1] not in ("", "#"):
        # `- {date: 2026-03, text: ...} Check the date`: words after a closed {...} or [...] (a newcomer was told
        # to check the indentation, which was fine)
        hint = "; there is text after the closing '}' or ']' on this line: move it inside (as a value) or into a comment with '#'"
    else:
        hint = next((advice for words, advice in _SYNTAX_HINTS if words in problem), "")
    return Diagnostic(line, col, f"YAML syntax: {problem}{context}{hint}")


# The parser's words for the mistakes people make most, and what to look at (a newcomer found the words alone
# unhelpful; the place was always right).
_SYNTAX_HINTS = [
    ("did not find expected key", "; check this line's indentation: keys line up with the keys above them"),
    ("did not find expected '-' indicator", "; check this line's indentation: list items line up with the items above them"),
    ("expected <block end>", "; check this line's indentation against the lines above it"),
    ("mapping values are not allowed", "; text with ': ' in it needs quotes, or this line's indentation is off"),
]


_TYPE_NAMES: list[tuple[type, str]] = [
    (bool, "a boolean (true/false)"),
    (int, "a number"),
    (float, "a number"),
    (str, "a string"),
    (dt.datetime, "a date and time"),
    (dt.date, "a date"),
    (type(None), "nothing (null)"),
]


def describe(node: Node, show_value: bool = False) -> str:
    """What a node holds, in words for an error ('a list', 'a number'); `show_value`: a short string or a
    number as written too ("a string ('90%')")."""
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    value = node.value
    if show_value and isinstance(value, str) and len(value) <= 40:
        return f"a string ('{value}')"
    if show_value and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value!r}"
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return name
    return type(value).__name__  # pragma: no cover - every YAML scalar type is named above
