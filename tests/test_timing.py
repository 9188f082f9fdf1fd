"""Durations as scenario authors write them, and as the tool writes them back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.model import format_clock, format_duration, parse_duration
from exercise.model.timing import MAX_DAYS, MAX_SECONDS

MINUTE, HOUR, DAY = 60, 3600, 86400


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("12m", 12 * MINUTE),
        ("1h30m", HOUR + 30 * MINUTE),
        ("1h 30m 15s", HOUR + 30 * MINUTE + 15),
        ("1.5h", 1.5 * HOUR),
        ("2d", 2 * DAY),
        ("2D", 2 * DAY),
        ("-10m", -10 * MINUTE),
        ("  45m  ", 45 * MINUTE),
        ("D+1 H+2 M+30", DAY + 2 * HOUR + 30 * MINUTE),
        ("J+1 T+2 M-5", DAY + 2 * HOUR - 5 * MINUTE),
        ("H+1", HOUR),
        ("M-5", -5 * MINUTE),
        ("T+01:30:00", HOUR + 30 * MINUTE),
        ("T+90:00", 90 * HOUR),
        ("T-00:10", -10 * MINUTE),
        ("T+00:00:05", 5),
        ("0", 0),
        (0, 0),
        (0.0, 0),
    ],
)
def test_every_notation(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0.1234s", 0.123),
        ("1.0004s", 1.0),
        ("T+00:00:01.23456", 1.235),
        ("0.0001h", 0.36),
    ],
)
def test_rounded_to_milliseconds(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("5", "unit"),
        (5, "unit"),
        (1.5, "unit"),
        ("12 minutes", "12m"),
        (True, "True"),
        (False, "False"),
        ("", "empty"),
        ("   ", "empty"),
        ("D+1 D+2", "twice"),
        ("J+1 D+2", "twice"),
        ("1h30", "duration"),
        ("12ms", "duration"),
        ("soon", "duration"),
        ("T+1:75", "duration"),
        (None, "NoneType"),
        ([1, 2], "list"),
    ],
)
def test_refusals_say_why(value: object, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(value)
    message = str(info.value)
    assert reason in message
    assert "Traceback" not in message and "\n" not in message


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (45, "45s"),
        (90, "1m30s"),
        (HOUR + 30 * MINUTE, "1h30m"),
        (DAY + HOUR, "1d1h"),
        (-10 * MINUTE, "-10m"),
        (0.5, "0.5s"),
        (HOUR + 0.001, "1h0.001s"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "T+00:00:00"),
        (HOUR + 30 * MINUTE, "T+01:30:00"),
        (-10 * MINUTE, "T-00:10:00"),
        (100 * HOUR + 5, "T+100:00:05"),
        (59.9, "T+00:00:59"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@given(st.integers(min_value=-MAX_SECONDS * 1000, max_value=MAX_SECONDS * 1000))
def test_format_duration_round_trips(milliseconds: int) -> None:
    seconds = milliseconds / 1000
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(min_value=-MAX_SECONDS, max_value=MAX_SECONDS))
def test_format_clock_round_trips_whole_seconds(seconds: int) -> None:
    assert parse_duration(format_clock(seconds)) == seconds


@pytest.mark.parametrize(
    "text",
    ["90d", "D+90", "J+89 T+24", "T+2160:00", f"{MAX_SECONDS}s", "-90d", "T-2160:00"],
)
def test_the_longest_durations_are_accepted(text: str) -> None:
    assert abs(parse_duration(text)) == MAX_SECONDS


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("99999999D", f"more than {MAX_DAYS} days"),
        ("D+99999999", f"more than {MAX_DAYS} days"),
        ("9" * 26 + "d", f"more than {MAX_DAYS} days"),
        ("T+99999999:00", f"more than {MAX_DAYS} days"),
        ("T+2160:00:01", f"more than {MAX_DAYS} days"),
        ("91d", f"more than {MAX_DAYS} days"),
        (f"{MAX_SECONDS}.001s", f"more than {MAX_DAYS} days"),
        ("9" * 60 + "s", f"more than {MAX_DAYS} days"),  # seconds as journals store them
        ("-91d", f"more than {MAX_DAYS} days before T+0"),
        ("M-99999999", f"more than {MAX_DAYS} days before T+0"),
        ("1" * 400 + "s", "too long to be a duration"),
        ("1e400s", "is not a duration"),
        ("\u0663m", "U+0663"),  # Arabic-Indic three
        ("\u0661\u0662m", "the digits 0 to 9"),
        ("\uff11\uff12m", "U+FF11"),  # full-width one
        ("D+\u0663", "U+0663"),
        ("T+0\u0663:00", "U+0663"),
        ("\u0663", "U+0663"),
    ],
)
def test_durations_beyond_the_limit_or_with_foreign_digits_are_refused(
    text: str, reason: str
) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(text)
    message = str(info.value)
    assert reason in message
    assert "\n" not in message and len(message) < 200
