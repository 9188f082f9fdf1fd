"""The message catalogues: extract the product's words, merge them into every language, and
compile the `.mo` files that ship in the wheel (docs/translating.md).

    python tools/messages.py extract   # exercise/locale/exercise.pot from the code
    python tools/messages.py update    # extract, then merge into every <lang>/.../exercise.po
    python tools/messages.py compile   # every .po to its .mo

Extraction reads the code's syntax tree rather than its tokens (as `pybabel extract` does),
so the words inside f-strings (`f"<h3>{w('Timeline')}</h3>"`) are found too. What counts
as a message is the literal text given to one of the functions in KEYWORDS; in the
report's Jinja2 templates (`*.j2`), the literal text given to `w` or `m`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "exercise"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "exercise.pot"
WIDTH = 100

# function name: (index of the context or None, indexes of singular and plural, or of the
# message; "*" for every positional argument from the index on)
KEYWORDS: dict[str, tuple[int | None, tuple[int, ...] | str]] = {
    "N_": (None, (0,)),
    "N_plural": (None, (0, 1)),
    "phrase": (None, (0,)),
    "nphrase": (None, (0, 1)),
    "text": (None, (1,)),
    "ptext": (1, (2,)),
    "ntext": (None, (1, 2)),
    "w": (None, (0,)),
    "plural": (None, (1, 2)),
    "n": (None, (0, 1)),
    "_headed": (None, "1"),  # debrief console tables: w, then the headers
    "_cut": (None, (3,)),
    "_count": (None, (2, 3)),
    "_Unreadable": (None, (0,)),
}

Message = tuple[str | tuple[str, str], str | None, str]  # id, context, where


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_file(path: Path) -> Iterator[Message]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    where = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        spec = KEYWORDS.get(_name(node.func))
        if spec is None:
            continue
        context_at, at = spec
        args = node.args
        context = None
        if context_at is not None:
            if len(args) <= context_at or _literal(args[context_at]) is None:
                continue
            context = _literal(args[context_at])
        if isinstance(at, str):
            for arg in args[int(at) :]:
                found = _literal(arg)
                if found is not None:
                    yield found, context, f"{where}:{node.lineno}"
            continue
        texts = [_literal(args[i]) if i < len(args) else None for i in at]
        if any(t is None for t in texts):
            continue
        if len(texts) == 2:
            yield (texts[0], texts[1]), context, f"{where}:{node.lineno}"  # type: ignore[arg-type]
        else:
            yield texts[0], context, f"{where}:{node.lineno}"  # type: ignore[misc]


# In the report's templates (`*.j2`), the report's words are `w("...")` and `m("...")`,
# and the column headers given to `table([...], ...)` (translated inside it).
TEMPLATE_KEYWORDS = ("w", "m")
TEMPLATE_HEADERS = ("table", "thead")


def extract_template(path: Path) -> Iterator[Message]:
    from jinja2 import Environment, nodes

    tree = Environment().parse(path.read_text(encoding="utf-8"), path.name)
    where = path.relative_to(ROOT).as_posix()
    for node in tree.find_all(nodes.Call):
        name = node.node.name if isinstance(node.node, nodes.Name) else ""
        first = node.args[0] if node.args else None
        if name in TEMPLATE_KEYWORDS:
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                yield first.value, None, f"{where}:{node.lineno}"
        elif name in TEMPLATE_HEADERS and first is not None:
            for const in first.find_all(nodes.Const):
                if isinstance(const.value, str):
                    yield const.value, None, f"{where}:{node.lineno}"


def extract() -> Catalog:
    catalog = Catalog(project="exercise", domain="exercise", fuzzy=False)
    found = [extract_file(path) for path in sorted(PACKAGE.rglob("*.py"))]
    found += [extract_template(path) for path in sorted(PACKAGE.rglob("*.j2"))]
    for messages in found:
        for msgid, context, where in messages:
            file, line = where.rsplit(":", 1)
            catalog.add(msgid, None, [(file, int(line))], context=context)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as out:
        write_po(
            out,
            catalog,
            width=WIDTH,
            no_location=True,
            omit_header=False,
            sort_output=True,
            ignore_obsolete=True,
        )


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/exercise.po"))


def update() -> None:
    template = extract()
    _write(template, POT)
    for po in catalogues():
        lang = po.parent.parent.name
        with po.open("rb") as source:
            catalog = read_po(source, locale=lang, domain="exercise")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write(catalog, po)


def compile_all() -> None:
    for po in catalogues():
        lang = po.parent.parent.name
        with po.open("rb") as source:
            catalog = read_po(source, locale=lang, domain="exercise")
        with po.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        _write(extract(), POT)
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
