"""A point as one line of inline Markdown: bold, italic, code, strikethrough and links, never a block.

`1. Install the CLI`, `# of GPUs: 8` and `- starts with a dash` are a point's words, not a list, a
heading or a nested bullet: only inline syntax is read (markdown-it's inline parser, the one Rich
uses), so nothing a point says can change the slide's layout. Parsed once per text and kept.
"""

from __future__ import annotations

from functools import lru_cache

from rich.style import Style
from rich.text import Text

from ..core.markdown import parser as _parser  # the project's one markdown-it setup, made on first need

_PLAIN = frozenset("*_`[]<>!\\~&")  # no inline construct starts without one of these

_STYLES = {
    "strong": Style(bold=True),
    "em": Style(italic=True),
    "s": Style(strike=True),
}


@lru_cache(maxsize=4096)
def inline_text(text: str, code_style: str = "reverse") -> Text:
    """`text` as styled Rich Text (treat the result as read-only: it is shared)."""
    if not any(c in _PLAIN for c in text):
        return Text(text)
    out = Text()
    stack: list[Style] = []
    tokens = _parser().parseInline(text)
    children = tokens[0].children if tokens and tokens[0].children else []
    for token in children:
        kind = token.type
        current = Style.chain(*stack) if stack else Style()
        if kind == "text" or kind == "html_inline":
            out.append(token.content, style=current)  # raw HTML is shown as the text it is
        elif kind == "code_inline":
            out.append(token.content, style=current + Style.parse(code_style))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ", style=current)
        elif kind.endswith("_open"):
            name = kind[: -len("_open")]
            if name == "link":
                href = str(token.attrs.get("href", ""))
                stack.append(Style(underline=True, link=href if href.startswith(("http://", "https://", "mailto:")) else None))
            else:
                stack.append(_STYLES.get(name, Style()))
        elif kind.endswith("_close"):
            if stack:
                stack.pop()
        elif kind == "image":
            out.append(f"[image: {token.content}]", style=current)
        else:
            out.append(token.content, style=current)
    return out
