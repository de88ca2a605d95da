"""A reveal.js page that opens on its own: the reveal.js Markdown export (`revealjs.py`) inside one HTML
file with reveal.js itself, its Markdown plugin and, with the notes, its speaker view (press S), written
into the page from `vendor/revealjs/`. Pictures are in the page (data URIs) and a policy forbids every
fetch, so it shows the same offline, from a USB stick, on the venue's machine."""

from __future__ import annotations

import html
from pathlib import Path

from ..core.config import deck_theme
from ..core.model import Deck
from ..core.themefile import DEFAULT_COLOURS
from . import ExportOptions
from .body_images import with_pictures_inside
from .revealjs import STYLE
from .revealjs import export as reveal_markdown

VENDOR = Path(__file__).parent / "vendor" / "revealjs"


def export(deck: Deck, options: ExportOptions) -> str:
    spec = deck_theme(deck)  # the page follows the deck's theme, as the presenter does
    colours = {key: spec.page_colour(key) if spec else DEFAULT_COLOURS[key] for key in DEFAULT_COLOURS}
    markdown = reveal_markdown(with_pictures_inside(deck), options)
    notes = options.notes and any(slide.notes for slide in deck.slides)
    scripts = [_vendored("reveal.js"), _vendored("markdown.js"), *([_vendored("notes.js")] if notes else [])]
    plugins = "RevealMarkdown, RevealNotes" if notes else "RevealMarkdown"
    return PAGE.format(
        title=html.escape(deck.title),
        reveal_css=_vendored("reveal.css"),
        style=":root{" + ";".join(f"--{key}:{value}" for key, value in colours.items()) + "}\n" + STYLE + COLOURS,
        markdown=html.escape(markdown, quote=False),  # a textarea's text: its reader gets the Markdown back as written
        scripts="\n".join(f"<script>{script}</script>" for script in scripts),
        plugins=plugins,
    )


def _vendored(name: str) -> str:
    return (VENDOR / name).read_text(encoding="utf-8")


# the page's colours (the deck's theme) over the slide's geometry, which the fitting rule measures for
COLOURS = """
body, .reveal-viewport { background: var(--background); }
.reveal { color: var(--foreground); }
.reveal h1, .reveal h2, .reveal h3 { color: var(--accent); }
.reveal a { color: var(--primary); }
.reveal th, .reveal td { border-bottom: 1px solid var(--panel); }
.reveal pre { background: var(--surface); }
.reveal .progress, .reveal .controls { color: var(--primary); }
.reveal .slide-number { background: transparent; color: var(--foreground); }
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; frame-src 'self' file:">
<title>{title}</title>
<style>{reveal_css}</style>
<style>{style}</style>
</head>
<body>
<div class="reveal"><div class="slides">
<section data-markdown><textarea data-template>
{markdown}</textarea></section>
</div></div>
{scripts}
<script>
Reveal.initialize({{ width: 1280, height: 720, margin: 0.02, center: false, hash: true, slideNumber: "c/t", plugins: [{plugins}] }});
</script>
</body>
</html>
"""
