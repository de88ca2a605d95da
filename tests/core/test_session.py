"""The edit session: plain functions returning outcomes, tested without Textual."""

from __future__ import annotations

import pytest

from deck.core import edit, session
from deck.core.document import DeckDocument
from deck.core.loader import parse_deck
from deck.core.session import Conflict, Invalid, IOFailure, Refused, Reloaded, Saved, StructuralEdit

from ..conftest import VALID


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(VALID, encoding="utf-8")
    return DeckDocument.load(path)


def test_a_valid_save_writes_and_returns_the_new_document(document):
    outcome = session.save(document, VALID.replace("First", "Premier"), 0, "Saved")
    assert isinstance(outcome, Saved) and outcome.index == 0
    assert outcome.document.deck.slides[0].title == "Premier"
    assert document.path.read_text(encoding="utf-8") == VALID.replace("First", "Premier")


def test_an_invalid_save_writes_nothing_and_says_why(document):
    outcome = session.save(document, VALID.replace("confidence: confirmed", "confidence: sure"), 0, "Saved")
    assert isinstance(outcome, Invalid) and "unknown confidence 'sure'" in outcome.diagnostics[0].message
    assert document.path.read_text(encoding="utf-8") == VALID


def test_a_change_on_disk_is_a_conflict_until_overwritten(document):
    document.path.write_text(VALID.replace("Second", "Elsewhere"), encoding="utf-8")
    new_text = VALID.replace("First", "Mine")
    outcome = session.save(document, new_text, 0, "Saved")
    assert isinstance(outcome, Conflict) and outcome.new_text == new_text
    assert "Elsewhere" in document.path.read_text(encoding="utf-8")
    assert isinstance(session.save(document, new_text, 0, "Saved", overwrite=True), Saved)
    assert document.path.read_text(encoding="utf-8") == new_text


def test_an_edit_that_changes_more_than_its_slide_is_refused(document):
    widened = VALID.replace("title: Second", "title: Second!")
    outcome = session.save(document, widened.replace("First", "Premier"), 0, "Saved", only_slide=0)
    assert isinstance(outcome, Refused)


def test_a_save_that_cannot_write_is_an_io_failure(document):
    document.path.parent.chmod(0o500)
    document.path.chmod(0o400 | 0o200)
    try:
        import os

        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        outcome = session.save(document, VALID.replace("First", "Premier"), 0, "Saved")
        assert isinstance(outcome, IOFailure) and "unchanged" in outcome.message
    finally:
        document.path.parent.chmod(0o700)


@pytest.mark.parametrize(
    ("kind", "titles", "shown"),
    [
        (StructuralEdit.ADD, ["First", "New slide", "Second"], 1),
        (StructuralEdit.DUPLICATE, ["First", "First", "Second"], 1),
        (StructuralEdit.MOVE_DOWN, ["Second", "First"], 1),
        (StructuralEdit.DELETE, ["Second"], 0),
    ],
)
def test_structural_edits_and_undo(document, kind, titles, shown):
    outcome = session.structural(document, kind, 0)
    assert isinstance(outcome, Saved) and outcome.message == kind.done
    assert [s.title for s in outcome.document.deck.slides] == titles and outcome.index == shown
    undone = session.undo(outcome.document, document, 0)
    assert isinstance(undone, Saved)
    assert document.path.read_text(encoding="utf-8") == VALID  # byte for byte


def test_a_move_past_the_end_is_refused(document):
    assert isinstance(session.structural(document, StructuralEdit.MOVE_UP, 0), Refused)


def test_adopting_what_the_watcher_read_follows_the_slide_by_title(document):
    text = VALID.replace("  - title: First", "  - title: Zeroth\n    confidence: reported\n  - title: First", 1)
    outcome = session.adopt(document, 1, document.path, text, parse_deck(text, str(document.path)))  # on "Second"
    assert isinstance(outcome, Reloaded) and outcome.changed
    assert outcome.document.deck.slides[outcome.index].title == "Second"
    again = session.adopt(outcome.document, 0, document.path, text, parse_deck(text, str(document.path)))
    assert isinstance(again, Reloaded) and not again.changed


def test_adopting_a_broken_file_is_invalid(document):
    assert isinstance(session.adopt(document, 0, document.path, "title: [", parse_deck("title: [", "d.yaml")), Invalid)


def test_the_editor_splice_helpers_agree_with_the_session(document):
    span = document.deck.slides[0].span
    assert span is not None
    source = edit.slide_source(document.text, span)
    assert isinstance(session.save(document, edit.replace_slide(document.text, span, source.replace("First", "Un")), 0, "Saved", only_slide=0), Saved)
