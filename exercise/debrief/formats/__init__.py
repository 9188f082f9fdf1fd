"""The report's formats: one module each, found here by name.

A format module defines `FORMAT`, a `Format`: its name (what `--format` takes), the suffix
of its file, and the functions that render a report and a comparison to bytes. A format
without a suffix is shown on the terminal instead of written (`console`). The built-in
modules are listed in `MODULES`: adding a format is one module here plus its line there
(or, from outside the package, `register(Format(...))`). The modules load their renderers
only when asked to render, so naming the formats stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..report import Report

# The built-in formats, in the order they are offered and written.
MODULES = ("console", "markdown", "html", "json")


class Format(NamedTuple):
    # a named tuple, not a dataclass: `exercise --help` lists the formats, and importing
    # dataclasses would cost it a fifth of its time
    name: str
    suffix: str | None  # ".md"; None: shown on the terminal, not written to a file
    report: Callable[[Report], bytes]
    comparison: Callable[[Comparison], bytes]
    # shown on a terminal (formats without a suffix): the report, the comparison
    show: Callable[[Report], None] | None = None
    show_comparison: Callable[[Comparison], None] | None = None


_registry: dict[str, Format] = {}


def _load() -> dict[str, Format]:
    if not _registry:
        for module in MODULES:
            found: Format = import_module(f"{__name__}.{module}").FORMAT
            _registry.setdefault(found.name, found)
    return _registry


def register(fmt: Format) -> None:
    """Add a format (or replace one of the same name)."""
    _load()[fmt.name] = fmt


def unregister(name: str) -> None:
    _load().pop(name, None)


def names() -> tuple[str, ...]:
    """Every format's name, in the order they are offered."""
    return tuple(_load())


def file_suffixes() -> dict[str, str]:
    """The suffix of each format written to a file."""
    return {f.name: f.suffix for f in _load().values() if f.suffix is not None}


def get(name: str) -> Format:
    """The format called `name` (ValueError naming the formats if there is none)."""
    found = _load().get(name)
    if found is None:
        raise ValueError(f"unknown format {name!r} (formats: {', '.join(names())})")
    return found
