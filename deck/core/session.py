"""An edit session on one deck file: check, save, structural edits, undo and reload, as plain methods
that return outcome values. No Textual: the TUI runs these in worker threads and maps each outcome to a
toast, a dialog or the error bar. Every save parses the new text exactly once.
"""

from __future__ import annotations

import enum
import os
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import edit
from .cursor import follow, follow_index
from .diagnostics import Diagnostic
from .document import READ_ONLY_HINT, ConflictError, DeckDocument, ReadOnlyError
from .files import CutShort
from .loader import Loaded


class StructuralEdit(enum.Enum):
    ADD = "add"
    DUPLICATE = "duplicate"
    DELETE = "delete"
    MOVE_UP = "up"
    MOVE_DOWN = "down"

    @property
    def done(self) -> str:
        return _DONE[self]


_DONE = {
    StructuralEdit.ADD: "New slide added",
    StructuralEdit.DUPLICATE: "Slide duplicated",
    StructuralEdit.DELETE: "Slide deleted",
    StructuralEdit.MOVE_UP: "Slide moved up",
    StructuralEdit.MOVE_DOWN: "Slide moved down",
}


# -- outcomes --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Saved:
    document: DeckDocument
    index: int  # the slide to show
    message: str


@dataclass(frozen=True)
class Invalid:
    """The new text has errors; nothing was written."""

    diagnostics: list[Diagnostic]


@dataclass(frozen=True)
class Conflict:
    """The file changed on disk since it was loaded; nothing was written. Saving again with
    `overwrite=True` replaces the other change."""

    new_text: str
    index: int
    message: str


@dataclass(frozen=True)
class ReadOnly:
    hint: str = READ_ONLY_HINT


@dataclass(frozen=True)
class IOFailure:
    message: str


@dataclass(frozen=True)
class Refused:
    """An edit that cannot be made (the last slide deleted, a move past the end, a flow-style list)."""

    message: str


@dataclass(frozen=True)
class Reloaded:
    document: DeckDocument
    index: int
    changed: bool  # False when the file on disk is what was shown already


SaveOutcome = Saved | Invalid | Conflict | ReadOnly | IOFailure | Refused


def save(document: DeckDocument, new_text: str, index: int, message: str, *, overwrite: bool = False, only_slide: int | None = None) -> SaveOutcome:
    """Write `new_text` (made from `document`) if it is a valid deck, then show slide `index`.

    `only_slide`: the save is an edit of that one slide; refuse it if any other slide's text changed
    (the check that keeps a splice mistake from ever reaching the file).
    """
    if document.read_only:
        return ReadOnly()
    loaded = document.check(new_text)
    if loaded.deck is None:
        return Invalid(loaded.errors)
    if only_slide is not None and not edit.only_slide_changed(document.text, document.deck.slides, new_text, loaded.deck.slides, only_slide):
        return Refused("Not saved: the edit would change more than this slide; check its indentation.")
    try:
        saved = document.write(new_text, loaded, overwrite=overwrite)
    except ReadOnlyError as exc:
        return ReadOnly(str(exc))
    except ConflictError:
        return Conflict(new_text, index, message)
    except CutShort as exc:
        return IOFailure(f"Not saved: {exc.strerror or exc}")
    except OSError as exc:
        return IOFailure(f"Not saved, the file is unchanged: {exc.strerror or exc}")
    return Saved(saved, follow_index(index, len(saved.deck.slides)), message)


