"""Deck Markdown as HTML, as markdown-it writes it, without markdown-it for the common run of text.

Most deck text is words with **strong**, *emphasis* and `code`: written here by CommonMark's rules, with
markdown-it's own character classes, that costs a tenth of parsing, and markdown-it is imported only for
the rest (35 ms for a command). A property test finds the two identical wherever the fast path answers.
`parser()` is the project's markdown-it setup: the HTML export renders with it, images in deck text are
found with it (imagefile), and the terminal reads a point's inline Markdown with it (tui/inline.py). Rich's
Markdown, which draws bodies and notes on screen, builds its own."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from typing import TYPE_CHECKING

from .text import strip_unsafe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


# Raw HTML off: deck text is shown as text. markdown-it's own link check refuses javascript:, vbscript:,
# file: and data: (but for images) links.
@functools.cache
def parser() -> MarkdownIt:
    """The parser, made on first need (importing markdown-it costs a command about 35 ms, and most deck
    text never needs it: see simple_inline)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


_MARKDOWN = frozenset("*_`[]<>!\\~&#|-+=0123456789:")  # no Markdown construct starts without one of these
_INLINE_MARKDOWN = frozenset("*_`[]<>!\\~&\n")  # nor any inline one (digits, '-' and '#' only start blocks)


def _escape(value: str) -> str:
    return html.escape(value, quote=False).replace('"', "&quot;")  # as markdown-it escapes text


def inline_html(value: str) -> str:
    """Deck text as inline HTML, as markdown-it writes it (raw HTML shown as text)."""
    value = strip_unsafe(value)
    if not _INLINE_MARKDOWN.intersection(value):
        return _escape(value)  # plain words: the parser would only escape them (about 10x faster)
    fast = simple_inline(value) if "\n" not in value else None
    if fast is not None:
        return fast
    rendered: str = parser().renderInline(value)
    return rendered


def block_html(value: str) -> str:
    """Deck Markdown as HTML blocks, as markdown-it writes it (raw HTML shown as text)."""
    value = strip_unsafe(value)
    lines = value.strip("\n").split("\n")
    plain = not _MARKDOWN.intersection(value) and "" not in lines
    if plain and not any(line[:1] in " \t" or line.endswith((" ", "\t")) for line in lines):  # no indented code, no trailing space
        return f"<p>{_escape(value.strip())}</p>\n"  # one plain paragraph, as the parser would write it
    fast = simple_paragraphs(value)
    if fast is not None:
        return fast
    rendered: str = parser().render(value)
    return rendered


# -- the common case without the parser ----------------------------------------------------------------
# Most deck text is words with **strong**, *emphasis* and `code`. Written by the rules CommonMark gives
# (and with markdown-it's own character classes), that costs a tenth of parsing; anything else, or any
# doubt (nesting, a run that could both open and close), goes to markdown-it. A property test compares
# the two on generated text.

_NOT_SIMPLE_RE = re.compile(r"[\\\[\]<&_~]")  # escapes, links and images, HTML and entities, _ emphasis, strikethrough
_RUN = re.compile(r"\*+|`+")
_TAGS = {1: ("<em>", "</em>"), 2: ("<strong>", "</strong>")}


# markdown-it's character classes for emphasis (its isWhiteSpace, isMdAsciiPunct and isPunctChar), kept
# here so that most exports never import it; a test compares them with markdown-it's own
_WHITE_SPACE = frozenset((0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000))
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def white_space(ch: str) -> bool:
    code = ord(ch)
    return 0x2000 <= code <= 0x200A or code in _WHITE_SPACE


def punctuation(ch: str) -> bool:
    return ch in _ASCII_PUNCT if ch < "\x80" else unicodedata.category(ch).startswith(("P", "S"))


_ASCII_CLASSES = {chr(c): (white_space(chr(c)), punctuation(chr(c))) for c in range(128)}


def _classes(ch: str) -> tuple[bool, bool]:
    """(white space, punctuation), as markdown-it's scanDelims classes a character."""
    found = _ASCII_CLASSES.get(ch)
    return found if found is not None else (white_space(ch), punctuation(ch))


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) for the delimiter run text[start:end], as markdown-it decides."""
    last_space, last_punct = _classes(text[start - 1]) if start > 0 else (True, False)
    next_space, next_punct = _classes(text[end]) if end < len(text) else (True, False)
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    return left, right


def simple_inline(text: str) -> str | None:
    """`text` as markdown-it renders it inline, for text made of words, `code` and unnested * or **
    emphasis; None for anything else."""
    if _NOT_SIMPLE_RE.search(text):
        return None
    # escaped first: '>' and '"' become entities that end in ';', punctuation as they were, so the
    # flanking rules below read the same
    text = _escape_plain(text)
    runs = _RUN.findall(text)
    if not runs:
        return text
    out: list[str] = []
    done = 0  # text before this is written
    opened: tuple[int, int] | None = None  # (index in out of the opener's placeholder, its length)
    spans = [m.span() for m in _RUN.finditer(text)]
    i = 0
    count = len(spans)
    while i < count:
        start, end = spans[i]
        run = runs[i]
        if run[0] == "`":
            closer = i + 1
            while closer < count and runs[closer] != run:
                closer += 1
            if closer == count:  # no closing run of the same length: the backticks are text
                i += 1
                continue
            out.append(text[done:start])
            code = text[end : spans[closer][0]].replace("\n", " ")
            if code[:1] == " " and code[-1:] == " " and code.strip(" "):
                code = code[1:-1]
            out.append(f"<code>{code}</code>")
            done = spans[closer][1]
            i = closer + 1
            continue
        length = end - start
        if length > 2:
            return None
        left, right = _flanking(text, start, end)
        if left and right:
            return None  # could open and close: CommonMark's finer rules decide
        if left:
            if opened is not None:
                return None  # nested
            out.append(text[done:start])
            opened = (len(out), length)
            out.append(run)  # the marks, until a closer makes them a tag
            done = end
        elif right and opened is not None:
            if opened[1] != length:
                return None
            out.append(text[done:start])
            out[opened[0]] = _TAGS[length][0]
            out.append(_TAGS[length][1])
            opened = None
            done = end
        i += 1
    out.append(text[done:])
    return "".join(out)


def _escape_plain(text: str) -> str:
    """_escape for text that holds no '&' or '<' (simple_inline's)."""
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text.replace('"', "&quot;") if '"' in text else text


_BLOCK_START = re.compile(r"(?:[#>|=+-]|\d{1,9}[.)]|\*(?:\s|\*\*|$)|[*-]{3}|(\*)(?:\s*\*){2,}\s*$)")  # the last: a rule, '** *'


def simple_paragraphs(text: str) -> str | None:
    """`text` as markdown-it renders it, for paragraphs of simple inline text (see simple_inline) whose lines
    start no block (no heading, list, quote, table, code or rule) and end without a hard break; None otherwise."""
    out = []
    paragraph: list[str] = []
    for line in text.split("\n") + [""]:
        if not line.strip(" \t"):  # blank as Markdown sees it: spaces and tabs only
            if paragraph:
                inline = simple_inline("\n".join(paragraph))
                if inline is None:
                    return None
                out.append(f"<p>{inline}</p>\n")
                paragraph = []
            continue
        if line != line.strip() or _BLOCK_START.match(line) or "|" in line or "```" in line or "~~~" in line:
            return None
        paragraph.append(line)
    return "".join(out)
