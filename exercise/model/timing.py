"""Scenario durations: parsing the notations authors and spreadsheet MSELs use.

Accepted forms (all give seconds, rounded to milliseconds so replays are exact):

- unit sums: ``90s``, ``12m``, ``1h30m``, ``2d``, ``1h 30m 15s``, ``1.5h``
- MSEL offsets: ``D+1 H+2 M+30``, ``J+1 T+2 M-5`` (D or J days, H or T hours, M minutes, S seconds)
- clock offsets: ``T+01:30:00`` or ``T+01:30`` (hours:minutes[:seconds] after T+0), ``T-00:10``
- the bare number ``0``; any other bare number is refused because its unit would be a guess.

Every duration lies within ``MAX_DAYS`` either way (a scenario, a deadline or a delay longer
than that is a mistake or an attack, and would break the clock and the reports), and is
written with the digits 0 to 9 only.
"""

from __future__ import annotations

import math
import re

from ..language import N_, phrase

MAX_DAYS = 90  # the longest time a scenario may span, and so any time or delay in it
MAX_SECONDS = MAX_DAYS * 86400
MAX_CHARACTERS = 64  # "D+1 H+2 M+30 S+15" is 17; longer text is no duration

_ASCII = re.ASCII | re.IGNORECASE  # \d is 0-9 only: no Arabic-Indic or full-width digits
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_UNITS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([dhms])", _ASCII)
_MSEL_PART = re.compile(r"\s*([DJHTMS])\s*([+-])\s*(\d+)\s*", _ASCII)
_MSEL_UNIT = {"d": 86400, "j": 86400, "h": 3600, "t": 3600, "m": 60, "s": 1}
_TWICE = {  # unit size: the message when an MSEL offset gives it twice
    86400: N_("{value} gives the days twice ({first} and {second})"),
    3600: N_("{value} gives the hours twice ({first} and {second})"),
    60: N_("{value} gives the minutes twice ({first} and {second})"),
    1: N_("{value} gives the seconds twice ({first} and {second})"),
}
_CLOCK = re.compile(r"T\s*([+-])\s*(\d+):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?", _ASCII)

_BARE_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?", re.ASCII)
# a unit spelt out: "12 minutes", "2 hrs"
_WORDS = re.compile(
    r"([+-]?\d+(?:\.\d+)?)\s*(days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)",
    _ASCII,
)

DURATION_HELP = N_("a duration such as 90s, 12m, 1h30m, 'D+1 H+2 M+30' or 'T+01:30:00'")


def _expected(got: str) -> ValueError:
    return ValueError(phrase("expected {help}, got {value}", help=phrase(DURATION_HELP), value=got))


def _no_unit(text: str) -> ValueError:
    return ValueError(
        phrase("{value} has no unit: write {text}s or {text}m", value=repr(text), text=text)
    )


_SECONDS = re.compile(r"\d+(?:\.\d+)?s", re.ASCII)


def round_ms(seconds: float) -> float:
    """Scenario times are kept at millisecond precision everywhere."""
    return round(seconds, 3)


def parse_duration(value: object) -> float:
    """Return seconds for a duration; raise ValueError with a readable reason."""
    if (
        type(value) is str
        and value[-1:] == "s"
        and len(value) <= MAX_CHARACTERS
        and _SECONDS.fullmatch(value)
    ):
        # the common case, as journals store it: digits only, so never negative or NaN
        stored = round(float(value[:-1]), 3)
        if stored <= MAX_SECONDS:
            return stored
    if isinstance(value, bool):
        raise _expected(repr(value))
    if isinstance(value, int | float):
        if value == 0:
            return 0.0
        raise ValueError(
            phrase(
                "{value} has no unit: write {text}s or {text}m", value=repr(value), text=str(value)
            )
        )
    if not isinstance(value, str):
        raise _expected(type(value).__name__)
    if len(value) > MAX_CHARACTERS:
        raise ValueError(
            phrase(
                "{value}... ({count} characters) is too long to be {help}",
                value=repr(value[:20]),
                count=len(value),
                help=phrase(DURATION_HELP),
            )
        )
    text = value.strip()
    if not text:
        raise _expected(phrase("an empty string"))
    foreign = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if foreign is not None:
        raise ValueError(
            phrase(
                "{value} holds the digit {digit} ({code}): write durations with the digits 0 to 9",
                value=repr(text),
                digit=repr(foreign),
                code=f"U+{ord(foreign):04X}",
            )
        )
    if _BARE_NUMBER.fullmatch(text):
        if float(text) == 0:
            return 0.0
        raise _no_unit(text)
    for parser in (_parse_clock, _parse_msel, _parse_units):
        seconds = parser(text)
        if seconds is not None:
            return _within_limit(round_ms(seconds), text)
    words = _WORDS.fullmatch(text)
    if words:
        short = f"{words.group(1)}{words.group(2)[0].lower()}"
        raise ValueError(
            phrase(
                "{value} is not {help}: write {short}",
                value=repr(text),
                help=phrase(DURATION_HELP),
                short=short,
            )
        )
    raise ValueError(phrase("{value} is not {help}", value=repr(text), help=phrase(DURATION_HELP)))


def _within_limit(seconds: float, text: str) -> float:
    if not math.isfinite(seconds) or abs(seconds) > MAX_SECONDS:
        said = (
            N_(
                "{value} is more than {days} days before T+0: no time or delay in a scenario "
                "may be longer than {days} days"
            )
            if seconds < 0
            else N_(
                "{value} is more than {days} days: no time or delay in a scenario may be "
                "longer than {days} days"
            )
        )
        raise ValueError(phrase(said, value=repr(text), days=MAX_DAYS))
    return seconds


def _parse_units(text: str) -> float | None:
    sign = 1
    if text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    total, pos = 0.0, 0
    for match in _UNITS.finditer(text):
        if match.start() != pos:
            return None
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
        pos = match.end()
    if pos == 0 or text[pos:].strip():
        return None
    return sign * total


def _parse_msel(text: str) -> float | None:
    total, pos = 0.0, 0
    seen: dict[int, str] = {}  # unit size -> letter used (D and J are both days)
    for match in _MSEL_PART.finditer(text):
        if match.start() != pos:
            return None
        letter = match.group(1).upper()
        size = _MSEL_UNIT[letter.lower()]
        if size in seen:
            raise ValueError(
                phrase(_TWICE[size], value=repr(text), first=seen[size], second=letter)
            )
        seen[size] = letter
        amount = int(match.group(3)) * size
        total += -amount if match.group(2) == "-" else amount
        pos = match.end()
    if pos == 0 or pos != len(text):
        return None
    return float(total)


def _parse_clock(text: str) -> float | None:
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    sign, hours, minutes, seconds = match.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + float(seconds or 0)
    return -total if sign == "-" else total


def format_duration(seconds: float) -> str:
    """Compact form for messages and tables: 1h30m, 45s, -10m."""
    sign = "-" if seconds < 0 else ""
    rest = abs(round_ms(seconds))
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        amount, rest = divmod(rest, size)
        if amount:
            parts.append(f"{int(amount)}{unit}")
    if rest or not parts:
        parts.append(f"{rest:g}s")
    return sign + "".join(parts)


def format_clock(seconds: float) -> str:
    """T+HH:MM:SS, the notation on facilitator screens and in timelines."""
    sign = "-" if seconds < 0 else "+"
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"T{sign}{hours:02d}:{minutes:02d}:{secs:02d}"
