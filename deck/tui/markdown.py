"""Rich's Markdown, laid out for slides: tables without blank edge rows, and long code lines wrapped
with their own indent (Rich wraps them to column 0, which reads as a new statement)."""

from __future__ import annotations

from typing import ClassVar

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock, Markdown, MarkdownElement, TableElement
from rich.syntax import Syntax
from rich.table import Table

CONTINUATION = "    "  # a wrapped code line goes on four columns further in than its own indent


def wrap_code(code: str, width: int) -> str:
    """Each line longer than `width` broken into pieces that keep the line's indent, plus a step."""
    out = []
    for line in code.splitlines():
        indent = line[: len(line) - len(line.lstrip(" "))]
        room = max(10, width - len(indent) - len(CONTINUATION))
        first, rest = line[:width], line[width:]
        out.append(first)
        while rest:
            out.append(indent + CONTINUATION + rest[:room])
            rest = rest[room:]
    return "\n".join(out)


class SlideCodeBlock(CodeBlock):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        code = wrap_code(str(self.text).rstrip(), max(20, options.max_width - 2))  # 2: the padding
        yield Syntax(code, self.lexer_name, theme=self.theme, word_wrap=False, padding=1)


class SlideTable(TableElement):
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for table in super().__rich_console__(console, options):
            if isinstance(table, Table):
                table.show_edge = False  # no blank rows above and below: the paragraph gap is enough
                table.box = box.SIMPLE
            yield table


class SlideMarkdown(Markdown):
    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "fence": SlideCodeBlock,
        "code_block": SlideCodeBlock,
        "table_open": SlideTable,
    }
