"""A deck file as it was loaded: its exact text, its model, and how to save edits to it safely."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import DeckError
from .files import ConflictLike, write_atomic
from .incremental import reparse
from .loader import Loaded, parse_deck, read_text
from .model import Deck
from .paths import is_bundled


class ConflictError(ConflictLike):
    """The file changed on disk since it was loaded; saving would lose the other change."""


class ReadOnlyError(Exception):
    """The bundled briefing ships inside the package and is not edited in place."""


READ_ONLY_HINT = "The bundled briefing is read-only. Make an editable copy: deck new my-briefing.yaml --from-bundled"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class DeckDocument:
    path: Path
    text: str
    deck: Deck
    digest: str  # of the bytes loaded, to notice another program's save

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DeckDocument:
        """Raises DeckError (with every error) or OSError."""
        text = read_text(path)
        loaded = parse_deck(text, str(path))
        if loaded.deck is None:
            raise DeckError(loaded.errors)
        return cls(Path(path), text, loaded.deck, _digest(text.encode("utf-8")))

    @classmethod
    def from_text(cls, path: str | os.PathLike[str], text: str, deck: Deck) -> DeckDocument:
        return cls(Path(path), text, deck, _digest(text.encode("utf-8")))

    @property
    def read_only(self) -> bool:
        return is_bundled(self.path)

    def check(self, new_text: str) -> Loaded:
        """`new_text` read as a deck: only the slide an edit lies in when that is exact, else the whole file."""
        return reparse(self.text, self.deck, new_text, str(self.path)) or parse_deck(new_text, str(self.path))

    def changed_on_disk(self) -> bool:
        try:
            return _digest(self.path.read_bytes()) != self.digest
        except FileNotFoundError:
            return True

    def save(self, new_text: str, overwrite: bool = False) -> DeckDocument:
        """Write `new_text` atomically, if it is a valid deck; the new document.

        Raises DeckError when the text has errors (nothing is written), ConflictError when the
        file changed on disk since this document was loaded (unless `overwrite`), ReadOnlyError
        for the bundled briefing.
        """
        loaded = self.check(new_text)
        if loaded.deck is None:
            raise DeckError(loaded.errors)
        return self.write(new_text, loaded, overwrite)

    def write(self, new_text: str, loaded: Loaded, overwrite: bool = False) -> DeckDocument:
        """Write `new_text`, already parsed as `loaded` (a valid deck). Raises as `save` does."""
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_HINT)
        assert loaded.deck is not None
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            mode = 0o600
        if not mode & 0o222:  # no one may write it: someone made it read-only on purpose
            raise ReadOnlyError(f"{self.path.name} is read-only (mode {stat.S_IMODE(mode):04o}); make it writable (chmod u+w) to save")
        if not overwrite and self.changed_on_disk():
            raise ConflictError(f"{self.path} changed on disk since it was loaded")
        data = new_text.encode("utf-8")

        def still_ours() -> None:
            # looked at again right before the rename: another program's save in between is not lost
            if not overwrite and self.changed_on_disk():
                raise ConflictError(f"{self.path} changed on disk while saving")

        write_atomic(self.path, data, before_replace=still_ours)
        return DeckDocument(self.path, new_text, loaded.deck, _digest(data))
