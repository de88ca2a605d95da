"""A slide's image: its alt text at once, the picture once a worker thread has decoded it.

The picture is drawn by textual-image: Kitty graphics, Sixel, or coloured half-blocks, whichever the
terminal takes. textual-image asks the terminal what it can draw when it is imported, which it cannot do
once Textual owns the terminal: `prepare_images` imports it before the app starts, for a deck that has
images. Where it was not imported (no terminal, or an image added by a live edit) the alt text stays.

Off the event loop: reading, checking, decoding and scaling the file to the exact pixels it will show
with, then drawing it: half-blocks (the drawing that works everywhere) rendered to cells, Sixel encoded.
Kitty graphics send the picture to the terminal when it is first drawn, on the loop as textual-image does
it (a PNG of the picture's size)."""

from __future__ import annotations

import io
import math
import sys
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.events import Resize
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from ...core import imagefile
from ...core.model import MAX_PICTURES, Deck, Picture

IMAGE_MODULE = "textual_image.widget"
MAX_HEIGHT_SHARE = 0.5  # of the screen's height


def prepare_images(deck: Deck) -> bool:
    """Import textual-image before the app starts, if the deck has an image and it is installed."""
    if not any(slide.pictures() for slide in deck.slides):
        return False
    try:
        __import__(IMAGE_MODULE)
    except Exception:  # not installed, or no terminal to ask: the alt text shows instead
        return False
    return True


def drawing() -> str:
    """How this terminal draws pictures: 'tgp' (Kitty graphics), 'sixel', 'halfcell' or 'unicode'."""
    renderable = sys.modules.get("textual_image.renderable")
    return str(getattr(getattr(renderable, "Image", None), "__module__", "unicode")).rsplit(".", 1)[-1]


def cell_pixels() -> tuple[int, int]:
    from textual_image._terminal import get_cell_size

    size = get_cell_size()
    return max(1, size.width), max(1, size.height)


def fit_cells(width_px: int, height_px: int, max_width: int, max_height: int, cell: tuple[int, int]) -> tuple[int, int]:
    """The picture's size in cells: its own size on this terminal's cells, shrunk (never grown) to fit,
    keeping its shape."""
    cell_w, cell_h = cell
    width = max(1, min(max_width, math.ceil(width_px / cell_w)))
    height = max(1, round(width * cell_w * height_px / width_px / cell_h))
    if height > max_height:
        height = max(1, max_height)
        width = max(1, min(max_width, round(height * cell_h * width_px / height_px / cell_w)))
    return width, height


def decode(deck_path: str, picture: Picture, max_width: int, max_height: int) -> tuple[Any, tuple[int, int]]:
    """The image as a PIL image scaled to the pixels it shows with, and its size in cells (in a worker
    thread). Raises ImageProblem."""
    _, info, data = imagefile.read_image(deck_path, picture.path)
    if info.kind == "SVG":  # no SVG renderer here (it would take a native library): the exports draw it
        raise imagefile.ImageProblem("an SVG picture is drawn in the HTML and PDF exports, not in the terminal")
    try:
        from PIL import Image
    except ImportError:
        raise imagefile.ImageProblem("Pillow is not installed: pip install pillow") from None
    cells = fit_cells(info.width, info.height, max_width, max_height, cell_pixels())
    kind = drawing()
    if kind in ("tgp", "sixel"):
        pixels = (cells[0] * cell_pixels()[0], cells[1] * cell_pixels()[1])
    else:
        pixels = (cells[0], cells[1] * 2)  # a half-block cell is two pixels, one above the other
    try:
        Image.MAX_IMAGE_PIXELS = imagefile.MAX_PIXELS
        image: Any = Image.open(io.BytesIO(data))
        if image.format not in ("PNG", "JPEG", "GIF", "WEBP"):
            raise imagefile.ImageProblem(f"'{picture.path}' is not a PNG, JPEG, GIF or WebP image")
        image.draft("RGB", pixels)  # JPEG: decode at a reduced scale
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        return image.resize(pixels), cells
    except imagefile.ImageProblem:
        raise
    except Exception as exc:  # a damaged file: Pillow's many errors, one message
        raise imagefile.ImageProblem(f"'{picture.path}' cannot be decoded ({type(exc).__name__}); is the {info.kind} file damaged?") from None


