"""Deck file -> model, or every error in it with its line and column."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
from dataclasses import dataclass, field

from .debug import debugging
from .diagnostics import ERROR, WARNING, DeckError, Diagnostic, did_you_mean, sort_diagnostics
from .fences import Fences
from .figures import FigureReader
from .files import NotARegularFile, read_regular
from .imagefile import local_images, remote_image
from .linesteps import GROUPED, groups
from .model import LAYOUTS, LIKELIHOODS, Column, Confidence, Deck, Point, Pos, Slide, Source, Span
from .reveal import PAUSE
from .runcode import EXEC, blocks
from .text import comments, emojize, has_unsafe, html_tags, strip_unsafe, visible
from .yamlnodes import ComposeError, Loader, Node, compose
from .yamlnodes import describe as _describe

MAX_BYTES = 10 * 1024 * 1024
MAX_ERRORS = 100

DECK_KEYS = (
    "title", "subtitle", "as_of", "author", "event", "date", "theme", "layout", "chrome", "duration", "run_timeout", "labels", "sources", "slides",
)  # fmt: skip
SLIDE_KEYS = (
    "title", "confidence", "likelihood", "subtitle", "section", "layout", "reveal", "appendix", "body", "points", "columns", "chart",
    "timeline", "image", "notes", "sources", "align", "below",
)  # fmt: skip
DECK_LAYOUT_KEYS = ("max_width", "align")
ALIGNS = ("center", "left")
MIN_WIDTH, MAX_WIDTH = 40, 400
POINT_KEYS = ("text", "confidence", "likelihood", "sources")
COLUMN_KEYS = ("title", "body", "points", "width", "image")
SOURCE_KEYS = ("title", "kind", "date", "url", "note")


@dataclass
class Loaded:
    """What loading found: the deck (None if there were errors) and every diagnostic."""

    deck: Deck | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    images: list[tuple[str, Pos]] = field(default_factory=list)  # every image file named, and where: checked even when the deck has errors
    runnable: list[tuple[str, Pos]] = field(default_factory=list)  # every runnable (+exec) block's language, and where

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a deck file as text, exactly (no newline translation). Raises DeckError or OSError."""
    name = str(path)
    try:
        data = read_regular(path, MAX_BYTES)  # bounded, even if the file grows while it is read
    except NotARegularFile:
        raise DeckError([Diagnostic(1, 1, "not a regular file (a folder, a pipe or a device); give a deck file (.yaml)", path=name)]) from None
    if len(data) > MAX_BYTES:
        raise DeckError([Diagnostic(1, 1, f"file is over {MAX_BYTES:,} bytes; decks are limited to that", path=name)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError([Diagnostic(line, col, f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8", path=name)]) from None


def load_deck(path: str | os.PathLike[str]) -> Deck:
    """Load a deck file. Raises DeckError (with every error) or OSError."""
    loaded = parse_deck(read_text(path), str(path))
    if loaded.deck is None:
        raise DeckError(loaded.errors)
    return loaded.deck


def parse_deck(text: str, path: str = "<deck>", loader: type = Loader) -> Loaded:
    """Parse deck text. Never raises for bad input: problems come back as diagnostics."""
    # Building the tree allocates many small objects and no cycles; the cyclic collector would
    # rescan all of them again and again, making big decks load in superlinear time. (The switch is
    # process-wide: a parse in the watcher thread pauses collection elsewhere for as long, harmlessly.)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_deck(text, path, loader)
    except Exception as exc:
        if debugging():
            raise
        return Loaded(None, [Diagnostic(1, 1, f"cannot read this file as a deck ({type(exc).__name__}); please report it", path=path)])
    finally:
        if enabled:
            gc.enable()


def _parse_deck(text: str, path: str, loader: type) -> Loaded:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return Loaded(None, [Diagnostic(1, 1, f"text is over {MAX_BYTES:,} bytes; decks are limited to that", path=path)])
    if not text.strip():
        return Loaded(None, [Diagnostic(1, 1, "the file is empty; a deck needs at least 'title' and 'slides'", path=path)])
    try:
        # A byte-order mark stays in the text (a save keeps it) but is not YAML: the parsers disagree
        # on whether their offsets count it, so compose without it and shift the slides' spans.
        shift = 1 if text.startswith("\ufeff") else 0
        root, problems = compose(text[shift:], loader)
    except ComposeError as exc:
        return Loaded(None, [_with_path(d, path) for d in exc.diagnostics][:MAX_ERRORS])
    reader = _Reader(path, text[shift:], problems, shift)
    deck = reader.deck(root)
    diagnostics = sort_diagnostics(_with_path(d, path) for d in reader.problems)
    if len([d for d in diagnostics if d.is_error]) > MAX_ERRORS:
        diagnostics = [d for d in diagnostics if d.is_error][:MAX_ERRORS]
        last = diagnostics[-1]
        diagnostics.append(Diagnostic(last.line, last.col, f"too many errors; stopped after {MAX_ERRORS}", path=path))
    if any(d.is_error for d in diagnostics):
        return Loaded(None, diagnostics, reader.images, reader.runnable)
    return Loaded(deck, diagnostics, reader.images, reader.runnable)


def parse_slide(source: str, index: int, sources: dict[str, Source], path: str = "<deck>", first_line: int = 1) -> list[Diagnostic]:
    """Check one slide's own YAML (as the slide editor shows it) against the deck's sources.

    Proportional to the slide, not the deck: the editor checks as you type with this, and the save
    parses the whole file once. Lines are given in the file's numbering (the slide starts at `first_line`).
    """
    try:
        root, problems = compose(source)
    except ComposeError as exc:
        problems, root = exc.diagnostics, None
        return [_moved(d, path, first_line) for d in problems]
    reader = _Reader(path, source, problems)
    if root is None or (root.kind == "scalar" and root.value is None):
        reader.problems.append(Diagnostic(1, 1, "the slide is empty; it needs at least 'title'"))
    else:
        reader.slide(root, index)
        reader.check_source_uses(sources)
    return sort_diagnostics(_moved(d, path, first_line) for d in reader.problems)


def _moved(d: Diagnostic, path: str, first_line: int) -> Diagnostic:
    return Diagnostic(d.line + first_line - 1, d.col, d.message, d.severity, path)


def _with_path(d: Diagnostic, path: str) -> Diagnostic:
    return Diagnostic(d.line, d.col, d.message, d.severity, path)


_LEVELS = {level.value: level for level in Confidence}

# Words people reach for instead of the four levels.
_CONFIDENCE_SYNONYMS = {
    **dict.fromkeys(["fact", "official", "verified", "certain", "known", "true"], "confirmed"),
    **dict.fromkeys(["credible", "press", "reporting"], "reported"),
    **dict.fromkeys(["rumor", "rumour", "rumored", "rumoured", "leak", "leaked", "unconfirmed", "alleged"], "unverified"),
    **dict.fromkeys(["guess", "speculation", "extrapolated", "possible", "maybe", "probable"], "speculative"),
    # our own reasoning; a judgement word ('likely') goes in `likelihood:` beside it
    **dict.fromkeys(["ours", "our analysis", "estimate", "estimated", "calculation", "inference", "judgement", "judgment", "likely"], "analysis"),
}


def _fences_closed(text: str) -> str:
    """`text` with a code fence it leaves open closed, as every export closes it: read with the other texts,
    an open fence would swallow them."""
    reader = Fences()
    for line in text.splitlines():
        reader.step(line)
    return text if reader.fence is None else f"{text}\n{reader.fence}"


# Keys other tools (or habit) use for the ones deck has.
_KEY_SYNONYMS = {
    **dict.fromkeys(["speaker_notes", "speakernotes", "note", "presenter_notes", "comments"], "notes"),
    **dict.fromkeys(["label", "level", "confidence_level", "certainty"], "confidence"),
    **dict.fromkeys(["bullets", "items", "list"], "points"),
    **dict.fromkeys(["content", "text_body", "markdown"], "body"),
    **dict.fromkeys(["source", "refs", "references", "citations"], "sources"),
    **dict.fromkeys(["heading", "name"], "title"),
    **dict.fromkeys(["probability", "likely"], "likelihood"),
}


def _quote_hint(node: Node) -> str:
    """Why a point that reads as text to a person is something else to YAML: a '#' comment, '- ' list."""
    if node.kind == "scalar" and node.value is None:
        return " (a point that starts with '#' is a YAML comment: put it in quotes, like \"# of GPUs: 8\")"
    if node.kind == "seq":
        return " (a point that starts with '- ' is a list inside the list: put it in quotes)"
    return ""


def level_from_word(word: str) -> Confidence | None:
    """A level from its name or a word people use for it ('rumour' -> unverified), else None."""
    word = word.strip().lower()
    found = _LEVELS.get(word)
    return found if found is not None else _LEVELS.get(_CONFIDENCE_SYNONYMS.get(word, ""))


def _span(text: str, node: Node, shift: int = 0) -> Span:
    """The slide's own text: the parser's end mark takes in trailing blank and comment lines."""
    start, indent = node.start.offset, node.start.col - 1
    end = node.end.offset
    if node.kind == "map" and not text.startswith("{", start):
        lines = text[start:end].splitlines(keepends=True)
        content_end = node.value[-1][1].end.offset if node.value else start  # where its last value ends
        while len(lines) > 1:
            last = lines[-1]
            stripped = last.lstrip(" ")
            comment = stripped.startswith("#") and len(last) - len(stripped) <= indent and end - len(last) >= content_end
            if stripped.strip() == "" or comment:  # (a line of a quoted value may start with '#' too)
                lines.pop()
                end -= len(last)
            else:
                break
        end = start + len("".join(lines).rstrip("\r\n"))
    tail = _LINE_TAIL.match(text, end)  # only what follows on this line, never the rest of a one-line file
    if tail is not None:
        end = tail.end()  # trailing spaces and a comment on the slide's last line belong to the slide
    item_start = _item_line_start(text, start)
    end_line = node.start.line + text.count("\n", start, end)
    return Span(start + shift, end + shift, node.start.line, end_line, indent, None if item_start is None else item_start + shift)


_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?")
_LINE_TAIL = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?=\r?\n|\Z)")


def _item_line_start(text: str, start: int) -> int | None:
    """Where the '- ' line of a block-list item starting at `start` begins; None in a flow list.
    Scans back over the indent and the dash only, so a one-line flow list stays linear."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] != "-":
        return None
    i -= 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i + 1 if i < 0 or text[i] == "\n" else None


def _is_empty(node: Node) -> bool:
    return (node.kind == "seq" and not node.value) or (node.kind == "scalar" and node.value is None)


class _Reader:
    """Walks the node tree, checking the schema and building the model."""

    def __init__(self, path: str, text: str, problems: list[Diagnostic], shift: int = 0) -> None:
        self.shift = shift
        self.path = path
        self.text = text
        self.problems = list(problems)
        self.source_uses: list[tuple[str, Node]] = []
        self.images: list[tuple[str, Pos]] = []  # image files named (image.path, and Markdown images in text)
        self.runnable: list[tuple[str, Pos]] = []  # runnable blocks: language, where its fence starts
        self.marked: list[tuple[Node, str]] = []  # texts with an image or a reference definition, read together at the end

    # -- reporting -------------------------------------------------------------------------------
    def error(self, node: Node, message: str) -> None:
        if node.kind == "alias":  # already reported where the alias stands
            return
        self.problems.append(Diagnostic(node.start.line, node.start.col, message, ERROR))

    def warn(self, node: Node, message: str) -> None:
        self.problems.append(Diagnostic(node.start.line, node.start.col, message, WARNING))

    # -- generic shapes --------------------------------------------------------------------------
    def fields(self, node: Node, allowed: tuple[str, ...], required: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]]:
        """A mapping's known keys -> (key node, value node); unknown and missing keys reported."""
        found: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value
            if not isinstance(name, str) or name not in allowed:
                known = _KEY_SYNONYMS.get(str(name).strip().lower().replace("-", "_"))
                hint = f" — did you mean '{known}'?" if known in allowed else did_you_mean(str(name), allowed)
                hint = hint or f"; expected one of: {', '.join(allowed)}"
                self.error(key, f"unknown key '{name}' in {what}{hint}")
                continue
            found[name] = (key, value)
        for name in required:
            if name not in found:
                self.error(node, f"{what} is missing the required key '{name}'")
        return found

    def place_in(self, node: Node, text: str, needle: str) -> tuple[int, int]:
        """The line and column of `needle` inside a text: exact in a literal block (`|`), whose lines are
        the file's; else where the text starts."""
        start = node.start
        at = text.find(needle)
        if at < 0 or not self.text.startswith("|", start.offset):
            return start.line, start.col
        row = text.count("\n", 0, at)
        file_lines = self.text.splitlines()
        file_line = file_lines[start.line + row] if start.line + row < len(file_lines) else ""
        text_line = text.split("\n")[row]
        block_indent = (len(file_line) - len(file_line.lstrip(" "))) - (len(text_line) - len(text_line.lstrip(" ")))
        return start.line + 1 + row, block_indent + 1 + at - (text.rfind("\n", 0, at) + 1)

    def text_value(self, pair: tuple[Node, Node] | None, what: str, inline: bool = True) -> str | None:
        """A string value. `inline`: the exports write it as one line of inline text (a title, a point); a
        body or notes keep their lines."""
        if pair is None:
            return None
        value = pair[1]
        if value.kind == "scalar" and isinstance(value.value, str):
            if what.endswith(("body", "below")) and any(not PAUSE.fullmatch(f"<!--{inside}-->") for inside in comments(value.value)):
                self.warn(
                    value, f"{what}: an HTML comment shows nowhere (the presenter and every export leave it out); words for the speaker go in notes"
                )
            if what.endswith(("body", "below")) and (tags := html_tags(value.value)):
                self.warn(value, f"{what}: HTML tags like {tags[0][:40]} are not drawn: every view shows their words only (deck text is Markdown)")
            return self.clean(value, value.value, inline)
        if value.kind == "scalar" and value.value is None:
            self.error(value, f"{what} is empty; give it text or remove the key")
            return None
        hint = f' (quote it: "{value.value}")' if value.kind == "scalar" else ""
        self.error(value, f"{what} must be a string, got {_describe(value)}{hint}")
        return None

    def line_groups(self, node: Node, text: str) -> None:
        """A code fence's line groups (`{1,3-4|5}`) that cannot be read are said where they are written."""
        reader = Fences()
        for line in text.split("\n"):
            stripped = line.strip()
            if reader.step(line) != "opens":
                continue
            match = GROUPED.match(line)
            if match and groups(match["groups"]) is None:
                line_at, col = self.place_in(node, text, stripped)
                self.problems.append(
                    Diagnostic(
                        line_at,
                        col,
                        f"the code's line groups {{{match['groups']}}} cannot be read: write lines from 1 like {{1,3-4|5|all}}"
                        " (each group is highlighted in turn)",
                        WARNING,
                    )
                )

    def date_value(self, pair: tuple[Node, Node] | None, what: str) -> dt.date | None:
        if pair is None:
            return None
        value = pair[1]
        if value.kind == "scalar" and isinstance(value.value, dt.date) and not isinstance(value.value, dt.datetime):
            return value.value
        self.error(value, f"{what} must be a date like 2026-04-03, got {_describe(value)}")
        return None

    def clean(self, node: Node, text: str, inline: bool = True) -> str:
        if "![" in text or "]:" in text:
            self.marked.append((node, text))  # read again with the rest of the deck: a reference may be defined elsewhere
        if "![" in text:
            url = remote_image(text)
            if url is None and inline:  # inline text, as the exports write it: one line, indents and breaks gone
                url = remote_image(" ".join(text.split()))
            if url is not None:
                shown = url if len(url) <= 60 else url[:57] + "..."
                line, col = self.place_in(node, text, url)
                self.problems.append(
                    Diagnostic(
                        line, col, f"an image from '{shown}': a deck's images are files beside it, never URLs (nothing in a deck reaches the network)"
                    )
                )
            for path in local_images(text):
                self.images.append((path, Pos(*self.place_in(node, text, path))))
        if not inline and EXEC in text:
            lines = text.split("\n")
            for block in blocks(text):
                self.runnable.append((block.language, Pos(*self.place_in(node, text, lines[block.line].strip()))))
        if not inline and "{" in text:
            self.line_groups(node, text)
        if has_unsafe(text):
            self.warn(node, "control characters or terminal escape sequences removed from this text")
            text = strip_unsafe(text)
        return emojize(text)

    def items(self, pair: tuple[Node, Node] | None, what: str) -> list[Node]:
        if pair is None:
            return []
        value = pair[1]
        if value.kind == "seq":
            items: list[Node] = value.value
            return items
        if value.kind == "scalar" and value.value is None:
            return []
        self.error(value, f"{what} must be a list, got {_describe(value)}")
        return []

    def confidence(self, pair: tuple[Node, Node] | None) -> Confidence | None:
        if pair is None:
            return None
        value = pair[1]
        raw = value.value if value.kind == "scalar" else None
        if isinstance(raw, str):
            level = _LEVELS.get(raw) or _LEVELS.get(raw.strip().lower())
            if level is not None:
                return level
        shown = raw if value.kind == "scalar" else _describe(value)
        synonym = _CONFIDENCE_SYNONYMS.get(str(shown).strip().lower())
        hint = f" — did you mean '{synonym}'?" if synonym else did_you_mean(str(shown).lower(), Confidence.names())
        if str(shown).strip().lower() in LIKELIHOODS:  # a judgement word: our analysis, with its likelihood
            hint = f" — a judgement is our analysis: 'confidence: analysis' with 'likelihood: {str(shown).strip().lower()}'"
        self.error(
            value,
            f"unknown confidence '{shown}'{hint} (expected one of: {', '.join(Confidence.names())})",
        )
        return None

    def source_ids(self, pair: tuple[Node, Node] | None, what: str) -> tuple[str, ...]:
        if pair is None:
            return ()
        value = pair[1]
        nodes = [value] if value.kind == "scalar" and isinstance(value.value, str) else self.items(pair, what)
        ids = []
        for i, item in enumerate(nodes):
            if item.kind == "scalar" and isinstance(item.value, (str, int)) and not isinstance(item.value, bool):
                ids.append(str(item.value))
                self.source_uses.append((str(item.value), item))
            else:
                self.error(item, f"{what}[{i}] must be a source id (a string), got {_describe(item)}")
        return tuple(ids)

    # -- the deck --------------------------------------------------------------------------------
    def deck(self, root: Node | None) -> Deck | None:
        if root is None or (root.kind == "scalar" and root.value is None):
            self.problems.append(Diagnostic(1, 1, "the file is empty; a deck needs at least 'title' and 'slides'"))
            return None
        if root.kind != "map":
            self.error(root, f"a deck must be a mapping with 'title' and 'slides', got {_describe(root)}")
            return None
        f = self.fields(root, DECK_KEYS, ("title", "slides"), "the deck")
        sources = self.sources(f.get("sources"))
        slides = []
        slide_nodes = self.items(f.get("slides"), "slides")
        if "slides" in f and not slide_nodes and _is_empty(f["slides"][1]):
            self.error(f["slides"][0], "'slides' is empty; a deck needs at least one slide")
        for i, node in enumerate(slide_nodes):
            slide = self.slide(node, i)
            if slide is not None:
                slides.append(slide)
        self.check_source_uses(sources)
        title = self.text_value(f.get("title"), "the deck's title")
        max_width, align = self.deck_layout(f.get("layout"))
        chrome = self.bool_value(f.get("chrome"), "chrome", True)
        duration = self.duration(f.get("duration"))
        run_timeout = self.run_timeout(f.get("run_timeout"))
        labels = self.labels(f.get("labels"))
        # read before any early return: each of these says its own error along with every other one
        subtitle = self.text_value(f.get("subtitle"), "subtitle")
        as_of = self.date_value(f.get("as_of"), "as_of")
        author = self.text_value(f.get("author"), "author")
        event = self.text_value(f.get("event"), "event")
        date = self.date_value(f.get("date"), "date")
        theme = self.text_value(f.get("theme"), "theme")
        self.check_appendix(slides, slide_nodes)
        self.check_references()
        if any(d.is_error for d in self.problems) or title is None:
            return None
        return Deck(
            title=title,
            slides=tuple(slides),
            subtitle=subtitle,
            as_of=as_of,
            author=author,
            event=event,
            date=date,
            theme=theme,
            sources=sources,
            path=self.path,
            as_of_pos=f["as_of"][1].start if "as_of" in f else Pos(),
            theme_pos=f["theme"][1].start if "theme" in f else Pos(),
            max_width=max_width,
            align=align,
            chrome=chrome,
            duration_s=duration,
            labels=labels,
            run_timeout_s=run_timeout,
        )

    def check_references(self) -> None:
        """The exports join every slide into one document, where a reference defined in one text
        (`[t]: http://...`) serves an image written in another (`![logo][t]`): read all of them together."""
        if len(self.marked) < 2 or not any("![" in text for _, text in self.marked) or not any("]:" in text for _, text in self.marked):
            return
        url = remote_image("\n\n".join(_fences_closed(text) for _, text in self.marked))
        if url is None or any(remote_image(text) for _, text in self.marked):
            return  # none, or one already reported where it stands
        node, text = next(((n, t) for n, t in self.marked if url in t), self.marked[0])
        line, col = self.place_in(node, text, url) if url in text else (node.start.line, node.start.col)
        self.problems.append(
            Diagnostic(
                line,
                col,
                f"a reference to '{url[:60]}' serves an image written elsewhere in the deck: a deck's images are files beside it, never URLs",
            )
        )

    def labels(self, pair: tuple[Node, Node] | None) -> dict[str, str]:
        """The deck's own legend: `labels: {confirmed: "...", analysis: "..."}`, one line per level."""
        if pair is None:
            return {}
        value = pair[1]
        if value.kind != "map":
            self.error(
                value,
                f"'labels' must be a mapping of level -> what it means in this deck, like {{confirmed: \"a paper or a commit\"}}, got {_describe(value)}",
            )
            return {}
        found: dict[str, str] = {}
        for key, words in value.value:
            name = str(key.value)
            if name not in Confidence.names():
                hint = did_you_mean(name, Confidence.names()) or f" (expected one of: {', '.join(Confidence.names())})"
                self.error(key, f"unknown label '{strip_unsafe(name)}' in 'labels'{hint}")
                continue
            text = self.text_value((key, words), f"labels.{name}")
            if text is not None:
                if "\n" in text.strip():
                    self.error(words, f"labels.{name} must be one line: the legend gives each level a line")
                    continue
                found[name] = text.strip()
        return found

    def likelihood(self, pair: tuple[Node, Node] | None, level: Confidence | None, what: str) -> str | None:
        """An analysis's `likelihood:`, a word of the fixed scale (LIKELIHOODS)."""
        if pair is None:
            return None
        word = self.choice(pair[1], LIKELIHOODS, f"{what}: likelihood")
        if word is not None and level is not Confidence.ANALYSIS:
            self.error(pair[0], f"{what}: 'likelihood' is the deck's own judgement: it goes with 'confidence: analysis'")
            return None
        return word

    def choice(self, node: Node, allowed: tuple[str, ...], what: str, hint: str = "") -> str | None:
        """One of a fixed set of words, or None with an error that lists them (and the nearest)."""
        if node.kind == "scalar" and node.value in allowed:
            return str(node.value)
        shown = node.value if node.kind == "scalar" else _describe(node)
        self.error(node, f"{what} must be one of: {', '.join(allowed)}{did_you_mean(str(shown), allowed)}{hint}")
        return None

    def bool_value(self, pair: tuple[Node, Node] | None, what: str, default: bool) -> bool:
        if pair is None:
            return default
        value = pair[1]
        if value.kind == "scalar" and isinstance(value.value, bool):
            return value.value
        self.error(value, f"{what} must be true or false, got {_describe(value)}")
        return default

    def int_value(self, node: Node, what: str, low: int, high: int) -> int | None:
        if node.kind == "scalar" and isinstance(node.value, int) and not isinstance(node.value, bool) and low <= node.value <= high:
            return node.value
        self.error(
            node,
            f"{what} must be a whole number from {low} to {high}, got {_describe(node) if node.kind != 'scalar' or not isinstance(node.value, int) else node.value}",
        )
        return None

    def deck_layout(self, pair: tuple[Node, Node] | None) -> tuple[int, str]:
        """`layout: {max_width: 100, align: center}` at the deck level."""
        if pair is None:
            return 110, "center"
        value = pair[1]
        if value.kind != "map":
            self.error(value, f"the deck's layout must be a mapping like {{max_width: 100, align: center}}, got {_describe(value)}")
            return 110, "center"
        f = self.fields(value, DECK_LAYOUT_KEYS, (), "the deck's layout")
        width = self.int_value(f["max_width"][1], "layout.max_width", MIN_WIDTH, MAX_WIDTH) if "max_width" in f else None
        align = (self.choice(f["align"][1], ALIGNS, "layout.align") if "align" in f else None) or "center"
        return width or 110, align

    def duration(self, pair: tuple[Node, Node] | None) -> int | None:
        """`duration: 20m`, `1h30m`, `90s`, `1:30` (hours and minutes), or a number of minutes: the talk's
        target length, in seconds."""
        if pair is None:
            return None
        value = pair[1]
        raw = value.value if value.kind == "scalar" else None
        if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= 24 * 60:
            return raw * 60
        if isinstance(raw, str) and (clock := re.fullmatch(r"(\d{1,2}):([0-5]\d)", raw.strip())):
            total = int(clock[1]) * 3600 + int(clock[2]) * 60  # 1:30, as YAML 1.1 read it before (90 minutes)
            if 0 < total <= 24 * 3600:
                return total
        if isinstance(raw, str):
            match = _DURATION.fullmatch(raw.strip().lower())
            if match and any(match.groups()):
                hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
                total = hours * 3600 + minutes * 60 + seconds
                if 0 < total <= 24 * 3600:
                    return total
        self.error(
            value,
            f"duration must be a length like 20m, 1h30m, 90s or 1:30 (or a number of minutes), got {_describe(value) if raw is None else repr(raw)}",
        )
        return None

    def run_timeout(self, pair: tuple[Node, Node] | None) -> float | None:
        """`run_timeout: 30` (seconds), `90s` or `2m`: how long a runnable block may run on stage."""
        if pair is None:
            return None
        value = pair[1]
        raw = value.value if value.kind == "scalar" else None
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 < raw <= 3600:
            return float(raw)
        if isinstance(raw, str):
            match = _DURATION.fullmatch(raw.strip().lower())
            if match and any(match.groups()):
                hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
                total = hours * 3600 + minutes * 60 + seconds
                if 0 < total <= 3600:
                    return float(total)
        got = _describe(value) if raw is None else repr(raw)
        self.error(value, f"run_timeout must be a number of seconds from 1 to 3600, or a length like 90s or 2m, got {got}")
        return None

    def check_appendix(self, slides: list[Slide], nodes: list[Node]) -> None:
        """Appendix slides come after every main slide."""
        seen_appendix = False
        for slide in slides:
            if slide.appendix:
                seen_appendix = True
            elif seen_appendix:
                self.problems.append(
                    Diagnostic(
                        slide.pos.line,
                        slide.pos.col,
                        f"slide '{slide.name}' comes after an appendix slide but is not one; move it before the appendix, or add 'appendix: true'",
                    )
                )
                return

    def sources(self, pair: tuple[Node, Node] | None) -> dict[str, Source]:
        if pair is None:
            return {}
        value = pair[1]
        if value.kind == "scalar" and value.value is None:
            return {}
        if value.kind != "map":
            self.error(value, f"sources must be a mapping of id -> source, got {_describe(value)}")
            return {}
        sources: dict[str, Source] = {}
        for key, node in value.value:
            sid = str(key.value)
            where = f"source '{sid}'"
            if sid in sources:  # `1:` and `'1':` are one id once written in a slide's `sources: [1]`
                first = sources[sid].pos.line
                self.error(key, f"duplicate source id '{sid}' (first defined at line {first}); ids are compared as text, so rename one")
                continue
            if node.kind == "scalar" and isinstance(node.value, str):
                sources[sid] = Source(id=sid, title=self.clean(node, node.value), pos=key.start)
                continue
            if node.kind != "map":
                self.error(node, f"{where} must be a title or a mapping with 'title', got {_describe(node)}")
                continue
            f = self.fields(node, SOURCE_KEYS, ("title",), where)
            sources[sid] = Source(
                id=sid,
                title=self.text_value(f.get("title"), f"{where}: title") or "",
                kind=self.text_value(f.get("kind"), f"{where}: kind"),
                date=self.date_value(f.get("date"), f"{where}: date"),
                url=self.text_value(f.get("url"), f"{where}: url"),
                note=self.text_value(f.get("note"), f"{where}: note"),
                pos=key.start,
            )
        return sources

    def check_source_uses(self, sources: dict[str, Source]) -> None:
        for sid, node in self.source_uses:
            if sid in sources:
                continue
            if sources:
                self.error(node, f"source '{sid}' is not defined under 'sources'{did_you_mean(sid, sources)}")
            else:
                self.error(node, f"source '{sid}' is not defined: the deck has no 'sources' section; add one")

    def slide(self, node: Node, index: int) -> Slide | None:
        what = f"slide {index + 1}"
        if node.kind != "map":
            self.error(node, f"slides[{index}] must be a mapping (a title, points, a body...), got {_describe(node)}")
            return None
        title_node = next((v for k, v in node.value if k.value == "title"), None)
        if title_node is not None and isinstance(title_node.value, str):
            what = f"slide {index + 1} ('{strip_unsafe(title_node.value)}')"
        layout = self.slide_layout(node, what)
        # a label is optional (a slide without one makes no claim of its own), and so is a title: many talks
        # have slides of a picture, a quote or code alone
        f = self.fields(node, SLIDE_KEYS, (), what)
        title = self.text_value(f.get("title"), f"slide {index + 1}: title") if "title" in f else ""
        if "title" not in f and not {"subtitle", "body", "points", "columns", "chart", "timeline", "image", "below"} & set(f):
            self.error(node, f"{what} has neither a title nor anything to show; give it a title, points or a body")
            title = None
        confidence = self.confidence(f.get("confidence"))
        likelihood = self.likelihood(f.get("likelihood"), confidence, what)
        if layout is not None:
            for claim in ("points", "columns", "body", "chart", "timeline", "image", "below"):
                if claim in f:
                    self.error(f[claim][0], f"a {layout} slide makes no claims, so it takes no '{claim}'; move them to a slide of their own")
        point_pauses: list[int] = []
        points = self.points(f.get("points"), f"{what}: points", confidence, point_pauses)
        columns = self.columns(f.get("columns"), confidence, what)
        figures = FigureReader(self)
        chart_ok, chart = figures.chart(f.get("chart"), what, confidence)
        timeline_ok, timeline = figures.timeline(f.get("timeline"), what, confidence)
        image_ok, images = figures.images(f.get("image"), what)
        slide_sources = self.source_ids(f.get("sources"), f"{what}: sources")
        fields = dict(
            subtitle=self.text_value(f.get("subtitle"), f"{what}: subtitle"),
            section=self.text_value(f.get("section"), f"{what}: section"),
            body=self.text_value(f.get("body"), f"{what}: body", inline=False),
            below=self.text_value(f.get("below"), f"{what}: below", inline=False),
            notes=self.text_value(f.get("notes"), f"{what}: notes", inline=False),
        )
        reveal = self.bool_value(f.get("reveal"), f"{what}: reveal", False)
        align = self.choice(f["align"][1], ALIGNS, f"{what}: align") if "align" in f else None
        appendix = self.bool_value(f.get("appendix"), f"{what}: appendix", False)
        if title is None or points is None or columns is None or not (chart_ok and timeline_ok and image_ok):
            return None
        return Slide(
            title=title,
            confidence=confidence,
            points=points,
            columns=columns,
            sources=slide_sources,
            pos=node.start,
            confidence_pos=f["confidence"][1].start if "confidence" in f else node.start,
            span=_span(self.text, node, self.shift),
            subtitle=fields["subtitle"],
            section=fields["section"],
            body=fields["body"],
            below=fields["below"],
            notes=fields["notes"],
            layout=layout,
            reveal=reveal,
            appendix=appendix,
            chart=chart,
            timeline=timeline,
            images=images,
            likelihood=likelihood,
            point_pauses=tuple(sorted(set(point_pauses))),
            align=align,
        )

    def slide_layout(self, node: Node, what: str) -> str | None:
        value = next((v for k, v in node.value if k.value == "layout"), None)
        if value is None:
            return None
        return self.choice(value, LAYOUTS, f"{what}: layout", " (an ordinary slide needs no layout)")

    def points(
        self, pair: tuple[Node, Node] | None, what: str, slide_confidence: Confidence | None, pauses: list[int] | None = None
    ) -> tuple[Point, ...] | None:
        """The points; a `<!-- pause -->` among them (presenterm's habit) is a pause before the next point,
        its index put in `pauses` (where pauses are not taken, in a column, it is said and dropped)."""
        points: list[Point] = []
        ok = True
        fallback = slide_confidence  # None: words, on a slide without a label
        for i, node in enumerate(self.items(pair, what)):
            if node.kind == "scalar" and isinstance(node.value, str) and PAUSE.fullmatch(node.value.strip()):
                if pauses is not None:
                    pauses.append(len(points))
                else:
                    self.warn(node, "a pause among a column's points is not a step; write the column's words as its body, with pauses there")
                continue
            if node.kind == "scalar" and isinstance(node.value, str):
                points.append(Point(self.clean(node, node.value), fallback, pos=node.start))
                continue
            if node.kind != "map":
                self.error(node, f"{what}[{i}] must be a string or a mapping with 'text', got {_describe(node)}{_quote_hint(node)}")
                ok = False
                continue
            if len(node.value) == 1 and node.value[0][0].value not in POINT_KEYS and node.value[0][1].kind == "scalar":
                # `- Note: this has a colon` is YAML for a mapping: the point meant is the whole line
                key, value = node.value[0]
                line = f"{key.value}: {'' if value.value is None else value.value}".strip()
                quote = "'" if '"' in line else '"'
                self.error(node, f"{what}[{i}] has ': ' in it, which YAML reads as a key; quote the point: - {quote}{visible(line)}{quote}")
                ok = False
                continue
            f = self.fields(node, POINT_KEYS, ("text",), f"{what}[{i}]")
            text = self.text_value(f.get("text"), f"{what}[{i}].text")
            own = self.confidence(f.get("confidence"))
            likelihood = self.likelihood(f.get("likelihood"), own or fallback, f"{what}[{i}]")
            ids = self.source_ids(f.get("sources"), f"{what}[{i}].sources")
            if text is None:
                ok = False
                continue
            points.append(Point(text, own or fallback, own is not None, ids, node.start, likelihood))
        return tuple(points) if ok else None

    def columns(self, pair: tuple[Node, Node] | None, slide_confidence: Confidence | None, slide_what: str) -> tuple[Column, ...] | None:
        columns = []
        ok = True
        for i, node in enumerate(self.items(pair, f"{slide_what}: columns")):
            what = f"{slide_what}: columns[{i}]"
            if node.kind != "map":
                self.error(node, f"{what} must be a mapping with 'points' or a 'body' (and a 'title' if you like), got {_describe(node)}")
                ok = False
                continue
            f = self.fields(node, COLUMN_KEYS, (), what)  # a column's title is optional, as in most talks
            title = self.text_value(f.get("title"), f"{what}.title") if "title" in f else ""
            if not {"title", "body", "points", "image"} & set(f):
                self.error(node, f"{what} is empty; give it a body, points or an image")
            width = self.int_value(f["width"][1], f"{what}.width", 1, 12) if "width" in f else 1
            points = self.points(f.get("points"), f"{what}.points", slide_confidence)
            body = self.text_value(f.get("body"), f"{what}.body", inline=False)
            images_ok, images = FigureReader(self).images(f.get("image"), what, in_column=True)
            if title is None or points is None or not images_ok:
                ok = False
                continue
            columns.append(Column(title, body, points, node.start, width or 1, images))
        return tuple(columns) if ok else None
