"""The bundled DeepSeek V4 briefing: the structure a presenter relies on, and honesty to its source.

The rules: at most 16 main slides then an appendix; a 15-minute talk (the main slides' "Say" notes in
about 1,500 words at most, each in at most three sentences, with the likely question and, where due, a
caution); every claim labelled by one written rule (appendix A1), never stronger on one slide than
another, and a slide's badge the label of its main message, so that no one badge covers most of the
talk; every quote verbatim from the article, at most one short quote a point on the main slides; a
number not in the article only inside a marked derivation ("Our arithmetic"), labelled analysis; our
own reasoning always says what it rests on; the deck never reports a review or grade of itself; no
main slide needs scrolling at 120x40.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from deck.core.check import check_path, strict
from deck.core.loader import load_deck
from deck.core.model import Confidence
from deck.core.paths import bundled_deck

from ..conftest import ROOT

ARTICLE = ROOT.parent / "shared" / "sources" / "deepseek-v4-article.txt"
SECTIONS = [
    "Introduction",
    "Timeline",
    "Technology",
    "Benchmarks",
    "Deciding now",
    "Policy",
    "Bottom line",
    "Appendix",
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
QUOTE = re.compile(r"(?<![\w])'([^']+?)'(?![\w])|\"([^\"]+?)\"")  # 'quoted' or "quoted", not an apostrophe
DERIVATION = "Our arithmetic"
SAY_WORDS = 1500  # about 12 minutes read aloud, in a 15-minute slot
MAX_SHARE = 0.6  # no one badge on more of the main content slides than this
SHORT_QUOTE = 10  # words


@pytest.fixture(scope="module")
def deck():
    return load_deck(bundled_deck())


@pytest.fixture(scope="module")
def article() -> str:
    if not ARTICLE.exists():
        pytest.skip(f"the source article is not beside this checkout ({ARTICLE})")
    return ARTICLE.read_text(encoding="utf-8")


def main_slides(deck):
    return [s for s in deck.slides if not s.appendix]


def content_slides(deck):
    """The main slides that make claims: not the title slide, not a section divider."""
    return [s for s in main_slides(deck) if s.layout is None]


def slide_texts(slide) -> list[str]:
    texts = [slide.title, slide.subtitle or "", slide.body or "", slide.notes or ""]
    texts += [p.text for p in slide.claims()]  # points, a chart's bars and a timeline's events
    texts += [p.text for p in slide.all_points() if not p.is_claim]  # words on a slide without a label
    texts += [c.title for c in slide.columns] + [c.body or "" for c in slide.columns]
    return texts


def deck_texts(deck) -> list[str]:
    return [deck.title, deck.subtitle or "", *deck.labels.values()] + [t for s in deck.slides for t in slide_texts(s)]


def note(slide, marker: str) -> str | None:
    """The paragraph of the notes that starts with **marker:**, without the marker (None: there is none)."""
    match = re.search(rf"\*\*{marker}:\*\*(.*?)(?:\n\s*\n|\Z)", slide.notes or "", re.S)
    return match.group(1).strip() if match else None


def say(slide) -> str:
    text = note(slide, "Say")
    assert text, f"{slide.title}: notes need a **Say:** paragraph"
    return text


def quotes(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in QUOTE.finditer(text)]


# ------------------------------------------------------------------ the deck checks, and its structure


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
    main = main_slides(deck)
    assert 8 <= len(main) <= 16
    assert all(s.section == "Appendix" for s in deck.slides if s.appendix)
    assert deck.slides[0].layout == "title"


def test_density(deck):
    for slide in deck.slides:
        assert len(slide.claims()) <= (10 if slide.appendix else 7), slide.title
        for point in slide.claims():
            assert len(point.text) <= 140, point.text


def test_says_it_reflects_the_article_of_april_3_2026(deck):
    title = deck.slides[0]
    assert deck.as_of == dt.date(2026, 4, 3)
    assert "April 3, 2026" in (title.subtitle or deck.subtitle or ""), "the title slide dates the article"
    assert "April 3, 2026" in say(title), "the presenter says it too"


def test_every_claim_slide_is_cited_and_every_source_used(deck):
    for slide in deck.slides:
        if slide.layout is None:
            assert slide.cited(), f"{slide.title} cites no source"
    assert set(deck.cited()) == set(deck.sources)


# ------------------------------------------------------------------ a 15-minute talk: the notes


def test_say_is_at_most_three_sentences(deck):
    for slide in deck.slides:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", say(slide)) if s]
        assert len(sentences) <= 3, (slide.title, sentences)


def test_the_main_say_notes_fit_a_fifteen_minute_talk(deck):
    assert deck.duration_s == 15 * 60
    words = sum(len(say(s).split()) for s in main_slides(deck))
    assert words <= SAY_WORDS, f"the main slides' Say notes run to {words} words"


def test_every_main_slide_has_the_likely_question_and_a_caution_where_due(deck):
    for slide in main_slides(deck):
        ask = note(slide, "Ask")
        assert ask and "?" in ask and "**Answer:**" in ask, f"{slide.title}: **Ask:** a question, then **Answer:**"
        # a caution is due wherever the slide holds a leak, a guess or a calculation of ours
        due = any(p.confidence in (Confidence.UNVERIFIED, Confidence.SPECULATIVE) or DERIVATION in p.text for p in slide.claims())
        if due:
            assert note(slide, "Caution"), f"{slide.title}: holds weak claims or our arithmetic but no **Caution:**"


# ------------------------------------------------------------------ the labels: one written rule


def test_the_legend_is_one_line_a_level_and_a1_states_the_whole_rule(deck):
    used = {level.value for level in deck.levels_used()}
    assert used <= set(deck.labels), f"the deck's legend leaves out {used - set(deck.labels)}"
    assert all("\n" not in line and len(line) <= 100 for line in deck.labels.values())
    rule = next(s for s in deck.slides if s.appendix)  # A1: the full rule is the first appendix slide
    assert "rule" in rule.title.lower(), rule.title
    text = " ".join(p.text for p in rule.all_points()).lower()
    assert all(level in text for level in Confidence.names()), "A1 states every level"
    assert "attribution wins" in text, "A1 says which label wins when the article attributes a claim, then restates it flatly"
    assert "appears" in text, "A1 says what 'appears' and 'likely' do to a claim"
    assert "article's own text" in text, "A1 says how a claim about the article's own text is labelled"


def test_no_one_badge_on_more_than_60_percent_of_the_main_content_slides(deck):
    """A badge says what the slide's main message is: if nearly every slide wears one, it says nothing."""
    badges = Counter(s.confidence for s in content_slides(deck))
    level, count = badges.most_common(1)[0]
    assert count <= MAX_SHARE * len(content_slides(deck)), (level, dict(badges))


