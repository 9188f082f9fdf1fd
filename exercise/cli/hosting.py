"""`exercise host`: run a session for seats on other machines (see docs/seats.md).

With a scenario it starts a new live session; with a journal it resumes one, keeping the
join codes it was started with. It prints the address to join and a code per seat, then
runs the facilitator console on this terminal (or, with --headless or without a terminal,
only the session and its seats, until it ends or is stopped with ctrl+c).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import EXIT_OK, UsageError

if TYPE_CHECKING:
    from ..seats.codes import JoinCodes
    from ..sim.session import Session

_SQLITE = b"SQLite format 3\x00"


def _is_journal(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE)) == _SQLITE
    except OSError:
        return False


def host(args: argparse.Namespace) -> int:
    from ..journal.lock import refuse_if_held
    from ..language import phrase, session_language, text
    from ..safetext import clean
    from ..seats.codes import CodesError, JoinCodes
    from ..sim.session import Session

    given = _given_tls(args.tls)  # files that cannot serve are refused before the session starts
    target = Path(args.target)
    if target.is_file() and _is_journal(target):
        if args.journal:
            raise UsageError(
                phrase("--journal names a new session's journal; this is a journal already")
            )
        refuse_if_held(target)
        session = Session.resume(target, durable=True)
        if session.engine.ended:
            session.close()
            said = text(session_language(args.lang, session.meta), "the session has already ended")
            print(f"{clean(str(target))}: {said}", file=sys.stderr)
            return EXIT_OK
    else:
        session = _start(args)
    try:
        seats = _seats(session)
        unknown = [name for name in args.new_code or () if name not in seats]
        if unknown:
            raise UsageError(
                phrase(
                    "no seat {seat} (seats: {seats})", seat=repr(unknown[0]), seats=", ".join(seats)
                )
            )
        try:
            codes, fresh = JoinCodes.for_session(session.journal.path, seats)
            for name in args.new_code or ():
                fresh[name] = codes.reissue(name)
        except CodesError as err:
            raise UsageError(*err.args) from None
    except BaseException:
        session.close()
        raise
    address, port = args.listen
    try:
        secure = _tls(args.tls, given, session.journal.path, address)
    except BaseException:
        session.close()
        raise
    headless = args.headless or not (sys.stdin.isatty() and sys.stdout.isatty())
    return asyncio.run(_serve(session, codes, fresh, address, port, args, headless, secure))


def _given_tls(files: list[str] | None) -> tuple[Any, str] | None:
    """The TLS context and fingerprint of `--tls CERT KEY` (None without files)."""
    if not files:
        return None
    from ..language import phrase
    from ..seats import tls

    if len(files) != 2:
        raise UsageError(phrase("--tls takes a certificate and its key (PEM files), or nothing"))
    cert, key = Path(files[0]), Path(files[1])
    try:
        return tls.server_context(cert, key), tls.pem_fingerprint(cert)
    except tls.TLSError as err:
        raise UsageError(*err.args) from None


def _tls(
    files: list[str] | None, given: tuple[Any, str] | None, journal: Path, address: str
) -> tuple[Any, str] | None:
    """The TLS context and the certificate's fingerprint: the files given, or with `--tls`
    alone the self-signed certificate beside the journal (made now the first time)."""
    if files is None or given is not None:
        return given
    from ..seats import tls

    try:
        cert, key = tls.self_signed(journal, [address])
        return tls.server_context(cert, key), tls.pem_fingerprint(cert)
    except tls.TLSError as err:
        raise UsageError(*err.args) from None


def _start(args: argparse.Namespace) -> Session:
    from ..language import session_language
    from ..sim import commands as c
    from ..sim.session import Session
    from .content import scenario_path
    from .setup import prepare_session

    source = scenario_path(args.target)
    scenario, templates, path = prepare_session(args, source)
    meta: dict[str, Any] = {
        "mode": "live",
        "source": str(source),
        "hosted": True,
        "lang": session_language(args.lang),  # `exercise host JOURNAL` reopens it in this
    }
    session = Session.start(scenario, path, durable=True, meta=meta, templates=templates)
    if args.speed is not None and args.speed != session.engine.state.speed:
        session.submit(c.SetSpeed(speed=args.speed))
    if args.paused:
        session.submit(c.Pause())
    return session


def _seats(session: Session) -> dict[str, Any]:
    from ..model import RoleKind
    from ..seats.codes import FIXED
    from ..sim.commands import SeatKind

    players = {r.id: SeatKind.PLAYER for r in session.scenario.roles if r.kind == RoleKind.PLAYER}
    return {**players, **{name: kind for name, kind in FIXED.items() if name not in players}}


def _join_url(url: str, fingerprint: str | None) -> str:
    """The address seats join at; over TLS it carries the certificate's fingerprint."""
    from ..seats.tls import pinned_url

    return url if fingerprint is None else pinned_url(url, fingerprint)


