"""The bundled DeepSeek V4 briefing: the structure a presenter relies on, and honesty to its source."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from deck.check import check_path, strict
from deck.loader import load_deck
from deck.model import Confidence
from deck.paths import bundled_deck

from .conftest import ROOT

ARTICLE = ROOT.parent / "shared" / "sources" / "deepseek-v4-article.txt"
SECTIONS = [
    "Introduction",
    "Reading the labels",
    "TL;DR",
    "Background",
    "Timeline",
    "Architecture",
    "Benchmarks",
    "Hardware",
    "Politics",
    "Developers",
    "Bottom line",
    "Sources",
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture(scope="module")
def deck():
    return load_deck(bundled_deck())


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.exists():
        pytest.skip(f"the source article is not beside this checkout ({ARTICLE})")
    return ARTICLE.read_text(encoding="utf-8")


def slide_texts(slide) -> list[str]:
    texts = [slide.title, slide.subtitle or "", slide.body or "", slide.notes or ""]
    texts += [p.text for p in slide.all_points()]
    texts += [c.title for c in slide.columns] + [c.body or "" for c in slide.columns]
    return texts


def test_passes_deck_check_strict_as_of_its_date():
    deck, found = check_path(bundled_deck(), dt.date(2026, 4, 3))
    assert deck is not None
    assert [str(d) for d in strict(found)] == []


def test_passes_deck_check_strict_today_but_for_the_stale_date():
    _, found = check_path(bundled_deck(), dt.date.today())
    assert [d.code for d in strict(found)] in ([], ["stale"])


def test_sections_in_order(deck):
    seen = [s.section for s in deck.slides]
    assert all(seen), "every slide names its section"
    order = list(dict.fromkeys(seen))
    assert order == SECTIONS
    assert seen == sorted(seen, key=SECTIONS.index), "a section's slides stand together"


def test_size_and_density(deck):
    assert 20 <= len(deck.slides) <= 30
    for slide in deck.slides:
        assert len(slide.all_points()) <= 8, slide.title
        for point in slide.all_points():
            assert len(point.text) <= 140, point.text


def test_title_slide_carries_the_as_of_date(deck):
    assert deck.as_of == dt.date(2026, 4, 3)
    assert "April 3, 2026" in " ".join(slide_texts(deck.slides[0]))


def test_every_slide_has_label_notes_in_shape_and_sources(deck):
    for slide in deck.slides:
        assert isinstance(slide.confidence, Confidence)
        notes = slide.notes or ""
        for part in ("**Say:**", "**Caution:**", "**Likely question:**", "**Answer:**"):
            assert part in notes, (slide.title, part)
        assert 60 <= len(notes.split()) <= 180, (slide.title, len(notes.split()))
        assert slide.cited(), f"{slide.title} cites no source"


def test_every_source_defined_is_used_and_has_a_kind(deck):
    assert set(deck.cited()) == set(deck.sources)
    for source in deck.sources.values():
        assert source.kind in {"paper", "code", "press", "analysis", "community", "blog", "tracker", "article"}


def test_the_legend_explains_all_four_labels(deck):
    legend = next(s for s in deck.slides if s.section == "Reading the labels")
    text = " ".join(p.text for p in legend.points).lower()
    assert all(level.value in text for level in Confidence)


def test_every_number_shown_appears_in_the_article(deck, article):
    missing = []
    for slide in deck.slides:
        for text in slide_texts(slide):
            missing += [(slide.title, n) for n in NUMBER.findall(text) if n not in article]
    assert missing == []


def test_leaks_are_never_labelled_stronger_than_unverified(deck):
    """The article's own sourcing: a deleted post, one account and an unsourced price are leaks."""
    for slide in deck.slides:
        for point in slide.all_points():
            if re.search(r"HumanEval 90%|@bridgemindai|\$0\.27|90% on HumanEval", point.text):
                assert point.confidence.rank >= Confidence.UNVERIFIED.rank, point.text


def test_extrapolated_hardware_needs_are_speculative(deck):
    for slide in deck.slides:
        for point in slide.all_points():
            if "350–400GB" in point.text or "350-400GB" in point.text:
                assert point.confidence is Confidence.SPECULATIVE, point.text


def test_the_deck_says_where_the_source_contradicts_itself(deck):
    text = " ".join(" ".join(slide_texts(s)) for s in deck.slides)
    assert "84.2%" in text and "'from 84% to 97%'" in text  # TL;DR vs body, both shown
    assert "~16GB" in text and "still requires serious hardware" in text  # TL;DR vs hardware section
    assert "grounded in actual code analysis" in text and "the reported result" in text  # the 1.8x
