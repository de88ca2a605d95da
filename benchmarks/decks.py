"""Generated decks of any size, shaped like the bundled briefing (labels, points, sources, notes)."""

from __future__ import annotations

LEVELS = ["confirmed", "reported", "unverified", "speculative"]


def deck_text(slides: int) -> str:
    out = [
        "title: Generated deck",
        "as_of: 2026-04-03",
        "sources:",
        "  paper: {title: A paper, kind: paper, date: 2026-01-13}",
        "  press: {title: A report, kind: press}",
        "slides:",
    ]
    for i in range(slides):
        out += [
            f"  - title: Slide {i + 1} about something",
            "    section: Section " + str(i // 10 + 1),
            "    confidence: speculative",
            "    points:",
            "      - text: A **confirmed** claim with `code`",
            "        confidence: confirmed",
            "        sources: [paper]",
            "      - text: A reported claim",
            "        confidence: reported",
            "        sources: [press]",
            "      - An estimate that takes the slide's label",
            "    notes: |",
            "      **Say:** something useful about this slide.",
            "      **Caution:** the estimate is ours.",
            "    sources: [paper]",
        ]
    return "\n".join(out) + "\n"


def write_deck(folder, slides: int):
    path = folder / f"deck-{slides}.yaml"
    path.write_text(deck_text(slides), encoding="utf-8")
    return path


def child_env() -> dict[str, str]:
    """The environment for timed child processes: as on a user's machine, bytecode is cached.

    (This workplace sets PYTHONDONTWRITEBYTECODE, which would make every run compile deck's
    sources again and measure that instead.)
    """
    import os

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
