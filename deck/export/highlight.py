"""Code in the HTML page (and so the PDF) coloured by its language, with Pygments, which the terminal's
highlighter (Rich's Syntax) uses too: monokai on a dark theme, Pygments' default on a light one and on
paper. A block whose language Pygments does not know stays plain text."""

from __future__ import annotations

import functools
import html
import re

from ..core.themefile import contrast

_CODE = re.compile(r'<pre( data-lines="[0-9,|a-z-]*" data-block="\d+")?><code class="language-([A-Za-z0-9_+#.-]{1,40})">(.*?)</code></pre>', re.S)


def highlight_blocks(page: str) -> str:
    """Every `<pre><code class="language-X">` block markdown-it wrote, coloured (its text escaped again by
    Pygments: deck text stays text)."""
    if "<code class=" not in page:
        return page
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    formatter = HtmlFormatter(nowrap=True)

    def coloured(match: re.Match[str]) -> str:
        lines, language, code = match.group(1) or "", match.group(2), html.unescape(match.group(3))
        try:
            lexer = get_lexer_by_name(language.lower())
        except ClassNotFound:
            if not lines:
                return match.group(0)
            shown = "\n".join(f'<span class="ln">{html.escape(line)}</span>' for line in code.rstrip("\n").split("\n"))
            return f'<pre class="code"{lines}><code class="language-{language}">{shown}\n</code></pre>'
        if lines:  # each line a span of its own, highlighted a group at a time (Pygments closes its spans at each line's end)
            spans = "\n".join(f'<span class="ln">{line}</span>' for line in highlight(code, lexer, formatter).rstrip("\n").split("\n")) + "\n"
            return f'<pre class="code"{lines}><code class="language-{language}">{spans}</code></pre>'
        return f'<pre class="code"><code class="language-{language}">{highlight(code, lexer, formatter)}</code></pre>'

    return _CODE.sub(coloured, page)


PRINT_SURFACE = "#f2f2f2"  # a code block's background on paper (the print style's --surface)
_HEX = re.compile(r"#([0-9a-fA-F]{6})\b")


@functools.cache
def code_css(dark: bool) -> str:
    """The token colours for the page's theme, and Pygments' light ones for print, each darkened where
    needed to read at 4.5:1 on the printed code block."""
    printed = _HEX.sub(lambda m: readable(m.group(0), PRINT_SURFACE), _rules("default"))
    screen = _rules("monokai" if dark else "default")
    # on paper a token the light style leaves uncoloured (names, punctuation) is the page's black, never the
    # dark screen style's near-white: each of the screen's selectors the light style lacks, reset
    lacking = sorted({rule.split(" {")[0] for rule in screen.splitlines()} - {rule.split(" {")[0] for rule in printed.splitlines()})
    reset = "".join(f"{selector} {{ color: inherit; }}\n" for selector in lacking)
    return screen + "\n@media print {\n" + reset + printed + "\n}\n"


def _rules(style: str) -> str:
    from pygments.formatters import HtmlFormatter

    lines = HtmlFormatter(style=style).get_style_defs(".code").splitlines()
    # the token colours only: the block's background and text colour are the theme's (and print's)
    return "\n".join(line for line in lines if line.startswith(".code .") and not line.startswith(".code .hll"))


def readable(colour: str, background: str, ratio: float = 4.5) -> str:
    """`colour`, darkened in steps (its hue kept) until it reads at `ratio` on `background`."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    shade = 1.0
    candidate = colour.lower()
    while contrast(candidate, background) < ratio and shade > 0:
        shade = round(shade - 0.05, 2)
        candidate = "#" + "".join(f"{int(c * shade):02x}" for c in (red, green, blue))
    return candidate
