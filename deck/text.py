"""Text hygiene: what a deck says is shown as text, never as terminal control."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode bidi overrides and
# isolates that can make text display differently from how it reads.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Whole escape sequences (CSI such as colours and cursor moves, OSC such as titles and links),
# so that no half of one is left behind as visible noise.
_SEQUENCES = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x9b[0-?]*[ -/]*[@-~]")


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def strip_unsafe(text: str) -> str:
    """Remove control characters and escape sequences' introducers, keeping tabs and newlines."""
    if not _UNSAFE.search(text):  # every sequence starts with a character _UNSAFE matches
        return text
    return _UNSAFE.sub("", _SEQUENCES.sub("", text))


def visible(text: str) -> str:
    """Unsafe characters spelled out (\\x1b), for messages that quote what a file holds."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)
