"""Following the deck file on disk: a thread polls it and posts what loading the settled text found."""

from __future__ import annotations

import threading
from pathlib import Path

from textual import work
from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from ..core.diagnostics import DeckError, Diagnostic
from ..core.document import DeckDocument
from ..core.incremental import reparse
from ..core.loader import Loaded, parse_deck, read_text

POLL_S = 0.025  # how often the watcher looks at the file (a stat call: 40 a second cost nothing to see)
SETTLE_POLLS = 2  # a change is read once size and mtime have held still across this many polls
MISSING_POLLS = 20  # half a second without the file: it was moved or deleted, not saved by rename
PARTIAL_READS = 20  # a file cut to the start of the last text read: held through this many reads (about a second)


class DeckFileChanged(Message):
    """The deck file changed on disk and has settled, or was read because the app asked (`asked`: after
    `E`, or the conflict dialog's Reload; then it comes even if nothing changed): its text, and what
    loading it found."""

    def __init__(self, path: Path, text: str, loaded: Loaded, asked: bool = False) -> None:
        self.path = path
        self.text = text
        self.loaded = loaded
        self.asked = asked
        super().__init__()


def file_signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def unreadable(path: Path, exc: OSError) -> Loaded:
    """What a read the user asked for says when the file cannot be read at all."""
    return Loaded(None, [Diagnostic(1, 1, f"cannot read the file: {exc.strerror or exc}", path=str(path))])


class Settling:
    """Decides when a changed file has settled: its signature held still across SETTLE_POLLS polls."""

    def __init__(self) -> None:
        self.seen: tuple[int, int, int] | None = None  # the signature last read (None: read at the first look)
        self.pending: tuple[int, int, int] | None = None
        self.still = 0

    def observe(self, signature: tuple[int, int, int] | None) -> bool:
        """True when the file should be read now."""
        if signature is None:
            self.pending, self.still = None, 0  # mid-rename or briefly missing
            return False
        if signature == self.seen:
            return False
        if signature != self.pending:
            self.pending, self.still = signature, 1
        else:
            self.still += 1
        if self.still < SETTLE_POLLS:
            return False
        self.seen, self.pending = signature, None
        return True

    def forget(self) -> None:
        """The read failed: look again at the next poll."""
        self.seen = None

    def read(self, signature: tuple[int, int, int] | None) -> None:
        """The file was read out of turn (asked for): that version is the one seen."""
        self.seen, self.pending, self.still = signature, None, 0


class Holding:
    """Decides whether a settled text is shown: a text that is the start of the last one read, cut short,
    is most likely a writer's first step (an editor that writes in two, with a pause): it is shown only once
    it has stayed so for PARTIAL_READS reads (a deck really cut short, its last slides deleted, waits that long)."""

    def __init__(self) -> None:
        self.text: str | None = None
        self.reads = 0

    def show(self, text: str, last_text: str) -> bool:
        if not (len(text) < len(last_text) and last_text.startswith(text)):
            self.text, self.reads = None, 0
            return True
        self.reads = self.reads + 1 if text == self.text else 1
        self.text = text
        return self.reads >= PARTIAL_READS


class FileWatching(App[int]):
    """An App with a `document`; it handles DeckFileChanged (`on_deck_file_changed`). The watcher is the
    app's one way of reading its deck file again: `reread_deck_file` asks it to read now."""

    document: DeckDocument | None
    _reread_wanted: threading.Event | None = None  # set while the watcher runs: setting it asks for a read
    _holding: Holding | None = None  # what the watcher holds back (a text that may be half-written), while it runs

    def reread_deck_file(self) -> None:
        """Read the deck file now and post what was found, even if nothing changed."""
        if self._reread_wanted is not None:
            self._reread_wanted.set()
        elif self.document is not None:
            self._read_deck_file_once(self.document.path)

    @work(thread=True, group="reread")
    def _read_deck_file_once(self, path: Path) -> None:
        """An asked-for read when no watcher runs (a deck not followed on disk)."""
        try:
            text = read_text(path)
        except DeckError as exc:
            self.post_message(DeckFileChanged(path, "", Loaded(None, exc.diagnostics), asked=True))
            return
        except OSError as exc:
            self.post_message(DeckFileChanged(path, "", unreadable(path, exc), asked=True))
            return
        self.post_message(DeckFileChanged(path, text, parse_deck(text, str(path)), asked=True))

    @work(thread=True, exclusive=True, group="watch")
    def follow_deck_file(self) -> None:
        """Poll the file (a thread: loading a big deck never stalls the presenter).

        A program that writes in steps (two writes, `cp`, a network mount) can leave a half-written
        file that happens to be valid YAML: nothing is read until the file has stopped changing.
        """
        worker = get_current_worker()
        document = self.document
        if document is None:
            return
        path = document.path
        settling = Settling()
        holding = self._holding = Holding()
        last_text = document.text
        base = (document.text, document.deck)  # the last valid version read: an edit to one slide re-reads that slide
        last_loaded = Loaded(document.deck, [])
        missing = 0
        wanted = self._reread_wanted = threading.Event()
        try:
            while not worker.is_cancelled:
                asked = wanted.wait(POLL_S)  # at once when asked, else after a poll
                wanted.clear()
                signature = file_signature(path)
                missing = missing + 1 if signature is None else 0
                if missing == MISSING_POLLS:  # gone for longer than a rename takes: say so, once
                    gone = Diagnostic(
                        1, 1, "the file was moved or deleted; showing the last version read. Put it back to go on editing", path=str(path)
                    )
                    self.post_message(DeckFileChanged(path, "", Loaded(None, [gone])))
                    last_text = ""
                    settling.forget()  # put back by a rename, it has the signature last read: it must still be read
                if asked:
                    settling.read(signature)
                elif not settling.observe(signature):
                    continue
                try:
                    text = read_text(path)
                except DeckError as exc:
                    self.post_message(DeckFileChanged(path, "", Loaded(None, exc.diagnostics), asked))
                    last_text = ""  # whatever is read next is news, even the text shown before
                    continue
                except OSError as exc:
                    settling.forget()
                    if asked:
                        self.post_message(DeckFileChanged(path, "", unreadable(path, exc), asked))
                    continue
                if text != last_text and not asked and not holding.show(text, last_text):
                    settling.forget()  # read it again at the next polls: the rest may be on its way
                    continue
                if text != last_text:
                    last_text = text
                    last_loaded = reparse(*base, text, str(path)) or parse_deck(text, str(path))
                    if last_loaded.deck is not None:
                        base = (text, last_loaded.deck)
                elif not asked:
                    continue  # touched, not changed
                self.post_message(DeckFileChanged(path, text, last_loaded, asked))
        finally:
            self._reread_wanted = None
