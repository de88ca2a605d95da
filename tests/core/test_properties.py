"""Whatever text or bytes reach the loader, it ends in a deck or in errors: never another exception."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deck.core.diagnostics import DeckError
from deck.core.loader import load_deck, parse_deck

from ..conftest import VALID

TIME_LIMIT_S = 2.0

# Fragments of deck-like YAML, so that generated text often gets past the parser into the schema.
FRAGMENTS = st.sampled_from(
    [
        "title: T\n",
        "slides:\n",
        "  - ",
        "title: A\n",
        "confidence: reported\n",
        "confidence: maybe\n",
        "    points:\n",
        "      - x\n",
        "      - {text: y, confidence: unverified}\n",
        "notes: |\n  say\n",
        "sources: [a]\n",
        "sources:\n  a: A\n",
        "&x ",
        "*x",
        "!!python/object:os.system ",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "\t",
        "\n",
        "---\n",
        "'",
        '"',
        "#",
        "\x1b[31m",
        "\u202e",
        "2026-02-30",
        "- 3\n",
        "~\n",
    ]
)


def _outcome_is_clean(text: str) -> None:
    started = time.perf_counter()
    loaded = parse_deck(text, "p.yaml")
    assert time.perf_counter() - started < TIME_LIMIT_S
    if loaded.deck is None:
        assert loaded.errors, "a failed load must say why"
    for d in loaded.diagnostics:
        assert d.line >= 1 and d.col >= 1 and d.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text(text):
    _outcome_is_clean(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_deck_like_text(text):
    _outcome_is_clean(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(VALID)), st.text(max_size=5))
def test_valid_deck_with_a_splice(at, insert):
    _outcome_is_clean(VALID[:at] + insert + VALID[at:])


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "deck.yaml"
    path.write_bytes(data)
    try:
        load_deck(path)
    except DeckError as exc:
        assert exc.diagnostics


TAGS = st.sampled_from(["!!bool", "!!int", "!!float", "!!timestamp", "!!str", "!!null", "!!binary", "!!python/object", "!", "!local", ""])
VALUES = st.one_of(
    st.sampled_from(["x", "soon", "1e999", "0x" + "f" * 5000, "9" * 5000, "-0", ".nan", "2026-02-30", "yes", "~", "''", "[]", "{}"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(TAGS, VALUES, st.sampled_from(["title", "as_of", "theme", "source id", "point", "confidence", "key"]))
def test_any_tag_on_any_value_is_a_diagnostic_at_its_place(tag, value, where):
    """`title: !!bool x`, `as_of: !!timestamp soon` and 5,000-digit numbers once crashed every command."""
    scalar = f"{tag} {value}".strip() if tag else value
    scalar = scalar if scalar.strip() else "x"
    text = {
        "title": f"title: {scalar}\nslides:\n  - {{title: A, confidence: reported}}\n",
        "as_of": f"title: T\nas_of: {scalar}\nslides:\n  - {{title: A, confidence: reported}}\n",
        "theme": f"title: T\ntheme: {scalar}\nslides:\n  - {{title: A, confidence: reported}}\n",
        "source id": f"title: T\nsources: {{a: A}}\nslides:\n  - title: A\n    confidence: reported\n    sources: [{scalar}]\n",
        "point": f"title: T\nslides:\n  - title: A\n    confidence: reported\n    points: [{scalar}]\n",
        "confidence": f"title: T\nslides:\n  - title: A\n    confidence: {scalar}\n",
        "key": f"title: T\n{scalar}: v\nslides:\n  - {{title: A, confidence: reported}}\n",
    }[where]
    loaded = parse_deck(text, "p.yaml")
    for d in loaded.diagnostics:
        assert "please report" not in d.message, d  # the last-resort net must never be what catches it
        assert d.line >= 1 and d.col >= 1
    if loaded.deck is None:
        assert loaded.errors


@pytest.mark.slow
def test_a_flow_style_deck_loads_in_linear_time():
    """`slides: [{...},{...},...]` on one line once took quadratic time (a 10 MB file: 562 s)."""

    def flow(n: int) -> str:
        return "title: T\nslides: [" + ",".join(f"{{title: S{i}, confidence: reported}}" for i in range(n)) + "]\n"

    def block(n: int) -> str:
        return "title: T\nslides:\n" + "".join(f"  - {{title: S{i}, confidence: reported}}\n" for i in range(n))

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            assert parse_deck(text).deck is not None
            best = min(best, time.perf_counter() - started)
        return best

    # flow style costs about what block style does at the same size: not quadratically more
    assert seconds(flow(40_000)) < 3 * seconds(block(40_000)) + 0.2
