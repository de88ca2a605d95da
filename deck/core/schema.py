"""A JSON Schema of the deck format, for editors (the YAML language server completes and checks decks
with it). Built from the loader's own key lists, so the two cannot drift apart on which keys exist;
`deck check` stays the judge of what a schema cannot say (source ids defined, the appendix last)."""

from __future__ import annotations

from typing import Any

from .figures import BAR_KEYS, CHART_KEYS, EVENT_KEYS, IMAGE_KEYS, MAX_ITEMS
from .loader import ALIGNS, COLUMN_KEYS, DECK_KEYS, DECK_LAYOUT_KEYS, MAX_WIDTH, MIN_WIDTH, POINT_KEYS, SLIDE_KEYS, SOURCE_KEYS
from .model import CHART_KINDS, LAYOUTS, LIKELIHOODS, MAX_PICTURES, PLACES, Confidence

SCHEMA_ID = "deck.schema.json"
TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "a date like 2026-04-03"}
IDS = {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "array", "items": {"type": ["string", "integer"]}}]}


def _object(properties: dict[str, Any], keys: tuple[str, ...], required: list[str], **extra: Any) -> dict[str, Any]:
    assert set(properties) == set(keys), set(properties) ^ set(keys)  # the loader's keys, no more, no fewer
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False, **extra}


