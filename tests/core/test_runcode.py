"""Runnable blocks: which fences run, what shows of them, how output is cleaned, and what check says."""

from __future__ import annotations

import json

import pytest

from deck.core.check import check_path, strict
from deck.core.loader import parse_deck
from deck.core.runcode import (
    MAX_LINES,
    NoInterpreter,
    Output,
    OutputBuffer,
    RecordProblem,
    blocks,
    command,
    record_json,
    recorded_outputs,
    with_outputs,
)
from deck.core.view import view_slide

BODY = """\
Intro

```bash +exec
/// cd /tmp
echo hi
```

```python
print("not runnable")
```

~~~~python +exec_replace
print(1)
~~~~
"""


def test_only_fences_that_ask_to_run_are_runnable():
    found = blocks(BODY)
    assert [(b.language, b.replace) for b in found] == [("bash", False), ("python", True)]
    assert found[0].code == "cd /tmp\necho hi"  # the hidden line runs
    assert found[0].shown == "echo hi"  # but never shows
    assert found[0].line == 2


def test_a_fence_inside_a_longer_fence_is_code_not_a_block():
    text = "````markdown\n```bash +exec\nrm -rf /\n```\n````\n"
    assert blocks(text) == []


def test_the_shown_text_drops_the_marks_and_hidden_lines():
    shown = with_outputs(BODY, {})
    assert "+exec" not in shown and "/// cd /tmp" not in shown
    assert "```bash\necho hi\n```" in shown
    assert 'print("not runnable")' in shown  # other code as written


def test_an_output_shows_under_its_code_and_in_place_of_a_replace_block():
    first, second = blocks(BODY)
    shown = with_outputs(BODY, {first.key: Output("hi", "exit 0"), second.key: Output("1", "exit 0")})
    assert "```bash\necho hi\n```\n\n```text\nhi\n── exit 0 ──\n```" in shown
    assert "print(1)" not in shown  # replaced by its output
    assert shown.count("── exit 0 ──") == 2


def test_output_cannot_close_its_fence():
    (block,) = blocks("```sh +exec\necho x\n```")
    shown = with_outputs("```sh +exec\necho x\n```", {block.key: Output("```\n# not a heading\n````", "exit 0")})
    fence = shown.split("\n")[-1]
    assert fence == "`````"  # longer than any run of backticks in the output
    assert shown.count(fence) == 2


def test_long_output_shows_its_last_lines():
    (block,) = blocks("```sh +exec\nseq 100\n```")
    text = "\n".join(str(n) for n in range(1, 101))
    shown = with_outputs("```sh +exec\nseq 100\n```", {block.key: Output(text, "exit 0")})
    assert "… 80 earlier lines" in shown and "\n100\n" in shown and "\n80\n" not in shown


def test_the_buffer_cleans_escapes_carriage_returns_and_split_characters():
    buffer = OutputBuffer()
    buffer.feed(b"\x1b[31mred\x1b[0m\n10%\r50%\r100%\n\x1b]0;title\x07caf")
    buffer.feed(b"\xc3")  # half of an e-acute
    buffer.feed(b"\xa9 \x07bell\n")
    assert buffer.text() == "red\n100%\ncafé bell"


def test_the_buffer_keeps_the_last_lines_and_says_how_many_went():
    buffer = OutputBuffer()
    buffer.feed(b"".join(b"line %d\n" % n for n in range(MAX_LINES + 10)))
    lines = buffer.text().split("\n")
    assert lines[0] == "… 10 lines dropped"
    assert lines[-1] == f"line {MAX_LINES + 9}" and len(lines) == MAX_LINES + 1


def test_a_missing_interpreter_is_said_in_words(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    (block,) = blocks("```ruby +exec\nputs 1\n```")
    with pytest.raises(NoInterpreter, match="'ruby' is not installed here"):
        command(block)
    (block,) = blocks("```cobol +exec\nDISPLAY 'X'.\n```")
    with pytest.raises(NoInterpreter, match="does not run 'cobol' blocks"):
        command(block)


def test_the_code_is_one_argument_never_a_shell_line():
    (block,) = blocks("```python +exec\nprint('a; b')\n```")
    argv = command(block)
    assert argv[1:] == ["-c", "print('a; b')"] and argv[0].endswith("python3")


def test_recorded_outputs_round_trip_with_their_date_and_are_cleaned():
    import datetime as dt

    (block,) = blocks("```sh +exec\necho x\n```")
    text = record_json({block.key: Output("x", "exit 0")}, {block.key: block}, dt.date(2026, 12, 7))
    assert recorded_outputs(text) == {block.key: Output("x", "exit 0", recorded="2026-12-07")}
    hostile = json.loads(text)
    hostile["blocks"][0]["output"] = "\x1b[2Jcleared\x1b]8;;http://x\x07"
    assert recorded_outputs(json.dumps(hostile))[block.key].text == "cleared"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json", "not JSON"),
        ("[]", "expected"),
        ('{"recorded": "yesterday", "blocks": []}', "not a date"),
        ('{"recorded": "2026-12-07", "blocks": [{"language": "sh"}]}', "needs the strings"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),  # found in review: a RecursionError traceback
    ],
)
def test_a_broken_record_is_refused_in_words(text, says):
    with pytest.raises(RecordProblem, match=says):
        recorded_outputs(text)


DECK = """\
title: Runs
run_timeout: {timeout}
slides:
  - title: Demo
    body: |
      Look:

      ```bash +exec
      echo hi
      ```
"""


def test_check_lists_what_a_deck_would_run_as_information(tmp_path):
    path = tmp_path / "runs.yaml"
    path.write_text(DECK.format(timeout="10s"))
    deck, found = check_path(path)
    assert deck is not None and deck.run_timeout_s == 10
    assert [(d.line, d.col, d.severity) for d in found] == [(8, 7, "info")]  # the fence's line
    assert "runs bash code under `deck present --run-code`" in found[0].message
    assert [d.severity for d in strict(found)] == ["info"]  # never a failure, even --strict


@pytest.mark.parametrize("value", ["0", "-3", "2h", "soon", "[1]", "true"])
def test_a_bad_run_timeout_is_an_error_at_its_place(value):
    loaded = parse_deck(DECK.format(timeout=value), "runs.yaml")
    assert loaded.deck is None
    (error,) = loaded.errors
    assert (error.line, error.col) == (2, 14) and "run_timeout must be" in error.message


def test_the_view_shows_recorded_output_and_an_export_never_runs(tmp_path):
    import dataclasses

    loaded = parse_deck(DECK.format(timeout=5), "runs.yaml")
    assert loaded.deck is not None
    (block,) = blocks(loaded.deck.slides[0].body)
    plain = view_slide(loaded.deck, 0)
    assert "+exec" not in (plain.body or "") and "── " not in (plain.body or "")
    recorded = dataclasses.replace(loaded.deck, outputs={block.key: Output("hi", "exit 0", recorded="2026-12-07")})
    assert "hi\n── exit 0 · recorded 2026-12-07 ──" in (view_slide(recorded, 0).body or "")