def render_cells(image: Any, cells: tuple[int, int]) -> list[Strip]:
    """The picture drawn in half-blocks, as lines of cells (pure computation: runs in a worker thread)."""
    from textual_image.renderable.halfcell import Image as Halfcell

    width, height = cells
    console = Console(width=width, height=height, color_system="truecolor", force_terminal=True, file=io.StringIO(), legacy_windows=False)
    lines = console.render_lines(Halfcell(image, width, height), console.options.update_dimensions(width, height), pad=True)
    return [Strip(Segment.simplify(line), width) for line in lines]  # runs of one colour joined: fewer to paint


def sixel_data(image: Any, background: tuple[int, int, int, float]) -> str:
    """The picture encoded as Sixel (in a worker thread): what textual-image's widget would encode on the loop."""
    from textual_image._sixel import image_to_sixels

    return str(image_to_sixels(image, None, background))


_sixel_widget: Any = None


def sixel_widget_class() -> Any:
    """textual-image's Sixel widget, given the data already encoded for the picture's full size (it encodes
    again only for another size or a partly hidden picture)."""
    global _sixel_widget
    if _sixel_widget is None:
        from textual_image.widget.sixel import Image as SixelImage
        from textual_image.widget.sixel import _ImageSixelImpl

        class PreEncoded(_ImageSixelImpl):
            encoded: tuple[tuple[int, int], Any, str] | None = None

            def _image_to_sixels(self, image: Any, sixel_options: Any = None, background: Any = None) -> str:
                if self.encoded is not None and self.encoded[:2] == (image.size, background):
                    return self.encoded[2]
                return str(super()._image_to_sixels(image, sixel_options, background))

        class PreEncodedSixelImage(SixelImage, Renderable=SixelImage._Renderable):
            def __init__(self, image: Any, encoded: tuple[tuple[int, int], Any, str], **kwargs: Any) -> None:
                super().__init__(image, **kwargs)
                self.encoded = encoded

            def compose(self) -> ComposeResult:
                inner = PreEncoded(self.image, self._sixel_options)
                inner.encoded = self.encoded
                yield inner

        _sixel_widget = PreEncodedSixelImage
    return _sixel_widget


