"""`deck import`: a Markdown talk written for presenterm, Marp, pandoc/patat, lookatme or slides, as a deck.

`import_talk(text, talk_path, deck_path)` reads the talk as its tool would (`markdown_talk`), and writes
the deck's YAML: the front matter's title, author and date; each slide's title (none where it has none),
words, notes, pauses and columns; code with its language and `+exec`. Pictures are files beside the
deck: one inside the deck's folder keeps its path, one outside it is copied in (listed in `copies`), one
from the web becomes a link. What deck cannot carry is listed in `losses`, at its line in the talk, so the
author knows what to redo. Nothing is written here and nothing reaches the network.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from ..core.fences import outside as outside_fences
from ..core.model import MAX_PICTURES
from .markdown_talk import DIALECTS, Loss, Talk, TalkSlide, plain_title, read_talk, replace_outside_code

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")


@dataclass
class Imported:
    yaml_text: str
    dialect: str
    slides: int
    losses: list[Loss]
    copies: list[tuple[Path, Path]] = field(default_factory=list)  # (picture outside the deck's folder, where it goes)
    slide_level: int | None = None  # pandoc's: the heading level that started slides


def import_talk(
    text: str, talk_path: str | os.PathLike[str], deck_path: str | os.PathLike[str], dialect: str | None = None, slide_level: int | None = None
) -> Imported:
    talk = read_talk(text, dialect, slide_level)
    pictures = _Pictures(Path(talk_path).resolve().parent, Path(deck_path).resolve().parent, Path(deck_path).stem, talk.losses)
    deck = _deck(talk, Path(talk_path).stem, pictures)
    return Imported(
        _yaml(deck), talk.dialect, len(deck["slides"]), sorted(talk.losses, key=lambda loss: loss.line), pictures.copies, talk.slide_level
    )


def _deck(talk: Talk, stem: str, pictures: _Pictures) -> dict[str, Any]:
    meta = talk.meta
    first_title = next((s.title for s in talk.slides if s.title), "")
    deck: dict[str, Any] = {"title": plain_title(meta.get("title", "")) or first_title or stem}
    subtitle = meta.get("sub_title") or meta.get("subtitle")
    if subtitle:
        deck["subtitle"] = subtitle
    if meta.get("author"):
        deck["author"] = meta["author"]
    if meta.get("event") or meta.get("location"):
        deck["event"] = " · ".join(x for x in (meta.get("event"), meta.get("location")) if x)
    if meta.get("date"):
        when = _date(meta["date"])
        if when is not None:
            deck["date"] = when
        else:
            deck["subtitle"] = " · ".join(x for x in (subtitle, meta["date"]) if x)
            talk.losses.append(Loss(1, f"the date '{meta['date']}' is not a day deck reads (2026-09-14): it is in the deck's subtitle"))
    slides: list[dict[str, Any]] = []
    if talk.dialect in ("presenterm", "pandoc") and meta.get("title"):  # the tool opens the talk on a title slide
        title_slide: dict[str, Any] = {"title": plain_title(meta["title"]), "layout": "title"}
        if subtitle:
            title_slide["subtitle"] = subtitle
        slides.append(title_slide)
    for key in sorted(set(meta) - {"title", "sub_title", "subtitle", "author", "date", "event", "location", "marp"}):
        if "incrementalLists" in str(meta[key]):  # patat's: every list item by item
            talk.losses.append(
                Loss(
                    1,
                    "patat's incrementalLists is not carried: lists show whole; put `<!-- pause -->` between the items, or make them points with `reveal: true`",
                )
            )
        talk.losses.append(Loss(1, f"the front matter's '{key}' is not carried (deck's themes and settings differ)"))
    for slide in talk.slides:
        slides.append(_slide(slide, pictures, talk.losses))
    deck["slides"] = slides
    return deck


def _date(text: str) -> dt.date | None:
    """A front matter's date as a day: 2026-09-14, or written out (May 22, 2022; 22 May 2022)."""
    for form in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    return None


def _slide(slide: TalkSlide, pictures: _Pictures, losses: list[Loss]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if slide.title:
        out["title"] = slide.title
    if slide.section and slide.title and not slide.text.strip() and not slide.columns:
        out["layout"] = "section"
        return out
    body = pictures.fix(slide.text, slide.line)
    below, below_images = _lift_pictures(pictures.fix(slide.after_columns, slide.line), slide.line, losses, in_column=False)
    body, images = _lift_pictures(body, slide.line, losses, in_column=False)
    if body.strip():
        out["body"] = body.strip("\n") + "\n"
    if len(images) + len(below_images) > MAX_PICTURES:
        losses.append(Loss(slide.line, f"a slide takes at most {MAX_PICTURES} pictures: those after the {MAX_PICTURES}th are left out"))
    images = (images + below_images)[:MAX_PICTURES]
    if images:
        out["image"] = images if len(images) > 1 else images[0]
    if slide.columns:
        out["columns"] = []
        for c in slide.columns:
            text, images = _lift_pictures(pictures.fix(c.text, slide.line), slide.line, losses, in_column=True)
            column: dict[str, Any] = {"width": c.width}
            if text.strip() or not images:
                column["body"] = text.strip("\n") + "\n"
            if images:
                column["image"] = images if len(images) > 1 else images[0]
            out["columns"].append(column)
    if below.strip():
        out["below"] = below.strip("\n") + "\n"  # after the columns, as the talk has them
    if not out:
        out["body"] = " "  # a slide the talk leaves empty (a pause for effect): kept, so the count matches
    if slide.centred:
        out["align"] = "center"
    if slide.notes:
        out["notes"] = "\n\n".join(slide.notes).strip() + "\n"
    return out


_PICTURE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)(?:\{([^}\n]*)\})?")
_PICTURES_LINE = re.compile(r"\s*(?:!\[[^\]]*\]\([^)\s]+\)(?:\{[^}\n]*\})?\s*)+")
_ATTRIBUTES = re.compile(r"(!\[[^\]]*\]\([^)\s]+\))\{([^}\n]*)\}")


