"""What every Markdown-like exporter shares: escaping deck text, filtering claims, numbering sources."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..core.model import Deck
from ..core.text import strip_unsafe
from ..core.view import legend
from . import ExportOptions

# What would make one line of inline text a block: a list or heading marker followed by a space (or
# nothing), a quote marker, a numbered-list marker. `**bold**` or `-3` at the start are text, kept as written.
# '#' is escaped whatever follows it: '#tag' is not a heading to CommonMark, but markdownlint (MD018) and
# some readers take it for one
_BLOCK_START = re.compile(r"^(\s*)(?:(#|[+*-](?=\s|$))|(>)|(\d+)([.)])(?=\s|$))")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?=\s|$)")
_BARE_URL = re.compile(r"(?<![(<\w/])(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:'\"!?])")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}=+\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})(.*)$")
_BACKTICKS = re.compile(r"`+")
_HTML = re.compile(r"[<>]")


def code_spans(line: str) -> list[tuple[int, int]] | None:
    """Where the code spans of a line are, in the one case read the same by every CommonMark reader:
    single backticks, none escaped, pairing up within the line. None for anything else (runs of two or
    more, an escaped or unpaired backtick): then nothing on the line is taken for code, so nothing can
    be mistaken for code that a renderer reads as HTML."""
    runs = list(_BACKTICKS.finditer(line))
    if not runs:
        return []
    if len(runs) % 2 or any(len(run.group()) != 1 for run in runs) or "\\`" in line:
        return None
    return [(runs[i].start(), runs[i + 1].end()) for i in range(0, len(runs), 2)]


def _outside_code(line: str, change: Callable[[str], str], spans: list[tuple[int, int]] | None) -> str:
    """`change` applied to the parts of `line` that are not code (all of it when spans is None)."""
    if spans is None:
        return change(line)
    out, last = [], 0
    for start, end in spans:
        out += [change(line[last:start]), line[start:end]]
        last = end
    out.append(change(line[last:]))
    return "".join(out)


_SAFE_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>", re.IGNORECASE)


def _entities(text: str) -> str:
    """'<' made an entity, so that no raw HTML or comment can open; an autolink to a web or mail address
    stays a link, and '>' (a quote marker, or text) needs nothing: alone it opens nothing."""
    out, last = [], 0
    for match in _SAFE_AUTOLINK.finditer(text):
        out += [text[last : match.start()].replace("<", "&lt;"), match.group()]
        last = match.end()
    out.append(text[last:].replace("<", "&lt;"))
    return "".join(out)


def _escape_html_outside_code(line: str, trust_code: bool = True) -> str:
    """'<' and '>' become entities, so that no raw HTML or comment can open; code spans are left alone."""
    if "<" not in line and ">" not in line:
        return line
    return _outside_code(line, _entities, code_spans(line) if trust_code else None)


def _autolink(line: str) -> str:
    if "://" not in line:
        return line
    spans = code_spans(line)
    if spans is None:
        return line  # no autolinks where code is unclear: a plain URL still reads as one
    return _outside_code(line, lambda part: _BARE_URL.sub(r"<\1>", part), spans)


SAFE_SCHEMES = ("http", "https", "mailto")
_LINK_TARGET = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_DATA_PICTURE = re.compile(r"!\[[^\]\n]*\]\(data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]*\)")
_REFERENCE_DEFINITION = re.compile(r"^(\s{0,3})\[[^\]]*\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]+")


def safe_url(url: str) -> bool:
    """Only web and mail links, or relative paths: never javascript:, data:, file: or vbscript:."""
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:", url)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def inert(line: str, trust_code: bool = True) -> str:
    """A line of deck Markdown that cannot become active content in any target format:
    pandoc's raw attributes (`x`{=html}) are escaped, and links to other schemes than http, https and
    mailto stay text (their brackets escaped)."""
    if "{" in line:  # pandoc reads {...} after a link, image, span, code or heading as attributes (onload=...)
        line = _outside_code(line, lambda part: part.replace("{", "\\{"), code_spans(line) if trust_code else None)
    if "](" in line:
        # a picture put inside the page by the export (a data URI, shown by an <img>, which runs nothing) is kept
        kept = [m.span() for m in _DATA_PICTURE.finditer(line)] if "](data:image/" in line else []

        def target(m: re.Match[str]) -> str:
            if m.group(1).lower() in SAFE_SCHEMES or any(start < m.start() < end for start, end in kept):
                return m.group(0)
            return "\\]\\(" + m.group(0)[2:]

        line = _LINK_TARGET.sub(target, line)
    definition = _REFERENCE_DEFINITION.match(line)
    if definition and definition.group(2).lower() not in SAFE_SCHEMES:
        line = definition.group(1) + "\\" + line[len(definition.group(1)) :]
    return line


def inline(text: str, table: bool = False, autolink: bool = False) -> str:
    """Deck text as one line of inline Markdown that cannot start a block or inject HTML."""
    text = " ".join(strip_unsafe(text).split())
    text = inert(_escape_html_outside_code(text))
    if autolink:
        text = _autolink(text)
    if table:  # a cell cannot start a block, but a pipe would end it
        return text.replace("|", "\\|")
    if re.fullmatch(r"\s*[-*_][-*_\s]*", text):  # '---' (or '--' after a list's '- ') would be a rule, which splits slides
        return "\\" + text.lstrip()
    return _BLOCK_START.sub(_escape_block_start, text, count=1)


def _escape_block_start(m: re.Match[str]) -> str:
    marker = m.group(2) or m.group(3)
    if marker:  # '#', '>', '-', ... : escape the marker itself
        return m.group(1) + "\\" + marker
    return m.group(1) + m.group(4) + "\\" + m.group(5)  # '1.' -> '1\.': digits cannot be escaped


def block(
    text: str,
    forbidden_line_starts: tuple[str, ...] = (),
    raw_separators: bool = False,
    heading_floor: int | None = None,
    fence_language: str | None = None,
    headings: bool = True,
) -> str:
    """Deck Markdown (lists, tables, code) kept as Markdown, with what could break the output neutralized:
    raw HTML and comments, thematic breaks (slide separators in Marp and pandoc), and any line start
    that the format gives a meaning of its own (e.g. reveal.js 'Note:', pandoc ':::').

    `raw_separators`: the format splits slides on the raw text, even inside code (reveal.js), so a
    code line of dashes alone gets a trailing space that keeps it from matching.
    `heading_floor`: headings in the text are made at least this deep (a document's outline stays whole).
    `fence_language`: given to code fences that name none (linters ask for one).
    `headings`: False where a heading would be taken for a slide or section (pandoc's speaker notes, which
    pandoc turns into a slide of their own when they hold one): a heading's words are written in bold."""
    lines = []
    fence: str | None = None
    open_span = False  # a code span left open on an earlier line of this paragraph: trust no code until it ends
    for line in strip_unsafe(text).expandtabs(4).splitlines():
        line = line.rstrip()
        match = _FENCE.match(line)
        if match and match.group(1)[0] == "`" and "`" in match.group(2):
            match = None  # CommonMark: a backtick fence's info string holds no backtick, so this is no fence
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not match.group(2).strip():
                fence = None
            elif raw_separators and re.fullmatch(r"-{2,}", line.strip()):
                line += " "
            elif raw_separators and line.lstrip().lower().startswith(forbidden_line_starts):
                # reveal.js splits the raw text, code included: a word joiner keeps 'Note:' from matching
                line = re.sub(r"(?i)(notes?)(\s*:)", "\\1\u2060\\2", line, count=1) if ":" in line else line
            lines.append(line)
            continue
        if match:
            fence = match.group(1)
            # the info string keeps a plain language word only: pandoc reads {=html} as raw HTML and
            # {.class onload=...} as attributes of the code block
            word = match.group(2).strip().split(" ")[0] if match.group(2).strip() else ""
            line = line[: len(line) - len(line.lstrip())] + fence + (word if _LANGUAGE.fullmatch(word) else "")
            if fence_language and not line.strip()[len(fence) :].strip():
                line += fence_language
            lines.append(line)
            continue
        if (
            (_SETEXT_UNDERLINE.match(line) or re.match(r"^\s{0,3}-+\s*$", line))
            and lines
            and lines[-1].strip()
            and not lines[-1].lstrip().startswith(("#", ">"))
            and not _LIST_ITEM.match(lines[-1])  # '--' is a paragraph, '- a' an item (an underline cannot end it)
        ):
            if lines[-1].lstrip().startswith("|"):  # a table's delimiter row has pipes: this would make '|' a heading
                lines.append("\\" + line.lstrip())
                continue
            # a setext heading (text, then a line of = or -) becomes the same heading written with #
            lines[-1] = ("# " if "=" in line else "## ") + lines[-1].strip()
            if not headings:
                lines[-1] = _bold(lines[-1])
            elif heading_floor:
                level = 1 if "=" in line else 2
                lines[-1] = "#" * max(heading_floor, level) + lines[-1][level:]
            continue
        heading = _ATX_HEADING.match(line)
        if heading and not headings:
            line = _bold(line)
        elif heading and heading_floor:
            line = "#" * max(heading_floor, len(heading.group(1))) + line[heading.end(1) :]
        if _THEMATIC_BREAK.match(line):
            line = ""  # a rule would split the slide in Marp, pandoc and reveal.js: a gap says the same here
        if not line.strip():
            open_span = False  # a blank line ends the paragraph, and any code span with it
        spans = code_spans(line)
        trust = not open_span and spans is not None
        if line.count("`") % 2:
            open_span = not open_span
        line = inert(_escape_html_outside_code(line, trust_code=trust), trust_code=trust)
        if fence_language:  # a handout: bare URLs become autolinks
            line = _autolink(line)
        stripped = line.lstrip()
        if any(stripped.lower().startswith(start.lower()) for start in forbidden_line_starts):
            line = line[: len(line) - len(stripped)] + _defuse_first(stripped)
        lines.append(line)
    if fence is not None:  # close a fence the author left open, so that it cannot swallow the rest
        lines.append(fence)
    while lines and not lines[-1]:
        lines.pop()
    return _squeeze_blank_lines("\n".join(_tidy_tables(lines)))


def _bold(heading: str) -> str:
    """An ATX heading line as a paragraph of its words in bold (closing #s dropped)."""
    words = re.sub(r"\s+#+\s*$", "", _ATX_HEADING.sub("", heading, count=1)).strip()
    return f"**{words}**" if words else ""


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in _CELL_SPLIT.split(inner)]


