"""The `deck` command: parse arguments, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .diagnostics import DeckError, Diagnostic
from .model import Confidence

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or a missing file: exit 2."""


def build_parser() -> argparse.ArgumentParser:
    from .export import FORMATS

    parser = argparse.ArgumentParser(
        prog="deck",
        description="Present, check and export YAML slide decks with confidence labels, sources and speaker notes.",
        epilog="With no command, presents the bundled DeepSeek V4 briefing.",
    )
    parser.add_argument("--version", action="version", version=f"deck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    present = commands.add_parser("present", help="present a deck in the terminal")
    present.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    present.add_argument("--notes", action="store_true", help="start with the speaker-notes pane shown")
    present.add_argument("--theme", help="theme name (default: the deck's theme, or dark)")
    present.add_argument("--no-watch", action="store_true", help="do not reload when the file changes")
    present.add_argument("--slide", type=int, default=1, metavar="N", help="start on slide N")
    present.add_argument("--read-only", action="store_true", help="no editing, exporting, file watching or speaker link (what `deck serve` runs)")

    check = commands.add_parser("check", help="check a deck: errors and provenance warnings")
    check.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (except a stale as_of date)")

    export = commands.add_parser("export", help="export a deck to another format")
    export.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    export.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format (default: from the -o file's extension, else markdown)")
    export.add_argument("-o", "--output", help="write to this file (default: standard output)")
    export.add_argument("--min-confidence", choices=Confidence.names(), help="leave out claims weaker than this level")
    export.add_argument("--no-notes", action="store_true", help="leave out speaker notes (an audience copy)")

    speaker = commands.add_parser("speaker", help="the speaker's view, in a second terminal, following `deck present`")
    speaker.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    speaker.add_argument("--theme", help="theme name")

    serve = commands.add_parser("serve", help="present a deck in a web browser (read-only), on 127.0.0.1 unless told otherwise")
    serve.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=port_number, default=8000, help="port (default: 8000)")

    new = commands.add_parser("new", help="write a new deck that shows every field of the format")
    new.add_argument("path", help="where to write it (never overwritten)")
    new.add_argument("--from-bundled", action="store_true", help="copy the bundled briefing instead")
    return parser


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "present"
    if args.command is None:
        args = parser.parse_args(["present"])
    try:
        return {"present": cmd_present, "check": cmd_check, "export": cmd_export, "new": cmd_new, "speaker": cmd_speaker, "serve": cmd_serve}[
            command
        ](args)
    except UsageError as exc:
        print(f"deck: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DeckError as exc:
        print_diagnostics(exc.diagnostics, sys.stderr)
        return EXIT_ERRORS
    except BrokenPipeError:  # e.g. `deck check | head -1`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        name = exc.filename or ""
        print(f"deck: error: {name}{': ' if name else ''}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def deck_path(path: str | None) -> str:
    from .paths import bundled_deck

    if path is None:
        return str(bundled_deck())
    if not os.path.exists(path):
        raise UsageError(f"no such file: {path}")
    if os.path.isdir(path):
        raise UsageError(f"{path} is a folder; give a deck file (.yaml)")
    if not os.path.isfile(path):
        raise UsageError(f"{path} is not a regular file; give a deck file (.yaml)")
    return path


def print_diagnostics(diagnostics: list[Diagnostic], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    for d in diagnostics:
        print(d, file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check_path, strict

    path = deck_path(args.path)
    deck, found = check_path(path, dt.date.today())
    if args.strict:
        found = strict(found)
    print_diagnostics(found)
    errors = sum(d.is_error for d in found)
    warnings = len(found) - errors
    slides = f"{_count(len(deck.slides), 'slide')}, " if deck else ""
    verdict = "ok" if not errors else "failed"
    print(f"{path}: {verdict}: {slides}{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    return EXIT_ERRORS if errors else EXIT_OK


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportOptions, export_deck
    from .files import same_file, write_atomic
    from .loader import load_deck

    path = deck_path(args.path)
    if args.output and same_file(args.output, path):
        raise UsageError(f"refusing to write the export over the deck itself ({path}); choose another -o")
    deck = load_deck(path)
    options = ExportOptions(
        min_confidence=Confidence(args.min_confidence) if args.min_confidence else None,
        notes=not args.no_notes,
    )
    name = args.format or format_for(args.output)
    text = export_deck(deck, name, options)
    if args.output:
        write_atomic(args.output, text.encode("utf-8"))
        print(f"wrote {args.output} ({name}, {_count(len(deck.slides), 'slide')})", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return EXIT_OK


def format_for(output: str | None) -> str:
    """The format an output file's name asks for (talk.marp.md -> marp, x.json -> json), else markdown."""
    from .export import EXTENSIONS

    if not output:
        return "markdown"
    name = Path(output).name.lower()
    for fmt, extension in sorted(EXTENSIONS.items(), key=lambda item: -len(item[1])):
        if name.endswith(extension):
            return fmt
    return {".json": "json", ".csv": "csv"}.get(Path(name).suffix, "markdown")


def cmd_new(args: argparse.Namespace) -> int:
    from .files import create_new
    from .paths import bundled_deck
    from .template import new_deck_text

    data = bundled_deck().read_bytes() if args.from_bundled else new_deck_text(dt.date.today()).encode("utf-8")
    try:
        create_new(args.path, data)
    except FileExistsError:
        print(f"deck: error: {args.path} already exists; deck new never overwrites a file", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.path}; present it with: deck present {args.path}")
    return EXIT_OK


def cmd_present(args: argparse.Namespace) -> int:
    from .document import DeckDocument

    path = deck_path(args.path)
    document = DeckDocument.load(path)  # errors stop here, with the same messages as `deck check`
    count = len(document.deck.slides)
    if not 1 <= args.slide <= count:
        raise UsageError(f"--slide {args.slide}: this deck has slides 1 to {count}")
    from .tui.app import make_app  # Textual is imported only to present

    app = make_app(
        document,
        notes=args.notes,
        theme=args.theme,
        watch=not (args.no_watch or args.read_only),
        link=not args.read_only,
        read_only=args.read_only,
        start=args.slide - 1,
    )
    app.run()
    return app.return_code or EXIT_OK


def cmd_speaker(args: argparse.Namespace) -> int:
    from .document import DeckDocument

    document = DeckDocument.load(deck_path(args.path))
    from .tui.speaker_app import make_speaker_app

    app = make_speaker_app(document, theme=args.theme)
    app.run()
    return app.return_code or EXIT_OK


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def cmd_serve(args: argparse.Namespace) -> int:
    import shlex

    from .loader import load_deck

    path = str(Path(deck_path(args.path)).resolve())
    deck = load_deck(path)  # a broken deck is reported here, not in every browser tab
    if args.host not in LOOPBACK:
        print(
            f"deck: WARNING: listening on {args.host}, not 127.0.0.1: anyone who can reach this machine on port "
            f"{args.port} can open this deck. Use --host 127.0.0.1 to keep it to this machine.",
            file=sys.stderr,
        )
    from textual_serve.server import Server

    # The browser gets a fixed command: it cannot name a file, edit, export or reach the speaker link.
    # -P: the current folder is not put on sys.path, so a local deck.py cannot stand in for deck
    command = shlex.join([sys.executable, "-P", "-m", "deck", "present", path, "--read-only"])
    print(f"deck: serving {deck.title!r} at http://{args.host}:{args.port} (read-only); Ctrl+C stops", file=sys.stderr)
    Server(command, host=args.host, port=args.port, title=deck.title).serve()
    return EXIT_OK
