"""Reading only the edited slide: whenever `reparse` answers, its deck is the one a whole parse gives."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from deck.core.incremental import common_prefix, common_suffix, reparse
from deck.core.loader import parse_deck
from deck.core.paths import bundled_deck

from ..conftest import ROOT

DECKS = {name: (ROOT / "tests" / "decks" / f"{name}.yaml").read_text() for name in ("showcase", "pacing", "figures", "awkward")}
DECKS["briefing"] = open(bundled_deck(), encoding="utf-8").read()
DECKS["crlf"] = DECKS["pacing"].replace("\n", "\r\n")
LOADED = {name: parse_deck(text, f"{name}.yaml").deck for name, text in DECKS.items()}
# what a person types into YAML, including what changes its structure
TYPED = st.text(alphabet="abc XYZ19\x85\u2028:-#.'\"|>[]{},.\n\t*`&!", max_size=12) | st.text(alphabet="abc XYZ19\n", max_size=12)


def test_the_decks_load():
    assert all(deck is not None for deck in LOADED.values())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(DECKS)), data=st.data())
def test_an_edit_inside_a_slide_reads_as_a_whole_parse_does(name, data):
    text, deck = DECKS[name], LOADED[name]
    assert deck is not None
    slide = data.draw(st.sampled_from(deck.slides))
    assert slide.span is not None
    # anywhere from a little before the slide to a little after it: some edits must fall back
    at = data.draw(st.integers(max(0, slide.span.start - 3), min(len(text), slide.span.end + 3)))
    cut = data.draw(st.integers(0, min(12, len(text) - at)))
    new = text[:at] + data.draw(TYPED) + text[at + cut :]
    fast = reparse(text, deck, new, f"{name}.yaml")
    event("fast" if fast is not None else "whole file")
    if fast is None:
        return  # the whole file is parsed instead: nothing to compare
    whole = parse_deck(new, f"{name}.yaml")
    assert whole.deck is not None, whole.errors  # the fast path never accepts what a whole parse refuses
    assert fast.deck == whole.deck  # every slide, point, source, position and span the same


def edit(name: str, old: str, new: str) -> tuple[str, str]:
    text = DECKS[name]
    assert text.count(old) == 1, old
    return text, text.replace(old, new)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("pacing", "Say the steps.", "Say the steps slowly."),  # a word typed in the notes
        ("pacing", "      - Two\n", "      - Two\n      - Two and a half\n"),  # a point added: later slides move down a line
        ("pacing", "      - Two\n", ""),  # a point deleted: later slides move up
        ("pacing", "    points: [Detail]\n", "    points: [Detail, More]\n"),  # the last slide
        ("crlf", "Say the steps.", "Say the\r\n      steps."),  # Windows line ends
        ("briefing", "confidence: speculative", "confidence: unverified"),  # the first of many
    ],
)
def test_ordinary_edits_take_the_fast_path(name, old, new):
    text, changed = edit(name, old, new) if name != "briefing" else (DECKS[name], DECKS[name].replace(old, new, 1))
    deck = LOADED[name]
    assert deck is not None
    fast = reparse(text, deck, changed, f"{name}.yaml")
    assert fast is not None and fast.deck == parse_deck(changed, f"{name}.yaml").deck


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("      - Two\n", "      - Two\n  - title: Inserted\n    confidence: reported\n", "a new slide"),
        (
            "    confidence: reported\n    reveal: true\n    body: |",
            "    confidence: reported\n    reveal: true\n    appendix: true\n    body: |",
            "an appendix slide before main ones",
        ),
        ("        sources: [a]\n", "        sources: [b]\n", "a source that is not defined"),
        ("Say the steps.", "Say the steps: {", "a YAML error"),
        ("  a: {title: Source A}\n", "  a: {title: Source A, kind: paper}\n", "an edit outside any slide"),
    ],
)
def test_edits_that_change_more_than_a_slide_read_the_whole_file(old, new, why):
    text, changed = edit("pacing", old, new)
    deck = LOADED["pacing"]
    assert deck is not None
    assert reparse(text, deck, changed, "pacing.yaml") is None, why


@given(st.text(alphabet="ab\n", max_size=60), st.text(alphabet="ab\n", max_size=60))
def test_common_prefix_and_suffix_never_overlap(a, b):
    start = common_prefix(a, b)
    assert a[:start] == b[:start] and (start == min(len(a), len(b)) or a[start] != b[start])
    end = common_suffix(a, b, len(a) - start)
    assert start + end <= min(len(a), len(b))
    assert a[len(a) - end :] == b[len(b) - end :]


def test_common_prefix_across_chunks():
    a = "x" * 10_000 + "a" + "y" * 5000
    b = "x" * 10_000 + "b" + "y" * 5000
    assert common_prefix(a, b) == 10_000 and common_suffix(a, b, len(a) - 10_000) == 5000


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Say the steps.", "Say the\r steps."),  # a lone CR: a line break to YAML, not to a search for '\n'
        ("Say the steps.", "Say the\x85steps."),
        ("Say the steps.", "Say the\u2028      steps."),
        ("Say the steps.", "Say the \ud800steps."),  # a lone surrogate: the parser cannot encode it
    ],
)
def test_line_breaks_other_than_newlines_and_text_the_parser_cannot_take_read_the_whole_file(old, new):
    """Found in review: a lone CR or NEL hid a line from the search for the slide's end (a slide's span
    then pointed at text that was gone); a lone surrogate made the reread raise."""
    text, changed = edit("pacing", old, new)
    deck = LOADED["pacing"]
    assert deck is not None
    assert reparse(text, deck, changed, "pacing.yaml") is None


def test_a_tag_directive_reads_the_whole_file():
    text = "%TAG !! tag:example.com,2000:\n---\n" + DECKS["pacing"]
    deck = parse_deck(text, "d.yaml").deck
    assert deck is not None
    assert reparse(text, deck, text.replace("Say the steps.", "!!str Say the steps."), "d.yaml") is None


def test_every_model_field_that_can_hold_a_position_can_be_moved():
    """`shifted` walks model dataclasses, tuples, Pos and Span: a position kept in a list or dict (other
    than the deck's sources, which reparse moves itself) would silently keep its old place."""
    import dataclasses

    from deck.core import model
    from deck.core.incremental import _PLAIN

    for cls in vars(model).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__):
            continue
        for field in dataclasses.fields(cls):
            annotation = str(field.type)
            if annotation in _PLAIN or (cls is model.Deck and field.name == "sources"):
                continue
            assert "list[" not in annotation and "dict[" not in annotation and "set[" not in annotation, (cls.__name__, field.name)
