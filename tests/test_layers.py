"""The model, loader, checks and exporters never import Textual (they start fast without it)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_core_does_not_import_textual_or_rich():
    code = (
        "import sys\n"
        "import deck.model, deck.loader, deck.lint, deck.check, deck.export, deck.cli\n"
        "from deck.export import FORMATS, exporter\n"
        "for name in FORMATS: exporter(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_check_command_does_not_import_textual(tmp_path):
    deck = tmp_path / "d.yaml"
    deck.write_text("title: T\nslides:\n  - {title: A, confidence: reported, notes: n}\n")
    code = (
        "import sys\nfrom deck.cli import main\n"
        f"rc = main(['check', {str(deck)!r}])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
        "raise SystemExit(rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
