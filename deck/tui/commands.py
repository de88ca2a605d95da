"""The palette's "go to slide" entries, found without scoring every slide: words typed are looked up as
substrings of each slide's number and title (a keystroke that extends the last search only narrows its
matches), and only the first matches are scored and shown."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from textual.command import Hit, Hits, Provider

MAX_HITS = 40  # more than the palette shows; typing more narrows them


class SlideCommands(Provider):
    async def startup(self) -> None:
        presenter: Any = getattr(self.app, "presenter", None)
        deck = presenter.deck if presenter is not None else None
        self.presenter = presenter
        self.slides: list[tuple[int, str, str]] = []  # (index, what is matched, lowercased; what is shown)
        if deck is not None:
            for i, slide in enumerate(deck.slides):
                shown = f"go to slide: {slide.name}"
                self.slides.append((i, f"go to slide: {i + 1} {slide.name}".lower(), shown))
        self.last: tuple[list[str], list[tuple[int, str, str]]] = ([], self.slides)

    async def search(self, query: str) -> Hits:
        words = query.lower().split()
        if not words or self.presenter is None:
            return
        previous, found = self.last
        pool = found if previous and all(any(w.startswith(p) for w in words) for p in previous) and len(words) >= len(previous) else self.slides
        matches = [entry for entry in pool if all(word in entry[1] for word in words)]
        self.last = (words, matches)
        matcher = self.matcher(query)
        deck = self.presenter.deck
        for index, _, shown in matches[:MAX_HITS]:
            slide = deck.slides[index]
            label = slide.confidence.value if slide.confidence else slide.layout
            score = matcher.match(shown) or 0.01  # a match by words the fuzzy matcher would not make still shows
            yield Hit(
                score,
                matcher.highlight(escape(shown)),  # a palette entry is markup; a deck's title never is
                lambda i=index: self.presenter.go(i),
                text=shown,
                help=f"Slide {index + 1} · {label}",
            )
