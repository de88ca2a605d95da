"""A deck's image files: where they are, and whether they are images this tool will read, judged from their
headers alone (no image library: `deck check` and the exports need none). The presenter decodes them
later, off the event loop."""

from __future__ import annotations

import math
import os
import re
import stat
import struct
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .files import read_regular
from .text import has_unsafe, visible

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000
HEADER_BYTES = 256 * 1024  # a JPEG's size can stand after a large EXIF block
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WebP": "image/webp", "SVG": "image/svg+xml"}
KINDS = "a PNG, JPEG, GIF, WebP or SVG image"


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # PNG, JPEG, GIF, WebP or SVG (drawn in the exports; the terminal shows its alt text)
    width: int
    height: int
    background: str | None = None  # an SVG's own background colour (#rgb or #rrggbb, from its root's style), which an <img> drops

    @property
    def mime(self) -> str:
        return MIME[self.kind]


# A Markdown image, inline (`![alt](target "title")`): what the exports rewrite to follow the export.
MARKDOWN_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>\n]*>|[^\s)]+)((?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*)\)")
_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|//")


def image_sources(text: str) -> list[str]:
    """Every image's address in deck Markdown, as a Markdown reader decodes it (entities, escapes and
    references resolved; an image shown as code is no image). No image can be written without '!['."""
    if "![" not in text:
        return []
    found = []
    from .markdown import parser  # the HTML export's own reading of deck Markdown, made on first need

    pending = list(parser().parse(text))
    while pending:
        token = pending.pop(0)
        if token.type == "image":
            found.append(str(token.attrGet("src") or ""))
        if token.children:
            pending[:0] = token.children
    return found


def remote_image(text: str) -> str | None:
    """The first image in deck Markdown that is not a file beside the deck (a URL of any scheme), or None:
    as markdown-it reads it (entities, escapes, references), and as written (a scheme it refuses to make an
    image of, like file:, another reader may not)."""
    found = next((src for src in image_sources(text) if _URL.match(src)), None)
    if found is None and "![" in text:
        written = (m.group(2).strip("<>") for m in MARKDOWN_IMAGE.finditer(text))
        found = next((target for target in written if _URL.match(target.strip())), None)
        if found is not None and found in "".join(m.group(0) for m in CODE.finditer(text)):
            found = None  # an example shown as code
    return found


CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)|^(?: {4}|\t).*$|^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)


def local_images(text: str) -> list[str]:
    """The paths of the images written in deck Markdown, as files (not those shown as code)."""
    return [urllib.parse.unquote(src) for src in image_sources(text) if not _URL.match(src)]


class ImageProblem(Exception):
    """Why an image cannot be shown, in words for the deck's author."""


def _shown(path: str) -> str:
    """A path as a message quotes it: every control character spelled out, line breaks too (a '%0A' in a
    path would otherwise forge lines of `deck check`'s output)."""
    return visible(path).replace("\n", "\\n").replace("\r", "\\r")


def deck_folder(deck_path: str) -> Path:
    return Path(deck_path).resolve().parent


