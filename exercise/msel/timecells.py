"""The time notations of MSEL spreadsheets, as seconds on one of three scales.

A time cell is one of:

- **relative** to the start of the exercise: `D+2 H+3 M+45`, `J-1`, `J`, `T+01:30`, `90m`
  (the duration notations of `exercise.model.timing`), a duration cell (`[h]:mm`);
- **a clock time**, on a day counted from the first day: `14:30`, `7:29 PM`, `09h00`, an
  Excel time (a time-formatted cell, or a fraction of a day below 1), and `J 09h00` or
  `D+1 14:30` (a relative day at a clock time);
- **a date and time**: `26/06/2024 09h00` (day first), `2024-06-26 09:00`, a date cell,
  an Excel date number.

All times of one sheet must be on one scale: T+0 is the start given (on that scale) or
else the earliest time in the sheet, and each inject's `at` is its distance from T+0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from ..language import N_, phrase
from ..model.timing import MAX_SECONDS, parse_duration, round_ms

Scale = Literal["relative", "clock", "date"]
SCALE_NAMES = {
    "relative": N_("a relative time (D+1 H+2, J-1, T+01:30)"),
    "clock": N_("a clock time (14:30, J 09h00)"),
    "date": N_("a date and time (26/06/2024 09h00)"),
}
TIME_HELP = N_(
    "a time such as 'D+1 H+2 M+30', 'J-1', 'J 09h00', '14:30', '7:29 PM' or '26/06/2024 09h00'"
)

_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (1900 date system)
_CLOCK = r"(\d{1,2})\s*(?:[:h.]\s*(\d{2}))?(?:\s*[:.]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_CLOCK_ONLY = re.compile(rf"{_CLOCK}", re.ASCII | re.IGNORECASE)
_DAY_CLOCK = re.compile(rf"([DJ])\s*(?:([+-])\s*(\d+))?\s+{_CLOCK}", re.ASCII | re.IGNORECASE)
_DMY = re.compile(rf"(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}})(?:[\sT]+{_CLOCK})?", re.ASCII | re.I)
_YMD = re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[\sT]+{_CLOCK})?", re.ASCII | re.I)
_BARE_DAY = re.compile(r"[DJ]", re.IGNORECASE)
_DAY_CELL = re.compile(r"(?:[DJ]\s*([+-])\s*(\d+)|(?:day|dag)\s*(\d+)|(\d+))", re.I | re.ASCII)


@dataclass(frozen=True, slots=True)
class TimeValue:
    scale: Scale
    seconds: (
        float  # relative: from T+0 of the sheet; clock: from 00:00 of day 0; date: from 1899-12-30
    )


def parse_time_cell(value: object) -> TimeValue | None:
    """The time in a cell, or None for an empty cell; ValueError says why not."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(phrase("{value} is not {help}", value=repr(value), help=phrase(TIME_HELP)))
    if isinstance(value, datetime):
        return TimeValue("date", (value - _EPOCH).total_seconds())
    if isinstance(value, date):
        return TimeValue(
            "date", (datetime(value.year, value.month, value.day) - _EPOCH).total_seconds()
        )
    if isinstance(value, time):
        return TimeValue("clock", value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, timedelta):
        return TimeValue("relative", value.total_seconds())
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0 or value > 2_958_465:  # 9999-12-31
            raise ValueError(
                phrase("{value} is not {help}", value=repr(value), help=phrase(TIME_HELP))
            )
        if value < 1:  # an Excel time: a fraction of a day
            return TimeValue("clock", round(value * 86400))
        if value < 3653:  # before 1910: no date an MSEL means, but a number without a unit
            raise ValueError(
                phrase(
                    "{value} has no unit: write {text}m, T+{text}:00 or a clock time",
                    value=repr(value),
                    text=str(value),
                )
            )
        return TimeValue("date", round(value * 86400))
    text = str(value).strip()
    if not text:
        return None
    if len(text) > 64:
        raise ValueError(
            phrase(
                "{value}... is too long to be {help}", value=repr(text[:20]), help=phrase(TIME_HELP)
            )
        )
    if _BARE_DAY.fullmatch(text):
        return TimeValue("relative", 0.0)
    match = _DAY_CLOCK.fullmatch(text)
    if match:
        sign, days = match.group(2), int(match.group(3) or 0)
        day = -days if sign == "-" else days
        return TimeValue("clock", day * 86400 + _clock(match.groups()[3:], text))
    match = _DMY.fullmatch(text)
    if match:
        d, m, y = (int(g) for g in match.groups()[:3])
        return TimeValue("date", _date_seconds(y, m, d, text) + _clock(match.groups()[3:], text))
    match = _YMD.fullmatch(text)
    if match:
        y, m, d = (int(g) for g in match.groups()[:3])
        return TimeValue("date", _date_seconds(y, m, d, text) + _clock(match.groups()[3:], text))
    match = _CLOCK_ONLY.fullmatch(text)
    if match and (match.group(2) is not None or match.group(4) is not None):
        return TimeValue("clock", _clock(match.groups(), text))
    try:
        return TimeValue("relative", parse_duration(text))
    except ValueError:
        pass
    raise ValueError(phrase("{value} is not {help}", value=repr(text), help=phrase(TIME_HELP)))


