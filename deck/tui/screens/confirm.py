"""A question with a few answers, each a button and a key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[str | None]):
    """Dismisses with the chosen answer's id, or None on Escape."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        # the answers stand in a row: ← and → move between them, as Tab and Shift+Tab do
        Binding("right", "app.focus_next", "Next answer", show=False),
        Binding("left", "app.focus_previous", "Previous answer", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box { width: 70; max-width: 95%; height: auto; padding: 1 2; background: $surface; border: thick $warning; }
    #confirm-question { margin-bottom: 1; }
    #confirm-buttons { height: auto; }
    #confirm-buttons Button { margin-right: 2; }
    """

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        """`answers`: (id, label) pairs, the first the default."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                for i, (answer, label) in enumerate(self.answers):
                    yield Button(label, id=f"answer-{answer}", variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
