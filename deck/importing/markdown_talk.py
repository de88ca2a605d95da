"""A Markdown talk written for another tool, read into slides: where each slide starts, its title, its
words, its notes, its pauses and columns, as that tool reads them.

Dialects (the tool's name as `--from` takes it):
- presenterm: slides end at `<!-- end_slide -->`; a setext or ATX heading first on a slide is its title;
  `<!-- speaker_note: ... -->`; `<!-- pause -->`; `<!-- column_layout: [3, 2] -->`, `<!-- column: N -->`,
  `<!-- reset_layout -->`; other comments are its commands (`jump_to_middle`, `alignment`, ...).
- marp: `---` on a line of its own starts a slide; a heading first on a slide is its title; an HTML
  comment is a note unless it is a directive (`<!-- _class: lead -->`, `<!-- paginate: true -->`).
- pandoc (patat): a `% Title` block or YAML front matter; slides at the slide level (the highest heading
  level followed directly by content), and at `---`; `::: notes`; `:::: columns` / `::: {.column}`;
  `. . .` pauses.
- lookatme, slides: `---` starts a slide, as Marp.

Nothing here reads or writes files: `deck.importing` does, and turns this into a deck.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from ..core.fences import Fences
from ..core.fences import outside as outside_fences
from ..core.linesteps import groups

DIALECTS = ("presenterm", "marp", "pandoc", "lookatme", "slides")


@dataclass
class Loss:
    """Something of the talk deck cannot carry (or carries otherwise), and where."""

    line: int
    message: str


@dataclass
class Column:
    width: int
    text: str


@dataclass
class TalkSlide:
    line: int  # where the slide starts in the talk, from 1
    title: str = ""
    text: str = ""  # the slide's Markdown, title, notes and commands taken out
    notes: list[str] = field(default_factory=list)
    source: str = ""  # the slide as written in the talk (for the line of what is said)
    columns: list[Column] = field(default_factory=list)
    after_columns: str = ""  # words after the columns (presenterm's reset_layout)
    section: bool = False  # a heading above the slide level (pandoc): a section slide
    found: int = 0  # how far `line_of` has looked in the slide as written (a line said twice is found twice)
    centred: bool = False  # presenterm's jump_to_middle or alignment: center, Marp's lead class


@dataclass
class Talk:
    dialect: str
    meta: dict[str, str]  # front matter: title, author, date, ...
    slides: list[TalkSlide]
    losses: list[Loss]
    slide_level: int | None = None  # pandoc's: the heading level that starts a slide


_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_COMMENT = re.compile(r"^[ \t]*<!--(.*)-->[ \t]*$", re.S)  # a whole line (or lines joined): greedy, no backtracking scan
_MARP_DIRECTIVES = re.compile(
    r"^\s*_?(theme|class|paginate|header|footer|backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|"
    r"backgroundSize|color|size|headingDivider|style|math|lang|title|description|author|image|keywords|url|marp)\s*:",
    re.I,
)


def detect(text: str, meta: dict[str, str]) -> str:
    """The tool a talk was written for, from what it uses."""
    if re.search(r"^[ \t]*<!--[ \t]*(end_slide|speaker_note|column_layout|jump_to_middle|incremental_lists|reset_layout)\b", text, re.M):
        return "presenterm"
    if str(meta.get("marp", "")).lower() == "true":
        return "marp"
    if text.startswith("% ") or re.search(r"^(:::+)\s*(\{\.)?(notes|columns)\b", text, re.M) or re.search(r"^\. \. \.\s*$", text, re.M):
        return "pandoc"
    if "paging" in meta:
        return "slides"
    if "styles" in meta or "extensions" in meta:
        return "lookatme"
    if re.search(r"^---\s*$", text, re.M):
        return "marp"
    return "pandoc"  # headings only: slides at the slide level


def read_talk(text: str, dialect: str | None = None, slide_level: int | None = None) -> Talk:
    """The talk's slides, as the tool it was written for reads them."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    meta, body, offset, losses = _front_matter(text)
    chosen = dialect or detect(body, meta)
    level: int | None = None
    if chosen == "presenterm":
        slides = _split_at(body, offset, lambda line: re.fullmatch(r"\s*<!--\s*end_slide\s*-->\s*", line) is not None)
    elif chosen == "pandoc":
        slides, level = _split_pandoc(body, offset, slide_level)
    else:
        slides = _split_at(body, offset, lambda line: re.fullmatch(r"---\s*", line) is not None)
        if len(slides) == 1 and chosen in ("lookatme", "slides"):  # no rules: these tools split at headings then
            slides, _ = _split_pandoc(body, offset)
    for slide in slides:
        _read_slide(slide, chosen, losses)
    slides = [s for s in slides if s.title or s.text.strip() or s.columns or s.notes]
    return Talk(chosen, meta, slides, losses, level)


