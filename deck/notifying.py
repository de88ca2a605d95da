"""Notifications as plain text: deck text and file names often hold '[', which is never markup here."""

from __future__ import annotations


class PlainNotifications:
    """Mixed into an App before textual's App."""

    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None, markup: bool = False) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)  # type: ignore[misc]
