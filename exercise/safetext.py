"""Showing scenario, catalogue, journal and player text literally.

Text from files, journals, players and the command line (file names too) may hold Rich
markup (`[bold red]`), links, terminal escape sequences or bidirectional overrides.
Everything shown on a terminal or in a report passes through `clean`, and on a terminal is
wrapped in a `rich.text.Text` (`literal`), which Rich never parses as markup.

`clean` never removes a character and never lets one act: control characters (C0 but tab
and newline, DEL, C1 including a raw 0x9b CSI; ESC among them) and the bidirectional
controls (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) are replaced by
their code in Python's notation, `\\x1b` below U+0100 and `\\u202e` above. An escape
sequence thus shows as text (`\\x1b]0;title\\x07`), and a right-to-left override cannot
reorder what follows it. A backslash already in the text is left alone: the point is that
nothing is interpreted, not that the notation can be read back.
"""

from __future__ import annotations

import re
from html import escape

from rich.text import Text

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# shown by their code; tab and newline too when the layout is not wanted (file names)
_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_SHOWN_ALL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_HTML_PLAIN = re.compile(f"[^&<>\"'\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]*").fullmatch
# whether `clean` would leave a text as it is
is_clean = re.compile(f"[^\r\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]*").fullmatch


def _code(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, single_line: bool = False, *, layout: bool = True) -> str:
    """`text` with every control character and bidirectional control shown by its code
    (`\\x1b`, `\\u202e`), so none is interpreted. Tab and newline are kept (a CR LF line
    end becomes a newline) unless `layout` is false, which shows them by their code too
    (for file names and other one-line values); `single_line` folds whitespace runs,
    newlines included, into one space.
    """
    if layout:
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        text = _SHOWN.sub(_code, text)
    else:
        text = _SHOWN_ALL.sub(_code, text)
    if single_line:
        text = " ".join(text.split())
    return text


def literal(text: str, style: str = "", single_line: bool = False) -> Text:
    """A Rich Text that shows `text` exactly, markup and all, control characters by code."""
    return Text(clean(text, single_line=single_line), style=style)


_JSON_SHOWN = re.compile(f"[\x7f-\x9f{_BIDI}]")


def json_safe(text: str) -> str:
    """JSON text (as json.dumps writes it with ensure_ascii=False) with DEL, the C1
    controls and the bidirectional controls written as `\\u` escapes: the same JSON value,
    and nothing a terminal showing it would act on (JSON already escapes C0)."""
    return _JSON_SHOWN.sub(_json_code, text)


def _json_code(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


# The same characters as _JSON_SHOWN, as their UTF-8 bytes (valid UTF-8 has no false match).
_JSON_SHOWN_BYTES = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def json_safe_bytes(data: bytes) -> bytes:
    """`json_safe` of UTF-8 JSON, without decoding it."""
    return _JSON_SHOWN_BYTES.sub(_json_code_bytes, data)


def _json_code_bytes(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def html_escape(text: str, quote: bool = True) -> str:
    """`text` for HTML or SVG: `clean`, then `html.escape`. Most control characters may not
    appear in HTML or XML even as numeric references; here they are visible codes."""
    if _HTML_PLAIN(text):
        return text  # nothing to escape (the common case)
    return escape(clean(text), quote=quote)
