"""Whatever text a deck holds, every export keeps its structure: one slide per deck slide and one notes
block per noted slide, read the way the target tools read them (markdown-it, as Marp and reveal.js do)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from deck.core.model import Confidence, Deck, Point, Slide
from deck.export import ExportOptions, export_deck

PIECES = st.sampled_from(
    [
        "---", "--", "***", "___", "<!--", "-->", "<!-- pause -->", "# ", "## ", "### ", "=====", "-----", "```", "~~~", "`", "``",
        ":::", "::: notes", "Note:", "Notes:", "> ", "- ", "* ", "1. ", "|", "| a | b |", "<script>", "<b>", "&", "\\", "{=html}",
        "[x](javascript:1)", "<https://e.com>", "**", "_", "\n", "\n\n", " ", "word", "text", "$0.27", "90%",
    ]
)  # fmt: skip
TEXT = st.lists(PIECES, max_size=25).map("".join)


def deck_of(points: list[str], body: str, notes: str) -> Deck:
    slides = tuple(
        Slide(
            title=f"Slide {n}",
            confidence=Confidence.REPORTED,
            points=tuple(Point(p, Confidence.REPORTED) for p in points),
            body=body or None,
            notes=(notes or None) if n % 2 else None,
        )
        for n in range(3)
    )
    return Deck(title="Property deck", slides=slides)


def top_level(tokens, kind: str) -> int:
    return sum(1 for t in tokens if t.type == kind and t.level == 0)


@settings(max_examples=150, deadline=None)
@example(points=[], body="", notes="```\nNote:")  # found by hypothesis: reveal.js starts notes at 'Note:' even in code
@example(points=[], body="", notes="--\n--")  # found by hypothesis: a setext heading in the notes made a pandoc slide
@example(points=[], body="", notes="|\n--")
@given(st.lists(TEXT, max_size=3), TEXT, TEXT)
def test_every_slide_format_keeps_one_slide_per_slide_and_its_notes(points, body, notes):
    deck = deck_of(points, body, notes)
    noted = sum(1 for s in deck.slides if s.notes)
    md = MarkdownIt("commonmark")

    marp = export_deck(deck, "marp", ExportOptions())
    tokens = md.parse(marp.split("\n---\n", 1)[1])  # past the front matter; Marp splits slides at rules
    assert top_level(tokens, "hr") == len(deck.slides) - 1
    comments = [t for t in tokens if t.type == "html_block" and t.content.startswith("<!--") and "_class:" not in t.content]
    assert len(comments) == noted

    pandoc = export_deck(deck, "pandoc", ExportOptions())
    tokens = md.parse(pandoc.split("\n---\n", 1)[1])
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag in ("h1", "h2") and t.level == 0) == len(deck.slides)
    assert top_level(tokens, "hr") == 0  # a rule would start a slide in pandoc too
    # pandoc reads a div's fence only outside code: count the paragraphs markdown-it finds, not raw lines
    assert (
        sum(
            1
            for t in tokens
            if t.type == "paragraph_open" and t.level == 0 and t.map and pandoc.split("\n---\n", 1)[1].splitlines()[t.map[0]] == "::: notes"
        )
        == noted
    )

    reveal = export_deck(deck, "reveal", ExportOptions())
    assert len(re.findall(r"^---$", reveal, re.M)) == len(deck.slides) - 1  # reveal.js splits the raw text
    assert len(re.findall(r"^Note:$", reveal, re.M)) == noted

    handout = export_deck(deck, "markdown", ExportOptions())
    tokens = md.parse(handout)
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h2" and t.level == 0) >= len(deck.slides)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]  # no raw HTML at all


_TEXT = st.text(alphabet=st.sampled_from(list("ab Z9.,:'\"-+#=|()\t\n*_`[]<>!\\~&")), max_size=30)
_PLAIN = st.text(alphabet=st.sampled_from(list("ab Z9.,:;'\"-+#=|()%$@^{}é中\t\n")), max_size=30)


def _shown(markup: str) -> str:
    return re.sub(r"\s+", " ", markup).strip()  # as a browser lays it out: runs of white space are one space


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _PLAIN))
def test_html_fast_path_for_plain_text_shows_what_the_markdown_parser_would(text):
    """The HTML export skips markdown-it for text with no Markdown in it (10x faster); what a browser shows
    must not change. It did: the fast path wrote indented code as a paragraph, dropped hard breaks and wrote
    an empty paragraph for empty notes."""
    from deck.core.markdown import block_html as _block
    from deck.core.markdown import inline_html as _inline
    from deck.core.markdown import parser as markdown

    assert _shown(_inline(text)) == _shown(markdown().renderInline(text))
    assert _shown(_block(text)) == _shown(markdown().render(text))


def test_html_notes_keep_indented_code_and_hard_breaks():
    from deck.core.markdown import block_html as _block

    assert _block("    code here") == "<pre><code>code here\n</code></pre>\n"
    assert _block("a \nb") == "<p>a\nb</p>\n"  # one trailing space goes, as markdown-it drops it (review)
    assert "<br />" in _block("first line  \nsecond line")


# the em space: a blank line to Python's strip(), text to Markdown (the fast path got it wrong once)
_PIECES = list("ab Z9.,:;!?'\"()—“”€$-*`\n\t>\u00a0\u2003") + ["**", "`code`", " **x** ", "\n\n", "``", "1.", "# ", "\u2003\n"]
_EMPHASIS = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_EMPHASIS)
def test_html_emphasis_and_code_without_the_parser_are_what_the_parser_writes(text):
    """Words with **strong**, *emphasis* and `code` are written without markdown-it (a tenth of the time);
    wherever that path answers, its answer is markdown-it's, character for character."""
    from deck.core.markdown import parser as markdown
    from deck.core.markdown import simple_inline, simple_paragraphs

    if "\n" not in text:
        fast = simple_inline(text)
        assert fast is None or fast == markdown().renderInline(text)
    fast = simple_paragraphs(text)
    assert fast is None or fast == markdown().render(text)


def test_the_fast_path_answers_for_what_decks_are_made_of():
    """It must answer for the usual text, or it saves nothing."""
    from deck.core.markdown import simple_inline, simple_paragraphs

    assert simple_inline("A **confirmed** claim with `code`") == "A <strong>confirmed</strong> claim with <code>code</code>"
    assert simple_paragraphs("**Say:** something.\n**Caution:** the estimate is ours.\n\nMore.") == (
        "<p><strong>Say:</strong> something.\n<strong>Caution:</strong> the estimate is ours.</p>\n<p>More.</p>\n"
    )


def test_the_character_classes_are_markdown_its():
    """The fast path classes characters as markdown-it does, without importing it."""
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace

    from deck.core.markdown import punctuation, white_space

    for code in [*range(0x3100), *range(0xFE00, 0xFF70), 0x1F600, 0x20AC]:
        ch = chr(code)
        assert white_space(ch) == isWhiteSpace(code), hex(code)
        assert punctuation(ch) == (isMdAsciiPunct(code) or isPunctChar(ch)), hex(code)


def test_exporting_simple_text_to_html_never_imports_the_markdown_parser(tmp_path):
    import subprocess
    import sys

    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: T\nslides:\n  - title: S\n    confidence: reported\n    points: ['A **strong** claim with `code`', Plain]\n"
        "    notes: '**Say:** it *plainly*.'\n",
        encoding="utf-8",
    )
    code = (
        "import sys; from deck.core.loader import load_deck; from deck.export import export_deck; "
        f"page = export_deck(load_deck({str(deck)!r}), 'html'); "
        "print('<strong>strong</strong>' in page, '<em>plainly</em>' in page, 'markdown_it' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert found == ["True", "True", "False"]  # rendered, and the parser (35 ms to import) never loaded
