"""The model, content, core and journal layers never import Textual (only the UI does)."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import subprocess
import sys
import textwrap

# Every module of these packages, found by walking them, so a new module is covered too.
CORE_PACKAGES = [
    "exercise.model",
    "exercise.content",
    "exercise.sim",
    "exercise.journal",
    "exercise.debrief",
]
ALSO = [
    "exercise.cli",
    "exercise.cli.app",
    "exercise.cli.parser",
    "exercise.cli.content",
    "exercise.cli.journals",
    "exercise.cli.sessions",
    "exercise.cli.setup",
    "exercise.cli.trainers",
    "exercise.gcpause",
    "exercise.safetext",
]


def _modules() -> list[str]:
    found = []
    for name in CORE_PACKAGES:
        package = importlib.import_module(name)
        found.append(name)
        found += [m.name for m in pkgutil.walk_packages(package.__path__, prefix=name + ".")]
    return found + [name for name in ALSO if importlib.util.find_spec(name) is not None]


def test_textual_is_not_imported() -> None:
    modules = _modules()
    assert "exercise.sim.engine" in modules and "exercise.journal.store" in modules
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
