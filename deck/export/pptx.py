"""PowerPoint: the deck's pandoc slides, each shaped for pandoc's PowerPoint writer (`powerpoint.py`),
written by pandoc, which is not a Python package: without it, `deck export` says how to get it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..core.model import Deck
from . import ExportOptions
from .pandoc import markdown

HINT = "a PowerPoint export is written by pandoc: install it (https://pandoc.org/installing.html; Debian and Ubuntu: apt install pandoc)"


def missing() -> str | None:
    """What the export needs and this machine lacks, said as how to get it; None when it can run."""
    return None if shutil.which("pandoc") else HINT


def export(deck: Deck, options: ExportOptions) -> bytes:
    """The deck as a PowerPoint file's bytes. Raises RuntimeError where pandoc is missing or fails."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise RuntimeError(HINT)
    # pictures are written relative to where the file lands (out_dir), and found there by pandoc
    where = Path(options.out_dir) if options.out_dir else Path.cwd()
    with tempfile.TemporaryDirectory(prefix="deck-pptx-") as folder:
        source, target = Path(folder) / "talk.md", Path(folder) / "talk.pptx"
        source.write_text(markdown(deck, options, powerpoint=True), encoding="utf-8")
        command = [pandoc, "--from", "markdown", "--to", "pptx", "--resource-path", str(where), str(source), "-o", str(target)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"pandoc could not write the PowerPoint file: {exc}") from None
        if done.returncode != 0 or not target.exists():
            said = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise RuntimeError(f"pandoc could not write the PowerPoint file: {said}")
        return target.read_bytes()


def slides_in(data: bytes) -> int:
    """How many slides a PowerPoint file holds (its ppt/slides/slideN.xml parts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for name in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