def _front_matter(text: str) -> tuple[dict[str, str], str, int, list[Loss]]:
    """YAML front matter (`---` ... `---`), or pandoc's `% title` block: its simple keys, the rest of the
    talk, and the line the rest starts on (from 0)."""
    import yaml

    losses: list[Loss] = []
    if text.startswith("% "):
        lines = text.split("\n")
        block = []
        while lines and lines[0].startswith("%"):
            block.append(lines.pop(0)[1:].strip())
        keys = ("title", "author", "date")
        return {k: v for k, v in zip(keys, block, strict=False) if v}, "\n".join(lines), len(block), losses
    match = re.match(r"---\n(.*?)\n(---|\.\.\.)\n", text, re.S)
    if not match:
        return {}, text, 0, losses
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: a date like 2024-13-45
        losses.append(Loss(1, f"the front matter is not YAML ({str(exc).splitlines()[0]}); its settings were not carried"))
        data = None
    meta: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
                meta[str(key)] = "" if value is None else str(value)
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                meta[str(key)] = ", ".join(value)
            else:  # a nested setting (a theme, styles): said below as not carried, by its keys
                meta[str(key)] = " ".join(str(k) for k in value) if isinstance(value, dict) else ""
    consumed = match.group(0)
    return meta, text[len(consumed) :], consumed.count("\n"), losses


def _split_at(body: str, offset: int, is_break: Callable[[str], bool]) -> list[TalkSlide]:
    lines = body.split("\n")
    outside = outside_fences(lines)
    slides: list[TalkSlide] = []
    current: list[str] = []
    start = 0
    for n, line in enumerate(lines):
        if outside[n] and is_break(line):
            slides.append(TalkSlide(offset + start + 1, text="\n".join(current)))
            current, start = [], n + 1
            continue
        current.append(line)
    slides.append(TalkSlide(offset + start + 1, text="\n".join(current)))
    return slides


def _headings(lines: list[str], outside: list[bool]) -> dict[int, tuple[int, str, int]]:
    """Line -> (level, text, lines it takes) for ATX and setext headings outside code."""
    found = {}
    for n, line in enumerate(lines):
        if not outside[n]:
            continue
        atx = _ATX.match(line)
        if atx:
            found[n] = (len(atx.group(1)), atx.group(2), 1)
        elif (
            n + 1 < len(lines)
            and outside[n + 1]
            and line.strip()
            and _SETEXT.match(lines[n + 1])
            and not _COMMENT.match(line)
            and not line.lstrip().startswith(("-", "*", ">", "|", "<"))
        ):
            found[n] = (1 if lines[n + 1].strip()[0] == "=" else 2, line.strip(), 2)
    return found


