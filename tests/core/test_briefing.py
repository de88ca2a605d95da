"""The bundled DeepSeek V4 briefing: the structure a presenter relies on, and honesty to its source.

The rules: at most 16 main slides then an appendix; every claim labelled by one written rule,
never stronger on one slide than another; every quote verbatim from the article; a number not in the
article only inside a marked derivation ("Our arithmetic"), labelled speculative; "Say" in at most three
sentences; no main slide needs scrolling at 120x40.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from deck.core.check import check_path, strict
from deck.core.loader import load_deck
from deck.core.model import Confidence
from deck.core.paths import bundled_deck

from ..conftest import ROOT

ARTICLE = ROOT.parent / "shared" / "sources" / "deepseek-v4-article.txt"
SECTIONS = [
    "Introduction",
    "TL;DR",
    "Reading the labels",
    "Timeline",
    "Architecture",
    "Benchmarks",
    "Hardware",
    "Politics",
    "Bottom line",
    "Appendix",
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
QUOTE = re.compile(r"(?<![\w])'([^']+?)'(?![\w])|\"([^\"]+?)\"")  # 'quoted' or "quoted", not an apostrophe
DERIVATION = "Our arithmetic"


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
    texts += [p.text for p in slide.claims()]  # points, and a timeline's events
    texts += [c.title for c in slide.columns] + [c.body or "" for c in slide.columns]
    return texts


def say(slide) -> str:
    match = re.search(r"\*\*Say:\*\*(.*?)(?:\n\s*\n|\Z)", slide.notes or "", re.S)
    assert match, f"{slide.title}: notes need a **Say:** paragraph"
    return match.group(1).strip()


def test_passes_deck_check_strict_as_of_its_date():
    deck, found = check_path(bundled_deck(), dt.date(2026, 4, 3))
    assert deck is not None
    assert [str(d) for d in strict(found)] == []


def test_sections_in_order(deck):
    seen = [s.section for s in deck.slides]
    assert all(seen), "every slide names its section"
    assert list(dict.fromkeys(seen)) == SECTIONS
    assert seen == sorted(seen, key=SECTIONS.index), "a section's slides stand together"


def test_at_most_16_main_slides_then_the_appendix(deck):
    main = [s for s in deck.slides if not s.appendix]
    assert 8 <= len(main) <= 16
    assert all(s.section == "Appendix" for s in deck.slides if s.appendix)
    assert deck.slides[0].layout == "title"


def test_density(deck):
    for slide in deck.slides:
        assert len(slide.claims()) <= (10 if slide.appendix else 7), slide.title
        for point in slide.claims():
            assert len(point.text) <= 140, point.text


def test_say_is_at_most_three_sentences(deck):
    for slide in deck.slides:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", say(slide)) if s]
        assert len(sentences) <= 3, (slide.title, sentences)


def test_every_claim_slide_is_cited_and_every_source_used(deck):
    for slide in deck.slides:
        if slide.layout is None:
            assert slide.cited(), f"{slide.title} cites no source"
    assert set(deck.cited()) == set(deck.sources)


def test_the_legend_states_the_one_rule_for_all_four_labels(deck):
    legend = next(s for s in deck.slides if s.section == "Reading the labels")
    text = " ".join(p.text for p in legend.points).lower()
    assert all(level.value in text for level in Confidence.source_levels())


def test_every_quote_is_verbatim_from_the_article(deck, article):
    wrong = []
    for slide in deck.slides:
        for text in slide_texts(slide):
            for match in QUOTE.finditer(text):
                quoted = match.group(1) or match.group(2)
                if quoted not in article:
                    wrong.append((slide.title, quoted))
    assert wrong == []


def test_numbers_come_from_the_article_or_a_marked_speculative_derivation(deck, article):
    """A number of our own appears only in a line marked as our arithmetic, labelled speculative."""
    wrong = []
    for slide in deck.slides:
        for point in slide.claims():
            new = [n for n in NUMBER.findall(point.text) if n not in article]
            if new and not (DERIVATION in point.text and point.confidence is Confidence.SPECULATIVE):
                wrong.append((slide.title, point.text, new))
        for text in [slide.title, slide.subtitle or "", slide.body or "", slide.notes or ""]:
            wrong += [(slide.title, text[:60], n) for n in NUMBER.findall(text) if n not in article]
    assert wrong == []


def test_the_derivations_show_their_inputs_from_the_article(deck, article):
    derivations = [p for s in deck.slides for p in s.claims() if DERIVATION in p.text]
    assert len(derivations) >= 3
    for point in derivations:
        inputs = [n for n in NUMBER.findall(point.text) if n in article]
        assert inputs, f"a derivation shows the article's numbers it starts from: {point.text}"


# The claims the rule decides, each with the one label it gets wherever it appears.
CLAIMS = {
    r"HumanEval 90%|90% HumanEval": Confidence.UNVERIFIED,
    r"\$0\.27": Confidence.UNVERIFIED,
    r"1\.8x faster": Confidence.UNVERIFIED,
    r"approximately 40%": Confidence.UNVERIFIED,
    r"1 trillion total": Confidence.SPECULATIVE,  # 'what appears to be'
    r"37 billion": Confidence.UNVERIFIED,
    r"28 references": Confidence.UNVERIFIED,
    r"350–400GB|350-400GB": Confidence.SPECULATIVE,
    r"84\.2% to 97%": Confidence.CONFIRMED,
    r"Whale Lab": Confidence.REPORTED,
}


@pytest.mark.parametrize(("pattern", "label"), CLAIMS.items())
def test_a_claim_has_one_label_everywhere(deck, pattern, label):
    found = []
    for slide in deck.slides:
        for point in slide.claims():
            if re.search(pattern, point.text) and DERIVATION not in point.text and "contradict" not in slide.title.lower():
                found.append(point.confidence)
    assert found, f"the deck states {pattern!r}"
    assert set(found) == {label}, (pattern, found)


def test_every_slide_is_labelled_by_its_weakest_claim(deck):
    for slide in deck.slides:
        if slide.claims():
            weakest = max((p.confidence for p in slide.claims()), key=lambda level: level.rank)
            assert slide.confidence is weakest, (slide.title, slide.confidence, weakest)


def test_no_v4_figure_is_confirmed(deck):
    """Every V4-specific number is a leak, unsourced or an estimate: none may be confirmed."""
    for slide in deck.slides:
        for point in slide.claims():
            if point.confidence is Confidence.CONFIRMED:
                assert "V4" not in point.text, point.text


def test_the_deck_says_where_the_source_contradicts_itself(deck):
    text = " ".join(" ".join(slide_texts(s)) for s in deck.slides)
    assert "84.2%" in text and "'from 84% to 97%'" in text  # TL;DR vs body, both shown
    assert "~16GB" in text and "Still requires serious hardware" in text  # TL;DR vs hardware section
    assert "grounded in actual code analysis" in text and "The reported result" in text  # the 1.8x
    assert "1,000 GB" in text and "350–400GB" in text  # the arithmetic the article never did


def test_the_review_is_recorded_on_the_last_appendix_slide(deck):
    last = deck.slides[-1]
    assert last.appendix and "Review" in last.title
    assert "Grade:" in (last.notes or "") and "REVIEW_PLACEHOLDER" not in (last.notes or "")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_main_slides_fit_without_scrolling_at_120x40(deck, size):
    from deck.tui.app import make_app

    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=size) as pilot:
        for index, slide in enumerate(deck.slides):
            app.presenter.go(index)
            await pilot.pause()
            view = app.presenter.query_one("#slide")
            if size == (120, 40) and not slide.appendix:
                assert view.max_scroll_y == 0, (slide.title, view.max_scroll_y)
