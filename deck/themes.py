"""Theme files (YAML data) -> Textual themes. A bad file is reported, never fatal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from textual.color import Color, ColorParseError
from textual.theme import Theme

from .model import Confidence
from .yamlnodes import Loader

DEFAULT_THEME = "dark"
COLOUR_KEYS = ("primary", "secondary", "accent", "foreground", "background", "surface", "panel", "warning", "error", "success")
THEME_KEYS = ("name", "dark", "variables", *COLOUR_KEYS)

# deck's own theme variables, used in deck.tcss; each theme may override them.
VARIABLE_DEFAULTS = {
    "confidence-confirmed": "#2e9e5b",
    "confidence-reported": "#2f7fc1",
    "confidence-unverified": "#c7851c",
    "confidence-speculative": "#a0509e",
    "confidence-text": "#ffffff",
}


def confidence_variable(level: Confidence) -> str:
    return f"confidence-{level.value}"


@dataclass
class ThemeSet:
    themes: dict[str, Theme] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_theme_file(path: Path) -> Theme:
    """One theme file -> Theme. Raises ValueError with a message naming the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # safe loader only
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read theme: {exc}".splitlines()[0]) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a theme must be a mapping of colours")
    unknown = sorted(set(map(str, data)) - set(THEME_KEYS))
    if unknown:
        raise ValueError(f"{path}: unknown theme key '{unknown[0]}'; expected: {', '.join(THEME_KEYS)}")
    name = data.get("name") or path.stem
    colours = {key: data[key] for key in COLOUR_KEYS if key in data}
    variables = data.get("variables") or {}
    if not isinstance(variables, dict):
        raise ValueError(f"{path}: 'variables' must be a mapping")
    for key, value in [*colours.items(), *variables.items()]:
        try:
            Color.parse(str(value))
        except ColorParseError:
            raise ValueError(f"{path}: '{key}: {value}' is not a colour") from None
    if "primary" not in colours:
        raise ValueError(f"{path}: a theme needs at least 'primary'")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ValueError(f"{path}: 'dark' must be true or false, got {dark!r}")
    return Theme(
        name=str(name),
        dark=dark,
        variables={str(k): str(v) for k, v in variables.items()},
        **{k: str(v) for k, v in colours.items()},
    )


def load_themes(folder: Path) -> ThemeSet:
    """Every *.yaml theme in `folder`; problems collected as messages."""
    found = ThemeSet()
    for path in sorted(folder.glob("*.yaml")):
        try:
            theme = load_theme_file(path)
        except ValueError as exc:
            found.problems.append(str(exc))
            continue
        found.themes[theme.name] = theme
    return found
