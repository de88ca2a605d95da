"""Themes for any deck app: theme files become Textual themes, one is chosen, Rich gets its colours."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme

from ..core.config import theme_file, theme_folders
from ..core.model import Confidence
from ..core.text import visible
from ..core.themefile import DEFAULT_THEME, DEFAULT_VARIABLES, MONO_THEME, ThemeSpec, contrast, read_theme, read_themes

S = TypeVar("S", bound=Screen[Any])

# deck's own theme variables, used in TCSS as $confidence-confirmed etc.; each theme may override them.
VARIABLE_DEFAULTS = DEFAULT_VARIABLES


def confidence_variable(level: Confidence) -> str:
    return f"confidence-{level.value}"


@dataclass(frozen=True)
class Palette:
    """Colours for the parts of a slide that Rich draws: one per confidence level, plus dim text."""

    levels: dict[Confidence, str]  # each level's colour, as the theme gives it: the badges' background
    badge_text: str = "#ffffff"
    dim: str = "dim"
    accent: str = "bold"
    code_theme: str = "monokai"
    rule: str = "dim"  # the line under a slide's title
    text_levels: dict[Confidence, str] | None = None  # each level's colour for shapes and words on the background

    def of(self, level: Confidence | None) -> str:
        """The style of a level's shape and words (readable on the background); the text's own for words
        that are not a claim."""
        if level is None:
            return ""
        return (self.text_levels or self.levels)[level]


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """Raises ValueError naming the file when a colour does not parse."""
    for key, value in [*spec.colours.items(), *spec.variables.items()]:
        try:
            Color.parse(value)
        except (ColorParseError, ValueError, OverflowError):
            raise ValueError(f"{spec.path}: '{key}: {value}' is not a colour") from None
    return Theme(name=spec.name, dark=spec.dark, variables=dict(spec.variables), **spec.colours)  # type: ignore[arg-type]


class Themed(App[int]):
    """The base of both deck apps: deck's themes registered, one chosen, problems kept for a toast."""

    theme_problems: list[str]
    deck_theme_names: list[str]

    def setup_themes(
        self, asked: str | None, from_deck: str | None, folder: Path | None = None, deck_path: str = "", default: str | None = None
    ) -> None:
        """Bundled and user themes registered; `from_deck` may name a theme file beside the deck;
        `default` is the user's configured theme, used when neither --theme nor the deck names one."""
        found = read_themes(folder) if folder is not None else read_themes(*theme_folders())
        beside = theme_file(from_deck, deck_path) if deck_path else None
        if beside is not None:
            spec, problems = read_theme(beside)
            found.problems += problems
            if spec is not None:
                found.themes[spec.name] = spec
            from_deck = spec.name if spec is not None else None
        self.theme_problems = [str(p) for p in found.problems]
        names = []
        for spec in found.themes.values():
            try:
                self.register_theme(to_textual_theme(spec))
            except ValueError as exc:
                self.theme_problems.append(str(exc))
                continue
            names.append(spec.name)
        self.deck_theme_names = names
        self.theme = self._choose_theme(asked, from_deck or default)

    def _choose_theme(self, asked: str | None, from_deck: str | None) -> str:
        fallback = MONO_THEME if "NO_COLOR" in os.environ and MONO_THEME in self.available_themes else DEFAULT_THEME
        if fallback not in self.available_themes:
            fallback = "textual-dark"
        for name, where in ((asked, "--theme"), (from_deck, "the deck's 'theme'")):
            if not name:
                continue
            if name in self.available_themes:
                return name
            known = ", ".join(self.deck_theme_names)
            self.theme_problems.append(f"unknown theme '{name}' (from {where}); using '{fallback}'. Themes: {known}")
            return fallback
        return fallback

    def screen_of(self, kind: type[S]) -> S:
        """The screen of `kind`, wherever it stands in the stack (an editor or dialog may be on top)."""
        for screen in self.screen_stack:
            if isinstance(screen, kind):
                return screen
        raise LookupError(f"no {kind.__name__} (the app is closing)")

    def get_key_display(self, binding: Binding) -> str:
        """Textual's key display, with the names of the keys as printed on keyboards."""
        shown = super().get_key_display(binding)
        return _KEY_NAMES.get(shown, shown.replace("shift+", "Shift+"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def report_theme_problems(self) -> None:
        for problem in self.theme_problems:
            self.notify(problem, title="Theme", severity="warning", timeout=8, markup=False)

    def notify(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float | None = None, markup: bool = False
    ) -> None:
        """Notifications are plain text: deck text and file names often hold '[', which is never markup here,
        whatever a caller passes as `markup`; a file name's terminal escapes are spelled out, never sent."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)


_KEY_NAMES = {
    "space": "Space",
    "pgdn": "PgDn",
    "pgup": "PgUp",
    "backspace": "Backspace",
    "home": "Home",
    "end": "End",
    "escape": "Esc",
    "esc": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "⌫": "Backspace",
}


def palette_for(app: App[Any]) -> Palette:
    """The current theme's colours for what Rich draws; read at each draw, so a theme switch restyles."""
    variables = app.theme_variables
    levels = {level: variables.get(confidence_variable(level), VARIABLE_DEFAULTS[confidence_variable(level)]) for level in Confidence}
    background, foreground = variables.get("background", "#000000"), variables.get("foreground", "#e0e0e0")
    return Palette(
        levels=levels,
        text_levels={level: readable(colour, background, foreground) for level, colour in levels.items()},
        badge_text=variables.get("confidence-text", VARIABLE_DEFAULTS["confidence-text"]),
        dim=_muted(variables.get("foreground", "#e0e0e0"), variables.get("background", "#000000")),
        accent=f"bold {variables.get('accent', '')}".strip(),
        code_theme="monokai" if app.current_theme.dark else "default",
        rule=_blend(variables.get("background", "#000000"), variables.get("primary", "#0178d4"), 0.4, "dim"),
    )


def readable(colour: str, background: str, toward: str, ratio: float = 4.5) -> str:
    """`colour`, blended toward `toward` (the theme's text) in steps until it reads at `ratio` on
    `background`: a level's thin shape (◌) and italic words stay legible on a dark theme. The badge keeps
    the theme's own colour."""
    try:
        base, under, text = Color.parse(colour), Color.parse(background), Color.parse(toward)
    except ColorParseError:
        return colour
    for step in range(11):
        candidate = base.blend(text, step / 10)
        if contrast(candidate.hex6, under.hex6) >= ratio:
            return candidate.hex6
    return text.hex6


def _muted(foreground: str, background: str) -> str:
    """Text between foreground and background, as a colour Rich understands."""
    return _blend(background, foreground, 0.65, "dim")


def _blend(under: str, over: str, share: float, fallback: str) -> str:
    """`over` at `share` opacity on `under` (as TCSS writes `$primary 40%`), as a colour Rich understands."""
    try:
        return Color.parse(under).blend(Color.parse(over), share).hex
    except ColorParseError:
        return fallback
