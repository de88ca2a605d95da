"""PowerPoint: the deck's pandoc slides, each shaped for pandoc's PowerPoint writer (`powerpoint.py`),
written by pandoc, which is not a Python package: without it, `deck export` says how to get it."""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import tempfile
import urllib.parse
import zipfile
from pathlib import Path

from ..core.fences import Fences
from ..core.imagefile import MARKDOWN_IMAGE
from ..core.model import Deck
from . import ExportOptions
from .common import code_spans
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
        source.write_text(_found_pictures_only(markdown(deck, options, powerpoint=True), where), encoding="utf-8")
        # a picture alone in its paragraph is no figure: its alt text is its description, never a caption
        command = [pandoc, "--from", "markdown-implicit_figures", "--to", "pptx", "--resource-path", str(where), str(source), "-o", str(target)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RuntimeError(f"pandoc could not write the PowerPoint file: {exc}") from None
        if done.returncode != 0 or not target.exists():
            said = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise RuntimeError(f"pandoc could not write the PowerPoint file: {said}")
        return target.read_bytes()


def _found_pictures_only(text: str, where: Path) -> str:
    """A picture whose file is not there, as its alt text (pandoc would stop at it, and write nothing);
    a picture shown as code, or inside a code block, as written."""
    reader = Fences()
    out = []
    for line in text.split("\n"):
        if reader.step(line) == "outside" and "![" in line:
            code = code_spans(line) or []
            line = MARKDOWN_IMAGE.sub(functools.partial(_found_or_said, where=where, code=code), line)
        out.append(line)
    return "\n".join(out)


def _found_or_said(match: re.Match[str], where: Path, code: list[tuple[int, int]]) -> str:
    if any(start <= match.start() < end for start, end in code):
        return match.group(0)
    target = urllib.parse.unquote(match.group(2).strip("<>"))
    if target.startswith("data:") or (where / target).is_file():
        return match.group(0)
    return f"*\\[image not available: {match.group(1)}\\]*"


def slides_in(data: bytes) -> int:
    """How many slides a PowerPoint file holds (its ppt/slides/slideN.xml parts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(1 for name in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
