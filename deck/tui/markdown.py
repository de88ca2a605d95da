"""Rich's Markdown, laid out for slides: tables without blank edge rows, and long code lines wrapped
with their own indent (Rich wraps them to column 0, which reads as a new statement)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from markdown_it.token import Token
from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import CodeBlock, Markdown, MarkdownElement, TableElement
from rich.style import Style
from rich.syntax import Syntax
from rich.table import Table

from ..core.linesteps import shown_group

if TYPE_CHECKING:
    from markdown_it.token import Token

CONTINUATION = "    "
DIMMED = Style(
    dim=True
)  # the lines of a code block not highlighted at this step  # a wrapped code line goes on four columns further in than its own indent


def wrap_code(code: str, width: int, starts: list[int] | None = None) -> str:
    """Each line longer than `width` broken into pieces that keep the line's indent, plus a step.
    `starts`, if given, gets the wrapped line on which each line starts (from 0)."""
    out: list[str] = []
    for line in code.splitlines():
        if starts is not None:
            starts.append(len(out))
        indent = line[: len(line) - len(line.lstrip(" "))]
        room = max(10, width - len(indent) - len(CONTINUATION))
        first, rest = line[:width], line[width:]
        out.append(first)
        while rest:
            out.append(indent + CONTINUATION + rest[:room])
            rest = rest[room:]
    return "\n".join(out)


class SlideCodeBlock(CodeBlock):
    """A code block; where its info string names the lines highlighted now (`{2-3}`, see
    `core.linesteps`), the other lines are dimmed."""

    @classmethod
    def create(cls, markdown: Markdown, token: Token) -> CodeBlock:
        block = super().create(markdown, token)
        group = shown_group(token.info or "")
        block.highlighted = group if group is not False else True  # type: ignore[attr-defined]
        return block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        starts: list[int] = []
        code = wrap_code(str(self.text).rstrip(), max(20, options.max_width - 2), starts)  # 2: the padding
        syntax = Syntax(code, self.lexer_name, theme=self.theme, word_wrap=False, padding=1)
        highlighted = getattr(self, "highlighted", True)
        if isinstance(highlighted, frozenset):
            ends = [*starts[1:], len(code.split("\n"))]
            for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
                if number not in highlighted:
                    syntax.stylize_range(DIMMED, (start + 1, 0), (end, 10_000))
        yield syntax


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
