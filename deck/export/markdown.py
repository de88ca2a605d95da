"""A handout to read or print: every slide with its label, sources and notes, then all sources."""

from __future__ import annotations

from ..core.model import Deck, Point, Slide
from . import ExportOptions
from .common import Kept, keep, kept_numbers, left_out_line, legend_lines, safe_url
from .common import block as _block
from .common import inline as _inline
from .figures_md import figure_tables, image_lines


def inline(text: str) -> str:
    return _inline(text, autolink=True)


def block(text: str) -> str:
    # Below a slide's '##' heading, a body's headings start at '###'; bare fences get a language.
    return _block(text, heading_floor=3, fence_language="text")


def export(deck: Deck, options: ExportOptions) -> str:
    """Sources are numbered per slide, as on screen and in every slide format, and listed under each
    slide; the end of the handout lists every source cited once, by title, with its details."""
    out: list[str] = [f"# {inline(deck.title)}", ""]
    if deck.subtitle:
        out += [inline(deck.subtitle), ""]
    facts = [f"As of {deck.as_of.isoformat()}." if deck.as_of else "", f"By {inline(deck.author)}." if deck.author else ""]
    facts.append(f"{len(deck.slides)} slide{'' if len(deck.slides) == 1 else 's'}.")
    out += [" ".join(f for f in facts if f), ""]
    out += ["## How to read the labels", ""]
    out += [f"- {line}" for line in legend_lines()]
    out += ["", "A claim without its own label takes its slide's label.", ""]
    used: set[str] = set()
    for index, slide in enumerate(deck.slides):
        if slide.appendix and (index == 0 or not deck.slides[index - 1].appendix):
            out += ["## Appendix", ""]
        kept = keep(slide, options)
        used.update(kept.sources)
        out += _slide(deck, deck.position(index).split(" / ")[0], slide, kept, options)
    listed = [sid for sid in deck.sources if sid in used]  # a source only removed claims cite goes too
    if listed:
        out += ["## All sources", ""]
        out += [f"- {_source(deck, sid)}" for sid in listed]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _refs(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    return "".join(f"\\[{numbers[s]}\\]" for s in ids if s in numbers)


def _point(point: Point, slide: Slide, numbers: dict[str, int]) -> str:
    line = f"- {inline(point.text)}"
    if point.confidence is not slide.label:
        line += f" *({point.confidence.value})*"
    refs = _refs(point.sources, numbers)
    return f"{line} {refs}" if refs else line


def _slide(deck: Deck, n: str, slide: Slide, kept: Kept, options: ExportOptions) -> list[str]:
    numbers = deck.source_numbers(slide)  # the slide's own numbering, the same as on screen
    out = [f"## {n}. {inline(slide.title)}", ""]
    meta = f"Label: **{kept.label.label}**" if kept.label is not None else ""
    if slide.section:
        meta += f"{' · ' if meta else ''}{inline(slide.section)}"
    own = slide.sources if slide.label.meets(options.min_confidence) else ()  # the slide's own claim, if kept
    refs = _refs(own, numbers)
    if refs:
        meta += f" · Sources: {refs}"
    out += [meta, ""] if meta else []
    if kept.left_out:
        out += [f"*{left_out_line(kept.left_out, options)}*", ""]
    if slide.subtitle:
        out += [inline(slide.subtitle), ""]
    if kept.body:
        out += [block(kept.body), ""]
    if kept.view is not None:
        out += figure_tables(kept.view, slide, numbers, escaped=True)
    if kept.points:
        out += [_point(p, slide, numbers) for p in kept.points] + [""]
    for i, (title, body, points) in enumerate(kept.columns, 1):
        out += [f"### {n}.{i} {inline(title)}", ""]
        if body:
            out += [block(body), ""]
        if points:
            out += [_point(p, slide, numbers) for p in points] + [""]
    if kept.view is not None:
        out += image_lines(deck, kept.view.image, options)  # after the claims, as on screen
    cited = kept_numbers(deck, slide, kept)
    if cited:
        out += ["Sources: " + "; ".join(f"\\[{number}\\] {inline(deck.sources[sid].title)}" for sid, number in cited.items()), ""]
    if options.notes and slide.notes:
        out += ["> **Speaker notes:**", ">"]
        out += [f"> {line}".rstrip() for line in block(slide.notes).splitlines()]
        out.append("")
    return out


def _source(deck: Deck, sid: str) -> str:
    source = deck.sources[sid]
    extra = ", ".join(x for x in (source.kind, source.date.isoformat() if source.date else None) if x)
    text = inline(source.title) + (f" ({extra})" if extra else "")
    if source.note:
        text += f". {inline(source.note)}"
    if source.url:
        linkable = safe_url(source.url) and ":" in source.url and not any(c in source.url for c in " <>")
        text += f" <{source.url}>" if linkable else f" {inline(source.url)}"
    return text