def table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _tidy_tables(lines: list[str]) -> list[str]:
    """Pipe tables written the way Markdown linters expect: one space around every cell."""
    out = list(lines)
    i = 0
    while i + 1 < len(out):
        header, delimiter = out[i].strip(), out[i + 1].strip()
        cells = _cells(delimiter) if "|" in delimiter else []
        if header.startswith("|") and cells and all(_DELIMITER_CELL.match(c) for c in cells):
            out[i] = table_row(_cells(header))
            out[i + 1] = table_row([c.replace("-" * len(c.strip(":")), "---") for c in cells])
            j = i + 2
            while j < len(out) and out[j].strip().startswith("|"):
                out[j] = table_row(_cells(out[j]))
                j += 1
            i = j
        else:
            i += 1
    return out


def _defuse_first(text: str) -> str:
    """The text, its first character made inert: a backslash escape for punctuation, else an entity
    (a backslash before a letter would show)."""
    first = text[0]
    return ("\\" + first if first in _PUNCTUATION else f"&#{ord(first)};") + text[1:]


_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _squeeze_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text)


def comment_text(text: str) -> str:
    """Text safe inside an HTML comment: it cannot close the comment or open another."""
    text = strip_unsafe(text).replace("-->", "-- >").replace("<!--", "< !--").replace("--!>", "-- !>")
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


def left_out_line(count: int, options: ExportOptions) -> str:
    minimum = options.min_confidence
    noun = "claim" if count == 1 else "claims"
    level = minimum.value if minimum else ""
    return f"{count} {noun} weaker than {level} left out of this export."


def legend_lines(deck: Deck) -> list[str]:
    """The deck's legend (core.view.legend), one Markdown line a level."""
    return [f"**{level.label}**: {inline(meaning)}" for level, meaning in legend(deck)]
