"""Editing as exact splices: an edit of slide k changes only slide k's bytes."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deck.core import edit
from deck.core.diagnostics import DeckError
from deck.core.document import ConflictError, DeckDocument, ReadOnlyError
from deck.core.loader import parse_deck
from deck.core.paths import bundled_deck

WORDS = st.text(alphabet="abcdefgh ABC é✓日本-_", min_size=1, max_size=12).map(str.strip).filter(bool)
TITLE = WORDS.map(lambda w: "T " + w)


@st.composite
def decks(draw):
    """Deck text in many layouts, and the slides' titles in order."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    count = draw(st.integers(1, 5))
    lines = ["# a deck", "title: Deck", "slides:"]
    titles = []
    for i in range(count):
        title = f"{draw(TITLE)} {i}"
        titles.append(title)
        style = draw(st.sampled_from(["block", "flow", "block-notes", "block-points"]))
        comment = draw(st.sampled_from(["", "  # note this"]))
        if style == "flow":
            lines.append(f'  - {{title: "{title}", confidence: reported, notes: "n {i}"}}{comment}')
        else:
            lines.append(f'  - title: "{title}"{comment}')
            lines.append("    confidence: reported")
            if style == "block-notes":
                lines += ["    notes: |", f"      say {i}", "", "        ", "      more ✓", "  "]
            elif style == "block-points":
                lines += ["    points:", "      - one", f"      - {{text: two {i}, confidence: speculative}}", f"    notes: n {i}"]
            else:
                lines.append(f"    notes: 'n {i}'")
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(st.sampled_from(["", "  # between slides", "# at column one"])))
    text = newline.join(lines) + newline
    return text, titles


def content(slide):
    """What a slide says, without where it stands in the file."""
    points = [(p.text, p.confidence, p.labelled, p.sources) for p in slide.all_points()]
    return slide.title, slide.confidence, points, slide.notes, slide.sources


NEW_SOURCE = st.builds(
    lambda title, notes: f'title: "{title}"\nconfidence: unverified\npoints:\n  - new point\nnotes: |\n  {notes}\n  second line\n',
    TITLE,
    WORDS,
)


@settings(max_examples=200, deadline=None)
@given(decks(), st.data(), NEW_SOURCE)
def test_editing_slide_k_changes_only_slide_k(deck_and_titles, data, source):
    text, titles = deck_and_titles
    deck = parse_deck(text).deck
    assert deck is not None and [s.title for s in deck.slides] == titles
    k = data.draw(st.integers(0, len(titles) - 1))
    span = deck.slides[k].span
    new_text = edit.replace_slide(text, span, source)
    # everything outside the slide is byte for byte the same
    assert new_text[: span.start] == text[: span.start]
    assert new_text.endswith(text[span.end :])
    new_deck = parse_deck(new_text).deck
    assert new_deck is not None
    expected_title = source.split('"')[1]
    assert [s.title for s in new_deck.slides] == titles[:k] + [expected_title] + titles[k + 1 :]
    assert new_deck.slides[k].confidence.value == "unverified"
    assert new_deck.slides[k].notes.startswith(source.split("|\n  ")[1].split("\n")[0])
    for i, (old, new) in enumerate(zip(deck.slides, new_deck.slides)):
        if i != k:
            assert content(old) == content(new)
    if "\r\n" in text:
        assert "\n" not in new_text.replace("\r\n", "")  # the file keeps its line endings


@settings(max_examples=100, deadline=None)
@given(decks(), st.data())
def test_slide_source_round_trips_exactly(deck_and_titles, data):
    text, titles = deck_and_titles
    deck = parse_deck(text).deck
    k = data.draw(st.integers(0, len(titles) - 1))
    span = deck.slides[k].span
    assert edit.replace_slide(text, span, edit.slide_source(text, span)) == text


@settings(max_examples=100, deadline=None)
@given(decks(), st.data())
def test_structural_edits(deck_and_titles, data):
    text, titles = deck_and_titles
    deck = parse_deck(text).deck
    k = data.draw(st.integers(0, len(titles) - 1))
    span = deck.slides[k].span

    def titles_of(new_text):
        new = parse_deck(new_text).deck
        assert new is not None, parse_deck(new_text).diagnostics
        return [s.title for s in new.slides]

    assert titles_of(edit.duplicate(text, span)) == titles[: k + 1] + [titles[k]] + titles[k + 1 :]
    assert titles_of(edit.insert_after(text, span, edit.NEW_SLIDE)) == titles[: k + 1] + ["New slide"] + titles[k + 1 :]
    if len(titles) > 1:
        assert titles_of(edit.delete(text, deck.slides, k)) == titles[:k] + titles[k + 1 :]
    if k + 1 < len(titles):
        moved = titles[:k] + [titles[k + 1], titles[k]] + titles[k + 2 :]
        assert titles_of(edit.move(text, deck.slides, k, 1)) == moved
        # moving back restores every byte
        once = edit.move(text, deck.slides, k, 1)
        assert edit.move(once, parse_deck(once).deck.slides, k, 1) == text


def test_new_slide_template_has_every_field():
    loaded = parse_deck("title: T\nslides:\n  - " + edit.NEW_SLIDE.replace("\n", "\n    "))
    assert loaded.deck is not None, loaded.diagnostics
    for key in ("title", "confidence", "subtitle", "body", "points", "columns", "notes", "sources"):
        assert f"\n{key}:" in "\n" + edit.NEW_SLIDE