def _announce(
    url: str,
    codes: JoinCodes,
    fresh: dict[str, str],
    fingerprint: str | None = None,
    lang: str = "en",
) -> list[str]:
    """The host's first lines, in `lang`: where to join, how it is secured, the new codes."""
    from ..language import say, text
    from ..safetext import clean

    lines = [text(lang, "join at {url}", url=_join_url(url, fingerprint))]
    if fingerprint is None:
        page = url.replace("ws://", "http://", 1)
        lines.append(text(lang, "in a browser: {url}", url=page))
        lines.append(
            text(lang, "no TLS: anyone on this network can read what the seats and the host say")
        )
    else:
        page = url.replace("wss://", "https://", 1)
        lines.append(text(lang, "in a browser: {url}", url=page))
        lines.append(
            text(lang, "certificate fingerprint (SHA-256): {fingerprint}", fingerprint=fingerprint)
        )
        lines.append(
            "  " + text(lang, "a terminal seat given the address above (its #fp=) pins it")
        )
        lines.append(
            "  " + text(lang, "a browser shows it when it asks whether to trust the certificate")
        )
    if fresh:
        lines.append(text(lang, "join codes (hand each to its seat; they are not shown again):"))
        width = max(len(name) for name in fresh)
        kinds = codes.seats()
        for name, code in fresh.items():
            kind = say(lang, kinds[name].value)  # the seat kind is a message id
            lines.append(f"  {clean(name, single_line=True):<{width}}  {code}  {kind}")
    kept = [name for name in codes.seats() if name not in fresh]
    if kept:
        lines.append(
            text(
                lang,
                "codes issued before still hold for: {seats} (--new-code SEAT replaces one)",
                seats=", ".join(clean(name, single_line=True) for name in kept),
            )
        )
    lines.append(text(lang, "seats may join now"))
    return lines


async def _serve(
    session: Session,
    codes: JoinCodes,
    fresh: dict[str, str],
    address: str,
    port: int,
    args: argparse.Namespace,
    headless: bool,
    secure: tuple[Any, str] | None = None,
) -> int:
    from ..language import phrase, session_language, text
    from ..safetext import clean
    from ..seats import address as seat_address
    from ..seats.host import SeatHost
    from ..sim.realtime import RealtimeDriver

    lang = session_language(args.lang, session.meta)
    app = None
    if headless:
        driver = RealtimeDriver(session, pause_on_phase=False)
    else:
        from ..ui.app import create_app

        app = create_app(session, lang=args.lang)
        driver = app.driver
    seat_host = SeatHost(driver, codes, lang=lang)
    try:
        await seat_host.start(address, port, secure[0] if secure else None)
    except OSError as err:
        session.close()
        why = str(err.strerror or err)
        raise UsageError(
            phrase(
                "cannot listen on {address}:{port} ({error})",
                address=address,
                port=str(port),
                error=why,
            )
        ) from None
    where = f"[{address}]" if ":" in address else address
    scheme = "wss" if secure else "ws"
    fingerprint = secure[1] if secure else None
    url = f"{scheme}://{where}:{seat_host.port}/"
    lines = _announce(url, codes, fresh, fingerprint, lang)
    path = clean(str(session.journal.path), layout=False)
    journal = text(lang, "journal: {path}", path=path)
    print(journal, *lines, sep="\n", flush=True)
    # For `exercise review` of this journal on this machine: the evaluator seat's address.
    local = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(address, where)
    with contextlib.suppress(OSError):
        here = _join_url(f"{scheme}://{local}:{seat_host.port}/", fingerprint)
        seat_address.write(session.journal.path, here)
    try:
        if app is None:
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(signum, driver.stop)
            await driver.run()
        else:
            joining = _join_url(url, fingerprint)
            notice = asyncio.create_task(_when_running(app, seat_host, "\n".join(lines), joining))
            await app.run_async()
            notice.cancel()
    finally:
        seat_address.remove(session.journal.path)
        await seat_host.close()
        if app is None:
            session.close()
    if session.engine.ended:
        print(f"{journal}\n{text(lang, 'the session has ended')}")
    else:
        again = text(lang, "continue with: {command}", command=f"exercise host {path}")
        print(f"{journal}\n{again}")
    return EXIT_OK