def test_a_badge_is_never_stronger_than_every_claim_on_its_slide(deck):
    for slide in deck.slides:
        sourced = [p.confidence for p in slide.claims() if not p.confidence.is_analysis]
        if slide.confidence is not None and sourced:
            strongest = min(sourced, key=lambda level: level.rank)
            assert not slide.confidence.is_stronger_than(strongest), (slide.title, slide.confidence, strongest)


def test_every_analysis_names_what_it_rests_on(deck):
    for slide in deck.slides:
        if slide.confidence is Confidence.ANALYSIS:
            assert slide.cited(), slide.title
        for point in slide.claims():
            if point.confidence is Confidence.ANALYSIS:
                assert point.sources or slide.sources, (slide.title, point.text)


def test_judgements_carry_a_likelihood_and_arithmetic_does_not(deck):
    claims = [p for s in deck.slides for p in s.claims()]
    assert any(p.likelihood for p in claims), "the deck's judgements say how likely they are"
    for point in claims:
        if DERIVATION in point.text:
            assert point.likelihood is None, f"a calculation is not a judgement: {point.text}"


# The claims the rule decides, each with the one label it gets wherever it appears.
CLAIMS = {
    r"HumanEval 90%|90% HumanEval": Confidence.UNVERIFIED,  # a deleted post and a tweet
    r"\$0\.27": Confidence.UNVERIFIED,  # 'Leaked pricing'
    r"1\.8x faster": Confidence.UNVERIFIED,  # 'The reported result', though later 'grounded in actual code analysis'
    r"approximately 40%": Confidence.UNVERIFIED,  # a figure credited to unnamed 'GitHub and paper analysis'
    r"1 trillion total": Confidence.SPECULATIVE,  # 'what appears to be'
    r"37 billion": Confidence.UNVERIFIED,  # a figure with no one named for it
    r"28 references": Confidence.UNVERIFIED,  # unnamed developers' count
    r"350–400GB|350-400GB": Confidence.SPECULATIVE,  # 'extrapolated', though the TL;DR says 'needs'
    r"84\.2% to 97%": Confidence.UNVERIFIED,  # 'In testing': no tester named, not said to be the paper's
    r"Whale Lab.*April": Confidence.REPORTED,
    r"Mixture-of-Experts": Confidence.REPORTED,  # stated flatly, not a figure
    r"1 million tokens|1M context": Confidence.UNVERIFIED,  # 'reportedly'
    r"SVG": Confidence.SPECULATIVE,  # 'what appeared to be V4 Lite'
    r"V4-Coder-33B": Confidence.SPECULATIVE,  # 'is likely'
    r"restricted or are considering": Confidence.REPORTED,
    r"Huawei and Cambricon": Confidence.REPORTED,  # 'DeepSeek has also confirmed', with no announcement cited
    r"security researchers": Confidence.UNVERIFIED,  # unnamed
    r"approximately 30%": Confidence.UNVERIFIED,  # 'reportedly'
    r"current best guess|probably justified": Confidence.SPECULATIVE,  # the article's own guesses
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


def test_no_v4_figure_is_confirmed(deck):
    """Every V4-specific number is a leak, unsourced or an estimate: none may be confirmed."""
    for slide in deck.slides:
        for point in slide.claims():
            if point.confidence is Confidence.CONFIRMED:
                assert "V4" not in point.text, point.text


# ------------------------------------------------------------------ quotes and numbers


def test_every_quote_is_verbatim_from_the_article(deck, article):
    wrong = [quoted for text in deck_texts(deck) for quoted in quotes(text) if quoted not in article]
    assert wrong == []


def test_main_points_carry_at_most_one_short_quote(deck):
    """Points are said aloud: plain words, at most one short quote each (exact quotes go in the notes)."""
    for slide in main_slides(deck):
        for point in slide.claims():
            found = quotes(point.text)
            assert len(found) <= 1, (slide.title, point.text)
            assert all(len(q.split()) <= SHORT_QUOTE for q in found), (slide.title, point.text)


def test_numbers_come_from_the_article_or_a_marked_analysis_derivation(deck, article):
    """A number of our own appears only in a claim marked as our arithmetic, labelled analysis."""
    wrong = []
    for slide in deck.slides:
        for point in slide.claims():
            new = [n for n in NUMBER.findall(point.text) if n not in article]
            if new and not (DERIVATION in point.text and point.confidence is Confidence.ANALYSIS):
                wrong.append((slide.title, point.text, new))
        if slide.chart is not None:
            for bar in slide.chart.bars:
                if bar.value_text not in article and not (DERIVATION in bar.claim.text and bar.claim.confidence is Confidence.ANALYSIS):
                    wrong.append((slide.title, bar.claim.text, bar.value_text))
        for text in [slide.title, slide.subtitle or "", slide.body or "", slide.notes or ""]:
            wrong += [(slide.title, text[:60], n) for n in NUMBER.findall(text) if n not in article]
    assert wrong == []


def test_the_derivations_are_analysis_and_show_their_inputs_from_the_article(deck, article):
    derivations = [p for s in deck.slides for p in s.claims() if DERIVATION in p.text]
    assert len(derivations) >= 3
    for point in derivations:
        assert point.confidence is Confidence.ANALYSIS, point.text
        inputs = [n for n in NUMBER.findall(point.text) if n in article]
        assert inputs, f"a derivation shows the article's numbers it starts from: {point.text}"


def test_the_deck_says_where_the_source_contradicts_itself(deck):
    text = " ".join(deck_texts(deck))
    assert "84.2%" in text and "'from 84% to 97%'" in text  # TL;DR vs body, both shown
    assert "~16GB" in text and "Still requires serious hardware" in text  # TL;DR vs hardware section
    assert "grounded in actual code analysis" in text and "The reported result" in text  # the 1.8x
    assert "1,000 GB" in text and "350–400GB" in text  # the arithmetic the article never did
    assert "As of March 20, 2026" in text and "Last updated: April 3, 2026" in text  # its stale status line


def test_the_hardware_contradiction_is_said_once_on_the_main_slides(deck):
    said = [s.title for s in main_slides(deck) if any("350–400GB" in t or "350-400GB" in t for t in slide_texts(s))]
    assert len(said) == 1, said


# ------------------------------------------------------------------ a briefing, not an audit


def test_it_says_up_front_why_v4_matters(deck):
    first = content_slides(deck)[0]
    why = [p for p in first.claims() if p.text.startswith("Why it matters")]
    assert len(why) == 1, "one line, on the first content slide"
    assert first.claims()[0] is why[0], "up front: the slide's first line"
    assert why[0].confidence is Confidence.ANALYSIS and (why[0].sources or first.sources), "our reading, and what it rests on"


def test_it_says_what_v4_would_mean_for_an_organisation_deciding_now(deck):
    implications = [s for s in content_slides(deck) if {"Cost", "Self-hosting", "Regulated sectors"} <= {c.title for c in s.columns}]
    assert len(implications) == 1
    assert all(c.points for c in implications[0].columns)


def test_the_delay_and_the_articles_reasons_have_a_slide(deck):
    delay = [s for s in content_slides(deck) if "delay" in s.title.lower()]
    assert len(delay) == 1
    assert sum(p.text.startswith("Perhaps") for p in delay[0].claims()) == 3, "the article's three possible reasons"
    assert all(p.confidence is Confidence.SPECULATIVE for p in delay[0].claims() if p.text.startswith("Perhaps"))


def test_one_policy_slide_labels_each_thread(deck):
    policy = [s for s in content_slides(deck) if s.section == "Policy"]
    assert len(policy) == 1
    threads = {p.text.split(":")[0]: p.confidence for p in policy[0].claims() if ":" in p.text}
    assert {"Apps", "Chips", "Partners"} <= set(threads), threads
    assert all(threads[t] is not None for t in ("Apps", "Chips", "Partners"))


def test_the_bottom_line_has_a_stance_triggers_and_a_review_date(deck):
    last = main_slides(deck)[-1]
    assert last.section == "Bottom line"
    texts = [p.text for p in last.claims()]
    assert any(t.startswith("Our stance") for t in texts)
    assert sum(t.startswith("Watch:") for t in texts) >= 2
    review = [t for t in texts if t.startswith("Review:")]
    assert review and re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, 20\d\d", review[0])


def test_the_timeline_runs_from_the_papers_to_the_slips(deck):
    timelines = [s for s in main_slides(deck) if s.timeline]
    assert len(timelines) == 1
    events = timelines[0].timeline
    assert {"mhc", "engram"} <= {sid for e in events[:2] for sid in e.claim.sources}, "it starts with the papers"
    assert any(e.end is not None and "pass" in e.claim.text for e in events), "the missed windows"
    assert events[-1].start.text.startswith("2026-04"), "it ends at April"


def test_numbers_compared_are_drawn_as_charts(deck):
    charts = [s for s in main_slides(deck) if s.chart is not None]
    assert {s.section for s in charts} >= {"Benchmarks", "Deciding now"}


def test_no_slide_reports_a_review_or_grade_of_the_deck(deck):
    pattern = re.compile(r"\bgrade[ds]?\b|\breviewers?\b|\breviewed\b|review of (this|the) (deck|briefing)|\bB\+|\bA-(?!\w)", re.I)
    found = [(s.title, m.group(0)) for s in deck.slides for t in slide_texts(s) for m in pattern.finditer(t)]
    assert found == []


# ------------------------------------------------------------------ on screen


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
