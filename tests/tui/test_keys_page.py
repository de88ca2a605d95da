"""docs/keys.md is generated from the key bindings: a binding changed without the page fails here."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT


def test_the_keys_page_is_what_the_bindings_say():
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "make_keys.py"), "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "docs/keys.md is stale: run python docs/make_keys.py"
