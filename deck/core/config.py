"""The user's configuration: `$XDG_CONFIG_HOME/deck/config.yaml` and user themes beside it.

    theme: light        # the default theme (a deck's `theme:` and --theme come first)
    notes: true         # start with the speaker-notes pane shown
    chrome: false       # start without the status and key bars
    editor: nano        # the editor for E (before $VISUAL and $EDITOR)
    talk: true          # always present in talk mode: no key edits the deck (as `deck present --talk`)

Read through the same safe node reader as decks. A broken file gives diagnostics at their line and the
defaults; it never stops a command.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import WARNING, Diagnostic, did_you_mean
from .files import read_regular
from .model import Deck
from .paths import themes_dir
from .themefile import DEFAULT_THEME, ThemeSpec, read_theme, read_themes
from .yamlnodes import ComposeError, compose

CONFIG_KEYS = ("theme", "notes", "chrome", "editor", "talk")
MAX_CONFIG_BYTES = 64 * 1024


@dataclass(frozen=True)
class Config:
    theme: str | None = None
    notes: bool = False
    chrome: bool = True
    editor: str | None = None
    talk: bool = False


def config_dir(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")).expanduser() / ".config")
    return Path(base) / "deck"


def theme_folders() -> list[Path]:
    """Where themes come from: the bundled ones, then the user's (which may replace a bundled name)."""
    return [themes_dir(), config_dir() / "themes"]


def read_config(path: Path | None = None) -> tuple[Config, list[Diagnostic]]:
    path = path or config_dir() / "config.yaml"
    name = str(path)

    def warn(line: int, col: int, message: str) -> Diagnostic:
        return Diagnostic(line, col, f"{message}; using the defaults for it", WARNING, name)

    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(), []
    except OSError as exc:
        return Config(), [warn(1, 1, f"cannot read the configuration: {exc.strerror or exc}")]
    if len(data) > MAX_CONFIG_BYTES:
        return Config(), [warn(1, 1, f"the configuration is over {MAX_CONFIG_BYTES:,} bytes")]
    try:
        root, problems = compose(data.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(), [warn(1, 1, "the configuration is not UTF-8 text")]
    except ComposeError as exc:
        return Config(), [warn(d.line, d.col, d.message) for d in exc.diagnostics]
    found = [warn(d.line, d.col, d.message) for d in problems]
    if root is None or found:
        return Config(), found
    if root.kind != "map":
        return Config(), [*found, warn(1, 1, "the configuration must be a mapping of settings")]
    values: dict[str, object] = {}
    for key, value in root.value:
        if key.value not in CONFIG_KEYS:
            hint = did_you_mean(str(key.value), CONFIG_KEYS) or f"; expected one of: {', '.join(CONFIG_KEYS)}"
            found.append(warn(key.start.line, key.start.col, f"unknown setting '{key.value}'{hint}"))
            continue
        wanted = bool if key.value in ("notes", "chrome", "talk") else str
        if value.kind != "scalar" or not isinstance(value.value, wanted) or (wanted is str and isinstance(value.value, bool)):
            found.append(warn(value.start.line, value.start.col, f"'{key.value}' must be {'true or false' if wanted is bool else 'a word'}"))
            continue
        values[str(key.value)] = value.value
    return Config(**values), found  # type: ignore[arg-type]


def theme_file(theme: str | None, deck_path: str | os.PathLike[str]) -> Path | None:
    """A deck's `theme: ./brand.yaml`: the theme file beside the deck (never outside its folder), or None
    when the theme is a name."""
    if not theme or not theme.endswith((".yaml", ".yml")):
        return None
    folder = Path(deck_path).resolve().parent
    try:
        candidate = (folder / theme).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError before Python 3.13): reading it says so
        return folder / theme
    return candidate if candidate.is_relative_to(folder) else None


def deck_theme(deck: Deck) -> ThemeSpec | None:
    """The theme the deck names, read and checked: a file beside it, or a bundled or user theme by name
    (the default theme where it names none); None where it cannot be read (its page then takes the
    default colours)."""
    path = theme_file(deck.theme, deck.path)
    if path is None:
        return read_themes(*theme_folders()).themes.get(deck.theme or DEFAULT_THEME)
    spec, _ = read_theme(path)  # a broken theme is reported by `deck check` and the presenter
    return spec