def deck_schema() -> dict[str, Any]:
    confidence = {
        "enum": Confidence.names(),
        "description": "what the sources say (confirmed, reported, unverified, speculative), or the deck's own analysis; optional",
    }
    likelihood = {"enum": list(LIKELIHOODS), "description": "with confidence: analysis, how likely the deck judges it"}
    point = {
        "oneOf": [
            {"type": "string"},
            _object(
                {"text": TEXT, "confidence": {"$ref": "#/$defs/confidence"}, "likelihood": {"$ref": "#/$defs/likelihood"}, "sources": IDS},
                POINT_KEYS,
                ["text"],
            ),
        ]
    }
    points = {"type": "array", "items": {"$ref": "#/$defs/point"}}
    claim = {"confidence": {"$ref": "#/$defs/confidence"}, "sources": IDS}
    number = {"type": "number"}
    bar = _object({"label": TEXT, "value": number, **claim}, BAR_KEYS, ["label", "value"])
    chart = _object(
        {
            "title": {**TEXT, "description": "what the chart shows, written above it"},
            "axis": {**TEXT, "description": "what its values measure, written under it"},
            "kind": {"enum": list(CHART_KINDS)},
            "unit": {"type": "string", "maxLength": 12},
            "items": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": bar},
        },
        CHART_KEYS,
        ["items"],
    )
    when = {
        "oneOf": [
            DATE,
            {"type": "string", "pattern": r"^\d{4}(-(0?[1-9]|1[0-2])|-[Qq][1-4])?$"},
            {"type": "string", "pattern": r"^(\d{4}-\d{1,2}-\d{1,2}[ T])?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"},
            {"type": "integer", "minimum": 1, "maximum": 9999},
        ],
        "description": "a day (2026-01-20), a month (2026-02), a quarter (2026-Q2), a year (2026) or a time (2026-09-14 14:07, or 14:07)",
    }
    event = _object(
        {"date": when, "from": when, "to": when, "text": TEXT, **claim},
        EVENT_KEYS,
        ["text"],
        oneOf=[
            {"required": ["date"], "not": {"anyOf": [{"required": ["from"]}, {"required": ["to"]}]}},
            {"required": ["from", "to"], "not": {"required": ["date"]}},
        ],
    )
    image = _object(
        {
            "path": {"type": "string", "minLength": 1, "not": {"pattern": "^([a-zA-Z][a-zA-Z0-9+.-]*:)?//"}},
            "alt": TEXT,
            "width": {
                "oneOf": [{"type": "integer", "minimum": 1, "maximum": 500}, {"type": "string", "pattern": r"^\s*\d{1,3}\s*%\s*$"}],
                "description": "how wide it is drawn: a share of the slide like 40%, or a number of terminal cells",
            },
            "place": {"enum": list(PLACES), "description": "below the slide's words (the default), or right of them, beside the points"},
        },
        IMAGE_KEYS,
        ["path", "alt"],
    )
    # one picture, or several side by side; a column's pictures take no place (they are in the column)
    images = {"oneOf": [image, {"type": "array", "minItems": 1, "maxItems": MAX_PICTURES, "items": image}]}
    column_image = _object({k: v for k, v in image["properties"].items() if k != "place"}, IMAGE_KEYS[:-1], ["path", "alt"])
    column_images = {"oneOf": [column_image, {"type": "array", "minItems": 1, "maxItems": MAX_PICTURES, "items": column_image}]}
    column = _object(
        {
            "title": TEXT,
            "body": {"type": "string"},
            "points": points,
            "width": {"type": "integer", "minimum": 1, "maximum": 12},
            "image": column_images,
        },
        COLUMN_KEYS,
        [],
        anyOf=[{"required": [k]} for k in ("title", "body", "points", "image")],  # a title is optional, as in most talks
    )
    slide = _object(
        {
            "title": TEXT,
            "confidence": {"$ref": "#/$defs/confidence"},
            "likelihood": {"$ref": "#/$defs/likelihood"},
            "subtitle": TEXT,
            "section": TEXT,
            "layout": {"enum": list(LAYOUTS)},
            "reveal": {"type": "boolean"},
            "align": {"enum": ["center", "left"], "description": "center: the slide's words in the middle, across and down (a lead slide)"},
            "appendix": {"type": "boolean"},
            "body": {"type": "string"},
            "below": {"type": "string", "description": "Markdown after the points and columns"},
            "points": points,
            "columns": {"type": "array", "items": {"$ref": "#/$defs/column"}},
            "chart": chart,
            "timeline": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": event},
            "image": images,
            "notes": {"type": "string"},
            "sources": IDS,
        },
        SLIDE_KEYS,
        [],
        # a label is optional (a slide without one makes no claim of its own), and so is a title (a slide of a
        # picture, a quote or code alone), but not both a title and anything to show; a divider takes no claims
        anyOf=[{"required": [k]} for k in ("title", "subtitle", "body", "points", "columns", "chart", "timeline", "image", "below")],
        allOf=[
            {"if": {"required": ["likelihood"]}, "then": {"required": ["confidence"], "properties": {"confidence": {"const": "analysis"}}}},
            {
                "if": {"required": ["layout"]},
                "then": {"not": {"anyOf": [{"required": [k]} for k in ("points", "columns", "body", "chart", "timeline", "image", "below")]}},
            },
        ],
    )
    source = {
        "oneOf": [
            {"type": "string"},
            _object({"title": TEXT, "kind": TEXT, "date": DATE, "url": TEXT, "note": TEXT}, SOURCE_KEYS, ["title"]),
        ]
    }
    layout = _object(
        {"max_width": {"type": "integer", "minimum": MIN_WIDTH, "maximum": MAX_WIDTH}, "align": {"enum": list(ALIGNS)}},
        DECK_LAYOUT_KEYS,
        [],
    )
    deck = _object(
        {
            "title": TEXT,
            "subtitle": TEXT,
            "as_of": DATE,
            "author": TEXT,
            "event": {**TEXT, "description": "where the talk is given: shown on the title slide"},
            "date": {**DATE, "description": "when the talk is given (as_of dates the content): shown on the title slide"},
            "theme": TEXT,
            "layout": layout,
            "chrome": {"type": "boolean"},
            "duration": {
                "oneOf": [
                    {"type": "integer", "minimum": 1, "maximum": 24 * 60},
                    {"type": "string", "pattern": r"^\s*(\d+\s*h)?\s*(\d+\s*m(in)?)?\s*(\d+\s*s)?\s*$"},
                ]
            },
            "run_timeout": {
                "oneOf": [
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 3600},
                    {"type": "string", "pattern": r"^\s*(\d+\s*h)?\s*(\d+\s*m(in)?)?\s*(\d+\s*s)?\s*$"},
                ],
                "description": "how long a runnable (+exec) block may run under deck present --run-code before it is stopped (default 30 s)",
            },
            "labels": {
                "type": "object",
                "properties": {name: {"type": "string"} for name in Confidence.names()},
                "additionalProperties": False,
                "description": "the deck's own legend: what each label means in this deck, one line each",
            },
            "sources": {"type": "object", "additionalProperties": {"$ref": "#/$defs/source"}},
            "slides": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/slide"}},
        },
        DECK_KEYS,
        ["title", "slides"],
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "deck: a YAML slide deck where every claim says how sure it is",
        **deck,
        "$defs": {"confidence": confidence, "likelihood": likelihood, "point": point, "column": column, "slide": slide, "source": source},
    }
