"""Reading YAML safely while keeping the position of every node.

The file is parsed once by libyaml into a node tree (which carries line and column), then
constructed into plain data with a safe constructor. The tree is kept, so any later
problem found at a data path (`injects[3].decision.default`) can be mapped back to the
line and column where the author wrote it, at no cost when there is no problem.

Hardening, because scenario files travel by e-mail and USB sticks:
- only regular files are read (never a device or a pipe), with a size limit and a bounded
  read; binary files and bytes that are not UTF-8 are refused cleanly;
- only the safe YAML types: a `!!python/...` tag is an error, never code;
- YAML 1.2 scalars: `no`, `on` and `1:30` stay strings instead of becoming booleans or
  sexagesimal numbers, and dates stay text for the models to parse;
- a key given twice in one mapping is an error instead of silently keeping the last; keys
  are text (`1:` and `true:` are refused), hold no invisible characters, and `<<` merge
  keys are refused;
- aliases may not expand past a sane size (the "billion laughs", counted in nodes and in
  characters of text), nor refer to themselves.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..gcpause import paused_gc
from ..language import N_, Phrase, phrase
from .problems import ContentError, Path_, Problem

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ALIAS_EXPANSION = 100_000  # nodes an alias may add beyond the document as written
MAX_EXPANDED_CHARACTERS = MAX_FILE_BYTES  # characters of text with every alias expanded
MAX_DEPTH = 100  # levels of nested lists and mappings; a scenario needs fewer than ten
MAX_INT_DIGITS = 1000  # far beyond any real value, well below Python's own conversion limit

# What YAML allows in a stream (the set libyaml enforces). Anything else is found before
# parsing, so it can be reported at its line instead of as a byte offset.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader with YAML 1.2 core-schema scalars and duplicate-key detection."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An explicit tag on an unfitting value (`!!int abc`, `!!timestamp 2020-13-45`,
        # `!!float ''`) makes PyYAML's constructors fail with plain Python errors; report
        # them at the node instead of letting them escape as crashes.
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as err:
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            if isinstance(err, ValueError):  # the others say nothing useful
                why = err.args[0] if err.args and isinstance(err.args[0], Phrase) else str(err)
                message = phrase("this value cannot be read as {tag}: {error}", tag=tag, error=why)
            else:
                message = phrase("this value cannot be read as {tag}", tag=tag)
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # `!!map [1]`: let the base class say so
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping
        seen: dict[Any, yaml.Node] = {}
        for key_node, _value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, _twice(key, seen[key]), key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
        r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _int_1_2(loader: _Loader, node: yaml.ScalarNode) -> int:
    text = node.value.replace("_", "")
    if len(text) > MAX_INT_DIGITS:
        raise ValueError(phrase("a number of {count} digits is too long", count=len(text)))
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)  # YAML 1.2: a leading zero is decimal, not octal


_Loader.add_constructor("tag:yaml.org,2002:int", _int_1_2)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_NUMBER_START = frozenset("-+.0123456789")


def _resolve(self: _Loader, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged node (YAML 1.2 core schema); most scalars are plain text, so
    decide that from the first character before trying any pattern."""
    if kind is yaml.ScalarNode:
        if not implicit[0]:
            return _STR  # quoted, or a block scalar
        if not value:
            return _NULL
        first = value[0]
        if first in _NUMBER_START or first in "tTfFnN~":
            tag: str = yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]
            return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


_Loader.resolve = _resolve


def _construct(loader: _Loader, root: yaml.Node) -> Any:
    """Build plain data from the node tree.

    Text, lists and mappings (nearly every node of a scenario) are built directly; any
    other node goes through the safe constructor, with its checks and messages. Aliases
    are expanded (the alias check has bounded their size first).
    """
    construct = loader.construct_object

    def build(node: yaml.Node, depth: int = 0) -> Any:
        cls, tag = node.__class__, node.tag
        if cls is yaml.ScalarNode:
            return node.value if tag == _STR else construct(node, deep=True)
        depth += 1
        if depth > MAX_DEPTH:
            raise _marked(
                phrase(
                    "lists and mappings are nested more than {most} deep here",
                    most=str(MAX_DEPTH),
                ),
                node,
            )
        if cls is yaml.SequenceNode and tag == _SEQ:
            return [build(item, depth) for item in node.value]
        if cls is yaml.MappingNode and tag == _MAP:
            data: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                    if not key.isascii() or key == "<<":
                        _check_key(key_node)
                else:
                    raise _not_text_key(key_node, construct)
                if key in data:
                    first = next(k for k, _v in node.value if construct(k, deep=True) == key)
                    raise _marked(_twice(key, first), key_node)
                data[key] = build(value_node, depth)
            return data
        return construct(node, deep=True)

    return build(root)