class PictureCells(Widget):
    """A picture already drawn in cells: repainting it costs a copy."""

    DEFAULT_CSS = "PictureCells { width: auto; height: auto; }"

    def __init__(self, strips: list[Strip], cells: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.strips, self.cells = strips, cells

    def get_content_width(self, container: Any, viewport: Any) -> int:
        return self.cells[0]

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return self.cells[1]

    def render_line(self, y: int) -> Strip:
        return self.strips[y].crop(0, self.size.width) if y < len(self.strips) else Strip.blank(self.size.width)


class PictureView(Vertical):
    """Shows one picture (or nothing, hidden, where a slide has none; blank, holding a column's place)."""

    DEFAULT_CSS = """
    PictureView { height: auto; display: none; margin-bottom: 1; }
    PictureView > #picture-alt { height: auto; color: $text-muted; text-style: italic; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.key: tuple[str, str, str, int, int] | None = None  # (deck file, image path, alt text, room in cells) shown now
        self.picture: Picture | None = None
        self.deck_path = ""
        self.max_width = 110
        self.share = 100  # of the slide's width this picture's place takes
        self.height_share = MAX_HEIGHT_SHARE
        self.problem: str | None = None
        self.alt = Static(id="picture-alt", markup=False)  # held here: a caption may be set before it is mounted

    def compose(self) -> ComposeResult:
        yield self.alt

    def room(self) -> tuple[int, int]:
        """The cells a picture may take: its place's share of the slide's width (less a cell between two
        pictures), and a share of the slide's height (with the notes below the slide on a small terminal,
        that is less than the screen's)."""
        slide = next((node.content_region for node in self.ancestors if isinstance(node, ScrollableContainer)), None)  # known while hidden
        full = min((slide.width if slide else 0) or self.app.size.width - 8, self.max_width)
        width = full * self.share // 100 - (self.share < 100)
        if self.picture is not None:
            width = min(width, self.picture.cells(full))  # the deck's `width:`, of the slide's width or in cells
        height = (slide.height if slide else 0) or self.app.size.height
        return max(1, width), max(2, int(min(height, self.app.size.height) * self.height_share))

    def show(self, deck: Deck, picture: Picture | None, share: int = 100, height_share: float = MAX_HEIGHT_SHARE, place: bool = False) -> None:
        """Draw `picture` in `share`% of the slide's width; `place`: without a picture, keep its place blank."""
        self.picture, self.deck_path, self.max_width = picture, deck.path, deck.max_width
        self.share, self.height_share = share, height_share
        self.display = picture is not None or place
        stacked = isinstance(self.parent, Widget) and self.parent.has_class("-stack")  # the stack's width is the share
        self.styles.width = f"{share}%" if share < 100 and not stacked else "1fr"
        self._update()

    def on_resize(self, event: Resize) -> None:
        if self.picture is not None and self.key is not None and self.key[3:] != self.room():
            self._update()  # drawn again for the new room

    def _update(self) -> None:
        picture = self.picture
        key = (self.deck_path, picture.path, picture.alt, *self.room()) if picture is not None else None
        if key == self.key:
            return
        self.key = key
        self.problem = None
        for old in self.query(".picture"):
            old.remove()
        if picture is None or key is None:
            self.alt.update("")
            return
        self._caption(picture, "loading…")
        if IMAGE_MODULE not in sys.modules:
            self._caption(picture, "not drawn here; restart deck to draw it")
            return
        path, room = self.deck_path, self.room()
        colour = self.background_colors[1]
        background = (colour.r, colour.g, colour.b, colour.a)  # what textual-image's Sixel widget encodes against
        self.run_worker(lambda: self._decode(path, picture, room, key, background), thread=True, exclusive=True, group="picture")

    def _caption(self, picture: Picture, state: str | None) -> None:
        text = Text("▨ " + picture.alt)
        if state:
            text.append(f"  ({state})")
        self.alt.update(text)

    def _decode(self, deck_path: str, picture: Picture, room: tuple[int, int], key: Any, background: Any) -> None:
        worker = get_current_worker()
        kind = drawing()
        try:
            image, cells = decode(deck_path, picture, *room)
            drawn: Any = None
            if kind == "sixel":
                drawn = (image.size, background, sixel_data(image, background))
            elif kind != "tgp":
                drawn = render_cells(image, cells)
        except imagefile.ImageProblem as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, key, picture, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._decoded, key, picture, image, cells, drawn)

    def _failed(self, key: Any, picture: Picture, problem: str) -> None:
        if key == self.key:
            self.problem = problem
            self._caption(picture, f"not shown: {problem}")

    def _decoded(self, key: Any, picture: Picture, image: Any, cells: tuple[int, int], drawn: Any) -> None:
        if key != self.key:
            return  # the slide changed (or the screen's size) while it decoded
        self._caption(picture, None)
        for old in self.query(".picture"):
            old.remove()  # never two pictures, whatever order results come in
        if isinstance(drawn, list):
            self.mount(PictureCells(drawn, cells, classes="picture"), before=0)
            return
        if drawn is not None:  # Sixel, encoded already
            widget = sixel_widget_class()(image, drawn, classes="picture")
        else:  # Kitty graphics: textual-image sends the picture (scaled already) when first drawn
            from textual_image.widget import Image as ImageWidget

            widget = ImageWidget(image, classes="picture")
        widget.styles.width, widget.styles.height = cells
        self.mount(widget, before=0)


class PictureRow(Horizontal):
    """Pictures side by side (`-stack`: one above another), each in a PictureView of its own: a slide's,
    or each column's under its column. Its views are made when a slide first has a picture to show (a deck
    without pictures pays nothing for them)."""

    DEFAULT_CSS = """
    PictureRow { height: auto; display: none; }
    PictureRow.-stack { layout: vertical; }
    """

    def show(self, deck: Deck, slots: list[tuple[Picture | None, int]], height_share: float = MAX_HEIGHT_SHARE) -> None:
        """Draw each (picture, share of the slide's width) slot; a slot without a picture keeps its place."""
        self.display = any(picture is not None for picture, _ in slots)
        views = list(self.query_children(PictureView))
        if self.display and len(views) < len(slots):  # a column's pictures may need more than a slide's
            self.mount_all(PictureView() for _ in range(max(MAX_PICTURES, len(slots)) - len(views)))
            self.call_after_refresh(self.show, deck, slots, height_share)  # once they are composed
            return
        for n, view in enumerate(views):
            picture, share = slots[n] if n < len(slots) and self.display else (None, 100)
            view.show(deck, picture, share, height_share, place=n < len(slots) and self.display)
