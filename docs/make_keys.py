"""Write docs/keys.md from the key bindings themselves: python docs/make_keys.py (--check: exit 1 if stale).

The help screen (?) is generated from the same bindings, so the page and the app cannot disagree."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App
from textual.binding import Binding

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deck.tui.app import DeckApp  # noqa: E402
from deck.tui.screens.editor import EditorScreen  # noqa: E402
from deck.tui.screens.overview import OverviewScreen  # noqa: E402
from deck.tui.screens.presenter import PresenterScreen  # noqa: E402
from deck.tui.screens.speaker import SpeakerScreen  # noqa: E402

PAGE = ROOT / "docs" / "keys.md"
SCREENS = [
    ("The presenter", "`deck`, `deck FILE`, `deck present`", [*PresenterScreen.BINDINGS, *DeckApp.BINDINGS]),
    ("The speaker view", "`deck speaker FILE`", SpeakerScreen.BINDINGS),
    ("The overview", "`o` in the presenter", OverviewScreen.BINDINGS),
    ("The slide editor", "`e` in the presenter", EditorScreen.BINDINGS),
]
EXTRA = {
    "The presenter": [
        ("0–9, Enter", "Go to slide by number"),
        ("Click", "Right half: next slide; left half: previous"),
        ("Ctrl+P", "Command palette: every action by name, go to any slide, themes, exports"),
    ],
    "The speaker view": [("0–9, Enter", "Go to slide by number, on both views")],
}


def keys(binding: Binding, app: App[None]) -> str:
    names = [key.strip() for key in binding.key.split(",")]
    if binding.key_display and len(names) == 1:
        return binding.key_display
    return ", ".join(app.get_key_display(Binding(name, binding.action)) for name in names)


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def page() -> str:
    app: App[None] = App()
    out = [
        "# Keys",
        "",
        "Generated from the key bindings by `python docs/make_keys.py`; in the app, `?` shows the same list.",
        "Keys that edit the deck are hidden where editing is off (`--read-only`, `deck serve`).",
        "",
    ]
    for title, where, bindings in SCREENS:
        out += [f"## {title}", "", f"In {where}.", "", "| keys | what they do |", "| --- | --- |"]
        for binding in bindings:
            if isinstance(binding, Binding):
                out.append(f"| {cell(keys(binding, app))} | {cell(binding.tooltip or binding.description)} |")
        out += [f"| {cell(k)} | {cell(what)} |" for k, what in EXTRA.get(title, [])]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    text = page()
    if "--check" in sys.argv:
        sys.exit(0 if PAGE.exists() and PAGE.read_text(encoding="utf-8") == text else 1)
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
