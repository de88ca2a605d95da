"""Text hygiene: what a deck says is shown as text, never as terminal control."""

from __future__ import annotations

import re

from .fences import Fences

# Removed from deck text, by class:
# - C0 controls except tab and newline, DEL, C1 controls: they drive the terminal;
# - bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): text displays otherwise than it reads;
# - invisible characters that hide text or change how it compares (U+200B zero width space, U+2060-U+2064
#   word joiner and invisible operators, U+FEFF inside text, U+180E, tag characters U+E0000-U+E007F).
# Kept on purpose: U+200C/U+200D (zero width non-joiner and joiner: needed by many scripts and by emoji
# sequences), U+00AD (soft hyphen: a hint for breaking words, never hides anything).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e\U000e0000-\U000e007f]")


# Whole escape sequences (CSI such as colours and cursor moves, OSC such as titles and links),
# so that no half of one is left behind as visible noise.
_SEQUENCES = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x9b[0-?]*[ -/]*[@-~]")


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def strip_unsafe(text: str) -> str:
    """Remove control characters and escape sequences' introducers, keeping tabs and newlines."""
    if not _UNSAFE.search(text):  # every sequence starts with a character _UNSAFE matches
        return text
    return _UNSAFE.sub("", _SEQUENCES.sub("", text))


def visible(text: str) -> str:
    """Unsafe characters spelled out (\\x1b), for messages that quote what a file holds."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def html_text(value: str) -> str:
    """Deck text as HTML text: unsafe characters removed, then escaped (the HTML page and its drawings)."""
    import html

    return html.escape(strip_unsafe(value))


_SHORTCODE = re.compile(r":[a-z0-9_+-]{2,}:")  # :tada:, :+1:, :thumbsup:
_CODE = re.compile(r"(^[ \t]*(```|~~~).*?(^[ \t]*\2[`~]*[ \t]*$|\Z)|`+[^`\n]*`+)", re.M | re.S)


def emojize(text: str) -> str:
    """Emoji shortcodes (`:tada:`, GitHub's and Slack's aliases) as the emoji, except in code. The emoji
    package loads only for text that may hold one."""
    if ":" not in text or not _SHORTCODE.search(text):
        return text
    import emoji

    pieces, position = [], 0
    for match in _CODE.finditer(text):
        pieces += [emoji.emojize(text[position : match.start()], language="alias"), match.group(0)]
        position = match.end()
    pieces.append(emoji.emojize(text[position:], language="alias"))
    return "".join(pieces)


_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # <span class="x">, </b>, <br/>: never an autolink (<https://...>)


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s")
_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)  # an inline code span


def _blocks(text: str) -> list[tuple[bool, str]]:
    """The text as (code, part) pieces in order: fenced code (closed by a fence of its character at least
    as long) and indented code (after a blank line, not in a list) are code; the rest is prose."""
    pieces: list[tuple[bool, list[str]]] = []
    reader = Fences()
    blank, in_list = True, False
    for line in text.split("\n"):
        kind = reader.step(line)
        if kind in ("inside", "closes"):
            pieces[-1][1].append(line)
            continue
        after_code = bool(pieces) and pieces[-1][0]
        indented = line.startswith(("    ", "\t")) and (blank or after_code) and not in_list
        code = kind == "opens" or (indented and bool(line.strip()))
        if not pieces or pieces[-1][0] != code:
            pieces.append((code, []))
        pieces[-1][1].append(line)
        if line.strip():
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line.startswith((" ", "\t")))
            blank = False
        else:
            blank = True
    return [(code, "\n".join(lines)) for code, lines in pieces]


def _prose(prose: str) -> list[tuple[str, str]]:
    """Prose as ('text' | 'span' | 'comment', part) pieces, read left to right: a comment runs to its `-->`
    whatever it holds (a code span in it is the comment's); a code span outside a comment is code."""
    pieces: list[tuple[str, str]] = []
    position = 0
    while position < len(prose):
        comment, tick = prose.find("<!--", position), prose.find("`", position)
        if comment < 0 and tick < 0:
            pieces.append(("text", prose[position:]))
            break
        if comment >= 0 and (tick < 0 or comment < tick):
            end = prose.find("-->", comment + 4)
            if end < 0:  # never closed: no comment, words
                pieces.append(("text", prose[position:]))
                break
            pieces += [("text", prose[position:comment]), ("comment", prose[comment : end + 3])]
            position = end + 3
            continue
        span = _SPAN.match(prose, tick)
        run = len(prose[tick:]) - len(prose[tick:].lstrip("`"))
        if span is None:  # a lone run of backticks: words
            pieces.append(("text", prose[position : tick + run]))
            position = tick + run
            continue
        pieces += [("text", prose[position:tick]), ("span", span.group(0))]
        position = span.end()
    return pieces


def comments(text: str) -> list[str]:
    """The insides of the HTML comments in deck Markdown, outside code (pauses are comments too; a code
    span inside a comment is the comment's)."""
    if "<!--" not in text:
        return []
    return [piece[4:-3] for code, part in _blocks(text) if not code for kind, piece in _prose(part) if kind == "comment"]


def html_tags(text: str) -> list[str]:
    """The HTML tags written in deck Markdown, outside code."""
    if "<" not in text:
        return []
    return [m.group(0) for code, part in _blocks(text) if not code for kind, piece in _prose(part) if kind == "text" for m in _TAG.finditer(piece)]


def without_html(text: str | None) -> str | None:
    """Deck Markdown without its HTML comments and tags (outside code), one behaviour everywhere: a comment
    is the author's and shows nowhere; a tag's words show, the tag does not (the terminal drops raw HTML;
    an export would print it as text)."""
    if not text or "<" not in text:
        return text

    def clean(part: str) -> str:
        return "".join("" if kind == "comment" else piece if kind == "span" else _TAG.sub("", piece) for kind, piece in _prose(part))

    return "\n".join(part if code else clean(part) for code, part in _blocks(text))
