"""The model, content, core and journal layers never import Textual (only the UI does)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap

CORE = [
    "exercise.model",
    "exercise.content",
    "exercise.content.loader",
    "exercise.content.lint",
    "exercise.content.schema",
    "exercise.content.listing",
    "exercise.cli",
]
OPTIONAL = ["exercise.sim", "exercise.journal", "exercise.debrief"]


def _present(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def test_textual_is_not_imported() -> None:
    modules = CORE + [name for name in OPTIONAL if _present(name)]
    script = textwrap.dedent(
        f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print(",".join(loaded))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"textual imported: {result.stdout.strip()}"


def test_the_check_would_notice_textual() -> None:
    # guard against a test that cannot fail: importing textual is seen by the same probe
    script = "import textual, sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "True"
