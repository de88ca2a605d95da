"""A handout to read or print: every slide with its label, sources and notes, then all sources."""

from __future__ import annotations

from ..core.model import Deck
from ..core.view import Claim, ShownSlide, view_slide
from . import ExportOptions
from .common import block as _block
from .common import inline as _inline
from .common import left_out_line, legend_lines, safe_url
from .figures_md import figure_tables, image_lines
from .slides_common import claim_line


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
    given = " ".join(x for x in (f"At {inline(deck.event)}" if deck.event else "", f"on {deck.date.day} {deck.date:%B %Y}" if deck.date else "") if x)
    facts = [
        f"As of {deck.as_of.isoformat()}." if deck.as_of else "",
        f"By {inline(deck.author)}." if deck.author else "",
        f"{given}." if given else "",
    ]
    facts.append(f"{len(deck.slides)} slide{'' if len(deck.slides) == 1 else 's'}.")
    out += [" ".join(f for f in facts if f), ""]
    if deck.uses_labels:  # a deck that labels nothing is an ordinary talk: no legend
        out += ["## How to read the labels", ""]
        out += [f"- {line}" for line in legend_lines(deck)]
        out += ["", "A slide's label is its main message's; a claim without its own label takes its slide's.", ""]
    used: set[str] = set()
    for index, slide in enumerate(deck.slides):
        if slide.appendix and (index == 0 or not deck.slides[index - 1].appendix):
            out += ["## Appendix", ""]
        view = view_slide(deck, index, minimum=options.min_confidence)
        used.update(sid for _, sid in view.sources)
        out += _slide(view, options)
    listed = [sid for sid in deck.sources if sid in used]  # a source only removed claims cite goes too
    if listed:
        out += ["## All sources", ""]
        out += [f"- {_source(deck, sid)}" for sid in listed]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _slide(view: ShownSlide, options: ExportOptions) -> list[str]:
    deck, slide = view.deck, view.slide
    n = view.position.split(" / ")[0]
    out = [f"## {n}. {inline(slide.name)}", ""]
    meta = f"Label: **{view.badge.label}**" + (f" *({view.likelihood})*" if view.likelihood else "") if view.badge is not None else ""
    if slide.section:
        meta += f"{' · ' if meta else ''}{inline(slide.section)}"
    if view.own_refs:  # the slide's own claim, where it shows
        meta += " · Sources: " + "".join(f"\\[{n}\\]" for n in view.own_refs)
    out += [meta, ""] if meta else []
    if view.hidden:
        out += [f"*{left_out_line(view.hidden, options)}*", ""]
    if slide.subtitle:
        out += [inline(slide.subtitle), ""]
    if view.body:
        out += [block(view.body), ""]
    out += figure_tables(view, escaped=True)
    if view.claims:
        out += [_claim_line(c) for c in view.claims] + [""]
    for i, column in enumerate(view.columns, 1):
        out += [f"### {n}.{i} {inline(column.title)}", ""] if column.title else []
        if column.body:
            out += [block(column.body), ""]
        if column.claims:
            out += [_claim_line(c) for c in column.claims] + [""]
        out += image_lines(deck, column.images, options)
    if view.below:
        out += [block(view.below), ""]
    out += image_lines(deck, view.images, options)  # after the claims, as on screen (a handout has no "beside")
    if view.sources:
        out += ["Sources: " + "; ".join(f"\\[{number}\\] {inline(deck.sources[sid].title)}" for number, sid in view.sources), ""]
    if options.notes and slide.notes:
        out += ["> **Speaker notes:**", ">"]
        out += [f"> {line}".rstrip() for line in block(slide.notes).splitlines()]
        out.append("")
    return out


def _claim_line(claim: Claim) -> str:
    # [1] next to a title could read as a link here: the handout escapes its source numbers
    return claim_line(claim, refs="\\[{}\\]", autolink=True)


def _source(deck: Deck, sid: str) -> str:
    source = deck.sources[sid]
    extra = ", ".join(x for x in (source.kind, source.date.isoformat() if source.date else None) if x)
    text = inline(source.title) + (f" ({extra})" if extra else "")
    if source.note:  # a dash, not '. ': a title ending in '.' or '?' read 'Title?. Note'
        text += f" — {inline(source.note)}"
    if source.url:
        linkable = safe_url(source.url) and ":" in source.url and not any(c in source.url for c in " <>")
        text += f" <{source.url}>" if linkable else f" {inline(source.url)}"
    return text
