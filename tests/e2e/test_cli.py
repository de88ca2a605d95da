"""The `deck` command line: output, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from deck.cli import main

from ..conftest import ROOT, VALID


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_valid_deck(capsys, deck_file):
    path = deck_file(VALID.replace("as_of: 2026-04-03\n", ""))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert out == f"{path}: ok: 2 slides, 0 errors, 0 warnings\n"


def test_check_errors_exit_1_with_positions(capsys, deck_file):
    path = deck_file("title: T\nslides:\n  - {title: A, confidence: sure}\n")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{path}:3:28: error: unknown confidence 'sure'")
    assert out.splitlines()[-1] == f"{path}: failed: 1 error, 0 warnings"


def test_warnings_pass_unless_strict(capsys, deck_file):
    path = deck_file("title: T\nslides:\n  - {title: A, confidence: reported}\n")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and f"{path}:3:5: warning: slide 1 ('A') has no speaker notes" in out
    code, out, _ = run(capsys, "check", "--strict", str(path))
    assert code == 1 and f"{path}:3:5: error: slide 1 ('A') has no speaker notes" in out


def test_strict_leaves_a_stale_date_a_warning(capsys, deck_file):
    path = deck_file("title: T\nas_of: 2001-01-01\nslides:\n  - {title: A, confidence: reported, notes: n}\n")
    code, out, _ = run(capsys, "check", "--strict", str(path))
    assert code == 0
    assert f"{path}:2:8: warning: as_of 2001-01-01 is" in out


@pytest.mark.parametrize("args", [("check", "missing.yaml"), ("export", "missing.yaml"), ("present", "missing.yaml")])
def test_missing_file_is_a_usage_error(capsys, args):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err == "deck: error: no such file: missing.yaml\n"


def test_folder_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_export_json_to_stdout_carries_effective_confidence(capsys, deck_file):
    code, out, _ = run(capsys, "export", str(deck_file()), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "Test deck" and data["as_of"] == "2026-04-03"
    assert data["slides"][0]["points"] == [{"text": "A confirmed point", "confidence": "confirmed", "likelihood": None, "sources": []}]
    assert [p["confidence"] for p in data["slides"][1]["points"]] == ["unverified", "speculative"]
    assert data["sources"]["paper"] == {"title": "A paper", "kind": "paper", "date": "2026-01-13", "url": None, "note": None}


def test_export_to_a_file_and_never_over_the_deck(capsys, deck_file, tmp_path):
    path = deck_file()
    out_file = tmp_path / "out.json"
    code, _, err = run(capsys, "export", str(path), "-f", "json", "-o", str(out_file))
    assert code == 0 and json.loads(out_file.read_text())["title"] == "Test deck"
    code, _, err = run(capsys, "export", str(path), "-f", "json", "-o", str(path))
    assert code == 2 and "refusing to write the export over the deck itself" in err
    assert path.read_text() == VALID


def test_export_of_a_broken_deck_exits_1(capsys, deck_file):
    code, _, err = run(capsys, "export", str(deck_file("title: T\n")), "-f", "json")
    assert code == 1 and "missing the required key 'slides'" in err


def test_new_writes_a_strictly_valid_deck_and_never_overwrites(capsys, tmp_path):
    target = tmp_path / "mine.yaml"
    code, out, _ = run(capsys, "new", str(target))
    assert code == 0 and target.exists()
    text = target.read_text()
    for key in (
        "title:",
        "subtitle:",
        "as_of:",
        "author:",
        "theme:",
        "sources:",
        "slides:",
        "section:",
        "confidence:",
        "points:",
        "columns:",
        "body:",
        "notes:",
    ):
        assert key in text
    assert run(capsys, "check", "--strict", str(target))[0] == 0
    target.write_text("mine")
    code, _, err = run(capsys, "new", str(target))
    assert code == 2 and "already exists" in err
    assert target.read_text() == "mine"


def test_python_m_deck_runs_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe not yaml")
    result = subprocess.run([sys.executable, "-m", "deck", "check", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert ":1:1: error: byte 0xff is not UTF-8" in result.stdout


@pytest.mark.parametrize(
    "name, expected",
    [
        ("out.json", "json"),
        ("claims.csv", "csv"),
        ("talk.marp.md", "marp"),
        ("talk.pandoc.md", "pandoc"),
        ("talk.reveal.md", "reveal"),
        ("talk.ledger.md", "ledger"),
        ("notes.md", "markdown"),
        ("notes.txt", "markdown"),
    ],
)
def test_export_format_follows_the_output_name(capsys, deck_file, tmp_path, name, expected):
    out = tmp_path / name
    code, _, err = run(capsys, "export", str(deck_file()), "-o", str(out))
    assert code == 0 and f"({expected}, 2 slides)" in err


def test_export_format_flag_wins_over_the_name(capsys, deck_file, tmp_path):
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "export", str(deck_file()), "-o", str(out), "--format", "csv")
    assert code == 0 and out.read_text().startswith("slide,slide_title")


def test_present_refuses_a_slide_number_outside_the_deck(capsys, deck_file):
    code, _, err = run(capsys, "present", str(deck_file()), "--slide", "9")
    assert code == 2 and err == "deck: error: --slide 9: this deck has slides 1 to 2\n"


def test_serve_without_its_optional_part_says_how_to_install_it(capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "textual_serve" else real(name, *a))
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == "deck: error: deck serve needs textual-serve, an optional part: pip install 'briefing-deck[serve]'\n"


def test_version_comes_from_one_place(capsys):
    import deck

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"deck {deck.__version__}"


def complete(words: str, cwd) -> list[str]:
    """What the shell is offered after `words` (argcomplete's protocol, run as the shell runs it)."""
    import os
    import subprocess
    import sys

    out = cwd / "completions"
    env = {**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": words, "COMP_POINT": str(len(words)), "_ARGCOMPLETE_STDOUT_FILENAME": str(out)}
    subprocess.run([sys.executable, "-m", "deck"], env=env, cwd=cwd, stdin=subprocess.DEVNULL, timeout=30, check=True)
    return [word.strip() for word in out.read_text().split("\x0b")]


def test_completion_offers_commands_themes_and_decks(tmp_path):
    (tmp_path / "talk.yaml").write_text("title: T\n")
    (tmp_path / "notes.txt").write_text("x")
    assert "export" in complete("deck ex", tmp_path)
    assert {"dark", "light", "high-contrast", "mono"} <= set(complete("deck present --theme ", tmp_path))
    offered = complete("deck check ", tmp_path)
    assert "talk.yaml" in offered and "notes.txt" not in offered


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_shell_code(capsys, shell):
    assert main(["completion", shell]) == 0
    code = capsys.readouterr().out
    assert "deck" in code and "briefing-deck" in code and len(code) > 200


def test_json_is_compact_for_tools_and_indented_on_request(capsys, deck_file):
    path = str(deck_file())
    assert main(["export", path, "--format", "json"]) == 0
    compact = capsys.readouterr().out
    assert compact.count("\n") == 1 and '","' in compact  # one line, no spaces: the C encoder's output
    assert main(["export", path, "--format", "json", "--indent", "2"]) == 0
    indented = capsys.readouterr().out
    assert indented.startswith('{\n  "title": "Test deck",')
    assert json.loads(compact) == json.loads(indented)


def test_indent_is_only_for_json(capsys, deck_file):
    assert main(["export", str(deck_file()), "--format", "marp", "--indent", "2"]) == 2
    assert "--indent is for the JSON export, not marp" in capsys.readouterr().err
    assert main(["export", str(deck_file()), "--format", "json", "--indent", "99"]) == 2


def test_output_dash_is_standard_output(capsys, deck_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(deck_file()), "--format", "json", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Test deck"
    assert not (tmp_path / "-").exists()  # it wrote a file called '-'


def test_deck_new_writes_a_deck_that_shows_the_format_and_checks_strict_clean(tmp_path, capsys):
    """`deck new` wrote no title or section slide, reveal, chart, timeline or appendix (a newcomer's trial)."""
    path = tmp_path / "talk.yaml"
    assert main(["new", str(path)]) == 0
    text = path.read_text()
    for key in (
        "layout: title",
        "layout: section",
        "reveal: true",
        "<!-- pause -->",
        "chart:",
        "timeline:",
        "appendix: true",
        "likelihood:",
        "labels:",
    ):
        assert key in text, key
    capsys.readouterr()
    assert main(["check", "--strict", str(path)]) == 0
