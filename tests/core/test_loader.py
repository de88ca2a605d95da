"""The loader: every error and warning pins its message and position."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml

from deck.core.check import check_path
from deck.core.diagnostics import DeckError
from deck.core.lint import lint_deck
from deck.core.loader import MAX_BYTES, load_deck, parse_deck
from deck.core.model import Confidence

from ..conftest import VALID


def found(text: str) -> list[str]:
    """Every diagnostic for `text` as 'line:col: severity: message'."""
    loaded = parse_deck(textwrap.dedent(text), "d.yaml")
    return [f"{d.line}:{d.col}: {d.severity}: {d.message}" for d in loaded.diagnostics]


def slide_deck(slide_yaml: str, extra: str = "") -> str:
    """A one-slide deck whose slide body is `slide_yaml` (indented under '  - ')."""
    body = textwrap.indent(textwrap.dedent(slide_yaml), "    ")
    return "title: T\n" + extra + "slides:\n  - " + body.lstrip()


def test_valid_deck_builds_the_model():
    loaded = parse_deck(VALID, "d.yaml")
    assert loaded.diagnostics == []
    deck = loaded.deck
    assert deck.title == "Test deck"
    assert deck.as_of == dt.date(2026, 4, 3)
    assert [s.title for s in deck.slides] == ["First", "Second"]
    second = deck.slides[1]
    assert [(p.text, p.confidence, p.labelled) for p in second.points] == [
        ("Rumour", Confidence.UNVERIFIED, True),
        ("Estimate", Confidence.SPECULATIVE, False),
    ]
    assert second.points[0].sources == ("leak",)
    assert deck.sources["paper"].date == dt.date(2026, 1, 13)


def test_slide_spans_cover_exactly_each_slide():
    deck = parse_deck(VALID, "d.yaml").deck
    first, second = deck.slides
    assert (first.span.start_line, second.span.start_line) == (7, 13)
    assert VALID[first.span.start : first.span.end].startswith("title: First")
    assert VALID[second.span.start : second.span.end].startswith("title: Second")
    assert "Say the first thing." in VALID[first.span.start : first.span.end]
    assert "Second" not in VALID[first.span.start : first.span.end]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "1:1: error: the file is empty; a deck needs at least 'title' and 'slides'"),
        ("# only a comment\n", "1:1: error: the file is empty; a deck needs at least 'title' and 'slides'"),
        ("- a\n- b\n", "1:1: error: a deck must be a mapping with 'title' and 'slides', got a list"),
        ("title: T\n", "1:1: error: the deck is missing the required key 'slides'"),
        ("title: T\nslides: []\n", "2:1: error: 'slides' is empty; a deck needs at least one slide"),
        ("title: T\nslides:\n", "2:1: error: 'slides' is empty; a deck needs at least one slide"),
        ("title: T\nslides: 3\n", "2:9: error: slides must be a list, got a number"),
        ("title: [T]\nslides:\n  - {title: a, confidence: reported}\n", "1:8: error: the deck's title must be a string, got a list"),
        ("titel: T\nslides:\n  - {title: a, confidence: reported}\n", "1:1: error: unknown key 'titel' in the deck — did you mean 'title'?"),
    ],
)
def test_deck_level_errors(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "slide, expected",
    [
        (
            "title: A\nconfidence: reported\nlikelihood: likely\n",
            "5:5: error: slide 1 ('A'): 'likelihood' is the deck's own judgement: it goes with 'confidence: analysis'",
        ),
        (
            "title: A\nconfidence: analysis\nlikelihood: probable\n",
            "5:17: error: slide 1 ('A'): likelihood must be one of: almost no chance, very unlikely, unlikely, roughly even chance, likely, "
            "very likely, almost certain",
        ),
        (
            "title: A\nconfidence: analysis\npoints: [{text: x, likelihood: sure}]\n",
            "5:36: error: slide 1 ('A'): points[0]: likelihood must be one of: almost no chance, very unlikely, unlikely, roughly even chance, "
            "likely, very likely, almost certain",
        ),
        ("{confidence: reported}\n", "3:5: error: slide 1 has neither a title nor anything to show; give it a title, points or a body"),
        (
            "title: A\nconfidence: rumoured\n",
            "4:17: error: unknown confidence 'rumoured' — did you mean 'unverified'? (expected one of: confirmed, reported, unverified, speculative, analysis)",
        ),
        (
            "title: A\nconfidence: 3\n",
            "4:17: error: unknown confidence '3' (expected one of: confirmed, reported, unverified, speculative, analysis)",
        ),
        ("title: A\nconfidence: reported\nnote: hi\n", "5:5: error: unknown key 'note' in slide 1 ('A') — did you mean 'notes'?"),
        (
            "title: A\nconfidence: reported\nzzz: hi\n",
            "5:5: error: unknown key 'zzz' in slide 1 ('A'); expected one of: title, confidence, likelihood, subtitle, "
            "section, layout, reveal, appendix, body, points, columns, chart, timeline, image, notes, sources, align, below",
        ),
        (
            "title: A\nconfidence: reported\npoints: [a, b, 3]\n",
            "5:20: error: slide 1 ('A'): points[2] must be a string or a mapping with 'text', got a number",
        ),
        (
            "title: A\nconfidence: reported\npoints: [{confidence: reported}]\n",
            "5:14: error: slide 1 ('A'): points[0] is missing the required key 'text'",
        ),
        ("title: 2026\nconfidence: reported\n", '3:12: error: slide 1: title must be a string, got a number (quote it: "2026")'),
        ("title: A\nconfidence: reported\nnotes:\n", "5:11: error: slide 1 ('A'): notes is empty; give it text or remove the key"),
        ("title: A\nconfidence: reported\npoints: yes\n", "5:13: error: slide 1 ('A'): points must be a list, got a boolean (true/false)"),
        (
            "title: A\nconfidence: reported\ncolumns: [3]\n",
            "5:15: error: slide 1 ('A'): columns[0] must be a mapping with 'points' or a 'body' (and a 'title' if you like), got a number",
        ),
        (
            "title: A\nconfidence: reported\ncolumns: [{title: C, points: [{text: x, confidence: maybe}]}]\n",
            "5:57: error: unknown confidence 'maybe' — did you mean 'speculative'? (expected one of: confirmed, reported, unverified, speculative, analysis)",
        ),
        (
            "title: A\nconfidence: reported\nsources: [nowhere]\n",
            "5:15: error: source 'nowhere' is not defined: the deck has no 'sources' section; add one",
        ),
    ],
)
def test_slide_errors(slide, expected):
    assert expected in found(slide_deck(slide))


def test_undefined_source_suggests_the_nearest_id():
    text = slide_deck("title: A\nconfidence: reported\nsources: [engrm]\n", "sources: {engram: Engram paper}\n")
    assert "6:15: error: source 'engrm' is not defined under 'sources' — did you mean 'engram'?" in found(text)


def test_errors_are_all_reported_and_sorted_by_position():
    text = "title: T\nslides:\n  - {title: A, likelihood: maybe}\n  - {title: B, confidence: nope}\n  - {title: C, confidence: reported, note: x}\n"
    lines = [entry.split(":")[0] for entry in found(text)]
    assert lines == ["3", "4", "5"]


def test_error_count_is_capped():
    slides = "".join(f"  - {{title: S{i}, confidence: sure}}\n" for i in range(300))
    result = found("title: T\nslides:\n" + slides)
    assert len(result) == 101
    assert result[-1].endswith("too many errors; stopped after 100")


class TestYamlLevel:
    def test_syntax_error_points_where_the_parser_does(self):
        result = found("title: T\nsubtitle: a: b\nslides: []\n")
        assert result == [
            "2:12: error: YAML syntax: mapping values are not allowed in this context; text with ': ' in it needs quotes, or this line's indentation is off"
        ]
        result = found("title: T\nslides:\n  - title: A\n   confidence: reported\n")
        assert result == [
            "4:4: error: YAML syntax: did not find expected '-' indicator (while parsing a block collection); check this line's indentation: list items line up with the items above them"
        ]

    def test_unclosed_quote(self):
        result = found('title: "T\nslides: []\n')
        assert result == ["1:8: error: YAML syntax: a quoted scalar that starts here is never closed (the file ends first)"]

    def test_a_raw_control_character_is_named_where_it_stands(self):
        assert found("title: T\nsubtitle: a\x07b\nslides: []\n") == [
            "2:12: error: character U+0007 is not allowed in YAML text; remove it, or write it as an escape (\\x07) inside double quotes"
        ]

    def test_tab_indentation_is_named(self):
        assert found("title: T\nslides:\n\t- {title: A, confidence: reported}\n") == [
            "3:1: error: tab character in indentation; YAML indents with spaces only"
        ]

    def test_tab_inside_text_is_fine(self):
        loaded = parse_deck('title: "a\\tb"\nslides:\n  - {title: A, confidence: reported}\n')
        assert loaded.deck.title == "a\tb"

    def test_duplicate_keys_are_errors(self):
        assert "4:5: error: duplicate key 'title' (first defined at line 3); YAML would silently keep only the last one, so remove one" in found(
            "title: T\nslides:\n  - title: A\n    title: B\n    confidence: reported\n"
        )

    def test_duplicate_top_level_key(self):
        assert "2:1: error: duplicate key 'title' (first defined at line 1); YAML would silently keep only the last one, so remove one" in found(
            "title: T\ntitle: U\nslides: [{title: A, confidence: reported}]\n"
        )

    def test_anchor_and_alias_are_refused(self):
        result = found("title: &t T\nsubtitle: *t\nslides: [{title: A, confidence: reported}]\n")
        assert result == [
            "1:8: error: anchors and aliases are not supported in decks (found anchor '&t'); write the value out",
            "2:11: error: anchors and aliases are not supported in decks (found alias '*t'); write the value out",
        ]

    def test_alias_bomb_is_refused_quickly(self):
        bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
        )
        loaded = parse_deck(bomb)
        assert loaded.deck is None
        assert any("anchors and aliases are not supported" in d.message for d in loaded.diagnostics)

    @pytest.mark.parametrize(
        "tagged",
        ["!!python/object/apply:os.system ['echo pwned']", "!!python/name:os.system", "!custom x", "!!binary aGk="],
    )
    def test_tags_are_refused_and_nothing_runs(self, tagged, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        result = found(f"title: T\nsubtitle: {tagged}\nslides: [{{title: A, confidence: reported}}]\n")
        assert any(r.startswith("2:11: error: the tag ") and "is not supported in decks" in r for r in result)

    def test_second_document_is_refused(self):
        result = found("title: T\nslides: [{title: A, confidence: reported}]\n---\ntitle: U\n")
        assert result == [
            "3:1: error: a deck file holds one YAML document, but a second one starts here; remove this '---' and what follows, or merge it"
        ]

    def test_deep_nesting_is_refused(self):
        result = found("title: T\nslides: " + "[" * 40 + "]" * 40 + "\n")
        assert len(result) == 1 and "nesting deeper than 32 levels" in result[0]

    def test_invalid_date(self):
        assert "2:8: error: '2026-02-30' is not a valid timestamp: day is out of range for month" in found(
            "title: T\nas_of: 2026-02-30\nslides: [{title: A, confidence: reported}]\n"
        )

    def test_as_of_must_be_a_date(self):
        assert "2:8: error: as_of must be a date like 2026-04-03, got a string" in found(
            "title: T\nas_of: April 3\nslides: [{title: A, confidence: reported}]\n"
        )


class TestFiles:
    def test_non_utf8_bytes(self, tmp_path):
        path = tmp_path / "latin1.yaml"
        path.write_bytes("title: T\nsubtitle: caf\xe9\n".encode("latin-1"))
        with pytest.raises(DeckError) as info:
            load_deck(path)
        assert str(info.value.first) == f"{path}:2:14: error: byte 0xe9 is not UTF-8; save the file as UTF-8"

    def test_file_over_the_size_limit(self, tmp_path):
        path = tmp_path / "huge.yaml"
        path.write_bytes(b"#" * (MAX_BYTES + 1))
        with pytest.raises(DeckError) as info:
            load_deck(path)
        assert "over 10,485,760 bytes; decks are limited to that" in info.value.first.message

    def test_load_deck_raises_with_every_error(self, deck_file):
        path = deck_file("title: T\nslides:\n  - {title: A, confidence: y}\n  - {title: B, confidence: x}\n")
        with pytest.raises(DeckError) as info:
            load_deck(path)
        assert [(d.line, d.path) for d in info.value.diagnostics] == [(3, str(path)), (4, str(path))]


class TestHostileText:
    def test_escape_sequences_are_removed_with_a_warning(self):
        loaded = parse_deck('title: "red \\e[31mALERT\\e[0m \\x07bell"\nslides: [{title: A, confidence: reported}]\n', "d.yaml")
        assert loaded.deck.title == "red ALERT bell"
        assert [str(d) for d in loaded.diagnostics] == ["d.yaml:1:8: warning: control characters or terminal escape sequences removed from this text"]

    def test_markup_is_kept_as_text(self):
        loaded = parse_deck('title: "[bold red]x[/]"\nslides: [{title: A, confidence: reported}]\n')
        assert loaded.deck.title == "[bold red]x[/]"


class TestWarnings:
    def lint(self, text: str, today=None) -> list[str]:
        deck = parse_deck(textwrap.dedent(text), "d.yaml").deck
        return [f"{d.line}:{d.col}: {d.severity}: {d.message}" for d in lint_deck(deck, today)]

    def test_valid_deck_has_no_warnings(self):
        assert self.lint(VALID, dt.date(2026, 4, 3)) == []

    def test_a_badge_is_the_main_message_not_the_weakest_claim(self):
        """A slide's label is its main message's: a weaker point carries its own label and warns of nothing
        (the old rule made 10 of 11 of the briefing's slides SPECULATIVE)."""
        text = "title: T\nslides:\n  - title: A\n    confidence: reported\n    notes: n\n    points:\n      - ok\n      - {text: x, confidence: speculative}\n"
        assert self.lint(text) == []

    def test_a_badge_stronger_than_every_claim_on_the_slide(self):
        text = (
            "title: T\nslides:\n  - title: A\n    confidence: reported\n    notes: n\n    columns:\n"
            "      - {title: C, points: [{text: x, confidence: unverified}, {text: y, confidence: speculative}]}\n"
        )
        assert self.lint(text) == [
            "4:17: warning: slide 1 ('A') is labelled 'reported' but every claim on it is weaker (the strongest is an 'unverified' point, "
            "line 7): nothing on the slide supports its label; label the slide by its main message"
        ]

    def test_our_analysis_names_what_it_rests_on(self):
        text = "title: T\nslides:\n  - title: A\n    confidence: analysis\n    likelihood: likely\n    notes: n\n"
        assert self.lint(text) == ["4:17: warning: slide 1 ('A') is our analysis but names nothing it rests on; add 'sources: [...]'"]

    def test_a_deck_without_labels_is_an_ordinary_talk(self):
        text = "title: T\nslides:\n  - title: Agenda\n    points: [One, Two]\n  - {title: Thanks}\n"
        loaded = parse_deck(text, "d.yaml")
        assert loaded.diagnostics == [] and not loaded.deck.uses_labels
        assert self.lint(text) == []  # no label, source or notes warnings
        assert [p.confidence for p in loaded.deck.slides[0].points] == [None, None] and loaded.deck.slides[0].claims() == ()

    def test_confirmed_slide_without_a_source(self):
        text = "title: T\nslides:\n  - title: A\n    confidence: confirmed\n    notes: n\n"
        assert self.lint(text) == ["4:17: warning: slide 1 ('A') is labelled 'confirmed' but cites no source; add 'sources: [...]'"]

    def test_confirmed_point_without_a_source(self):
        text = (
            "title: T\nsources: {s: S}\nslides:\n  - title: A\n    confidence: reported\n    notes: n\n"
            "    points:\n      - {text: x, confidence: confirmed}\n      - {text: y, sources: [s]}\n"
        )
        assert self.lint(text) == ["8:9: warning: a 'confirmed' point cites no source; add 'sources: [...]' to it or to its slide"]

    def test_slide_without_notes(self):
        text = "title: T\nslides:\n  - title: A\n    confidence: reported\n"
        assert self.lint(text) == ["3:5: warning: slide 1 ('A') has no speaker notes; add 'notes: |'"]

    def test_source_never_cited(self):
        text = "title: T\nsources:\n  unused: U\nslides:\n  - {title: A, confidence: reported, notes: n}\n"
        assert self.lint(text) == ["3:3: warning: source 'unused' is defined but no slide cites it"]

    def test_stale_as_of(self):
        text = "title: T\nas_of: 2026-04-03\nslides:\n  - {title: A, confidence: reported, notes: n}\n"
        assert self.lint(text, dt.date(2026, 7, 2)) == []  # 90 days: not yet stale
        assert self.lint(text, dt.date(2026, 7, 3)) == ["2:8: warning: as_of 2026-04-03 is 91 days old (over 90); check the content still holds"]


def test_check_path_combines_errors_and_warnings(deck_file):
    path = deck_file("title: T\nslides:\n  - {title: A, confidence: reported}\n")
    deck, diagnostics = check_path(path)
    assert deck is not None
    assert [str(d) for d in diagnostics] == [f"{path}:3:5: warning: slide 1 ('A') has no speaker notes; add 'notes: |'"]


def test_pure_python_parser_gives_the_same_result():
    fast = parse_deck(VALID, "d.yaml", yaml.CSafeLoader)
    slow = parse_deck(VALID, "d.yaml", yaml.SafeLoader)
    assert fast.deck == slow.deck
    broken = "title: T\nslides:\n  - {title: A}\n  - {title: B, confidence: x, note: y}\n"
    assert [str(d) for d in parse_deck(broken, "d", yaml.CSafeLoader).diagnostics] == [
        str(d) for d in parse_deck(broken, "d", yaml.SafeLoader).diagnostics
    ]


def test_an_unclosed_quote_that_swallows_slides_is_warned_about():
    """A missing closing quote once made two slides vanish into one point, and check said ok."""
    text = 'title: T\nslides:\n  - title: A\n    confidence: reported\n    notes: n\n    points:\n      - "one\n      - two\n  - title: B\n    confidence: reported\n    notes: n"\n'
    deck = parse_deck(text).deck
    assert deck is not None and len(deck.slides) == 1  # YAML itself is fine with it
    found = lint_deck(deck)
    assert any("is a quote left open above?" in d.message and d.line == 7 for d in found)


@pytest.mark.parametrize(
    ("extra", "advice"),
    [
        ("     notes: x\n", "keys line up with the keys above them"),
        ("   - title: B\n    confidence: reported\n", "list items line up with the items above them"),
    ],
)
def test_an_indentation_mistake_says_to_check_the_indentation(extra, advice):
    """Found by a newcomer: 'did not find expected key (while parsing a block mapping)' was at the right
    place but said nothing a writer could act on."""
    text = "title: T\nslides:\n  - title: A\n    confidence: reported\n    points:\n      - one\n" + extra
    errors = parse_deck(text, "t.yaml").errors
    assert errors and errors[0].line == 7 and "check this line's indentation" in errors[0].message and advice in errors[0].message


def test_the_last_resort_net_says_please_report_and_deck_debug_shows_the_traceback(monkeypatch):
    from deck.core import loader

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the loader")

    monkeypatch.setattr(loader, "_parse_deck", broken)
    with pytest.raises(RuntimeError, match="a bug in the loader"):
        loader.parse_deck("title: T\n", "t.yaml")  # DECK_DEBUG=1 (set for every test): the traceback
    monkeypatch.delenv("DECK_DEBUG")
    loaded = loader.parse_deck("title: T\n", "t.yaml")
    assert loaded.deck is None and "cannot read this file as a deck (RuntimeError); please report it" in loaded.errors[0].message


def test_deck_debug_says_when_the_incremental_reread_falls_back(monkeypatch, capsys):
    from deck.core.incremental import reparse

    text = "title: T\nslides:\n  - {title: A, confidence: reported, notes: n}\n"
    deck = parse_deck(text, "t.yaml").deck
    assert reparse(text, deck, text + "  - {title: B, confidence: reported, notes: n}\n", "t.yaml") is None  # a new slide
    assert "incremental reread: a whole parse" in capsys.readouterr().err
    monkeypatch.delenv("DECK_DEBUG")
    reparse(text, deck, text + "  - {title: B, confidence: reported, notes: n}\n", "t.yaml")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("key", "meant"), [("speaker_notes", "notes"), ("bullets", "points"), ("label", "confidence"), ("probability", "likelihood")]
)
def test_keys_from_other_tools_get_the_key_deck_has(key, meant):
    """`speaker_notes` got no hint at all: difflib finds nothing near it (a newcomer's trial)."""
    assert f"unknown key '{key}' in slide 1 ('A') — did you mean '{meant}'?" in " ".join(found(slide_deck(f"title: A\n{key}: x\n")))


