"""Themes for any deck app: register the theme files, pick one, and give Rich the colours."""

from __future__ import annotations

import os
from pathlib import Path

from textual.color import Color, ColorParseError

from .model import Confidence
from .paths import themes_dir
from .render import Palette
from .themes import DEFAULT_THEME, VARIABLE_DEFAULTS, confidence_variable, load_themes

MONO_THEME = "mono"


class Themed:
    """Mixed into an App: deck's themes, with problems collected for a notification."""

    theme_problems: list[str]
    deck_theme_names: list[str]

    def setup_themes(self, asked: str | None, from_deck: str | None, folder: Path | None = None) -> None:
        found = load_themes(folder or themes_dir())
        self.theme_problems = list(found.problems)
        for loaded in found.themes.values():
            self.register_theme(loaded)
        self.deck_theme_names = list(found.themes)
        self.theme = self._choose_theme(asked, from_deck)

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

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def report_theme_problems(self) -> None:
        for problem in self.theme_problems:
            self.notify(problem, title="Theme", severity="warning", timeout=8)

    def palette(self) -> Palette:
        variables = self.theme_variables
        return Palette(
            levels={level: variables.get(confidence_variable(level), VARIABLE_DEFAULTS[confidence_variable(level)]) for level in Confidence},
            dim=_muted(variables.get("foreground", "#e0e0e0"), variables.get("background", "#000000")),
            accent=f"bold {variables.get('accent', '')}".strip(),
            code_theme="monokai" if self.current_theme.dark else "default",
        )


def _muted(foreground: str, background: str) -> str:
    """Text between foreground and background, as a colour Rich understands."""
    try:
        return Color.parse(background).blend(Color.parse(foreground), 0.65).hex
    except ColorParseError:
        return "dim"
