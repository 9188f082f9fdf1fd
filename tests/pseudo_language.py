"""The tests' pseudo-language: every message of the catalogue template wrapped in ⟦…⟧, so a
text of our own that did not go through the language layer shows outside the wrapping."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from exercise.language import LOCALE_DIR

PSEUDO = "xx"  # no such language in Babel: numbers and dates are English
OPEN, CLOSE = "⟦", "⟧"


def write_pseudo_catalogue(folder: Path) -> Path:
    """`folder/xx/LC_MESSAGES/exercise.po`, made from the template (a .po alone: read by
    Babel, as a newly added language is)."""
    with (LOCALE_DIR / "exercise.pot").open("rb") as source:
        template = read_po(source)
    catalog = Catalog(locale=None, domain="exercise", fuzzy=False)
    for m in template:
        if m.id:
            ids = (m.id,) if isinstance(m.id, str) else m.id
            wrapped = tuple(f"{OPEN}{i}{CLOSE}" for i in ids)
            catalog.add(m.id, wrapped if len(wrapped) > 1 else wrapped[0], context=m.context)
    out = folder / PSEUDO / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "exercise.po").open("wb") as target:
        write_po(target, catalog)
    return folder


_WRAPPED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
# A wrapped text cut short to fit a column or a chart label (`⟦Infrastructu…`).
_CUT = re.compile(f"{OPEN}[^{OPEN}{CLOSE}\n]*?(…|$)|\\S+…", re.M)
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]{2,}")


def unwrapped_words(text: str, data: set[str]) -> set[str]:
    """The words of `text` outside every ⟦…⟧ (innermost first) that are not data (scenario
    and player text, ids): what our own code said without the language layer."""
    previous = None
    while previous != text:
        previous, text = text, _WRAPPED.sub(" ", text)
    text = _CUT.sub(" ", text)
    left = {w for w in _WORD.findall(text) if w not in data and w.lower() not in data}
    # a word of the data cut short to fit a table cell (`investiga`)
    return {w for w in left if not any(d.startswith(w) for d in data)}


def data_words(*texts: object) -> set[str]:
    """Every word of the given data (strings found anywhere inside)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.update(_WORD.findall(node))
            found.update(w.lower() for w in _WORD.findall(node))
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list | tuple | set):
            for item in node:
                walk(item)

    for item in texts:
        walk(item)
    return found


_CODE = re.compile(r"^[a-z0-9][a-z0-9_./:+-]*$|^[0-9a-f]{64}$|^[0-9 :T.+-]+(UTC)?$")


def json_texts(node: object, skip: frozenset[str] = frozenset()) -> list[str]:
    """The string values of a JSON document that are texts, not codes, ids or times (keys
    are English by design; fields in `skip` hold names that are data)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                found += json_texts(value, skip)
    elif isinstance(node, list):
        for item in node:
            found += json_texts(item, skip)
    elif isinstance(node, str) and not _CODE.match(node):
        found.append(node)
    return found