def plan(document: DeckDocument, kind: StructuralEdit, index: int) -> tuple[str, int] | Refused:
    """The new text and the slide to show after a structural edit of slide `index`, or why not."""
    slides = document.deck.slides
    span = slides[index].span
    assert span is not None
    if kind in (StructuralEdit.MOVE_UP, StructuralEdit.MOVE_DOWN):
        other = index + (-1 if kind is StructuralEdit.MOVE_UP else 1)
        if 0 <= other < len(slides) and slides[other].appendix != slides[index].appendix:
            return Refused("A slide moves into or out of the appendix by its 'appendix' key, not by moving it; press e to edit it")
    try:
        if kind is StructuralEdit.ADD:
            template = edit.NEW_SLIDE + ("appendix: true\n" if slides[index].appendix else "")  # stays with its neighbours
            return edit.insert_after(document.text, span, template), index + 1
        if kind is StructuralEdit.DUPLICATE:
            return edit.duplicate(document.text, span), index + 1
        if kind is StructuralEdit.MOVE_UP:
            return edit.move(document.text, slides, index, -1), index - 1
        if kind is StructuralEdit.MOVE_DOWN:
            return edit.move(document.text, slides, index, 1), index + 1
        return edit.delete(document.text, slides, index), min(index, len(slides) - 2)
    except edit.EditError as exc:
        return Refused(str(exc))


def structural(document: DeckDocument, kind: StructuralEdit, index: int, *, overwrite: bool = False) -> SaveOutcome:
    planned = plan(document, kind, index)
    if isinstance(planned, Refused):
        return planned
    new_text, target = planned
    return save(document, new_text, target, kind.done, overwrite=overwrite)


def undo(document: DeckDocument, before: DeckDocument, index: int, *, overwrite: bool = False) -> SaveOutcome:
    """Put back the text of `before` (the file as it was before the last structural edit), exactly."""
    return save(document, before.text, index, "Undone", overwrite=overwrite)


def adopt(document: DeckDocument, index: int, path: Path, text: str, loaded: Loaded) -> Reloaded | Invalid:
    """What the watcher read, as a reload outcome: the one way a new version of the file is taken in."""
    if loaded.deck is None:
        return Invalid(loaded.errors)
    fresh = DeckDocument.from_text(path, text, loaded.deck)
    return Reloaded(fresh, follow(document.deck, index, fresh.deck), text != document.text)


# -- the external editor ---------------------------------------------------------------------------
# Editors known to open a file at a line with `+LINE`; others get the file alone.
_PLUS_LINE = {"vi", "vim", "nvim", "gvim", "view", "nano", "emacs", "emacsclient", "micro", "kak", "joe", "jed", "ne", "mg", "hx", "helix", "ed"}
_GOTO = {"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"}  # VS Code and its forks


class EditorNotFound(Exception):
    """$VISUAL/$EDITOR cannot be run: unparseable, or the program is not installed."""


def editor_command(path: Path, line: int, environ: dict[str, str] | os._Environ[str] | None = None) -> list[str]:
    """$VISUAL or $EDITOR (else vi) opened at `line`, where the editor is known to take a line.

    Raises EditorNotFound, with the reason, when the command cannot be parsed or is not installed,
    so that the terminal is never handed over to a program that cannot start.
    """
    environ = os.environ if environ is None else environ
    # DECK_EDITOR: the `editor` of the user's deck configuration, which comes first
    variable = next((name for name in ("DECK_EDITOR", "VISUAL", "EDITOR") if environ.get(name)), None)
    raw = environ.get(variable, "") if variable else "vi"
    try:
        command = shlex.split(raw)
    except ValueError as exc:
        raise EditorNotFound(f"cannot read ${variable} ({raw!r}): {exc}") from None
    if not command:
        raise EditorNotFound(f"${variable} is empty")
    program = command[0]
    if shutil.which(program, path=environ.get("PATH")) is None:
        where = f"${variable} is {raw!r}, but " if variable else "no $VISUAL or $EDITOR is set, and "
        raise EditorNotFound(f"{where}'{program}' is not installed or not on PATH; set $EDITOR to an editor you have")
    name = Path(program).name
    # always an absolute path: a file named '+!cmd' or '-c ...' would be an editor's option or command
    path = Path(os.path.abspath(path))
    if name in _GOTO:
        return [*command, "--goto", f"{path}:{line}"]
    if name in _PLUS_LINE:
        return [*command, f"+{line}", str(path)]
    return [*command, str(path)]
