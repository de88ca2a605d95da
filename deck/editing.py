"""The app's side of editing: live reload, saving edits, structural edits, the external editor.

A mixin for DeckApp, kept apart so that app.py stays about wiring. Every change to the file goes
through DeckDocument.save: loaded again, refused if invalid, refused if the file changed on disk
since it was read (the user then picks reload or overwrite), written atomically.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Callable

from textual.app import SuspendNotSupported

from . import edit
from .diagnostics import DeckError
from .document import READ_ONLY_HINT, ConflictError, DeckDocument, ReadOnlyError
from .model import Deck
from .watching import DeckFileChanged, FileWatching

def follow(old: Deck, index: int, new: Deck) -> int:
    """Where the slide shown at `index` is in the new deck: by title, nearest first; else by position."""
    title = old.slides[index].title if index < len(old.slides) else None
    matches = [i for i, slide in enumerate(new.slides) if slide.title == title]
    if matches:
        return min(matches, key=lambda i: abs(i - index))
    return max(0, min(index, len(new.slides) - 1))


def editor_command(path: Path, line: int, environ: dict[str, str] | None = None) -> list[str]:
    """$VISUAL or $EDITOR (else vi), opened at `line`: `+LINE` is understood by vi, vim, nano, emacs, micro."""
    environ = os.environ if environ is None else environ
    command = shlex.split(environ.get("VISUAL") or environ.get("EDITOR") or "vi")
    return [*command, f"+{line}", str(path)]


class Editing(FileWatching):
    """Mixed into DeckApp, which provides `presenter` and `error_bar`."""

    document: DeckDocument | None
    read_only: bool

    # -- live reload (the watcher itself is in watching.py) --------------------------------------
    def on_deck_file_changed(self, message: DeckFileChanged) -> None:
        errors = message.loaded.errors
        if message.loaded.deck is None:
            self.error_bar().show_errors(errors)
            return
        self.error_bar().clear()
        if self.document is not None and message.text == self.document.text:
            return  # our own save, or the file put back as it was shown
        self.adopt(DeckDocument.from_text(message.path, message.text, message.loaded.deck))
        self.notify("Reloaded", timeout=1.5)

    def adopt(self, document: DeckDocument, index: int | None = None) -> None:
        """Show `document` from now on, on slide `index` or following the current slide."""
        presenter = self.presenter
        if index is None:
            index = follow(presenter.deck, presenter.index, document.deck)
        self.document = document
        presenter.set_deck(document.deck, index)

    def reload_from_disk(self) -> DeckDocument | None:
        assert self.document is not None
        try:
            document = DeckDocument.load(self.document.path)
        except DeckError as exc:
            self.error_bar().show_errors(exc.diagnostics)
            return None
        except OSError as exc:
            self.notify(f"Cannot read {self.document.path}: {exc.strerror or exc}", severity="error")
            return None
        self.adopt(document)
        self.error_bar().clear()
        return document

    # -- saving -----------------------------------------------------------------------------------
    def editable(self) -> DeckDocument | None:
        """The document, if it can be edited; otherwise say why and return None."""
        if self.read_only:
            self.notify("This presentation is read-only.", severity="warning")
            return None
        if self.document is None:
            self.notify("This deck was not loaded from a file, so it cannot be edited.", severity="warning")
            return None
        if self.document.read_only:
            self.notify(READ_ONLY_HINT, title="Read-only", severity="warning", timeout=8)
            return None
        return self.document

    def save_edit(
        self,
        base: DeckDocument,
        new_text: str,
        index: int,
        on_saved: Callable[[DeckDocument], None] | None = None,
        message: str = "Saved",
        overwrite: bool = False,
    ) -> None:
        """Save `new_text` (made from `base`), then show slide `index`."""
        try:
            saved = base.save(new_text, overwrite=overwrite)
        except ReadOnlyError:
            self.notify(READ_ONLY_HINT, title="Read-only", severity="warning", timeout=8)
            return
        except DeckError as exc:
            self.notify(f"Not saved: {exc.first}", title="The deck would be invalid", severity="error", timeout=8)
            return
        except ConflictError:
            self._resolve_conflict(base, new_text, index, on_saved, message)
            return
        except OSError as exc:
            self.notify(f"Not saved, the file is unchanged: {exc.strerror or exc}", severity="error", timeout=8)
            return
        self.adopt(saved, index)
        self.error_bar().clear()
        self.notify(f"{message}: {saved.path.name}", timeout=2)
        if on_saved is not None:
            on_saved(saved)

    def _resolve_conflict(self, base, new_text, index, on_saved, message) -> None:
        from .screens.confirm import ConfirmScreen
        from .screens.editor import EditorScreen

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self.save_edit(base, new_text, index, on_saved, message, overwrite=True)
            elif answer == "reload":
                document = self.reload_from_disk()
                if document is None:
                    return
                if not isinstance(self.screen, EditorScreen):
                    self.notify(f"Reloaded from disk; '{message}' was not applied. Do it again if it is still wanted.", timeout=8)
                    return
                editor = self.screen
                title = base.deck.slides[index].title
                if title not in [s.title for s in document.deck.slides]:
                    editor.detach()
                    self.notify(
                        f"Reloaded from disk. The slide '{title}' is no longer in the file (renamed or removed), so this "
                        "edit cannot be saved; what you typed is still in the editor to copy.",
                        title="Reloaded",
                        severity="error",
                        timeout=12,
                    )
                    return
                before = editor.saved_source
                editor.rebase(document, follow(base.deck, index, document.deck))  # the same slide, wherever it went
                changed_here = edit.slide_source(document.text, editor.span) != before
                self.notify(
                    "Reloaded from disk. What you typed is still in the editor, not saved. "
                    + ("This slide was changed on disk too: saving replaces that change with yours." if changed_here
                       else "Saving now replaces only this slide; the other changes on disk stay."),
                    title="Reloaded",
                    severity="warning" if changed_here else "information",
                    timeout=10,
                )

        question = (
            f"{base.path.name} changed on disk since it was loaded (another program saved it).\n\n"
            "Reload: take the file from disk; what you typed stays in the editor, not saved.\n"
            "Overwrite: replace the file with this version; the other change is lost."
        )
        self.push_screen(
            ConfirmScreen(question, [("reload", "Reload from disk"), ("overwrite", "Overwrite the file"), ("cancel", "Cancel")]),
            answered,
        )

    # -- structural edits -------------------------------------------------------------------------
    def structural_edit(self, kind: str) -> None:
        document = self.editable()
        if document is None:
            return
        presenter = self.presenter
        index = presenter.index
        slides = document.deck.slides
        span = slides[index].span
        assert span is not None
        try:
            if kind == "add":
                new_text, target, message = edit.insert_after(document.text, span, edit.NEW_SLIDE), index + 1, "New slide added"
            elif kind == "duplicate":
                new_text, target, message = edit.duplicate(document.text, span), index + 1, "Slide duplicated"
            elif kind == "up":
                new_text, target, message = edit.move(document.text, slides, index, -1), index - 1, "Slide moved up"
            elif kind == "down":
                new_text, target, message = edit.move(document.text, slides, index, 1), index + 1, "Slide moved down"
            elif kind == "delete":
                new_text, target, message = edit.delete(document.text, slides, index), min(index, len(slides) - 2), "Slide deleted"
            else:
                raise ValueError(kind)
        except edit.EditError as exc:
            self.notify(str(exc), severity="warning", timeout=6)
            return
        if kind != "delete":
            self.save_edit(document, new_text, target, message=message)
            return
        from .screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self.save_edit(document, new_text, target, message=message)

        self.push_screen(
            ConfirmScreen(f"Delete slide {index + 1}, '{slides[index].title}', from {document.path.name}?", [("keep", "Keep it"), ("delete", "Delete")]),
            answered,
        )

    # -- editors ----------------------------------------------------------------------------------
    def open_slide_editor(self) -> None:
        document = self.editable()
        if document is None:
            return
        from .screens.editor import EditorScreen

        self.push_screen(EditorScreen(document, self.presenter.index))

    def open_external_editor(self) -> None:
        document = self.editable()
        if document is None:
            return
        span = document.deck.slides[self.presenter.index].span
        import subprocess

        try:
            command = editor_command(document.path, span.start_line if span else 1)
        except ValueError as exc:  # e.g. an unbalanced quote in $EDITOR
            self.notify(f"Cannot read $VISUAL/$EDITOR: {exc}", severity="error", timeout=8)
            return
        try:
            with self.suspend():
                subprocess.run(command)
        except (SuspendNotSupported, OSError) as exc:  # no terminal to hand over, or no such editor
            self.notify(f"Could not run {command[0]}: {exc}", severity="error", timeout=8)
            return
        if self.reload_from_disk() is not None:
            self.notify("Reloaded", timeout=1.5)
