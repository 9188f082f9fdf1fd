"""The options several commands share, each defined and validated in one place."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from ..language import languages

POLICIES = ("expected", "first", "default", "random", "none")  # exercise.sim.players.POLICIES
MAX_SPEED = 3600.0  # an hour of scenario a second: beyond it a clock is no longer followed
DEFAULT_LISTEN = ("127.0.0.1", 8765)  # `exercise host`: this machine only
DEFAULT_JOURNAL = "default: debriefs/<scenario id>-<date>-<time>.db"


def speed(text: str) -> float:
    """A clock speed: scenario seconds per wall second, above 0 and at most 3600."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        raise argparse.ArgumentTypeError(f"the speed is above 0 and at most {MAX_SPEED:g}")
    return value


def listen_address(text: str) -> tuple[str, int]:
    """ADDR:PORT, [IPv6]:PORT, ADDR or :PORT; loopback and port 8765 unless given."""
    host, port_text = DEFAULT_LISTEN[0], str(DEFAULT_LISTEN[1])
    if text.startswith("["):
        inner, _, rest = text[1:].partition("]")
        host = inner
        if rest:
            if not rest.startswith(":"):
                raise argparse.ArgumentTypeError(f"{text!r}: say ADDR:PORT")
            port_text = rest[1:]
    elif text.count(":") == 1:
        host_part, port_text = text.split(":")
        host = host_part or host
    elif text:
        host = text
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost":
            raise argparse.ArgumentTypeError(f"{host!r} is not an IP address") from None
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise argparse.ArgumentTypeError(f"{port_text!r} is not a port number")
    return host, int(port_text)


def add_speed(command: argparse.ArgumentParser, help: str) -> None:
    command.add_argument("--speed", type=speed, metavar="X", help=help)


def add_lang(command: argparse.ArgumentParser, what: str, default: str = "from LANG") -> None:
    """--lang: one of the languages with a catalogue (exercise.language)."""
    command.add_argument(
        "--lang", choices=languages(), help=f"language of {what} (default: {default})"
    )


def add_new_journal(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--journal", metavar="PATH", help=f"the new session's journal file ({DEFAULT_JOURNAL})"
    )


def add_journal(command: argparse.ArgumentParser) -> None:
    command.add_argument("journal", metavar="JOURNAL", help="a session's journal file (.db)")


def add_scenario(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "scenario", metavar="SCENARIO", help="scenario file, or the id of a bundled scenario"
    )


def add_catalogue(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--catalogue",
        action="append",
        type=Path,
        metavar="DIR",
        help="inject catalogue folder (default: injects/ beside the scenario's folder, "
        "else the bundled catalogue); may be repeated",
    )


def add_force(command: argparse.ArgumentParser, what: str = "FILE") -> None:
    command.add_argument(
        "--force",
        action="store_true",
        help=f"replace {what} even when it is not this program's unchanged earlier output "
        "(edited by hand); a journal is never overwritten",
    )


def add_damaged(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--damaged",
        action="store_true",
        help="read a journal whose hash chain is broken anyway (refused otherwise); "
        "what comes out says it is damaged",
    )


def add_players(command: argparse.ArgumentParser, required: bool) -> None:
    """Simulated players, and playing at the pace of the clock instead of at once."""
    group = command.add_mutually_exclusive_group(required=required)
    group.add_argument("--decisions", metavar="FILE", help="what the players decide, and when")
    group.add_argument("--auto", choices=POLICIES, help="decide every decision point by a policy")
    command.add_argument(
        "--realtime",
        action="store_true",
        help="play at the pace of the clock, printing events as they happen",
    )


def add_clock_start(command: argparse.ArgumentParser, resumed: bool) -> None:
    """--paused and --pause-on-phase: how the session UI's clock starts."""
    command.add_argument(
        "--paused",
        action="store_true",
        help=("continue" if resumed else "start")
        + " with the clock paused (ctrl+t starts it)"
        + (" (the session UI only)" if resumed else ""),
    )
    command.add_argument(
        "--pause-on-phase",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pause the clock each time a new phase begins (default: as the session was "
        "started, else the scenario's pause_on_phase)",
    )