async def _when_running(app: Any, seat_host: Any, lines: str, url: str) -> None:
    """Once the console is up: its Seats tab, and the codes in a notification (they
    scrolled away in the terminal)."""
    from ..language import text
    from ..seats.panel import add_seats_tab

    with contextlib.suppress(Exception):
        while not app.is_running:
            await asyncio.sleep(0.05)
        await add_seats_tab(app, seat_host, url)
        app.notify(lines, title=text(seat_host.lang, "Seats"), timeout=120, markup=False)


def join(args: argparse.Namespace) -> int:
    import getpass

    from ..language import phrase, session_language, text
    from ..seats.client import SeatClient
    from ..seats.codes import FIXED, parse_code
    from ..seats.control import ControlApp
    from ..seats.terminal import SeatApp
    from ..seats.tls import TLSError, parse_fingerprint, split_url
    from ..sim.commands import SeatKind
    from .screen import check_terminal

    try:
        url, carried = split_url(args.url)  # wss://host:port/#fp=HEX pins what it carries
    except TLSError as err:
        said = err.args[0]
        raise UsageError(phrase("{url}: {problem}", url=repr(args.url), problem=said)) from None
    pin = None
    if args.fingerprint is not None:
        pin = parse_fingerprint(args.fingerprint)
        if pin is None:
            raise UsageError(
                phrase("--fingerprint: 64 hexadecimal digits, as the host printed them")
            )
        if not url.startswith("wss://"):
            raise UsageError(
                phrase("--fingerprint pins a wss:// host's certificate; this is ws://")
            )
        if carried is not None and pin != carried:
            raise UsageError(
                phrase("--fingerprint is not the fingerprint the address carries (#fp=)")
            )
    pin = pin or carried
    check_terminal()
    if not url.startswith(("ws://", "wss://")):
        raise UsageError(
            phrase("{url}: the host's address starts with ws:// or wss://", url=repr(args.url))
        )
    if len(args.name) > 80:
        raise UsageError(phrase("--name: at most 80 characters"))
    code = args.code or getpass.getpass(text(session_language(args.lang), "join code: "))
    parsed = parse_code(code)
    if parsed is None:
        raise UsageError(phrase("that is not a join code (like NKC-7F3K-9QX2)"))
    if args.role and parsed[0] != args.role.lower():
        raise UsageError(
            phrase(
                "that code is for {seat}, not {role}", seat=repr(parsed[0]), role=repr(args.role)
            )
        )
    client = SeatClient(url, code, lang=args.lang, name=args.name, fingerprint=pin)
    kind = FIXED.get(parsed[0])
    app: SeatApp | ControlApp
    if kind in (SeatKind.FACILITATOR, SeatKind.EVALUATOR):
        app = ControlApp(client, kind.value)  # exercise control's code: its own panel
    else:
        app = SeatApp(client)
    app.run()
    if app.closed is not None:
        raise UsageError(str(app.closed))
    return EXIT_OK
