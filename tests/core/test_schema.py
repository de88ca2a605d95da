"""The JSON Schema of the deck format agrees with the loader: what one accepts the other does."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from deck.cli import main
from deck.core.loader import parse_deck
from deck.core.paths import bundled_deck
from deck.core.schema import deck_schema

from ..conftest import ROOT, VALID

# every deck the loader accepts (a few test decks are hostile on purpose)
DECKS = [path for path in [bundled_deck(), *sorted((ROOT / "tests" / "decks").glob("*.yaml"))] if parse_deck(path.read_text(), str(path)).deck]


def as_json(text: str):
    """YAML as the language server sees it: dates are strings."""

    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(yaml.safe_load(text))


def schema_accepts(text: str) -> bool:
    return jsonschema.Draft202012Validator(deck_schema()).is_valid(as_json(text))


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(deck_schema())


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.stem)
def test_every_valid_deck_validates(path):
    text = path.read_text(encoding="utf-8")
    assert parse_deck(text).deck is not None
    errors = [e.message for e in jsonschema.Draft202012Validator(deck_schema()).iter_errors(as_json(text))]
    assert errors == []


SLIDE = "  - {title: A, confidence: reported}\n"
INVALID = {
    "unknown deck key": f"title: T\nthem: dark\nslides:\n{SLIDE}",
    "no slides": "title: T\nslides: []\n",
    "no title": f"slides:\n{SLIDE}",
    "unknown label": "title: T\nslides:\n  - {title: A, confidence: likely}\n",
    "likelihood without analysis": "title: T\nslides:\n  - {title: A, confidence: reported, likelihood: likely}\n",
    "likelihood off the scale": "title: T\nslides:\n  - {title: A, confidence: analysis, likelihood: probable}\n",
    "unknown level in labels": "title: T\nlabels: {rumour: x}\nslides:\n  - {title: A}\n",
    "unknown slide key": "title: T\nslides:\n  - {title: A, confidence: reported, note: n}\n",
    "points not a list": "title: T\nslides:\n  - {title: A, confidence: reported, points: x}\n",
    "point without text": "title: T\nslides:\n  - {title: A, confidence: reported, points: [{confidence: reported}]}\n",
    "column width": "title: T\nslides:\n  - {title: A, confidence: reported, columns: [{title: C, width: 0}]}\n",
    "bad layout": "title: T\nslides:\n  - {title: A, layout: chapter}\n",
    "claims on a divider": "title: T\nslides:\n  - {title: A, layout: section, points: [x]}\n",
    "reveal not boolean": "title: T\nslides:\n  - {title: A, confidence: reported, reveal: often}\n",
    "max width": f"title: T\nlayout: {{max_width: 5}}\nslides:\n{SLIDE}",
    "align": f"title: T\nlayout: {{align: middle}}\nslides:\n{SLIDE}",
    "duration": f"title: T\nduration: soon\nslides:\n{SLIDE}",
    "as_of": f"title: T\nas_of: someday\nslides:\n{SLIDE}",
    "source without title": f"title: T\nsources: {{a: {{kind: press}}}}\nslides:\n{SLIDE}",
    "chart value text": "title: T\nslides:\n  - {title: A, confidence: reported, chart: {items: [{label: x, value: '90%'}]}}\n",
    "chart kind": "title: T\nslides:\n  - {title: A, confidence: reported, chart: {kind: pie, items: [{label: x, value: 1}]}}\n",
    "chart without items": "title: T\nslides:\n  - {title: A, confidence: reported, chart: {unit: '%'}}\n",
    "event without date": "title: T\nslides:\n  - {title: A, confidence: reported, timeline: [{text: x}]}\n",
    "event date and from": "title: T\nslides:\n  - {title: A, confidence: reported, timeline: [{text: x, date: 2026, from: 2025}]}\n",
    "event bad month": "title: T\nslides:\n  - {title: A, confidence: reported, timeline: [{text: x, date: 2026-13}]}\n",
    "image url": "title: T\nslides:\n  - {title: A, confidence: reported, image: {path: 'https://x.org/a.png', alt: a}}\n",
    "image without alt": "title: T\nslides:\n  - {title: A, confidence: reported, image: {path: a.png}}\n",
    "chart on a divider": "title: T\nslides:\n  - {title: A, layout: section, chart: {items: [{label: x, value: 1}]}}\n",
}


@pytest.mark.parametrize("text", INVALID.values(), ids=INVALID.keys())
def test_the_schema_and_the_loader_refuse_the_same_decks(text):
    assert parse_deck(text).deck is None
    assert not schema_accepts(text)


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        "title: T\nslides:\n  - {title: Agenda, points: [One, Two]}\n  - {title: Thanks}\n",
        "title: T\nlabels: {analysis: our sums}\nsources: {s: S}\nslides:\n  - {title: A, confidence: analysis, likelihood: likely, sources: [s],"
        " points: [{text: x, confidence: reported, sources: [s]}, {text: y, likelihood: unlikely}]}\n",
        "title: T\nlayout: {max_width: 90}\nchrome: false\nduration: 1h30m\nslides:\n  - {title: T, layout: title}\n" + SLIDE,
        "title: T\nslides:\n  - {title: A, confidence: reported, reveal: true, columns: [{title: C, width: 2, points: [x]}]}\n",
        "title: T\nslides:\n  - {title: A, confidence: reported, chart: {unit: '%', items: [{label: x, value: -1.5, confidence: unverified}]}}\n",
        "title: T\nslides:\n  - {title: A, confidence: reported, timeline: [{text: x, date: 2026-01-20}, {text: y, from: 2026-Q2, to: 2027}]}\n",
        "title: T\nslides:\n  - {title: A, confidence: reported, image: {path: pics/a.png, alt: a picture}}\n",
    ],
)
def test_the_schema_and_the_loader_accept_the_same_decks(text):
    assert parse_deck(text).deck is not None
    assert schema_accepts(text)


def test_deck_schema_prints_it_and_deck_new_points_editors_at_it(capsys, tmp_path):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == deck_schema()
    deck = tmp_path / "talk.yaml"
    assert main(["new", str(deck)]) == 0
    assert deck.read_text().startswith("# yaml-language-server: $schema=./deck.schema.json\n")
    assert json.loads((tmp_path / "deck.schema.json").read_text()) == deck_schema()
    assert parse_deck(deck.read_text()).deck is not None and schema_accepts(deck.read_text())
