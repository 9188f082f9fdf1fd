"""Durations as scenario authors write them, and as the tool writes them back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.model import format_clock, format_duration, parse_duration

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


@given(st.integers(min_value=-(10**10), max_value=10**10))
def test_format_duration_round_trips(milliseconds: int) -> None:
    seconds = milliseconds / 1000
    assert parse_duration(format_duration(seconds)) == seconds


@given(st.integers(min_value=-(10**7), max_value=10**7))
def test_format_clock_round_trips_whole_seconds(seconds: int) -> None:
    assert parse_duration(format_clock(seconds)) == seconds
