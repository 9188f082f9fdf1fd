"""A small YAML writer for the scenarios the import makes: readable (block style, short
lists and simple items in flow style, multi-line text as literal blocks) and several times
faster than PyYAML's representer for a thousand injects.

Text is written plain only when it cannot be read as anything else (it starts with a
letter, holds only letters, digits, spaces and `_ . / ( ) + -`, and is no YAML keyword);
otherwise double-quoted with JSON escapes, which YAML reads the same, plus `\\u` escapes
for the characters YAML may not hold raw. The import checks every file it writes by
reading it back with the scenario loader.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"[^\W\d_][\w ./()+-]*", re.UNICODE)
_DURATION = re.compile(r"(?:\d+[dhms])+", re.ASCII)  # 1m, 2d1h55m: text to YAML too
_KEYWORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
# not printable for YAML: C0 but tab and newline, DEL, C1, surrogates, BOM, non-characters,
# and the line and paragraph separators (a YAML reader breaks lines there)
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)
_JSON_NEEDS = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def scalar(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _KEYWORDS:
        return text
    if _DURATION.fullmatch(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _JSON_NEEDS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _block_ok(text: str) -> bool:
    return (
        "\n" in text
        and text[:1] not in (" ", "\t")
        and not text.endswith("\n")
        and "\r" not in text
        and not _UNPRINTABLE.search(text)
    )


def _simple(value: Any) -> bool:
    return not isinstance(value, dict | list) and not (isinstance(value, str) and "\n" in value)


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return scalar(value)


def mapping(data: dict[str, Any], indent: int = 0) -> list[str]:
    """The lines of a block mapping at `indent` spaces (keys are known ids)."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += mapping(value, indent + 2)
        elif isinstance(value, list) and all(_simple(v) for v in value):
            lines.append(f"{pad}{key}: {_flow(value)}")
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            lines += sequence(value, indent)
        elif isinstance(value, str) and _block_ok(value):
            lines.append(f"{pad}{key}: |-")
            lines += [f"{pad}  {line}" if line else "" for line in value.split("\n")]
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def sequence(items: list[Any], indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and all(_simple(v) for v in item.values()):
            lines.append(f"{pad}- {_flow(item)}")
        elif isinstance(item, dict):
            inner = mapping(item, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines
