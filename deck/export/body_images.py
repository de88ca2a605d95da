"""Images written in a deck's Markdown (`![alt](pictures/x.png)`), made to work where the export lands: a
path relative to the export's folder in the Markdown formats, the picture itself (a data URI) in the HTML
export. (An image from a URL never gets this far: the loader refuses it.)"""

from __future__ import annotations

import base64
import dataclasses
import re
import urllib.parse
from collections.abc import Callable

from ..core.imagefile import CODE, MARKDOWN_IMAGE, ImageProblem, read_image
from ..core.model import Deck, Picture, Point, Slide
from . import ExportOptions
from .figures_md import image_target

Resolve = Callable[[str], str | None]  # an image's path as written -> what the export writes (None: as written)


def data_uri(mime: str, data: bytes) -> str:
    """A picture inside the page itself: it reaches for nothing."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


SVG_MARK = "deck-svg:"  # an SVG picture's data, until the page is written (markdown-it takes no SVG data URI)


def as_data_uri(deck: Deck) -> Resolve:
    def resolve(path: str) -> str | None:
        try:
            _, info, data = read_image(deck.path, path)
        except ImageProblem:
            return None
        if info.kind == "SVG":  # the HTML export writes it as a data URI in an <img>, where no script of it runs
            return SVG_MARK + base64.b64encode(data).decode("ascii")
        return data_uri(info.mime, data)

    return resolve


def with_pictures_inside(deck: Deck) -> Deck:
    """The deck with every picture in it as a data URI, its `image:` ones and those in its Markdown, for
    a page read by a Markdown reader that takes them (reveal.js's), SVG included: a picture shown by an
    <img> runs no script of its own and fetches nothing."""

    def inside(path: str) -> str | None:
        try:
            _, info, data = read_image(deck.path, path)
        except ImageProblem:
            return None
        return data_uri(info.mime, data)

    def pictures(items: tuple[Picture, ...]) -> tuple[Picture, ...]:
        return tuple(dataclasses.replace(p, path=inside(p.path) or p.path) for p in items)

    slides = tuple(
        dataclasses.replace(
            slide, images=pictures(slide.images), columns=tuple(dataclasses.replace(c, images=pictures(c.images)) for c in slide.columns)
        )
        for slide in deck.slides
    )
    return with_images(dataclasses.replace(deck, slides=slides), inside)


def relative_to_export(deck: Deck, options: ExportOptions) -> Resolve:
    return lambda path: image_target(deck, Picture(path, ""), options)


def with_images(deck: Deck, resolve: Resolve) -> Deck:
    """The deck with every Markdown image's path replaced by resolve(path); the deck itself if none has one."""
    if not any("![" in text for slide in deck.slides for text in _texts(slide)):
        return deck

    def fix(text: str | None) -> str | None:
        if text is None or "![" not in text:
            return text

        code = [m.span() for m in CODE.finditer(text)]  # an image shown as code is an example: left as written

        def replace(match: re.Match[str]) -> str:
            if any(start <= match.start() < end for start, end in code):
                return match.group(0)
            target = urllib.parse.unquote(match.group(2).strip("<>"))  # as `deck check` reads it: 'my%20pic.png' is 'my pic.png'
            new = resolve(target)
            return match.group(0) if new is None else f"![{match.group(1)}]({new}{match.group(3)})"  # quoted: no space, no bracket

        return MARKDOWN_IMAGE.sub(replace, text)

    def points(items: tuple[Point, ...]) -> tuple[Point, ...]:
        return tuple(dataclasses.replace(p, text=fix(p.text) or "") if "![" in p.text else p for p in items)

    slides = tuple(
        dataclasses.replace(
            slide,
            body=fix(slide.body),
            below=fix(slide.below),
            notes=fix(slide.notes),
            points=points(slide.points),
            columns=tuple(dataclasses.replace(c, body=fix(c.body), points=points(c.points)) for c in slide.columns),
        )
        for slide in deck.slides
    )
    return dataclasses.replace(deck, slides=slides)


def _texts(slide: Slide) -> list[str]:
    texts = [slide.body or "", slide.below or "", slide.notes or ""] + [p.text for p in slide.all_points()]
    return texts + [c.body or "" for c in slide.columns]