def _split_pandoc(body: str, offset: int, slide_level: int | None = None) -> tuple[list[TalkSlide], int]:
    """Pandoc's slide level (`slide_level`, as pandoc's --slide-level, else as pandoc finds it: the highest
    heading level followed directly by content); a heading above it is a section slide; `---` starts a slide too."""
    lines = body.split("\n")
    outside = outside_fences(lines)
    heads = _headings(lines, outside)
    followed = set()
    for n, (level, _, size) in heads.items():
        rest = n + size
        while rest < len(lines) and not lines[rest].strip():
            rest += 1
        if rest < len(lines) and rest not in heads:
            followed.add(level)
    level_of_slides = slide_level or (min(followed) if followed else 1)
    slides: list[TalkSlide] = []
    current: list[str] = []
    start = 0
    section = False
    skip = 0
    for n, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        head = heads.get(n)
        is_rule = outside[n] and re.fullmatch(r"(-{3,}|\*{3,}|_{3,})\s*", line) is not None and n not in heads and not _is_setext_line(heads, n)
        if (head and head[0] <= level_of_slides) or is_rule:
            slides.append(TalkSlide(offset + start + 1, text="\n".join(current), section=section))
            current, start, section = [], n, False
            if head:
                level, title, size = head
                section = level < level_of_slides
                current = [f"{'#' * level} {title}"]
                skip = size - 1
            continue
        current.append(line)
    slides.append(TalkSlide(offset + start + 1, text="\n".join(current), section=section))
    return slides, level_of_slides


def _is_setext_line(heads: dict[int, tuple[int, str, int]], n: int) -> bool:
    return n - 1 in heads and heads[n - 1][2] == 2


def _read_slide(slide: TalkSlide, dialect: str, losses: list[Loss]) -> None:
    """Take out of `slide.text` its title, its notes and the tool's commands (said as losses where deck
    does not do what they do), and split its columns."""
    text = slide.text
    slide.source = slide.source or text
    text = _take_notes(slide, text, dialect, losses)
    text = _commands(slide, text, dialect, losses)
    text = _leftover_comments(slide, text, dialect, losses)
    slide.found = 0
    lines = text.split("\n")
    outside = outside_fences(lines)
    heads = _headings(lines, outside)
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is not None and first in heads:
        _, title, size = heads[first]
        slide.title = plain_title(title)
        del lines[first : first + size]
    slide.text = "\n".join(lines).strip("\n")
    if dialect == "presenterm":
        _presenterm_columns(slide, losses)
    elif dialect == "pandoc":
        _pandoc_columns(slide, losses)
    slide.text = _tidy(slide, slide.text, dialect, losses)
    for column in slide.columns:
        column.text = _tidy(slide, column.text, dialect, losses)
    slide.after_columns = _tidy(slide, slide.after_columns, dialect, losses)


