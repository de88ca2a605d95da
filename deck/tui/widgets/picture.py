"""A slide's image: its alt text at once, the picture once a worker thread has decoded it.

The picture is drawn by textual-image (Kitty graphics, Sixel, or coloured half-blocks, whichever the
terminal takes). textual-image asks the terminal what it can draw when it is imported, which it cannot
do once Textual owns the terminal: `prepare_images` imports it before the app starts, for a deck that has
images. Where it was not imported (no terminal, or an image added by a live edit) the alt text stays."""

from __future__ import annotations

import io
import sys
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual.worker import get_current_worker

from ... import imagefile
from ...model import Deck, Picture

DECODED_MAX = (1280, 1280)  # pixels kept after decoding: enough for any slide, cheap to scale when drawn
IMAGE_MODULE = "textual_image.widget"


def prepare_images(deck: Deck) -> bool:
    """Import textual-image before the app starts, if the deck has an image and it is installed."""
    if not any(slide.image for slide in deck.slides):
        return False
    try:
        __import__(IMAGE_MODULE)
    except Exception:  # not installed, or no terminal to ask: the alt text shows instead
        return False
    return True


def decode(deck_path: str, picture: Picture) -> Any:
    """The image as a PIL image, checked and scaled down (in a worker thread). Raises ImageProblem."""
    _, info, data = imagefile.read_image(deck_path, picture.path)
    try:
        from PIL import Image
    except ImportError:
        raise imagefile.ImageProblem("Pillow is not installed: pip install pillow") from None
    try:
        Image.MAX_IMAGE_PIXELS = imagefile.MAX_PIXELS
        image = Image.open(io.BytesIO(data))
        if image.format not in ("PNG", "JPEG", "GIF", "WEBP"):
            raise imagefile.ImageProblem(f"'{picture.path}' is not a PNG, JPEG, GIF or WebP image")
        image.draft("RGB", DECODED_MAX)  # JPEG: decode at a reduced scale
        image.load()
        image.thumbnail(DECODED_MAX)
        return image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    except imagefile.ImageProblem:
        raise
    except Exception as exc:  # a damaged file: Pillow's many errors, one message
        raise imagefile.ImageProblem(f"'{picture.path}' cannot be decoded ({type(exc).__name__}); is the {info.kind} file damaged?") from None


class PictureView(Vertical):
    """Shows one slide's image (or nothing, hidden, on a slide without one)."""

    DEFAULT_CSS = """
    PictureView { height: auto; max-height: 60vh; display: none; margin-bottom: 1; }
    PictureView > #picture-alt { height: auto; color: $text-muted; text-style: italic; }
    PictureView > .picture { width: auto; height: auto; max-height: 50vh; max-width: 100%; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.key: tuple[str, str] | None = None  # (deck file, image path) shown now
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="picture-alt", markup=False)

    def show(self, deck: Deck, picture: Picture | None) -> None:
        key = (deck.path, picture.path) if picture is not None else None
        self.display = picture is not None
        if key == self.key:
            return
        self.key = key
        self.problem = None
        for old in self.query(".picture"):
            old.remove()
        if picture is None:
            return
        self._caption(picture, "loading…")
        if IMAGE_MODULE not in sys.modules:
            self._caption(picture, "not drawn here; restart deck to draw it")
            return
        path = deck.path
        self.run_worker(lambda: self._decode(path, picture, (path, picture.path)), thread=True, exclusive=True, group="picture")

    def _caption(self, picture: Picture, state: str | None) -> None:
        text = Text("▨ " + picture.alt)
        if state:
            text.append(f"  ({state})")
        self.query_one("#picture-alt", Static).update(text)

    def _decode(self, deck_path: str, picture: Picture, key: tuple[str, str]) -> None:
        worker = get_current_worker()
        try:
            image = decode(deck_path, picture)
        except imagefile.ImageProblem as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, key, picture, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._decoded, key, picture, image)

    def _failed(self, key: tuple[str, str], picture: Picture, problem: str) -> None:
        if key == self.key:
            self.problem = problem
            self._caption(picture, f"not shown: {problem}")

    def _decoded(self, key: tuple[str, str], picture: Picture, image: Any) -> None:
        if key != self.key:
            return  # the slide changed while it decoded
        from textual_image.widget import Image as ImageWidget

        self._caption(picture, None)
        self.mount(ImageWidget(image, classes="picture"), before=0)