def _marked(message: str, node: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _twice(key: str, first: yaml.Node) -> str:
    return phrase(
        "key {key} is given twice in this mapping (first on line {line})",
        key=repr(key),
        line=str(first.start_mark.line + 1),
    )


_CHARACTER_NAMES = {"\ufeff": N_("a byte-order mark"), "\u00a0": N_("a no-break space")}


def _check_key(node: yaml.ScalarNode) -> None:
    """Refuse a merge key, and a key with a character that cannot be seen (a byte-order
    mark pasted from another file, a zero-width space, a bidirectional override)."""
    key: str = node.value
    if key == "<<" and not node.style:
        raise _marked(
            phrase("merge keys (<<) are not supported: write the keys out in full in each mapping"),
            node,
        )
    for index, char in enumerate(key):
        if not char.isprintable() and char not in " ":
            known = _CHARACTER_NAMES.get(char)
            name = phrase(known) if known else unicodedata.name(char, "").lower()
            name = name or phrase("a control")
            shown = "".join(c if c.isprintable() else "?" for c in key)
            mark = node.start_mark
            if not node.style and mark.line == node.end_mark.line:  # plain: point at it
                mark = yaml.Mark(
                    mark.name, mark.index + index, mark.line, mark.column + index, None, 0
                )
            raise yaml.constructor.ConstructorError(
                None,
                None,
                phrase(
                    "the key {key} holds an invisible character, {code} ({name}), "
                    "as character {index}: delete it and type the key again",
                    key=repr(shown),
                    code=f"U+{ord(char):04X}",
                    name=name,
                    index=str(index + 1),
                ),
                mark,
            )


def _not_text_key(node: yaml.Node, construct: Any) -> yaml.constructor.ConstructorError:
    """A key that YAML reads as a number, true/false, null, a list or a mapping."""
    if not isinstance(node, yaml.ScalarNode):
        return _marked(phrase("a key must be plain text, not a list or a mapping"), node)
    value = construct(node, deep=True)  # refuses unknown tags with their own message
    kinds = {type(None): N_("nothing (null)"), bool: N_("true or false"), int: N_("a number")}
    kind = kinds.get(type(value), N_("a number") if isinstance(value, float) else N_("not text"))
    return _marked(
        phrase(
            "the key {key} is read as {kind}, not as text: keys are names; "
            "put it in quotes ({quoted}) if it is meant as one",
            key=repr(node.value),
            kind=phrase(kind),
            quoted=f"'{node.value}'",
        ),
        node,
    )


@dataclass
class Source:
    """A parsed YAML file: its data, and the node tree to find positions in."""

    file: str
    data: Any
    root: yaml.Node | None
    # the keys of each mapping node looked in, by id: finding many problems stays linear
    _keys: dict[int, dict[object, yaml.Node]] = field(default_factory=dict, repr=False)

    def locate(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or of its key when `key` is set.

        Stops at the deepest node that exists, so a missing key points at its mapping.
        """
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for i, part in enumerate(path):
            last = i == len(path) - 1
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                pair = self._mapping_keys(node).get(_key_of(part))
                if pair is not None:
                    child = pair[0] if (key and last) else pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                child = node.value[part] if 0 <= part < len(node.value) else None
            if child is None:
                break
            node, mark = child, child.start_mark
        return (mark.line + 1, mark.column + 1)

    def _mapping_keys(self, node: yaml.MappingNode) -> dict[object, Any]:
        found = self._keys.get(id(node))
        if found is None:
            found = {}
            for pair in node.value:
                key_node = pair[0]
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.tag == _NULL:
                        found.setdefault(_NULL_KEY, pair)
                    elif key_node.tag == _BOOL:
                        found.setdefault((_BOOL, key_node.value.lower()), pair)
                    found.setdefault(key_node.value, pair)
            self._keys[id(node)] = found
        return found

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        from .problems import format_path

        line, column = self.locate(path, key=key)
        # A key as written may hold a line break or a terminal escape: quote such keys, so
        # a problem stays on one line and prints nothing but text.
        shown = tuple(
            repr(part) if isinstance(part, str) and not (part.isprintable() and part) else part
            for part in path
        )
        return Problem(self.file, line, column, format_path(shown), message)


_NULL_KEY = (_NULL,)


def _key_of(part: object) -> object:
    """How a key of the data is found among the keys as written (`~` is None, `true` True)."""
    if part is None:
        return _NULL_KEY
    if isinstance(part, bool):
        return (_BOOL, str(part).lower())
    return str(part)


def read_source(path: Path | str, display: str | None = None) -> Source:
    """Read and parse one YAML file; raise ContentError naming the file, line and problem."""
    path = Path(path)
    name = display or str(path)
    try:
        raw = _read_regular_file(path, name)
    except ContentError:
        raise
    except IsADirectoryError:
        raise _whole(name, phrase("is a folder, not a file")) from None
    except FileNotFoundError:
        raise _whole(name, phrase("no such file")) from None
    except OSError as err:
        why = err.strerror or str(err)
        raise _whole(name, phrase("cannot be read: {error}", error=why)) from None
    return parse_source(raw, name)


def _read_regular_file(path: Path, name: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. A device (`/dev/zero` reports
    a size of 0 and never ends) or a pipe (which blocks) is refused before it is read, and
    the read itself stops one byte past the limit whatever the size said."""
    _refuse_if_not_regular(os.stat(path).st_mode, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags), "rb") as file:  # non-blocking: a pipe put here since
        info = os.fstat(file.fileno())
        _refuse_if_not_regular(info.st_mode, name)
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(name, info.st_size)
        raw = file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # grew since, or a file system that does not say its size
        raise _whole(
            name, phrase("file is larger than the limit of {most} bytes", most=MAX_FILE_BYTES)
        )
    return raw


def _refuse_if_not_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise _whole(name, phrase("is a folder, not a file"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = N_("a device")
    elif stat.S_ISFIFO(mode):
        kind = N_("a pipe (FIFO)")
    elif stat.S_ISSOCK(mode):
        kind = N_("a socket")
    else:
        kind = N_("a special file")
    raise _whole(
        name, phrase("is {kind}, not a regular file: only files can be read", kind=phrase(kind))
    )


def _too_big(name: str, size: int) -> ContentError:
    return _whole(
        name, phrase("file is {size} bytes; the limit is {most}", size=size, most=MAX_FILE_BYTES)
    )


def parse_source(raw: bytes, name: str) -> Source:
    if len(raw) > MAX_FILE_BYTES:
        raise _too_big(name, len(raw))
    text = _decode(raw, name)
    if not text.strip():
        raise _whole(name, phrase("the file is empty"))
    with paused_gc():
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise _whole(name, phrase("the file holds no YAML document (only comments?)"))
            if "&" in text:
                _check_aliases(root, name)
            data = _construct(loader, root)
        except yaml.MarkedYAMLError as err:
            raise ContentError([_yaml_problem(err, name, text)]) from None
        except yaml.YAMLError as err:
            why = " ".join(str(err).split())
            raise _whole(name, phrase("not valid YAML: {error}", error=why)) from None
        except RecursionError:
            raise _whole(name, phrase("nested too deeply")) from None
        finally:
            loader.dispose()
    return Source(name, data, root)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _whole(name, phrase("the file is saved as UTF-16: save it as UTF-8"))
    nul = raw.find(b"\x00")
    if nul >= 0 and not _is_text(raw[:nul]):
        raise _whole(name, phrase("this is a binary file, not YAML text"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ContentError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "",
                    phrase(
                        "byte {byte} is not UTF-8: save the file as UTF-8",
                        byte=f"0x{raw[err.start]:02x}",
                    ),
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        index, char = bad.start(), bad.group()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        if char == "\x00":
            message = phrase("a NUL byte: the file is damaged from here on (or is not text)")
        else:
            message = phrase(
                "the character {code} is not allowed in YAML text: remove it",
                code=f"U+{ord(char):04X}",
            )
        raise ContentError([Problem(name, line, column, "", message)])
    return text


def _is_text(head: bytes) -> bool:
    """Whether the bytes before a NUL look like lines of text (a damaged file, not a binary)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\n" in head


def _check_aliases(root: yaml.Node, name: str) -> None:
    """Refuse alias graphs that expand far beyond the written document, or contain a cycle.

    Both the number of nodes and the characters of text are counted: one long text reused
    a few hundred times adds few nodes, but would make a journal of hundreds of megabytes.
    """
    expanded: dict[int, tuple[int, int]] = {}  # node id -> (nodes, characters) expanded
    in_progress: set[int] = set()
    distinct = 0

    def size(node: yaml.Node) -> tuple[int, int]:
        nonlocal distinct
        key = id(node)
        if key in expanded:
            return expanded[key]
        if key in in_progress:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            raise ContentError(
                [
                    Problem(
                        name, line, col, "", phrase("an alias refers to the node that contains it")
                    )
                ]
            )
        distinct += 1
        nodes, characters = 1, 0
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            in_progress.add(key)
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                child_nodes, child_characters = size(child)
                nodes += child_nodes
                characters += child_characters
            in_progress.discard(key)
        else:
            characters = len(node.value)
        expanded[key] = (nodes, characters)
        return nodes, characters

    nodes, characters = size(root)
    if nodes - distinct > MAX_ALIAS_EXPANSION:
        raise _whole(
            name,
            phrase(
                "aliases expand this file to {nodes} nodes from {written} written; "
                "refusing (is it an alias bomb?)",
                nodes=nodes,
                written=distinct,
            ),
        )
    if characters > MAX_EXPANDED_CHARACTERS:
        raise _whole(
            name,
            phrase(
                "aliases expand this file to {characters} characters of text; the limit is "
                "{most}, as for the file itself (is it an alias bomb?)",
                characters=characters,
                most=MAX_EXPANDED_CHARACTERS,
            ),
        )


def _yaml_problem(err: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message: str = " ".join(part for part in (err.context, err.problem) if part) or str(err)
    if err.context is None and isinstance(err.problem, Phrase):
        message = err.problem  # one of ours, which can be said in another language
    context, start = err.context or "", err.context_mark
    # A quote or bracket left open is noticed lines later, where the text ends or the next
    # key starts; the author needs the line where it was opened.
    opened = start is not None and mark is not None and start.line < mark.line
    if "could not determine a constructor" in message:
        tag = message.split("tag", 1)[-1].strip(" !'").replace("tag:yaml.org,2002:", "!")
        message = phrase(
            "the tag {tag} is not allowed: scenario files hold plain data only", tag=f"!{tag}"
        )
    elif mark is not None and text[mark.index : mark.index + 1] == "\t":
        message = phrase("a tab character here: indent YAML with spaces")
    elif "found unhashable key" in message:
        message = phrase("a key must be plain text")
    elif (
        opened
        and start is not None
        and mark is not None
        and context.startswith("while scanning a quoted scalar")
    ):
        line, column = start.line + 1, start.column + 1
        message = (
            phrase("the quote opened here is never closed before the end of the file")
            if "end of stream" in (err.problem or "")
            else phrase(
                "the quote opened here is never closed (the text runs on to line {line})",
                line=str(mark.line + 1),
            )
        )
    elif (
        opened
        and start is not None
        and mark is not None
        and context.startswith("while parsing a flow")
    ):
        bracket = text[start.index : start.index + 1] or "bracket"
        line, column = start.line + 1, start.column + 1
        message = phrase(
            "the {bracket} opened here is not closed: {problem} (line {line})",
            bracket=repr(bracket),
            problem=err.problem or phrase("a closing bracket is missing"),
            line=str(mark.line + 1),
        )
    return Problem(name, line, column, "", phrase("YAML: {message}", message=message))


def _whole(name: str, message: str) -> ContentError:
    return ContentError([Problem(name, 0, 0, "", message)])