def test_structural_edits_refuse_a_flow_list():
    text = "title: T\nslides: [{title: A, confidence: reported}, {title: B, confidence: reported}]\n"
    deck = parse_deck(text).deck
    with pytest.raises(edit.EditError, match="block list"):
        edit.move(text, deck.slides, 0, 1)
    # editing the content of one slide still works
    new = edit.replace_slide(text, deck.slides[1].span, "{title: C, confidence: reported}")
    assert [s.title for s in parse_deck(new).deck.slides] == ["A", "C"]


def test_the_last_slide_cannot_be_deleted():
    text = "title: T\nslides:\n  - {title: A, confidence: reported}\n"
    with pytest.raises(edit.EditError, match="at least one slide"):
        edit.delete(text, parse_deck(text).deck.slides, 0)


class TestDocument:
    def test_save_is_atomic_keeps_mode_and_refuses_invalid_text(self, deck_file):
        path = deck_file()
        os.chmod(path, 0o600)
        doc = DeckDocument.load(path)
        span = doc.deck.slides[0].span
        broken = edit.replace_slide(doc.text, span, "title: X\nconfidence: nope\n")
        with pytest.raises(DeckError, match="unknown confidence 'nope'"):
            doc.save(broken)
        assert path.read_text() == doc.text
        saved = doc.save(edit.replace_slide(doc.text, span, "title: X\nconfidence: reported\nnotes: n\n"))
        assert saved.deck.slides[0].title == "X"
        assert path.read_text() == saved.text
        assert oct(path.stat().st_mode & 0o777) == "0o600"

    def test_a_concurrent_write_is_detected(self, deck_file):
        path = deck_file()
        doc = DeckDocument.load(path)
        path.write_text(doc.text.replace("Test deck", "Changed elsewhere"))
        assert doc.changed_on_disk()
        with pytest.raises(ConflictError):
            doc.save(doc.text)
        assert "Changed elsewhere" in path.read_text()
        doc.save(doc.text, overwrite=True)
        assert "Changed elsewhere" not in path.read_text()

    def test_a_crash_mid_save_leaves_the_original(self, deck_file, monkeypatch):
        path = deck_file()
        doc = DeckDocument.load(path)
        original = path.read_bytes()
        written = []
        real_fsync = os.fsync

        def crash_after_data_written(fd):
            written.append(fd)
            raise KeyboardInterrupt  # a kill between writing the temporary file and the rename

        monkeypatch.setattr(os, "fsync", crash_after_data_written)
        with pytest.raises(KeyboardInterrupt):
            doc.save(edit.duplicate(doc.text, doc.deck.slides[0].span))
        monkeypatch.setattr(os, "fsync", real_fsync)
        assert written and path.read_bytes() == original
        assert [p.name for p in path.parent.iterdir()] == [path.name]

    def test_the_bundled_briefing_is_read_only_when_installed(self, monkeypatch):
        doc = DeckDocument.load(bundled_deck())
        monkeypatch.setattr("deck.core.document.is_bundled", lambda path: True)
        with pytest.raises(ReadOnlyError, match="deck new my-briefing.yaml --from-bundled"):
            doc.save(doc.text)


@settings(max_examples=100, deadline=None)
@given(decks(), st.data(), NEW_SOURCE)
def test_an_edit_of_slide_k_passes_the_save_check(deck_and_titles, data, source):
    text, titles = deck_and_titles
    deck = parse_deck(text).deck
    k = data.draw(st.integers(0, len(titles) - 1))
    new_text = edit.replace_slide(text, deck.slides[k].span, source)
    assert edit.only_slide_changed(text, deck.slides, new_text, parse_deck(new_text).deck.slides, k)


def test_the_save_check_catches_an_edit_that_swallows_the_next_slide():
    text = "title: T\nslides:\n  - title: A\n    confidence: reported\n  - title: B\n    confidence: reported\n"
    deck = parse_deck(text).deck
    # an edit that dedents a line out of slide A and into a slide of its own
    new_text = edit.replace_slide(text, deck.slides[0].span, "title: A\nconfidence: reported\nnotes: x\n")
    assert edit.only_slide_changed(text, deck.slides, new_text, parse_deck(new_text).deck.slides, 0)
    broken = text.replace("  - title: B\n    confidence: reported\n", "  - title: B2\n    confidence: reported\n")
    assert not edit.only_slide_changed(text, deck.slides, broken, parse_deck(broken).deck.slides, 0)


def test_a_quoted_value_whose_next_line_starts_with_a_hash_is_all_in_the_slide():
    """Found in review: the line "#bar'" continues a quoted value, but the slide's text was cut before it
    as if it were a comment, and a splice then left a stray "#bar'" in the file."""
    text = "title: D\nslides:\n  - title: A\n    confidence: reported\n    notes: 'foo\n#bar'\n  - title: B\n    confidence: reported\n"
    deck = parse_deck(text, "d.yaml").deck
    assert deck is not None and deck.slides[0].notes == "foo #bar"
    span = deck.slides[0].span
    assert span is not None and text[span.start : span.end].endswith("#bar'")
    edited = edit.replace_slide(text, span, edit.slide_source(text, span).replace("title: A", "title: A2"))
    again = parse_deck(edited, "d.yaml").deck
    assert again is not None and [s.title for s in again.slides] == ["A2", "B"] and again.slides[0].notes == "foo #bar"
