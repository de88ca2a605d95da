"""Theme files (YAML data) -> plain theme specs, through the same safe node reader as decks.

No Textual here: `deck check` uses this to know the theme names, and the TUI turns each spec into
a `textual.theme.Theme`. A bad file gives diagnostics at its line, never an exception.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, did_you_mean
from .files import read_regular
from .text import visible
from .yamlnodes import ComposeError, Node, compose

DEFAULT_THEME = "dark"
MONO_THEME = "mono"
COLOUR_KEYS = ("primary", "secondary", "accent", "foreground", "background", "surface", "panel", "warning", "error", "success")
THEME_KEYS = ("name", "dark", "variables", *COLOUR_KEYS)
MAX_THEME_BYTES = 64 * 1024  # a theme is a few lines of colours
MAX_NAME = 40


# deck's own theme variables (one colour per confidence level, and the badge's text), with the values every
# theme starts from: the TUI declares them to Textual, the exports' pages and drawings use them.
DEFAULT_VARIABLES = {
    "confidence-confirmed": "#2e9e5b",
    "confidence-reported": "#2f7fc1",
    "confidence-unverified": "#c7851c",
    "confidence-speculative": "#a0509e",
    "confidence-analysis": "#3f8f8a",
    "confidence-text": "#ffffff",
}
# The default theme's page colours, for pages when a deck's theme gives none (the same as themes/dark.yaml).
DEFAULT_COLOURS = {
    "primary": "#5fafff",
    "accent": "#ffaf5f",
    "foreground": "#e4e4e4",
    "background": "#101418",
    "surface": "#181d23",
    "panel": "#232a33",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def css_colour(value: str | None, default: str) -> str:
    """`value` where it is a hex colour (#rgb or #rrggbb), else `default`: a theme's text never reaches
    a page's CSS as it was written."""
    return value if value is not None and _HEX.fullmatch(value) else default


@dataclass(frozen=True)
class ThemeSpec:
    name: str
    dark: bool
    colours: dict[str, str]
    variables: dict[str, str]
    path: str

    def level_colour(self, level: str) -> str:
        """The colour of confidence level `level` ('confirmed'), checked as a hex colour."""
        key = f"confidence-{level}"
        return css_colour(self.variables.get(key), DEFAULT_VARIABLES[key])

    def page_colour(self, key: str) -> str:
        """One of the theme's colours ('background', 'accent', ...), checked as a hex colour."""
        return css_colour(self.colours.get(key), DEFAULT_COLOURS[key])


@dataclass
class ThemeSet:
    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def read_theme(path: str | os.PathLike[str]) -> tuple[ThemeSpec | None, list[Diagnostic]]:
    """One theme file -> (spec or None, problems). Never raises for bad input."""
    name = str(path)

    def problem(line: int, col: int, message: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(line, col, message, path=name)]

    try:
        data = read_regular(path, MAX_THEME_BYTES)  # a pipe named as a theme is refused, never waited on
    except OSError as exc:
        return problem(1, 1, f"cannot read theme: {exc.strerror or exc}")
    if len(data) > MAX_THEME_BYTES:
        return problem(1, 1, f"a theme file is at most {MAX_THEME_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problem(1, 1, "a theme file must be UTF-8 text")
    try:
        root, found = compose(text)
    except ComposeError as exc:
        return None, [Diagnostic(d.line, d.col, d.message, path=name) for d in exc.diagnostics]
    problems = [Diagnostic(d.line, d.col, d.message, path=name) for d in found]
    if problems:
        return None, problems
    if root is None or root.kind != "map":
        return problem(1, 1, "a theme must be a mapping of colours (primary, background, ...)")
    spec, problems = _spec(root, Path(name))
    return spec, problems


def _spec(root: Node, path: Path) -> tuple[ThemeSpec | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []

    def error(node: Node, message: str) -> None:
        problems.append(Diagnostic(node.start.line, node.start.col, message, path=str(path)))

    values: dict[str, Node] = {}
    for key, value in root.value:
        if not isinstance(key.value, str) or key.value not in THEME_KEYS:
            hint = did_you_mean(str(key.value), THEME_KEYS) or f"; expected one of: {', '.join(THEME_KEYS)}"
            error(key, f"unknown theme key '{visible(str(key.value))}'{hint}")
            continue
        values[key.value] = value
    colours: dict[str, str] = {}
    for key in COLOUR_KEYS:
        if key in values:
            node = values[key]
            if node.kind != "scalar" or not isinstance(node.value, str):
                error(node, f"'{key}' must be a colour in quotes, like \"#5fafff\"")
            else:
                colours[key] = node.value
    variables: dict[str, str] = {}
    if "variables" in values:
        node = values["variables"]
        if node.kind != "map":
            error(node, "'variables' must be a mapping of name -> colour")
        else:
            for key, value in node.value:
                if value.kind != "scalar" or not isinstance(value.value, str):
                    error(value, f"variable '{visible(str(key.value))}' must be a colour in quotes")
                else:
                    variables[str(key.value)] = value.value
    dark = True
    if "dark" in values:
        node = values["dark"]
        if node.kind != "scalar" or not isinstance(node.value, bool):
            error(node, "'dark' must be true or false")
        else:
            dark = node.value
    name = path.stem
    if "name" in values:
        node = values["name"]
        if node.kind != "scalar" or not isinstance(node.value, str) or not _plain_name(node.value):
            error(node, f"'name' must be a short plain name (letters, digits, '-', '_'; at most {MAX_NAME})")
        else:
            name = node.value
    if "primary" not in colours and not problems:
        error(root, "a theme needs at least 'primary'")
    if problems:
        return None, problems
    return ThemeSpec(name, dark, colours, variables, str(path)), []


def _plain_name(name: str) -> bool:
    return 0 < len(name) <= MAX_NAME and all(c.isascii() and (c.isalnum() or c in "-_") for c in name)


def read_themes(*folders: Path) -> ThemeSet:
    """Every *.yaml theme in `folders`, later folders overriding earlier ones by name."""
    found = ThemeSet()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            spec, problems = read_theme(path)
            found.problems += problems
            if spec is not None:
                found.themes[spec.name] = spec
    return found


def theme_names(*folders: Path) -> list[str]:
    return list(read_themes(*folders).themes)


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
