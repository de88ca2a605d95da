"""The `deck` command: parse arguments, call the library, map errors to exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .core.config import Config
from .core.diagnostics import DeckError, Diagnostic
from .core.model import Confidence
from .core.text import visible

if TYPE_CHECKING:
    from .core.model import Deck
    from .export import ExportOptions

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or a missing file: exit 2."""


def build_parser() -> argparse.ArgumentParser:
    from .export import FORMATS
    from .importing.markdown_talk import DIALECTS

    parser = argparse.ArgumentParser(
        prog="deck",
        description="Present, check and export YAML slide decks with confidence labels, sources and speaker notes.",
        epilog="With no command, presents the bundled DeepSeek V4 briefing.",
    )
    parser.add_argument("--version", action="version", version=f"deck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    theme_help = f"theme: {', '.join(available_themes())} (default: the deck's theme, or dark)"
    present = commands.add_parser("present", help="present a deck in the terminal (also: deck FILE)")
    present.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    present.add_argument("--notes", action="store_true", help="start with the speaker-notes pane shown")
    present.add_argument("--theme", help=theme_help)
    present.add_argument("--no-watch", action="store_true", help="do not reload when the file changes")
    present.add_argument("--slide", type=int, default=1, metavar="N", help="start on slide N")
    present.add_argument("--read-only", action="store_true", help="no editing, exporting, file watching or speaker link (what `deck serve` runs)")
    present.add_argument("--audience", action="store_true", help="never show the speaker notes (what `deck serve` runs unless --notes)")
    present.add_argument(
        "--talk",
        action="store_true",
        help="talk mode: no key edits the deck (a, D, X, [, ], e, E, u are off); the speaker view works (also `talk: true` in your settings)",
    )
    present.add_argument(
        "--run-code",
        action="store_true",
        help="let Ctrl+E run the slides' +exec code blocks (off by default: nothing in a deck runs; see `deck check`)",
    )
    present.add_argument(
        "--record-output",
        action="store_true",
        help="with --run-code: keep what each block printed in TALK.outputs.json beside the deck, for `deck export --with-output`",
    )

    check = commands.add_parser("check", help="check decks: errors and provenance warnings")
    check.add_argument("paths", nargs="*", metavar="PATH", help="deck files (default: the bundled briefing)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (except a stale as_of date)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json, for CI and editors")
    check.add_argument("--no-fit", action="store_true", help="skip the fit checks (each slide drawn at 120x40, and estimated on a 1280x720 page)")

    export = commands.add_parser("export", help="export a deck to another format")
    export.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    export.add_argument("--format", "-f", choices=sorted(FORMATS), help="output format (default: from the -o file's extension, else markdown)")
    export.add_argument("-o", "--output", help="write to this file ('-' or none: standard output)")
    export.add_argument(
        "--min-confidence",
        type=confidence_level,
        metavar="LEVEL",
        help=f"leave out claims weaker than this level: {', '.join(Confidence.names())} (or a word for one, like 'rumour')",
    )
    export.add_argument("--no-notes", action="store_true", help="leave out speaker notes (an audience copy)")
    export.add_argument(
        "--with-output",
        action="store_true",
        help="show each +exec block's output as a rehearsal recorded it (TALK.outputs.json); nothing is run",
    )
    export.add_argument("--indent", type=int, metavar="N", help="JSON only: indent by N spaces, for people (default: compact, for tools)")

    speaker = commands.add_parser("speaker", help="the speaker's view, in a second terminal, following `deck present`")
    speaker.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    speaker.add_argument("--theme", help=theme_help)

    serve = commands.add_parser("serve", help="present a deck in a web browser (read-only), on 127.0.0.1 unless told otherwise")
    listening(serve)
    serve.add_argument("--max-sessions", type=int, default=8, metavar="N", help="at most N browser sessions at once (default: 8)")
    serve.add_argument("--notes", action="store_true", help="let viewers open the speaker notes (by default a served deck never shows them)")

    share = commands.add_parser(
        "share", help="the deck's page in your audience's browsers, following `deck present` live (no notes), on 127.0.0.1 unless told otherwise"
    )
    listening(share)
    share.add_argument("--max-viewers", type=int, default=10_000, metavar="N", help="at most N pages following at once (default: 10000)")

    imports = commands.add_parser("import", help="make a deck of a Markdown talk written for presenterm, Marp, pandoc/patat, lookatme or slides")
    imports.add_argument("talk", metavar="TALK.md", help="the talk's Markdown file")
    imports.add_argument("-o", "--output", metavar="DECK.yaml", help="the deck to write (default: TALK.yaml beside the talk; never overwritten)")
    imports.add_argument("--from", dest="dialect", choices=DIALECTS, help="the tool it was written for (default: found from the file)")
    imports.add_argument(
        "--slide-level",
        type=int,
        choices=range(1, 7),
        metavar="N",
        help="pandoc's --slide-level: headings of this level start slides (default: as pandoc finds it)",
    )

    commands.add_parser("schema", help="print the JSON Schema of the deck format (for editors)")

    completion = commands.add_parser("completion", help="print the shell code that completes deck's commands, options, themes and decks")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="your shell")

    new = commands.add_parser("new", help="write a starter deck that shows the format, a comment on each key")
    new.add_argument("path", help="where to write it (never overwritten)")
    new.add_argument("--from-bundled", action="store_true", help="copy the bundled briefing instead")
    return parser


def listening(command: argparse.ArgumentParser) -> None:
    """The deck and where to listen, as `deck serve` and `deck share` take them."""
    command.add_argument("path", nargs="?", help="deck file (default: the bundled briefing)")
    command.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    command.add_argument("--port", type=port_number, default=8000, help="port (default: 8000)")
    command.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer to this host name, e.g. the name your audience types (on an address other than loopback, only this machine's own names answer)",
    )


def confidence_level(value: str) -> Confidence:
    from .core.loader import level_from_word

    level = level_from_word(value)
    choices = ", ".join(level.value for level in Confidence.source_levels())
    if level is not None and level.is_analysis:  # the filter is about what sources say: it never hides analysis
        raise argparse.ArgumentTypeError(f"{value!r} is the deck's own analysis, which no filter hides; choose from {choices}")
    if level is None:
        raise argparse.ArgumentTypeError(f"unknown confidence {value!r}; choose from {choices}")
    return level


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


COMMANDS = ("present", "check", "export", "new", "speaker", "serve", "share", "import", "completion", "schema")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see `deck completion`)
        complete(parser)
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0] not in COMMANDS and words[0] not in ("-h", "--help", "--version")):
        words = ["present", *words]  # `deck`, `deck talk.yaml`, `deck talk.yaml --notes`: present
    args = parser.parse_args(words)
    command = args.command
    try:
        return {
            "present": cmd_present,
            "check": cmd_check,
            "export": cmd_export,
            "new": cmd_new,
            "speaker": cmd_speaker,
            "serve": cmd_serve,
            "share": cmd_share,
            "import": cmd_import,
            "completion": cmd_completion,
            "schema": cmd_schema,
        }[command](args)
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
        print(f"deck: error: {safe_path(str(name))}{': ' if name else ''}{visible(str(exc.strerror or exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request (argcomplete), with theme names and deck files."""
    import argcomplete
    from argcomplete.completers import ChoicesCompleter, FilesCompleter

    decks = FilesCompleter(allowednames=("yaml", "yml"), directories=True)
    themes = ChoicesCompleter({name: name for name in available_themes()})
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in sub.choices.values():
        for action in command._actions:
            if action.dest in ("path", "paths"):
                action.completer = decks
            elif action.dest == "theme":
                action.completer = themes
    argcomplete.autocomplete(parser)
    raise SystemExit(1)  # autocomplete exits when it answers: never go on to present a deck to a shell


def cmd_completion(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode

    sys.stdout.write(shellcode(["deck", "briefing-deck"], shell=args.shell))
    return EXIT_OK


def available_themes() -> list[str]:
    from .core.config import theme_folders
    from .core.themefile import theme_names

    return theme_names(*theme_folders())


def user_config() -> Config:
    """The user's settings; a broken file is said on stderr, at its lines, and the defaults used."""
    from .core.config import read_config

    config, problems = read_config()
    print_diagnostics(problems, sys.stderr)
    return config


def safe_path(path: str) -> str:
    """A path as shown to the terminal: control characters spelled out, never sent raw."""
    return visible(path)


def deck_path(path: str | None) -> str:
    from .core.paths import bundled_deck

    if path is None:
        return str(bundled_deck())
    if not os.path.exists(path):
        raise UsageError(f"no such file: {safe_path(path)}")
    if os.path.isdir(path):
        raise UsageError(f"{safe_path(path)} is a folder; give a deck file (.yaml)")
    if not os.path.isfile(path):
        raise UsageError(f"{safe_path(path)} is not a regular file; give a deck file (.yaml)")
    return path


def print_diagnostics(diagnostics: list[Diagnostic], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    for d in diagnostics:
        print(d, file=stream)


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from .core.check import check_path, strict
    from .core.diagnostics import collapse

    paths = [deck_path(p) for p in args.paths] if args.paths else [deck_path(None)]
    failed = False
    report = []
    for path in paths:
        deck, found = check_path(path, dt.date.today())
        if deck is not None and not args.no_fit:
            found = sorted(found + fit_findings(deck), key=lambda d: (d.line, d.col))
        if args.strict:
            found = strict(found)
        errors = sum(d.is_error for d in found)
        warnings = sum(d.is_warning for d in found)
        failed = failed or bool(errors)
        if args.format == "json":
            diagnostics = [{"line": d.line, "col": d.col, "severity": d.severity, "message": visible(d.message), "code": d.code} for d in found]
            slides = len(deck.slides) if deck else None
            report.append({"path": path, "ok": not errors, "slides": slides, "errors": errors, "warnings": warnings, "diagnostics": diagnostics})
            continue
        for d, more in collapse(found):  # one fault repeated a hundred times is said once, with where the rest are
            print(d)
            if more:
                lines = sorted({x.line for x in found if x.message == d.message and x is not d})
                where = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
                print(f"{safe_path(path)}: ... and {more} more like this (line{'s' if len(lines) > 1 else ''} {where})")
        slides_said = f"{_count(len(deck.slides), 'slide')}, " if deck else ""
        verdict = "ok" if not errors else "failed"
        print(f"{safe_path(path)}: {verdict}: {slides_said}{_count(errors, 'error')}, {_count(warnings, 'warning')}")
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return EXIT_ERRORS if failed else EXIT_OK


def fit_findings(deck: Deck) -> list[Diagnostic]:
    """Where a main slide will not fit: a 120x40 terminal (drawn as the presenter draws it; it scrolls
    there) and a 1280x720 page at the smallest type (the HTML page scrolls it; printed, it becomes
    `(cont.)` pages). An appendix slide may: it is for questions, not the talk."""
    from .core.diagnostics import WARNING
    from .export.html import page_overflows
    from .tui.fit_check import terminal_overflows

    said = [
        (index, f"needs about {needed} rows; a 120x40 terminal shows {room}: it scrolls there") for index, needed, room in terminal_overflows(deck)
    ]
    said += [(index, "is too tall for a 1280x720 page even at the smallest type: split it") for index in page_overflows(deck)]
    return [
        Diagnostic(slide.pos.line, slide.pos.col, f"slide {index + 1} ('{slide.name}') {what}", WARNING, deck.path, "fit")
        for index, what in said
        if not (slide := deck.slides[index]).appendix
    ]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_export(args: argparse.Namespace) -> int:
    from .core.check import check_images
    from .core.files import same_file, write_atomic
    from .core.loader import parse_deck, read_text
    from .export import FORMATS, ExportOptions, export_deck

    path = deck_path(args.path)
    if args.output == "-":  # the usual name for standard output (it wrote a file called '-')
        args.output = None
    if args.output and same_file(args.output, path):
        raise UsageError(f"refusing to write the export over the deck itself ({safe_path(path)}); choose another -o")
    loaded = parse_deck(read_text(path), str(path))
    if loaded.deck is None:
        raise DeckError(loaded.errors)
    deck = loaded.deck
    if args.with_output:
        deck = _with_recorded_output(deck)
    for problem in check_images(str(path), loaded.images):  # the export goes on, with the alt text in its place
        print(f"{safe_path(problem.path)}:{problem.line}:{problem.col}: warning: {problem.message}; the export shows its alt text", file=sys.stderr)
    name = args.format or output_format(args.output)
    # a file, or a name for one: followed to where it lands (a link's target), where its images are found
    # from, and beside which Marp's charts and timelines are written (to standard output or a device: tables)
    real = os.path.realpath(args.output) if args.output else None
    options = ExportOptions(
        min_confidence=args.min_confidence,
        notes=not args.no_notes,
        out_dir=os.path.dirname(real) if real else None,
        indent=args.indent,
        drawings=real is not None and (not os.path.exists(real) or os.path.isfile(real)),
        out_name=os.path.basename(real) if real else None,
    )
    if args.indent is not None and (name != "json" or not 0 <= args.indent <= 16):
        raise UsageError("--indent is for the JSON export, from 0 to 16 spaces" if name == "json" else f"--indent is for the JSON export, not {name}")
    if FORMATS[name].binary:
        return _export_binary(deck, name, options, args.output)
    text = export_deck(deck, name, options)
    if args.output:
        if os.path.islink(args.output):  # typed by the user: followed, but said first
            target = os.path.realpath(args.output)
            print(f"deck: note: {safe_path(args.output)} is a symbolic link; writing to {safe_path(target)}", file=sys.stderr)
        files = _side_files(deck, name, options, text)  # refused before anything is written
        write_atomic(args.output, text.encode("utf-8"))
        beside = _write_side_files(files, options)
        print(f"wrote {safe_path(args.output)} ({name}, {_count(len(deck.slides), 'slide')}{_more_slides(name, text)}{beside})", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return EXIT_OK


def _with_recorded_output(deck: Deck) -> Deck:
    """The deck with the outputs a rehearsal recorded beside it (`--with-output`); nothing runs."""
    import dataclasses

    from .core.runcode import RecordProblem, load_record, record_path

    where = record_path(deck.path)
    try:
        outputs = load_record(deck.path)
    except FileNotFoundError:
        raise UsageError(
            f"--with-output: no recorded output beside the deck ({safe_path(str(where))}); rehearse with `deck present --run-code --record-output`"
        ) from None
    except RecordProblem as exc:
        raise DeckError([Diagnostic(1, 1, f"cannot use the recorded output: {exc}", path=str(where))]) from None
    return dataclasses.replace(deck, outputs=outputs)


def _side_files(deck: Deck, name: str, options: ExportOptions, text: str) -> dict[str, bytes]:
    """The files the export refers to (Marp's charts and timelines), after checking they can be written:
    their folder, beside the export, is a folder of its own or not there yet, and holds no link."""
    from .export import side_files, unsafe_place

    files = side_files(deck, name, options, text.encode("utf-8"))
    unsafe = unsafe_place(options.out_dir, files)
    if unsafe is not None:
        raise UsageError(f"{safe_path(str(unsafe))} is a link or not a folder; the export's charts and timelines are written there: move it")
    return files


def _write_side_files(files: dict[str, bytes], options: ExportOptions) -> str:
    """Write the files beside the export; say where, from here."""
    from .export import write_side_files

    write_side_files(options.out_dir, files)
    folders = sorted({os.path.relpath(Path(options.out_dir or ".") / Path(relative).parent) for relative in files})
    return f"; {_count(len(files), 'drawing')} in {safe_path(', '.join(folders))}/" if files else ""


def _more_slides(name: str, text: str) -> str:
    """What a slide format added to the deck's slides: '(cont.)' slides of too-dense ones, Marp's builds."""
    import re

    cont = len(re.findall(r"^## .*\(cont\.\)(?: \{[^}\n]*\})?$", text, re.MULTILINE)) if name in ("marp", "reveal", "reveal-page", "pandoc") else 0
    builds = text.count("<!-- _paginate: hold -->") if name == "marp" else 0
    said = [f"{_count(cont, 'slide')} more, split off too-dense slides as '(cont.)'"] if cont else []
    said += [f"{_count(builds, 'build')} (a slide as far as a pause, page number kept)"] if builds else []
    return "".join(f"; {part}" for part in said)


def _export_binary(deck: Deck, name: str, options: ExportOptions, output: str | None) -> int:
    from .core.files import write_atomic
    from .export import FORMATS, export_bytes, missing

    lacking = missing(name)
    if lacking is not None:
        raise UsageError(lacking)
    if not output:
        raise UsageError(f"a {name.upper()} goes to a file: give -o talk{FORMATS[name].extension}")
    try:
        data = export_bytes(deck, name, options)
    except RuntimeError as exc:  # the program that writes it (pandoc) failed: said, and nothing written
        raise UsageError(str(exc)) from None
    write_atomic(output, data)  # written whole, or not at all
    said = _count(len(deck.slides), "slide")
    if name == "pptx":  # read back: PowerPoint takes two pictures a slide, and one table, and goes on after
        from .export.pptx import slides_in

        made = slides_in(data)
        said += (
            ""
            if made == len(deck.slides)
            else f"; {made} in PowerPoint: a slide too dense for one, or with more pictures or tables than its layouts hold, goes on"
        )
    print(f"wrote {safe_path(output)} ({name}, {said})", file=sys.stderr)
    return EXIT_OK


def output_format(output: str | None) -> str:
    """The format an output file's name asks for (talk.marp.md -> marp, x.json -> json, x.md -> markdown).

    A name no format writes (x.docx) is a usage error, never Markdown under a wrong name."""
    from .export import FORMATS, format_for

    if not output:
        return "markdown"
    name = format_for(output)
    if name is None:
        suffix = Path(output).suffix.lower()
        raise UsageError(f"no export format writes '{safe_path(suffix)}' files; choose one with --format ({', '.join(sorted(FORMATS))})")
    return name


def cmd_new(args: argparse.Namespace) -> int:
    import json

    from .core.files import create_new
    from .core.paths import bundled_deck
    from .core.schema import SCHEMA_ID, deck_schema
    from .core.template import new_deck_text

    # editors with the YAML language server complete and check the deck against the schema beside it
    modeline = f"# yaml-language-server: $schema=./{SCHEMA_ID}\n".encode()
    data = bundled_deck().read_bytes() if args.from_bundled else new_deck_text(dt.date.today()).encode("utf-8")
    if Path(args.path).suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"deck new writes a YAML deck; name it {safe_path(str(Path(args.path).with_suffix('.yaml')))}")
    try:
        create_new(args.path, modeline + data)
    except FileExistsError:
        print(f"deck: error: {safe_path(args.path)} already exists; deck new never overwrites a file", file=sys.stderr)
        return EXIT_USAGE
    schema_path = Path(args.path).parent / SCHEMA_ID
    try:
        create_new(schema_path, (json.dumps(deck_schema(), indent=2) + "\n").encode())
        also = f" and {safe_path(str(schema_path))} (for editors)"
    except FileExistsError:
        also = ""  # one there already: kept as it is
    print(f"wrote {safe_path(args.path)}{also}; present it with: deck {safe_path(args.path)}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .core.schema import deck_schema

    sys.stdout.write(json.dumps(deck_schema(), indent=2) + "\n")
    return EXIT_OK


def cmd_present(args: argparse.Namespace) -> int:
    from .core.document import DeckDocument

    path = deck_path(args.path)
    document = DeckDocument.load(path)  # errors stop here, with the same messages as `deck check`
    if not document.read_only and not args.read_only:
        from .core.files import clean_stale_temps

        clean_stale_temps(path)  # left by a save that was killed
    if args.record_output and not args.run_code:
        raise UsageError("--record-output records what --run-code runs: give both")
    count = len(document.deck.slides)
    if not 1 <= args.slide <= count:
        raise UsageError(f"--slide {args.slide}: this deck has slides 1 to {count}")
    config = user_config()
    if config.editor and not args.read_only:
        os.environ["DECK_EDITOR"] = config.editor  # E uses it before $VISUAL and $EDITOR
    from .tui.app import make_app  # Textual is imported only to present

    app = make_app(
        document,
        notes=args.notes or config.notes,
        theme=args.theme,
        default_theme=config.theme,
        chrome=config.chrome,
        watch=not (args.no_watch or args.read_only),
        link=not args.read_only,
        read_only=args.read_only,
        audience=args.audience,
        start=args.slide - 1,
        run_code=args.run_code,
        record_output=args.record_output,
        talk=args.talk or config.talk,
    )
    from .tui.widgets.picture import prepare_images

    prepare_images(document.deck)  # before the app owns the terminal: textual-image asks it what it draws
    gc.freeze()  # the modules and the deck live as long as the app: no collection rescans them to start it
    app.run()
    return app.return_code or EXIT_OK


def cmd_speaker(args: argparse.Namespace) -> int:
    from .core.document import DeckDocument

    document = DeckDocument.load(deck_path(args.path))
    from .tui.speaker_app import make_speaker_app

    config = user_config()
    app = make_speaker_app(document, theme=args.theme, default_theme=config.theme)
    app.run()
    return app.return_code or EXIT_OK


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def port_free(host: str, port: int) -> None:
    """UsageError when nothing can listen on host:port (in use, or an address this machine lacks)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port") from None


SERVE_HINT = "deck serve needs textual-serve, an optional part: pip install 'briefing-deck[serve]'"


def cmd_serve(args: argparse.Namespace) -> int:
    import importlib.util
    import shlex

    from .core.loader import load_deck

    if importlib.util.find_spec("textual_serve") is None:
        raise UsageError(SERVE_HINT)

    path = str(Path(deck_path(args.path)).resolve())
    deck = load_deck(path)  # a broken deck is reported here, not in every browser tab
    if args.host not in LOOPBACK:
        print(
            f"deck: WARNING: listening on {args.host}, not 127.0.0.1: anyone who can reach this machine on port "
            f"{args.port} can open this deck. Use --host 127.0.0.1 to keep it to this machine.",
            file=sys.stderr,
        )
    from .tui.serve import GuardedServer

    # The browser gets a fixed command: it cannot name a file, edit, export or reach the speaker link.
    # -P: the current folder is not put on sys.path, so a local deck.py cannot stand in for deck
    words = [sys.executable, "-P", "-m", "deck", "present", path, "--read-only"]
    command = shlex.join(words if args.notes else [*words, "--audience"])  # an audience never sees the notes unless asked
    port_free(args.host, args.port)  # before the banner: a busy port is said once, as the error it is
    notes = "speaker notes available with s" if args.notes else "no speaker notes"
    print(f"deck: serving {visible(repr(deck.title))} at http://{args.host}:{args.port} (read-only, {notes}); Ctrl+C stops", file=sys.stderr)
    hosts = tuple(name.lower() for name in args.allow_host)
    GuardedServer(command, host=args.host, port=args.port, title=deck.title, max_sessions=args.max_sessions, allow_hosts=hosts).serve()
    return EXIT_OK


SHARE_HINT = "deck share needs aiohttp, an optional part: pip install 'briefing-deck[share]'"


def cmd_share(args: argparse.Namespace) -> int:
    import importlib.util

    if importlib.util.find_spec("aiohttp") is None:
        raise UsageError(SHARE_HINT)
    if args.max_viewers < 1:
        raise UsageError("--max-viewers must be at least 1")
    path = str(Path(deck_path(args.path)).resolve())
    from .share import Share, serve

    share = Share(
        path,
        host=args.host,
        port=args.port,
        allow_hosts=tuple(name.lower() for name in args.allow_host),
        max_viewers=args.max_viewers,
        on_reload=lambda said: print(f"deck: {safe_path(path)}: {said}", file=sys.stderr),
    )  # a broken deck is said here, before anything listens
    if args.host not in LOOPBACK:
        print(
            f"deck: WARNING: listening on {args.host}, not 127.0.0.1: anyone on your network with the link can follow this deck "
            "(the link's secret is what keeps others out). Use --host 127.0.0.1 to keep it to this machine.",
            file=sys.stderr,
        )
    port_free(args.host, args.port)
    serve(share)
    return EXIT_OK


def copy_new(source: Path, target: Path) -> None:
    """Copy a picture to `target`, a new file in a real folder: never through a symbolic link, never over a
    file (the same picture already there is left as it is). UsageError otherwise."""
    folder = target.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(f"{safe_path(str(folder))} is not a plain folder; the pictures were not copied")
    folder.mkdir(exist_ok=True)
    data = source.read_bytes()
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        if target.is_symlink() or not target.is_file() or target.read_bytes() != data:
            raise UsageError(f"{safe_path(str(target))} is in the way; the picture was not copied") from None
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def cmd_import(args: argparse.Namespace) -> int:
    from .core.check import check_images
    from .core.files import read_regular, write_atomic
    from .core.loader import parse_deck
    from .importing import import_talk

    talk = Path(args.talk)
    if not talk.exists():
        raise UsageError(f"no such file: {safe_path(str(talk))}")
    if not talk.is_file():
        raise UsageError(f"{safe_path(str(talk))} is not a regular file; give a Markdown talk")
    output = Path(args.output) if args.output else talk.with_suffix(".yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{safe_path(str(output))}: a deck's name ends in .yaml or .yml")
    if output.exists() or output.is_symlink():
        raise UsageError(f"{safe_path(str(output))} exists; deck import never overwrites: choose another name with -o")
    data = read_regular(talk, 10 * 1024 * 1024)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{safe_path(str(talk))} is not UTF-8 text") from None
    imported = import_talk(text, talk, output, args.dialect, args.slide_level)
    loaded = parse_deck(imported.yaml_text, str(output))
    problems = list(loaded.diagnostics)
    for source, target in imported.copies:  # pictures from outside the deck's folder, copied in (never over another)
        copy_new(source, target)
    problems += check_images(str(output), loaded.images)
    write_atomic(output, imported.yaml_text.encode("utf-8"))
    for loss in imported.losses:
        print(f"{safe_path(str(talk))}:{loss.line}:1: warning: {visible(loss.message)}", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(d.is_error for d in problems)
    redo = f"{_count(len(imported.losses), 'thing')} to redo, listed above" if imported.losses else "nothing to redo"
    print(
        f"wrote {safe_path(str(output))} ({_count(imported.slides, 'slide')}) from a {imported.dialect} talk"
        + (f", slides at level-{imported.slide_level} headings (--slide-level N to change)" if imported.slide_level else "")
        + f"; {redo}"
        + (f"; {_count(errors, 'error')} in the deck" if errors else ""),
        file=sys.stderr,
    )
    return EXIT_ERRORS if errors else EXIT_OK
