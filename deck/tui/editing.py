"""The app's side of editing: a thin adapter over `deck.core.session`.

Saves, structural edits, undo and reloads run in worker threads that call the session and post its
outcome back; this module only maps outcomes to toasts, dialogs, the editor and the error bar.
"""

from __future__ import annotations

import gc
import subprocess
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import SuspendNotSupported
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from ..core import session
from ..core.debug import debugging, note
from ..core.document import DeckDocument
from ..core.session import Conflict, EditorNotFound, Invalid, IOFailure, ReadOnly, Refused, Saved, StructuralEdit
from .screens.presenter import PresenterScreen
from .watcher import DeckFileChanged, FileWatching

if TYPE_CHECKING:
    from .screens.editor import EditorScreen


def settle_heap() -> None:
    """Move what is alive now (the deck, the widgets) out of the collector's way: a big deck's objects
    would otherwise be rescanned by every full collection, a pause of tens of ms in the middle of a talk.

    What was frozen before is thawed and collected first: the last deck's cyclic garbage (its drawings,
    removed widgets) would otherwise stay frozen for good, and memory would grow with every reload."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


SETTLE_AFTER_S = 2.0  # the heap is settled this long after the last reload

# A reload that lands this soon after another, with no move in between, is taken as the end of one
# multi-step write: the slide followed is the one shown before the first step.
TRANSIENT_S = 2.0


@dataclass(frozen=True)
class SaveContext:
    """What a save was for, so that its outcome can be reported where the user is."""

    base: DeckDocument
    index: int
    message: str
    from_editor: bool
    before: DeckDocument | None = None  # the file before a structural edit, for undo
    source: str | None = None  # the slide editor's text as it was saved (typing may go on meanwhile)


class SaveDone(Message):
    def __init__(self, outcome: session.SaveOutcome, context: SaveContext) -> None:
        self.outcome = outcome
        self.context = context
        super().__init__()


class EditingApp(FileWatching):
    """Editing for the presenter app. Subclasses provide `presenter`."""

    document: DeckDocument | None
    read_only: bool
    undo_stack: list[tuple[DeckDocument, int, str]]  # before the edit, the slide shown, the digest right after
    saving: bool = False  # one save at a time: each starts from the document the last one left
    speakers: int = 0  # speaker views connected: they report reloads and errors, not the audience's screen
    _anchor: tuple[DeckDocument, int, int, float] | None = None  # document, index shown, index landed on, when
    _settle_timer: Timer | None = None
    _asked: tuple[str, bool] | None = None  # a reread asked for: the text shown then, and whether to say the outcome

    @property
    def presenter(self) -> PresenterScreen:
        raise NotImplementedError

    # -- live reload ---------------------------------------------------------------------------------
    def reload_from_disk(self, announce: bool = True) -> None:
        """Take the file from disk again (after `E`, or the conflict dialog's Reload), through the watcher:
        the one path by which a new version of the deck reaches the screen. `announce`: say the outcome."""
        if self.document is not None:
            shown = self._asked[0] if self._asked is not None else self.document.text
            self._asked = (shown, announce)
            self.reread_deck_file()

    def on_deck_file_changed(self, message: DeckFileChanged) -> None:
        document = self.document
        if document is None:
            return
        # A read the user asked for says its outcome, once, against the text shown when they asked; what
        # the watcher finds meanwhile (an editor saving during `E`) is taken in without a word.
        asked = self._asked if message.asked else None
        if message.asked:
            self._asked = None
        quiet = self.speakers > 0 or self._asked is not None  # with a speaker view, it is the one that says so
        if message.loaded.deck is not None and message.text == document.text:
            self.presenter.show_errors([])
            if asked is not None and asked[1] and not quiet:
                self.notify(
                    "Reloaded" if message.text != asked[0] else "The file was not changed", timeout=4
                )  # long enough to read, and to be seen on a busy machine
            return  # our own save, or the file put back as it was shown
        presenter = self.presenter
        if self.speakers and message.loaded.deck is None and asked is None:
            return  # the speaker view says what is wrong; the audience keeps the last good version, unannotated
        base, index = document, presenter.index
        anchor = self._anchor
        if anchor is not None and time.monotonic() - anchor[3] < TRANSIENT_S and presenter.index == anchor[2]:
            base, index = anchor[0], anchor[1]  # a step of one write: follow from before its first step
        outcome = session.adopt(base, index, message.path, message.text, message.loaded)
        editor = self._slide_editor()
        if isinstance(outcome, Invalid):
            presenter.show_errors(outcome.diagnostics)
            if asked is not None:
                first = outcome.diagnostics[0] if outcome.diagnostics else None
                where = "The file on disk has errors, so it was not reloaded"
                self.notify(f"{where}: {first}" if first else where, title="Not reloaded", severity="error", timeout=10)
                if editor is not None:
                    editor.show_disk_errors(outcome.diagnostics)
            return
        self._anchor = (base, index, outcome.index, time.monotonic())
        self._show(outcome.document, outcome.index)
        if asked is not None and editor is not None:
            editor.reloaded(outcome.document, outcome.index)
        elif (asked is None or asked[1]) and not quiet:
            self.notify("Reloaded", timeout=1.5)

    def _slide_editor(self) -> EditorScreen | None:
        from .screens.editor import EditorScreen  # the editor's parts load when it is first used

        return self.screen if isinstance(self.screen, EditorScreen) else None

    def _show(self, document: DeckDocument, index: int) -> None:
        self.document = document
        self.presenter.show_errors([])
        self.presenter.set_deck(document.deck, index)
        # the collection settle_heap makes costs tens of ms: once the edits have paused, never on the reload itself
        if self._settle_timer is not None:
            self._settle_timer.stop()
        self._settle_timer = self.set_timer(SETTLE_AFTER_S, settle_heap)

    # -- saving --------------------------------------------------------------------------------------
    def editable(self) -> DeckDocument | None:
        """The document, if it can be edited; otherwise say why and return None."""
        if self.read_only:
            self.notify("This presentation is read-only.", severity="warning")
            return None
        if self.document is None:
            self.notify("This deck was not loaded from a file, so it cannot be edited.", severity="warning")
            return None
        if self.document.read_only:
            self.notify(ReadOnly().hint, title="Read-only", severity="warning", timeout=8)
            return None
        return self.document

    def on_editor_screen_save_requested(self, message: EditorScreen.SaveRequested) -> None:
        """The slide editor's Ctrl+S: save in a thread, then report."""
        context = SaveContext(message.document, message.index, "Saved", from_editor=True, source=message.source)
        self._run_save(context, message.new_text, only_slide=message.index)

    def _start_save(self) -> bool:
        """Claim the one save slot; False (and say so) while another save is under way."""
        if self.saving:
            self.notify("Still saving the last change; try again in a moment.", severity="warning", timeout=2)
            return False
        self.saving = True
        return True

    def _run_save(self, context: SaveContext, new_text: str, only_slide: int | None = None, overwrite: bool = False) -> None:
        if self._start_save():
            self._save_worker(context, new_text, only_slide, overwrite)

    def _run_structural(self, context: SaveContext, kind: StructuralEdit, overwrite: bool = False) -> None:
        if self._start_save():
            self._structural_worker(context, kind, overwrite)

    # An unforeseen failure in a save is reported by `on_worker_state_changed`, which frees the save slot.
    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self, context: SaveContext, new_text: str, only_slide: int | None, overwrite: bool) -> None:
        outcome = session.save(context.base, new_text, context.index, context.message, overwrite=overwrite, only_slide=only_slide)
        self.post_message(SaveDone(outcome, context))

    @work(thread=True, group="save", exit_on_error=False)
    def _structural_worker(self, context: SaveContext, kind: StructuralEdit, overwrite: bool) -> None:
        self.post_message(SaveDone(session.structural(context.base, kind, context.index, overwrite=overwrite), context))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's unforeseen failure is reported (its expected outcomes are values):
        the talk goes on, the file as it was. Under DECK_DEBUG=1 the traceback goes to stderr too."""
        if event.state is not WorkerState.ERROR:
            return
        worker, error = event.worker, event.worker.error
        what = {"save": "Not saved", "export": "Not exported"}.get(worker.group, f"{worker.name} failed")
        if worker.group == "save":
            self.saving = False
        tail = "; the file is as it was" if worker.group == "save" else ""
        self.notify(f"{what} ({type(error).__name__}: {error}){tail}", severity="error", timeout=8)
        if error is not None and debugging():
            note("".join(traceback.format_exception(error)))

    def on_save_done(self, message: SaveDone) -> None:
        self.saving = False
        outcome, context = message.outcome, message.context
        from .screens.editor import EditorScreen

        editor = next((s for s in self.screen_stack if isinstance(s, EditorScreen)), None) if context.from_editor else None
        if isinstance(outcome, Saved):
            if context.before is not None:
                self.undo_stack.append((context.before, context.index, outcome.document.digest))
            self._show(outcome.document, outcome.index)
            if editor is not None:
                editor.saved(outcome.document, context.source)
            undo = " (u undoes)" if context.before is not None else ""
            self.notify(f"{outcome.message}: {outcome.document.path.name}{undo}", timeout=2)
        elif isinstance(outcome, Invalid):
            if editor is not None:  # said under the text, beside the error: a toast would lie over that line
                editor.show_problems(outcome.diagnostics, jump=True, lead="Not saved: the deck would be invalid. Fix the line below, then ctrl+s.")
                return
            first = outcome.diagnostics[0] if outcome.diagnostics else None
            self.notify(
                f"Not saved: {first.message if first else 'the deck would be invalid'}",
                title="The deck would be invalid",
                severity="error",
                timeout=8,
            )
        elif isinstance(outcome, Conflict):
            self._resolve_conflict(outcome, context)
        elif isinstance(outcome, ReadOnly):
            self.notify(outcome.hint, title="Read-only", severity="warning", timeout=8)
        elif isinstance(outcome, (IOFailure, Refused)):
            self.notify(outcome.message, severity="error" if isinstance(outcome, IOFailure) else "warning", timeout=8)

    def _resolve_conflict(self, conflict: Conflict, context: SaveContext) -> None:
        from .screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self._run_save(context, conflict.new_text, overwrite=True)
            elif answer == "reload":
                self.reload_from_disk(announce=False)
                if not context.from_editor:
                    self.notify(f"Reloaded from disk; '{conflict.message}' was not applied. Do it again if it is still wanted.", timeout=8)

        name = context.base.path.name
        if context.from_editor:
            question = (
                f"{name} changed on disk since it was loaded (another program saved it).\n\n"
                "Reload: take the file from disk; what you typed stays in the editor, not saved.\n"
                "Overwrite: replace the file with this version; the other change is lost."
            )
        else:
            question = (
                f"{name} changed on disk since it was loaded (another program saved it), so '{conflict.message}' was not done.\n\n"
                f"Reload: take the file from disk, without '{conflict.message}'.\n"
                f"Overwrite: do '{conflict.message}' on the version shown here, replacing the file; the other change is lost."
            )
        self.push_screen(
            ConfirmScreen(question, [("reload", "Reload from disk"), ("overwrite", "Overwrite the file"), ("cancel", "Cancel")]),
            answered,
        )

    # -- structural edits ----------------------------------------------------------------------------
    def action_structural_edit(self, kind: str) -> None:
        document = self.editable()
        if document is None:
            return
        edit_kind = StructuralEdit(kind)
        index = self.presenter.index
        context = SaveContext(document, index, edit_kind.done, from_editor=False, before=document)
        if edit_kind is not StructuralEdit.DELETE:
            self._run_structural(context, edit_kind)
            return
        from .screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self._run_structural(context, edit_kind)

        title = document.deck.slides[index].title
        self.push_screen(
            ConfirmScreen(f"Delete slide {index + 1}, '{title}', from {document.path.name}?", [("keep", "Keep it"), ("delete", "Delete")]),
            answered,
        )

    def action_undo(self) -> None:
        document = self.editable()
        if document is None:
            return
        if not self.undo_stack:
            self.notify("Nothing to undo: u undoes the last add, duplicate, delete or move.", timeout=3)
            return
        before, index, after = self.undo_stack[-1]
        if document.digest != after:  # saved again since, here or elsewhere: undoing would lose that
            self.undo_stack.clear()
            self.notify("Nothing to undo: the file has changed since the last add, delete or move.", timeout=4)
            return
        self.undo_stack.pop()
        self._run_save(SaveContext(document, index, "Undone", from_editor=False), before.text)

    # -- editors -------------------------------------------------------------------------------------
    def action_edit_slide(self) -> None:
        document = self.editable()
        if document is None:
            return
        from .screens.editor import EditorScreen

        self.push_screen(EditorScreen(document, self.presenter.index))

    def action_edit_external(self) -> None:
        document = self.editable()
        if document is None:
            return
        span = document.deck.slides[self.presenter.index].span
        try:
            command = session.editor_command(document.path, span.start_line if span else 1)
        except EditorNotFound as exc:  # checked before the terminal is handed over
            self.notify(f"Cannot open an editor: {exc}", title="Editor", severity="error", timeout=10)
            return
        failure: str | None = None
        self._asked = (document.text, True)  # what the editor changes is said once, when it is closed
        try:
            with self.suspend():
                # nothing may escape this block: an exception here would skip the app's resume
                try:
                    result = subprocess.run(command)
                    if result.returncode not in (0, None):
                        failure = f"{command[0]} exited with status {result.returncode}"
                except OSError as exc:
                    failure = f"could not run {command[0]}: {exc.strerror or exc}"
                except KeyboardInterrupt:
                    failure = f"{command[0]} was interrupted"
        except SuspendNotSupported:
            self._asked = None
            self.notify("This terminal cannot hand over to an editor (e.g. in a browser).", severity="error", timeout=8)
            return
        if failure:
            self.notify(f"Editor: {failure}; reloading what is on disk.", severity="warning", timeout=8)
        self.reload_from_disk()