def parse_day_cell(value: object) -> int | None:
    """A day column: `D+1`, `J-1`, `Day 2`, `Dag 2`, `2` (a plain day number)."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and -90 <= value <= 90:
        return value
    if isinstance(value, float) and value.is_integer() and -90 <= value <= 90:
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    if _BARE_DAY.fullmatch(text):
        return 0
    match = _DAY_CELL.fullmatch(text)
    if match:
        sign, n, named, plain = match.groups()
        day = int(n or named or plain)
        if day <= 90:
            return -day if sign == "-" else day
    raise ValueError(
        phrase("{value} is not a day: write D+1, J-1, Day 2 or a number", value=repr(text))
    )


def _clock(groups: tuple[str | None, ...], text: str) -> float:
    hours, minutes, seconds, half = groups[:4]
    h, m, s = int(hours or 0), int(minutes or 0), int(seconds or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError(
                phrase(
                    "{value}: {hour} is not an hour on a 12-hour clock",
                    value=repr(text),
                    hour=str(h),
                )
            )
        h = h % 12 + (12 if half.lower().startswith("p") else 0)
    if h > 24 or m > 59 or s > 59 or (h == 24 and (m or s)):
        raise ValueError(phrase("{value} is not a time of day", value=repr(text)))
    return float(h * 3600 + m * 60 + s)


def _date_seconds(y: int, m: int, d: int, text: str) -> float:
    try:
        return (datetime(y, m, d) - _EPOCH).total_seconds()
    except ValueError:
        raise ValueError(
            phrase("{value} is not a date (day/month/year)", value=repr(text))
        ) from None


def scenario_times(
    times: list[TimeValue | None], start: TimeValue | None
) -> tuple[float | None, list[float | None]]:
    """T+0 and each time's distance from it (None stays None). Every time must be on
    the start's scale; raise IndexedError(index, message) at the first that is not."""
    scale = start.scale if start else next((t.scale for t in times if t), None)
    for i, t in enumerate(times):
        if t is not None and t.scale != scale:
            raise IndexedError(
                i,
                phrase(
                    "{scale}, while the times before it are {before}: use one notation in a column",
                    scale=phrase(SCALE_NAMES[t.scale]),
                    before=phrase(SCALE_NAMES[scale or "relative"]),
                ),
            )
    present = [t.seconds for t in times if t is not None]
    if not present:
        return None, [None] * len(times)
    if start:
        zero = start.seconds
    elif scale == "relative":  # already from the start (D, J, T+0), unless some lie before it
        zero = min(0.0, *present)
    else:
        zero = min(present)
    out: list[float | None] = []
    for i, t in enumerate(times):
        if t is None:
            out.append(None)
            continue
        at = round_ms(t.seconds - zero)
        if at < 0:
            raise IndexedError(i, phrase("lies before the start of the exercise (--start)"))
        if at > MAX_SECONDS:
            raise IndexedError(
                i, phrase("lies more than {days} days after the start of the exercise", days=90)
            )
        out.append(at)
    return zero, out


class IndexedError(ValueError):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index
