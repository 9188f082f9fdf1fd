"""The report on the terminal (`render_console`); its file form is the plain text."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from . import Format

if TYPE_CHECKING:
    from rich.console import Console

    from ..comparison import Comparison
    from ..report import Report


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else 100)


def report(item: Report) -> bytes:
    from ..render_console import render_console

    return render_console(item).encode("utf-8")


def comparison(item: Comparison) -> bytes:
    from ..render_console import render_comparison_console

    return render_comparison_console(item).encode("utf-8")


def show(item: Report) -> None:
    from ..render_console import print_report

    print_report(item, _console())


def show_comparison(item: Comparison) -> None:
    from ..render_console import print_comparison

    print_comparison(item, _console())


FORMAT = Format("console", None, report, comparison, show, show_comparison)
