"""Whatever text or bytes reach the loader, it ends in a deck or in errors: never another exception."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deck.diagnostics import DeckError
from deck.loader import load_deck, parse_deck

from .conftest import VALID

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
