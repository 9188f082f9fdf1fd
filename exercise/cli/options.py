"""The options several commands share, each defined and validated in one place, with
their help in the language of the command line (`w`, a `Translator`)."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from ..language import Translator, default_language, languages

POLICIES = ("expected", "first", "default", "random", "none")  # exercise.sim.players.POLICIES
MAX_SPEED = 3600.0  # an hour of scenario a second: beyond it a clock is no longer followed
DEFAULT_LISTEN = ("127.0.0.1", 8765)  # `exercise host`: this machine only


def command_line_language(argv: Sequence[str]) -> str:
    """The language to speak before the arguments are parsed (help, usage, argparse's
    errors): `--lang X` or `--lang=X` when the product has X, else the environment's
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in languages():
            return value
    return default_language()


def speed(text: str, w: Translator | None = None) -> float:
    """A clock speed: scenario seconds per wall second, above 0 and at most 3600."""
    w = w or Translator("en")
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(w("{value} is not a number", value=repr(text))) from None
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        raise argparse.ArgumentTypeError(
            w("the speed is above 0 and at most {most}", most=f"{MAX_SPEED:g}")
        )
    return value


def listen_address(text: str, w: Translator | None = None) -> tuple[str, int]:
    """ADDR:PORT, [IPv6]:PORT, ADDR or :PORT; loopback and port 8765 unless given."""
    w = w or Translator("en")
    host, port_text = DEFAULT_LISTEN[0], str(DEFAULT_LISTEN[1])
    if text.startswith("["):
        inner, _, rest = text[1:].partition("]")
        host = inner
        if rest:
            if not rest.startswith(":"):
                raise argparse.ArgumentTypeError(w("{value}: say ADDR:PORT", value=repr(text)))
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
            raise argparse.ArgumentTypeError(
                w("{value} is not an IP address", value=repr(host))
            ) from None
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise argparse.ArgumentTypeError(w("{value} is not a port number", value=repr(port_text)))
    return host, int(port_text)


def typed(check: Callable[..., object], w: Translator) -> Callable[[str], object]:
    """`check` saying its refusals in `w`'s language; argparse names it in an error."""
    bound = partial(check, w=w)
    bound.__name__ = check.__name__  # type: ignore[attr-defined]
    return bound


def add_speed(command: argparse.ArgumentParser, w: Translator, help: str) -> None:
    command.add_argument("--speed", type=typed(speed, w), metavar="X", help=help)


def add_lang(
    command: argparse.ArgumentParser, w: Translator, what: str, default: str | None = None
) -> None:
    """--lang: one of the languages with a catalogue (exercise.language)."""
    command.add_argument(
        "--lang",
        choices=languages(),
        help=w(
            "language of {what} (default: {default})",
            what=what,
            default=default or w("from LANGUAGE or LANG, else English"),
        ),
    )


def add_new_journal(command: argparse.ArgumentParser, w: Translator) -> None:
    command.add_argument(
        "--journal",
        metavar="PATH",
        help=w(
            "the new session's journal file (default: {path})",
            path="debriefs/<scenario id>-<date>-<time>.db",
        ),
    )


def add_journal(command: argparse.ArgumentParser, w: Translator) -> None:
    command.add_argument("journal", metavar="JOURNAL", help=w("a session's journal file (.db)"))


def add_scenario(command: argparse.ArgumentParser, w: Translator) -> None:
    command.add_argument(
        "scenario",
        metavar="SCENARIO",
        help=w("scenario file, or the id of a bundled scenario"),
    )


def add_catalogue(command: argparse.ArgumentParser, w: Translator) -> None:
    command.add_argument(
        "--catalogue",
        action="append",
        type=Path,
        metavar="DIR",
        help=w(
            "inject catalogue folder (default: injects/ beside the scenario's folder, "
            "else the bundled catalogue); may be repeated"
        ),
    )


def add_force(command: argparse.ArgumentParser, w: Translator, what: str = "FILE") -> None:
    command.add_argument(
        "--force",
        action="store_true",
        help=w(
            "replace {what} even when it is not this program's unchanged earlier output "
            "(edited by hand); a journal is never overwritten",
            what=what,
        ),
    )


def add_damaged(command: argparse.ArgumentParser, w: Translator) -> None:
    command.add_argument(
        "--damaged",
        action="store_true",
        help=w(
            "read a journal whose hash chain is broken anyway (refused otherwise); "
            "what comes out says it is damaged"
        ),
    )


def add_players(command: argparse.ArgumentParser, w: Translator, required: bool) -> None:
    """Simulated players, and playing at the pace of the clock instead of at once."""
    group = command.add_mutually_exclusive_group(required=required)
    group.add_argument("--decisions", metavar="FILE", help=w("what the players decide, and when"))
    group.add_argument(
        "--auto", choices=POLICIES, help=w("decide every decision point by a policy")
    )
    command.add_argument(
        "--realtime",
        action="store_true",
        help=w("play at the pace of the clock, printing events as they happen"),
    )


def add_clock_start(command: argparse.ArgumentParser, w: Translator, resumed: bool) -> None:
    """--paused and --pause-on-phase: how the session UI's clock starts."""
    command.add_argument(
        "--paused",
        action="store_true",
        help=w("continue with the clock paused (ctrl+t starts it) (the session UI only)")
        if resumed
        else w("start with the clock paused (ctrl+t starts it)"),
    )
    command.add_argument(
        "--pause-on-phase",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=w(
            "pause the clock each time a new phase begins (default: as the session was "
            "started, else the scenario's pause_on_phase)"
        ),
    )