def locate(deck_path: str, path: str) -> Path:
    """The image file `path` names (relative to the deck's folder), checked to be a regular file inside
    that folder (after following links). Raises ImageProblem."""
    if has_unsafe(path) or any(c in path for c in "\x00\n\r"):  # a %00, %0A or %1B in a Markdown image's path, decoded
        raise ImageProblem(f"image path '{_shown(path)}' holds a control character; rename the file")
    folder = deck_folder(deck_path)
    try:
        candidate = (folder / path).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links (RuntimeError before Python 3.13)
        raise ImageProblem(f"image '{_shown(path)}' cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if not candidate.is_relative_to(folder):
        raise ImageProblem(f"image '{_shown(path)}' is outside the deck's folder; copy it next to the deck")  # no folder: exports show this
    try:
        mode = os.stat(candidate).st_mode
    except FileNotFoundError:
        raise ImageProblem(f"image '{_shown(path)}' not found in the deck's folder") from None
    except OSError as exc:
        raise ImageProblem(f"image '{_shown(path)}' cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise ImageProblem(f"image '{_shown(path)}' is not a file")
    return candidate


def read_image(deck_path: str, path: str) -> tuple[Path, ImageInfo, bytes]:
    """The file, what it holds, and its bytes. Raises ImageProblem."""
    found = locate(deck_path, path)
    try:
        data = read_regular(found, MAX_BYTES)
    except OSError as exc:
        raise ImageProblem(f"image '{_shown(path)}' cannot be read ({exc.strerror or exc})") from None
    return found, inspect(path, data), data


def inspect(path: str, data: bytes) -> ImageInfo:
    """What the bytes hold, within the limits. Raises ImageProblem."""
    if len(data) > MAX_BYTES:
        raise ImageProblem(f"image '{_shown(path)}' is over {MAX_BYTES // (1024 * 1024)} MB; make it smaller")
    info = sniff(data[:HEADER_BYTES])
    if info is None:
        raise ImageProblem(f"'{_shown(path)}' is not {KINDS}")
    if info.kind == "GIF":  # a GIF's header gives its screen; each frame gives its own size, which a decoder honours
        width, height = gif_canvas(data)
        info = ImageInfo(info.kind, max(info.width, width), max(info.height, height))
    if info.kind != "SVG" and info.width * info.height > MAX_PIXELS:  # an SVG's size is only how large it is drawn
        raise ImageProblem(f"image '{_shown(path)}' is {info.width}×{info.height}, over {MAX_PIXELS // 1_000_000} megapixels; make it smaller")
    if info.width <= 0 or info.height <= 0:
        raise ImageProblem(f"image '{_shown(path)}' has no pixels ({info.width}×{info.height})")
    return info


def gif_canvas(data: bytes) -> tuple[int, int]:
    """How far a GIF's frames reach (the largest right and bottom edges of their image descriptors), walked
    through its blocks without decoding; (0, 0) where the data ends early (the decoder will say so)."""
    if len(data) < 13:
        return 0, 0
    pos = 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0)  # after the global colour table
    right = bottom = 0
    while pos < len(data):
        kind = data[pos]
        if kind == 0x3B:  # the trailer
            break
        if kind == 0x21:  # an extension: its label, then sub-blocks
            pos += 2
        elif kind == 0x2C and pos + 10 <= len(data):  # an image: where it stands, and how large it is
            left, top, width, height = struct.unpack("<HHHH", data[pos + 1 : pos + 9])
            right, bottom = max(right, left + width), max(bottom, top + height)
            flags = data[pos + 9]
            pos += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1  # local colour table, LZW code size
        else:
            break
        while pos < len(data) and data[pos]:  # sub-blocks, each led by its length, ended by a zero
            pos += data[pos] + 1
        pos += 1
    return right, bottom


def sniff(head: bytes) -> ImageInfo | None:
    """The kind and size of an image from its first bytes; None if it is none of the five kinds."""
    if svg := _svg(head):
        return svg
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return ImageInfo("PNG", width, height)
        if head[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", head[6:10])
            return ImageInfo("GIF", width, height)
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp(head)
        if head[:3] == b"\xff\xd8\xff":
            return _jpeg(head)
    except struct.error:  # cut short
        return None
    return None


def _webp(head: bytes) -> ImageInfo | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", head[26:30])
        return ImageInfo("WebP", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and head[20:21] == b"\x2f":
        bits = int.from_bytes(head[21:25], "little")
        return ImageInfo("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return ImageInfo("WebP", width, height)
    return None


_SVG_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg\b([^>]*)>", re.S)
_LENGTH = re.compile(rb"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*")


def _svg(head: bytes) -> ImageInfo | None:
    """An SVG file: its drawn size from the root's width and height (in pixels), else its viewBox, else a
    browser's default (300×150). Never parsed as XML: only its opening tag is read."""
    match = _SVG_START.match(head)
    if match is None:
        return None
    attributes = dict(re.findall(rb"""([\w:-]+)\s*=\s*["']([^"']*)["']""", match.group(1)))
    sizes = [_LENGTH.fullmatch(attributes.get(name, b"")) for name in (b"width", b"height")]
    box = attributes.get(b"viewBox", b"").replace(b",", b" ").split()
    try:
        width, height = (float(sizes[0][1]), float(sizes[1][1])) if sizes[0] and sizes[1] else (float(box[2]), float(box[3]))
    except (IndexError, ValueError):
        width = height = math.nan
    style = attributes.get(b"style", b"").decode("ascii", "replace")
    colour = re.search(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)\b", style)
    rgb = re.search(r"background(?:-color)?\s*:\s*rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", style)
    background = colour[1] if colour else "#" + "".join(f"{min(255, int(c)):02x}" for c in rgb.groups()) if rgb else None
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        return ImageInfo("SVG", 300, 150, background)  # no size it can be drawn at: a browser's default
    return ImageInfo("SVG", max(1, min(10_000, round(width))), max(1, min(10_000, round(height))), background)


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(head: bytes) -> ImageInfo | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            i += 2
            continue
        length = struct.unpack(">H", head[i + 2 : i + 4])[0]
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[i + 5 : i + 9])
            return ImageInfo("JPEG", width, height)
        if length < 2:
            return None
        i += 2 + length
    return None