def _lift_pictures(text: str, line: int, losses: list[Loss], in_column: bool) -> tuple[str, list[dict[str, Any]]]:
    """Pictures on lines of their own become deck's `image:` (drawn in the terminal too, with the width and
    place the talk gave: `{width=40%}`, `{place=right}`); a picture inside a paragraph stays in the words,
    its size said."""
    lines = text.split("\n")
    outside = outside_fences(lines)
    images: list[dict[str, Any]] = []
    kept: list[str] = []
    for n, written in enumerate(lines):
        found = list(_PICTURE.finditer(written)) if outside[n] and _PICTURES_LINE.fullmatch(written) else []
        if not found or len(images) + len(found) > MAX_PICTURES:
            if found:
                losses.append(Loss(line, f"a slide takes at most {MAX_PICTURES} pictures: the rest stay in the words, drawn by the exports only"))
            kept.append(written)
            continue
        if any(other.strip() and not _PICTURES_LINE.fullmatch(other) for other in lines[n + 1 :]):
            losses.append(Loss(line, "a picture written among the words is drawn below them (deck puts a slide's pictures after its words)"))
        for match in found:
            alt, path, attributes = match.group(1).strip(), match.group(2), match.group(3) or ""
            image: dict[str, Any] = {"path": unquote(path), "alt": alt or Path(unquote(path)).stem}
            width = re.search(r"width=\"?(\d{1,3})%", attributes)
            if width and 1 <= int(width.group(1)) <= 100:
                image["width"] = f"{int(width.group(1))}%"
            if "place=right" in attributes and not in_column:
                image["place"] = "right"
            images.append(image)

    def plain(match: re.Match[str]) -> str:
        if any(word in match.group(2) for word in ("width=", "place=")):
            losses.append(Loss(line, f"the size or place of {match.group(1)[:60]} is not carried: it sits inside a paragraph"))
        return match.group(1)

    return replace_outside_code("\n".join(kept), _ATTRIBUTES, plain), images


class _Pictures:
    """Local pictures made to work from the deck's folder; the rest said."""

    def __init__(self, talk_folder: Path, deck_folder: Path, stem: str, losses: list[Loss]) -> None:
        self.talk_folder, self.deck_folder, self.stem, self.losses = talk_folder, deck_folder, stem, losses
        self.copies: list[tuple[Path, Path]] = []
        self._planned: dict[Path, str] = {}

    def fix(self, text: str, line: int) -> str:
        """Pictures written in the text, outside code (a picture shown as code is an example: left as written)."""
        return replace_outside_code(text, _PICTURE, lambda match: self._one(match.group(1), match.group(2), line, match.group(3)))

    def _one(self, alt: str, src: str, line: int, attributes: str | None = None) -> str:

        try:
            source = (self.talk_folder / unquote(src)).resolve()
            usable = source.is_file()
        except (OSError, ValueError, RuntimeError):  # a NUL in the path, a loop of links
            usable = False
        if not usable:
            self.losses.append(Loss(line, f"the picture '{src}' is not there; its alt text stands in for it"))
            return alt or "(picture)"  # its size or place ({width=50%}) goes with it
        if source.suffix.lower() not in IMAGE_SUFFIXES:
            self.losses.append(Loss(line, f"'{src}' is not a PNG, JPEG, GIF, WebP or SVG picture (deck shows those); its alt text stands in for it"))
            return alt or "(picture)"
        relative = source.relative_to(self.deck_folder).as_posix() if source.is_relative_to(self.deck_folder) else self._copy(source, line)
        # written as a URL path: a space or a parenthesis in a file's name would end a Markdown image
        return f"![{alt}]({quote(relative)}){'{' + attributes + '}' if attributes is not None else ''}"

    def _copy(self, source: Path, line: int) -> str:
        if source in self._planned:
            return self._planned[source]
        folder = self.deck_folder / f"{self.stem}-pictures"
        target = folder / source.name
        n = 1
        while (target.exists() and target.read_bytes() != source.read_bytes()) or target in {t for _, t in self.copies}:
            n += 1
            target = folder / f"{source.stem}-{n}{source.suffix}"
        self.copies.append((source, target))
        relative = target.relative_to(self.deck_folder).as_posix()
        self._planned[source] = relative
        self.losses.append(Loss(line, f"the picture {source.name} lies outside the deck's folder: copied to {relative}"))
        return relative


def _yaml(deck: dict[str, Any]) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        if "\n" in value:
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)

    Dumper.add_representer(str, text)
    head = "# Imported by `deck import`; see what to redo in its output. `deck check` reads it like any deck.\n"
    return head + yaml.dump(deck, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


__all__ = ["DIALECTS", "Imported", "import_talk"]