def test_a_point_with_a_colon_gets_one_error_saying_to_quote_it():
    loaded = parse_deck("title: T\nslides:\n  - title: S\n    points:\n      - Note: this has a colon\n      - Fine\n", "t.yaml")
    (error,) = loaded.errors  # it said two things (an unknown key 'Note', a missing 'text'), neither the fix
    assert (error.line, error.col) == (5, 9)
    assert error.message.endswith("""quote the point: - "Note: this has a colon\"""")


def test_text_after_a_flow_mapping_is_said_as_such_not_as_indentation():
    """Found by a newcomer: `- {...} Check the date` was blamed on the line's indentation."""
    loaded = parse_deck(
        "title: T\nslides:\n  - title: S\n    timeline:\n      - {date: 2026-03, text: A thing} Check the date\n      - {date: 2026-04, text: B}\n",
        "t.yaml",
    )
    (error,) = loaded.errors
    assert (error.line, error.col) == (5, 40)
    assert "text after the closing '}'" in error.message and "indentation" not in error.message


def test_emoji_shortcodes_show_as_the_emoji_except_in_code():
    """5 of 16 real decks from other tools write :shortcodes: (deck showed them as written)."""
    loaded = parse_deck(
        "title: 'Launch :rocket:'\nslides:\n  - title: 'Done :tada:'\n    points: ['Ship it :+1:', 'Type `:rocket:` for a rocket']\n"
        "    body: |\n      ```text\n      :tada: stays code\n      ```\n      and :white_check_mark: works\n",
        "t.yaml",
    )
    assert loaded.deck is not None and loaded.diagnostics == []
    slide = loaded.deck.slides[0]
    assert loaded.deck.title == "Launch 🚀" and slide.title == "Done 🎉"
    assert [p.text for p in slide.points] == ["Ship it 👍", "Type `:rocket:` for a rocket"]
    assert ":tada: stays code" in slide.body and "and ✅ works" in slide.body
