"""Reading a slide's pictures from the deck's nodes: `chart`, `timeline` and `image`, each field checked
at its line and column. Chart bars and timeline events are claims: they take a label (or the slide's) and
sources, as points do."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from typing import Protocol

from .model import CHART_KINDS, MAX_PICTURES, PLACES, TIME_ONLY_DAY, Bar, Chart, Confidence, Event, Picture, Point, Pos, When
from .yamlnodes import Node
from .yamlnodes import describe as describe_node

CHART_KEYS = ("title", "kind", "unit", "axis", "items")
BAR_KEYS = ("label", "value", "confidence", "sources")
EVENT_KEYS = ("date", "from", "to", "text", "confidence", "sources")
IMAGE_KEYS = ("path", "alt", "width", "place")  # place last: a column's pictures take no place
MAX_BESIDE = 70  # the widest a picture beside the words may be, in percent of the slide
MAX_ITEMS = 60  # a chart or timeline taller than this reads better as a table

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")
_YEAR = re.compile(r"(\d{4})")
_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DAY_TIME = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::\d{2})?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


def parse_when(raw: object) -> When | None:
    """A day (a YAML date), a month ('2026-02'), a quarter ('2026-Q2') or a year (2026), or a moment: a
    day's time ('2026-09-14 14:07') or a time alone ('14:07'); None otherwise."""
    if isinstance(raw, dt.datetime):
        if raw.tzinfo is not None:
            return None  # a time zone: said as not a date (deck's times are the talk's own clock)
        return When(f"{raw:%Y-%m-%d %H:%M}", raw.date(), raw.date(), raw.hour * 60 + raw.minute)
    if isinstance(raw, dt.date):
        return When(raw.isoformat(), raw, raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if match := _DAY_TIME.fullmatch(text):
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        hour, minute = int(match[4]), int(match[5])
        return When(f"{day.isoformat()} {hour:02d}:{minute:02d}", day, day, hour * 60 + minute) if hour < 24 and minute < 60 else None
    if match := _TIME.fullmatch(text):
        hour, minute = int(match[1]), int(match[2])
        return When(f"{hour:02d}:{minute:02d}", TIME_ONLY_DAY, TIME_ONLY_DAY, hour * 60 + minute) if hour < 24 and minute < 60 else None
    if match := _QUARTER.fullmatch(text):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * quarter - 2
        return _period(f"{year:04d}-Q{quarter}", year, first_month, year, first_month + 2)
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        return _period(f"{year:04d}-{month:02d}", year, month, year, month) if 1 <= month <= 12 else None
    if match := _YEAR.fullmatch(text):
        year = int(match[1])
        return _period(f"{year:04d}", year, 1, year, 12)  # 0999, as written: read back the same
    return None


def _period(text: str, year: int, month: int, last_year: int, last_month: int) -> When | None:
    if not 1 <= year <= 9999:
        return None
    last_day = calendar.monthrange(last_year, last_month)[1]
    return When(text, dt.date(year, month, 1), dt.date(last_year, last_month, last_day))


def _float(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _plain_number(raw: str) -> str:
    value = float(raw)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


class Reading(Protocol):
    """What the loader's reader offers: reporting, and its checks of generic shapes."""

    def error(self, node: Node, message: str) -> None: ...
    def fields(self, node: Node, allowed: tuple[str, ...], required: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]]: ...
    def text_value(self, pair: tuple[Node, Node] | None, what: str) -> str | None: ...
    def items(self, pair: tuple[Node, Node] | None, what: str) -> list[Node]: ...
    def confidence(self, pair: tuple[Node, Node] | None) -> Confidence | None: ...
    def source_ids(self, pair: tuple[Node, Node] | None, what: str) -> tuple[str, ...]: ...
    def choice(self, node: Node, allowed: tuple[str, ...], what: str, hint: str = "") -> str | None: ...


def describe(node: Node) -> str:
    return describe_node(node, show_value=True)


class FigureReader:
    def __init__(self, reader: Reading) -> None:
        self.r = reader

    def _claim(self, f: dict[str, tuple[Node, Node]], node: Node, text: str, what: str, fallback: Confidence | None) -> Point:
        own = self.r.confidence(f.get("confidence"))
        ids = self.r.source_ids(f.get("sources"), f"{what}.sources")
        return Point(text, own or fallback, own is not None, ids, node.start)

    def _list(self, pair: tuple[Node, Node], what: str) -> list[Node]:
        nodes = self.r.items(pair, what)
        if pair[1].kind == "seq" and not nodes:
            self.r.error(pair[1], f"{what} is empty; give at least one item or remove the key")
        if len(nodes) > MAX_ITEMS:
            self.r.error(nodes[MAX_ITEMS], f"{what} has {len(nodes)} items; at most {MAX_ITEMS} fit on a slide (split it over two slides)")
            return []
        return nodes

    # -- chart -------------------------------------------------------------------------------------
    def chart(self, pair: tuple[Node, Node] | None, what: str, fallback: Confidence | None) -> tuple[bool, Chart | None]:
        """(ok, chart): ok is False when something was reported."""
        if pair is None:
            return True, None
        node = pair[1]
        if node.kind != "map":
            self.r.error(node, f"{what}: chart must be a mapping with 'items' (and 'kind', 'unit'), got {describe(node)}")
            return False, None
        f = self.r.fields(node, CHART_KEYS, ("items",), f"{what}: chart")
        kind = self.r.choice(f["kind"][1], CHART_KINDS, f"{what}: chart.kind") if "kind" in f else "bar"
        ok = kind is not None
        unit = ""
        if "unit" in f:
            value = f["unit"][1]
            if value.kind == "scalar" and isinstance(value.value, str) and len(value.value) <= 12:
                unit = value.value
            else:
                self.r.error(value, f'{what}: chart.unit must be a short string like "%" or "GB" (12 characters at most), got {describe(value)}')
                ok = False
        bars = []
        for i, item in enumerate(self._list(f["items"], f"{what}: chart.items") if "items" in f else []):
            bar = self.bar(item, f"{what}: chart.items[{i}]", fallback)
            if bar is None:
                ok = False
            else:
                bars.append(bar)
        title = self.r.text_value(f.get("title"), f"{what}: chart.title") if "title" in f else None
        axis = self.r.text_value(f.get("axis"), f"{what}: chart.axis") if "axis" in f else None
        if ("title" in f and title is None) or ("axis" in f and axis is None):
            ok = False
        if not ok or "items" not in f or not bars:
            return False, None
        return True, Chart(tuple(bars), unit, kind or "bar", node.start, title, axis)

    def bar(self, node: Node, what: str, fallback: Confidence | None) -> Bar | None:
        if node.kind != "map":
            self.r.error(node, f"{what} must be a mapping like {{label: ..., value: 42}}, got {describe(node)}")
            return None
        f = self.r.fields(node, BAR_KEYS, ("label", "value"), what)
        label = self.r.text_value(f.get("label"), f"{what}.label")
        value = self.number(f["value"][1], f"{what}.value") if "value" in f else None
        claim = self._claim(f, node, label or "", what, fallback)
        if label is None or value is None:
            return None
        return Bar(claim, value)

    def number(self, node: Node, what: str) -> float | None:
        raw = node.value if node.kind == "scalar" else None
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            value = float(raw)
            if math.isfinite(value):
                return value
            self.r.error(node, f"{what} must be a finite number, got {raw!r}")
            return None
        hint = ""
        if isinstance(raw, str) and _float(raw) is not None:  # YAML reads 1e3 as text (it wants 1.0e+3)
            hint = f" (YAML reads {raw.strip()} as text: write {_plain_number(raw)})"
        elif isinstance(raw, str) and re.fullmatch(r"\s*[-+]?[\d.,]+\s*\S{1,12}", raw):
            hint = " (write the number alone and put its unit in the chart's 'unit')"
        self.r.error(node, f"{what} must be a number, got {describe(node)}{hint}")
        return None

    # -- timeline ----------------------------------------------------------------------------------
    def timeline(self, pair: tuple[Node, Node] | None, what: str, fallback: Confidence | None) -> tuple[bool, tuple[Event, ...]]:
        if pair is None:
            return True, ()
        if pair[1].kind != "seq":
            self.r.error(pair[1], f"{what}: timeline must be a list of events like {{date: 2026-02, text: ...}}, got {describe(pair[1])}")
            return False, ()
        ok = True
        events = []
        for i, item in enumerate(self._list(pair, f"{what}: timeline")):
            event = self.event(item, f"{what}: timeline[{i}]", fallback)
            if event is None:
                ok = False
            else:
                events.append(event)
        # kept in date order: every view, the ledger and the source numbers read a timeline in that order
        alone = [e for e in events if e.start.time_only or (e.end is not None and e.end.time_only)]
        if alone and len(alone) < len(events):  # a time alone is a time of the timeline's one day: every event then is one
            self.r.error(
                pair[1],
                f"{what}: a timeline with times alone (14:07) has only times; give the others a time too, or every event its day (2026-09-14 14:07)",
            )
            return False, ()
        return ok and bool(events), tuple(sorted(events, key=lambda e: (e.start.start_minute, (e.end or e.start).end_minute)))

    def event(self, node: Node, what: str, fallback: Confidence | None) -> Event | None:
        if node.kind != "map":
            self.r.error(node, f"{what} must be a mapping like {{date: 2026-02, text: ...}}, got {describe(node)}")
            return None
        f = self.r.fields(node, EVENT_KEYS, ("text",), what)
        text = self.r.text_value(f.get("text"), f"{what}.text")
        claim = self._claim(f, node, text or "", what, fallback)
        start = end = None
        ok = text is not None
        if "date" in f and ("from" in f or "to" in f):
            key = f["from"][0] if "from" in f else f["to"][0]
            self.r.error(key, f"{what} has both 'date' and '{key.value}': give 'date' for one moment, or 'from' and 'to' for a span")
            return None
        if "date" in f:
            start = self.when(f["date"][1], f"{what}.date")
        elif "from" in f:
            if "to" not in f:
                self.r.error(f["from"][0], f"{what} has 'from' without 'to'; a span needs both (or give 'date' for one moment)")
                return None
            start = self.when(f["from"][1], f"{what}.from")
            end = self.when(f["to"][1], f"{what}.to")
            ok = ok and end is not None
            if start is not None and end is not None and end.end_minute <= start.start_minute:
                self.r.error(f["to"][1], f"{what}: 'to' ({end.text}) is before 'from' ({start.text})")
                return None
        elif "to" in f:
            self.r.error(f["to"][0], f"{what} has 'to' without 'from'; a span needs both")
            return None
        else:
            self.r.error(node, f"{what} needs a 'date' (or 'from' and 'to')")
            return None
        if start is None or not ok:
            return None
        return Event(claim, start, end)

    def when(self, node: Node, what: str) -> When | None:
        found = parse_when(node.value) if node.kind == "scalar" else None
        if found is None and node.kind == "scalar" and isinstance(node.value, str) and _DAY.fullmatch(node.value.strip()):
            return None  # a day that does not exist (2026-02-30): YAML's reader has said so at this place
        if found is None:
            self.r.error(
                node,
                f"{what} must be a day (2026-01-20), a month (2026-02), a quarter (2026-Q2), a year (2026) or a time (2026-09-14 14:07, or 14:07), got {describe(node)}",
            )
        return found

    # -- image -------------------------------------------------------------------------------------
    def images(self, pair: tuple[Node, Node] | None, what: str, in_column: bool = False) -> tuple[bool, tuple[Picture, ...]]:
        """`image:`: one picture (a mapping) or several (a list of them), each with a path, alt text, and
        optionally a width and (a slide's, not a column's) place."""
        if pair is None:
            return True, ()
        node = pair[1]
        nodes = node.value if node.kind == "seq" else [node]
        if node.kind == "seq" and not 1 <= len(nodes) <= MAX_PICTURES:
            self.r.error(node, f"{what}: image lists {len(nodes)} pictures; give 1 to {MAX_PICTURES} (more are each too small to read)")
            return False, ()
        pictures = [self.image(item, f"{what}: image" + (f"[{i}]" if node.kind == "seq" else ""), in_column) for i, item in enumerate(nodes)]
        return all(p is not None for p in pictures), tuple(p for p in pictures if p is not None)

    def image(self, node: Node, what: str, in_column: bool) -> Picture | None:
        if node.kind != "map":
            self.r.error(
                node,
                f'{what} must be a mapping like {{path: diagrams/flow.png, alt: "what it shows"}} (or a list of them), got {describe(node)}',
            )
            return None
        f = self.r.fields(node, IMAGE_KEYS[:-1] if in_column else IMAGE_KEYS, ("path", "alt"), what)
        path = self.r.text_value(f.get("path"), f"{what}.path")
        alt = self.r.text_value(f.get("alt"), f"{what}.alt")
        if path is None or alt is None:
            return None
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", path) or path.startswith("//"):
            self.r.error(f["path"][1], f"{what}.path must be a file beside the deck, not a URL: nothing in a deck reaches the network")
            return None
        images: list[tuple[str, Pos]] | None = getattr(self.r, "images", None)
        if images is not None:
            images.append((path, f["path"][1].start))
        width = self.width(f["width"][1], f"{what}.width") if "width" in f else None
        place = self.r.choice(f["place"][1], PLACES, f"{what}.place") if "place" in f else "below"
        if ("width" in f and width is None) or place is None:
            return None
        if place == "right" and width is not None and width.endswith("%") and int(width[:-1]) > MAX_BESIDE:
            self.r.error(f["width"][1], f"{what}.width: a picture beside the words takes at most {MAX_BESIDE}% of the slide (they need the rest)")
            return None
        return Picture(path, alt, node.start, f["path"][1].start, width, place)

    def width(self, node: Node, what: str) -> str | None:
        """`width: 40%` (of the slide's width) or `width: 30` (terminal cells)."""
        value = node.value if node.kind == "scalar" else None
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 500:
            return str(value)
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}\s*%\s*", value) and 1 <= int(value.strip().rstrip("%")) <= 100:
            return f"{int(value.strip().rstrip('%'))}%"
        self.r.error(
            node, f"{what} must be a share of the slide like 40% (1% to 100%) or a number of terminal cells (1 to 500), got {describe(node)}"
        )
        return None