def plain_title(title: str) -> str:
    """A title as deck shows titles, as text: emphasis and code marks gone (`Introducing _presenterm_`),
    pandoc's attributes (`{ data-state=... }`) and HTML tags (`<br/>`) too."""
    title = re.sub(r"\s*\{[^{}]*[=#.][^{}]*\}\s*$", "", title)
    title = re.sub(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", " ", title)
    title = re.sub(r"(\*\*|__)(\S.*?\S|\S)\1", r"\2", title)
    title = re.sub(r"(?<![\w*])\*(\S.*?\S|\S)\*(?![\w*])", r"\1", title)
    title = re.sub(r"(?<!\w)_(\S.*?\S|\S)_(?!\w)", r"\1", title)
    title = re.sub(r"`([^`]+)`", r"\1", title)
    return " ".join(title.split())


def _each_comment(text: str, replace: Callable[[str], str | None]) -> str:
    """Each `<!-- ... -->` outside code, given to `replace` (its inside), which answers what stands in its
    place (None: the comment as written). In one pass: an unclosed comment is left as it is."""
    lines = text.split("\n")
    outside = outside_fences(lines)
    code: list[tuple[int, int]] = []  # character ranges of code lines
    offset = 0
    for line, out in zip(lines, outside, strict=True):
        if not out:
            code.append((offset, offset + len(line)))
        offset += len(line) + 1
    pieces, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        if any(low <= start <= high for low, high in code):
            pieces.append(text[position : end + 3])
        else:
            new = replace(text[start + 4 : end])
            pieces += [text[position:start], text[start : end + 3] if new is None else new]
        position = end + 3
    pieces.append(text[position:])
    return "".join(pieces)


def _take_notes(slide: TalkSlide, text: str, dialect: str, losses: list[Loss]) -> str:
    if dialect == "presenterm":

        def note(inside: str) -> str | None:
            match = re.match(r"[ \t\n]*speaker_note:", inside)
            if match is None:
                return None
            slide.notes.append(_speaker_note(inside, inside[match.end() :].strip()))
            return ""

        return _each_comment(text, note)
    if dialect == "pandoc":
        pattern = re.compile(r"^(:{3,})[ \t]*\{?\.?notes\}?[ \t]*\n(.*?)\n\1[ \t]*$", re.M | re.S)

        def pandoc_note(match: re.Match[str]) -> str:
            slide.notes.append(match.group(2).strip())
            return ""

        return pattern.sub(pandoc_note, text)
    if dialect == "marp":

        def comment(inside: str) -> str | None:
            inside = inside.strip()
            if _MARP_DIRECTIVES.match(inside):
                return None  # a directive: said among the commands
            if inside:
                slide.notes.append(inside)
            return ""

        return _each_comment(text, comment)
    return text


def _speaker_note(inside: str, plain: str) -> str:
    """presenterm's note as its YAML reads it (`speaker_note: |` and indented lines), else as written, a
    block's `|` or `>` taken off (presenterm reads a block indented no deeper than its key too)."""
    try:
        read = yaml.safe_load(textwrap.dedent(inside.strip("\n")))
    except yaml.YAMLError:
        read = None
    note = read.get("speaker_note") if isinstance(read, dict) else None
    if isinstance(note, str) and note.strip():
        return note.strip()
    block = re.match(r"[|>][+-]?[ \t]*\n", plain)
    return textwrap.dedent(plain[block.end() :]).strip() if block else plain


def _leftover_comments(slide: TalkSlide, text: str, dialect: str, losses: list[Loss]) -> str:
    """Comments over several lines, which no command reads: the author's own words, so into the notes
    (a comment left on a slide would show as text in the HTML page); Marp's directives over several lines
    read as Marp reads them (a `lead` class centres the slide)."""

    def moved(inside: str) -> str | None:
        if "\n" not in inside.strip("\n") and inside.strip().split(":")[0].strip().lower() in ("pause", *_PRESENTERM_KEPT):
            return None
        if dialect == "marp" and _MARP_DIRECTIVES.match(inside.strip()):
            try:
                read = yaml.safe_load(inside)
            except yaml.YAMLError:
                read = None
            classes = (read.get("class") or read.get("_class")) if isinstance(read, dict) else None
            if "lead" in (classes if isinstance(classes, list) else str(classes or "").split()):
                slide.centred = True
            if not (isinstance(read, dict) and set(read) <= {"class", "_class"} and classes):
                losses.append(
                    Loss(line_of(slide, "<!--"), f"Marp directive '{' '.join(inside.split())[:50]}' is not carried (deck's themes and layout apply)")
                )
            return ""
        if inside.strip():
            slide.notes.append(inside.strip())
            losses.append(Loss(line_of(slide, "<!--"), f"the comment '{' '.join(inside.split())[:50]}' is in the slide's notes"))
        return ""

    return _each_comment(text, moved)


def line_of(slide: TalkSlide, written: str) -> int:
    """The talk's line of the next line of the slide that starts with `written` (stripped), else the slide's first."""
    lines = slide.source.split("\n")
    for n in range(slide.found, len(lines)):
        if lines[n].strip().startswith(written.strip()):
            slide.found = n + 1
            return slide.line + n
    return slide.line


_PRESENTERM_KEPT = ("pause", "column_layout", "column", "reset_layout")
PAUSE_LINE = re.compile(r"[ \t]*<!--\s*pause\s*-->[ \t]*")


def _commands(slide: TalkSlide, text: str, dialect: str, losses: list[Loss]) -> str:
    """The tool's commands in comments: a pause stays (deck pauses the same way); the rest is said."""
    lines = text.split("\n")
    outside = outside_fences(lines)
    out = []
    for n, line in enumerate(lines):
        where = slide.line + n
        if dialect == "pandoc" and outside[n] and re.fullmatch(r"\. \. \.\s*", line):
            out.append("<!-- pause -->")
            continue
        match = _COMMENT.match(line) if outside[n] else None
        if not match:
            out.append(line)
            continue
        inside = match.group(1).strip()
        name = re.split(r"[\s:]", inside, maxsplit=1)[0].lower()
        if name == "pause" or (dialect == "presenterm" and name in _PRESENTERM_KEPT):
            out.append(line)
            continue
        if dialect == "lookatme" and name == "stop":  # lookatme's pause
            out.append("<!-- pause -->")
            continue
        if dialect == "presenterm" and (name == "jump_to_middle" or (name == "alignment" and "center" in inside)):
            slide.centred = True
        elif dialect == "presenterm" and name == "alignment":
            pass  # left, as deck lays a slide out anyway
        elif dialect == "presenterm" and name in ("new_line", "new_lines"):
            pass  # vertical space: deck spaces a slide itself
        elif dialect == "presenterm" and name == "incremental_lists":
            losses.append(
                Loss(where, "'incremental_lists' is not carried: put `<!-- pause -->` between the items, or write them as points with `reveal: true`")
            )
        elif dialect == "presenterm" and name in ("end_slide_shorthand", "skip_slide", "no_footer", "font_size", "list_item_newlines"):
            losses.append(Loss(where, f"'{inside}' (a presenterm setting) is not carried"))
        elif dialect == "marp" and re.fullmatch(r"_?class:\s*lead", inside):
            slide.centred = True  # Marp's lead slide: centred
        elif dialect == "marp" and _MARP_DIRECTIVES.match(inside):
            losses.append(Loss(where, f"Marp directive '{inside}' is not carried (deck's themes and layout apply)"))
        elif inside:  # the author's own comment: deck would show it as text, so it goes to the notes
            slide.notes.append(inside)
            losses.append(Loss(where, f"the comment '{inside[:50]}' is in the slide's notes (deck shows a comment on a slide as text)"))
    return "\n".join(out)


def _presenterm_columns(slide: TalkSlide, losses: list[Loss]) -> None:
    lines = slide.text.split("\n")
    layout = next((n for n, line in enumerate(lines) if re.fullmatch(r"\s*<!--\s*column_layout:.*-->\s*", line)), None)
    if layout is None:
        return
    widths = [min(int(w[:4]), 1000) for w in re.findall(r"\d+", lines[layout])][:12] or [1, 1]  # a width is a few digits
    before = lines[:layout]
    columns: dict[int, list[str]] = {}
    current: int | None = None
    after: list[str] = []
    resetted = False
    for line in lines[layout + 1 :]:
        column = re.fullmatch(r"\s*<!--\s*column:\s*(\d+)\s*-->\s*", line)
        if re.fullmatch(r"\s*<!--\s*reset_layout\s*-->\s*", line):
            resetted, current = True, None
            continue
        if column and not resetted:
            current = int(column.group(1))
            columns.setdefault(current, [])
            continue
        if resetted:
            after.append(line)
        elif current is not None:
            columns[current].append(line)
        elif line.strip():
            before.append(line)
    scale = max(widths)
    slide.columns = [
        Column(
            max(1, min(12, round(12 * widths[i] / sum(widths)))) if scale > 12 or sum(widths) > 12 else max(1, widths[i]),
            "\n".join(columns.get(i, [])).strip("\n"),
        )
        for i in range(len(widths))
        if "\n".join(columns.get(i, [])).strip()
    ]
    empty = [i for i in range(len(widths)) if not "\n".join(columns.get(i, [])).strip()]
    if empty:
        losses.append(
            Loss(
                slide.line,
                f"empty columns {empty} of the layout {widths} (space, or room for a picture) are dropped: deck sizes columns by their widths only",
            )
        )
    slide.text = "\n".join(before).strip("\n")
    slide.after_columns = "\n".join(after).strip("\n")
    # a pause that ends the words before a column (or before the columns) is a pause before that column:
    # deck reads a pause at the end of a text as nothing, so it moves to the start of the next one
    texts = [slide.text, *(column.text for column in slide.columns)]
    for n in range(len(texts) - 1):
        lines = texts[n].rstrip("\n").split("\n")
        if lines and PAUSE_LINE.fullmatch(lines[-1]):
            texts[n] = "\n".join(lines[:-1]).rstrip("\n")
            texts[n + 1] = "<!-- pause -->\n\n" + texts[n + 1]
    slide.text = texts[0]
    for kept, text in zip(slide.columns, texts[1:], strict=True):
        kept.text = text


def _pandoc_columns(slide: TalkSlide, losses: list[Loss]) -> None:
    match = re.search(r"^(:{4,})\s*\{?\.?columns\}?\s*\n(.*?)\n\1\s*$", slide.text, re.M | re.S)
    if not match:
        return
    inner = match.group(2)
    parts = re.findall(r"^(:{3})\s*\{\.column(?:\s+width=\"?(\d+)%?\"?)?\}\s*\n(.*?)\n\1\s*$", inner, re.M | re.S)
    columns = []
    for _, width, text in parts:
        share = min(int(width[:3]), 100) if width else 0
        columns.append(Column(max(1, min(12, round(share / 100 * 12))) if share else 1, text.strip("\n")))
    slide.columns = [c for c in columns if c.text.strip()]
    slide.after_columns = slide.text[match.end() :].strip("\n")
    slide.text = slide.text[: match.start()].strip("\n")


_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _tidy(slide: TalkSlide, text: str, dialect: str, losses: list[Loss]) -> str:
    """Code fences' info strings deck does not read, images sized or from the web, and emoji shortcodes."""
    if not text:
        return text
    lines = text.split("\n")
    reader = Fences()
    for n, line in enumerate(lines):
        if reader.step(line) == "opens":
            end = line.index(reader.fence or "") + len(reader.fence or "")
            info = line[end:].strip()
            if info:
                lines[n] = line[:end] + _fence_info(info, line_of(slide, line), losses)
    text = "\n".join(lines)
    if dialect == "pandoc":
        text = _unwrap_divs(slide, text, losses)

    def image(match: re.Match[str]) -> str:
        alt, src = match.group(1), match.group(2)
        words, attributes = alt, ""
        if dialect == "presenterm" and alt.startswith("image:"):  # ![image:width:50%](x.png)
            size = re.fullmatch(r"image:w(?:idth)?:(\d{1,3})%", alt.strip())
            words, attributes = "", f"{{width={size.group(1)}%}}" if size else ""
            if not size:
                losses.append(Loss(slide.line, f"the picture setting '{alt}' is not carried: deck takes a width in percent"))
        if dialect == "marp" and re.match(r"^(bg|w:|h:|width:|height:|contain|cover|fit)\b", alt):
            words, attributes = _marp_picture(alt, slide.line, losses)
        if re.match(r"^[a-z][a-z0-9+.-]*://", src, re.I):
            losses.append(Loss(slide.line, f"the picture at {src[:60]} is a link now: deck never fetches from the network; save it beside the deck"))
            return f"[{words or 'picture'}]({src})"
        return f"![{words}]({src}){attributes}"  # the attributes: read where the picture stands alone (deck's `image:`)

    return replace_outside_code(text, _IMAGE, image)  # emoji shortcodes: deck shows them as the emoji


_DIV = re.compile(r"[ \t]*:{3,}[ \t]*(?:\{[^}\n]*\}|[\w.-]+)?[ \t]*")


def _unwrap_divs(slide: TalkSlide, text: str, losses: list[Loss]) -> str:
    """pandoc's fenced divs (`::: big` ... `:::`) that deck does not read: their words kept, the fences said."""
    lines = text.split("\n")
    outside = outside_fences(lines)
    kept = [line for n, line in enumerate(lines) if not (outside[n] and _DIV.fullmatch(line))]
    if len(kept) < len(lines):
        opening = next(line for n, line in enumerate(lines) if outside[n] and _DIV.fullmatch(line))
        losses.append(Loss(line_of(slide, opening), f"pandoc's fenced divs ({opening.strip()[:30]}) are not carried: their words are kept"))
    return "\n".join(kept)


def _marp_picture(alt: str, line: int, losses: list[Loss]) -> tuple[str, str]:
    """Marp's settings in a picture's alt text (`bg right:40%`, `w:300`): the width and place deck takes,
    as pandoc-style attributes, and the words left; what deck does otherwise is said."""
    words = alt.split()
    attributes = []
    if "bg" in words:
        side = next((w for w in words if w.split(":")[0] in ("left", "right")), None)
        if side is None:
            losses.append(Loss(line, f"Marp's background picture '{alt}' is drawn as a picture under the words"))
        else:
            attributes.append("place=right")
            if side.startswith("left"):
                losses.append(Loss(line, f"Marp's '{alt}' is drawn on the right: deck puts pictures beside the words on the right"))
            if ":" in side and re.fullmatch(r"\d{1,3}%", side.split(":", 1)[1]):
                attributes.append(f"width={side.split(':', 1)[1]}")
    width = next((w for w in words if re.fullmatch(r"w(?:idth)?:\d{1,5}(?:px)?", w)), None)
    if width is not None:
        pixels = int(re.sub(r"\D", "", width.split(":", 1)[1]))
        attributes.append(f"width={max(1, min(100, round(pixels * 100 / 1280)))}%")  # of Marp's 1280-pixel slide
    setting = re.compile(r"^(bg|left|right|contain|cover|fit|vertical|auto|[wh]:\S+|width:\S+|height:\S+|(left|right):\S+|\d+%)$")
    ignored = [w for w in words if setting.match(w) and w not in ("bg", "contain", "fit") and not w.startswith(("left", "right", "w:", "width:"))]
    if ignored:
        losses.append(Loss(line, f"Marp's picture setting {' '.join(ignored)} is not carried"))
    return " ".join(w for w in words if not setting.match(w)), f"{{{' '.join(attributes)}}}" if attributes else ""


_DECK_INFO = ("+exec", "+exec_replace")


def _fence_info(info: str, line: int, losses: list[Loss]) -> str:
    """A fence's language, the attributes deck runs by (`+exec`, `+exec_replace`) and its line groups
    (`{1,3-4|5}`, highlighted a group at a time); the rest said."""
    grouped = re.search(r"\{([^}]*)\}", info)
    lines = f" {{{grouped[1].replace(' ', '')}}}" if grouped and groups(grouped[1]) else ""
    if grouped and not lines:
        losses.append(Loss(line, f"the line highlights {grouped[0].strip()} are not carried: deck reads groups of line numbers like {{1,3-4|5|all}}"))
    info = info[: grouped.start()] + info[grouped.end() :] if grouped else info
    words = info.split()
    language = words[0] if words and not words[0].startswith(("+", "{")) else ""
    kept = [w for w in words[1:] if w in _DECK_INFO]
    dropped = [w for w in words[(1 if language else 0) :] if w not in _DECK_INFO]
    if dropped:
        losses.append(
            Loss(line, f"code attributes {' '.join(dropped)} are not carried (deck reads a language, +exec, +exec_replace and line groups)")
        )
    if any(w in ("+exec", "+exec_replace") for w in kept) and language.lower() not in _RUNS:
        losses.append(
            Loss(line, f"a runnable '{language}' block: deck runs bash, sh, python, node, ruby and perl; it will say it cannot run this one")
        )
    return " ".join([language, *kept]).strip() + lines


_RUNS = ("bash", "sh", "shell", "zsh", "python", "python3", "py", "node", "javascript", "js", "ruby", "rb", "perl")


def replace_outside_code(text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> str:
    lines = text.split("\n")
    outside = outside_fences(lines)
    return "\n".join(pattern.sub(replace, line) if outside[n] else line for n, line in enumerate(lines))
