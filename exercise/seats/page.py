"""The browser seat's files, shipped in the package and served by the host itself: a
seat works on a network with no internet (no font, script or style from elsewhere)."""

from __future__ import annotations

from functools import cache
from importlib import resources

_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/seat.js": ("seat.js", "text/javascript; charset=utf-8"),
    "/seat.css": ("seat.css", "text/css; charset=utf-8"),
}


@cache
def _read(name: str) -> bytes:
    return resources.files("exercise.seats").joinpath("web", name).read_bytes()


def asset(path: str) -> tuple[bytes, str] | None:
    """The body and content type served at `path`, or None."""
    found = _FILES.get(path)
    if found is None:
        return None
    name, content_type = found
    return _read(name), content_type


def names() -> list[str]:
    return sorted({name for name, _type in _FILES.values()})
