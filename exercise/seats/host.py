"""The seat host: the session's one process, serving its seats over websockets.

It wraps the realtime driver at its two seams: commands go in through `driver.submit`
(their outcome comes back after the commit), committed events come out through the
driver's listeners. Every seat is authenticated by its join code (then by a token the
host gives it, for reconnecting), and the host sets the actor and seat kind of each of
its commands: the engine decides what that seat may do. The host computes what each seat
sees (`exercise.seats.views`) and tells a player seat one neutral reason for a refusal
(`exercise.seats.refusal`).

Hostile or broken clients are bounded (see `Limits`): a hello within a few seconds, a
frame size limit, a command rate per seat, a send queue per seat (a seat that does not
read is closed and may rejoin; the others are not slowed), a delay and a per-address
limit on wrong codes, the Origin of browser connections, and seats per role.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
import secrets
import ssl
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from itertools import takewhile
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from ..debrief.evaluation import InputError, entry
from ..debrief.feedback import feedback_event
from ..journal import JournalError
from ..language import N_, languages, phrase, say, text
from ..model.events import Event, NewEvent
from ..safetext import clean
from ..sim import commands as c
from ..sim.engine import Outcome
from ..sim.realtime import RealtimeDriver
from . import protocol as p
from .codes import JoinCodes, Seat
from .page import asset
from .refusal import seat_reason
from .views import Feed, clock_view, control_view, observer_view, player_view, touched_roles

MAX_TOKENS = 10_000
CATCH_UP_CHUNK = 200  # events per `events` frame when a seat catches up
_CLOSE_REASON_BYTES = 123  # what a WebSocket close frame carries at most (RFC 6455)
FEED_HISTORY = 300  # events read back from the journal into a new feed
_VIEW = object()  # in a send queue: the seat's latest view, whichever that is by then
# The actor of a seat that is not a role: the names the journal already uses.
_ACTORS = {"excon": c.FACILITATOR, "eval": "evaluator", "wall": "observer"}


@dataclass(frozen=True)
class Limits:
    first_frame: float = 5.0  # seconds to send the hello
    max_frame: int = 128 * 1024  # bytes in one frame from a seat
    rate: float = 5.0  # frames per second a seat may send, on average
    burst: int = 20  # ... and at once
    max_queue: int = 500  # frames waiting to go to one seat
    send_timeout: float = 10.0  # seconds one frame may wait for a seat to read
    wrong_code_delay: float = 1.0  # seconds before a wrong code is answered
    wrong_codes: int = 10  # wrong codes from one address ...
    wrong_code_window: float = 600.0  # ... within this many seconds, then it must wait
    seats_per_role: int = 8  # connections at once on one seat's code


@dataclass
class _Grant:
    """What a token lets in again: the seat, and the client it was given to."""

    seat: Seat
    client: str
    name: str


@dataclass(eq=False)
class _Conn:
    ws: ServerConnection
    seat: Seat
    client: str  # the client id as the journal records it (the seat's name in it)
    name: str
    lang: str
    address: str
    since: float = field(default_factory=time.time)
    last_seen: float = field(default_factory=time.time)
    outbox: deque[object] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    view: str = ""  # the latest view frame (what _VIEW in the outbox stands for)
    view_queued: bool = False
    view_key: Any = None  # what the last view showed, to send only what changed
    tokens: float = 0.0
    tokens_at: float = field(default_factory=time.monotonic)
    closing: bool = False

    @property
    def gets_events(self) -> bool:
        return self.seat.kind in (c.SeatKind.FACILITATOR, c.SeatKind.EVALUATOR)


@dataclass(frozen=True)
class SeatInfo:
    """A connected seat, for exercise control's list of seats."""

    seat: str
    kind: str
    name: str
    address: str
    since: float
    last_seen: float


class SeatHost:
    def __init__(
        self,
        driver: RealtimeDriver,
        codes: JoinCodes,
        *,
        lang: str = "en",
        limits: Limits | None = None,
    ) -> None:
        self.driver = driver
        self.session = driver.session
        self.scenario = driver.session.scenario
        self._media = frozenset(i.id for i in self.scenario.media_injects)  # seen by all
        self.codes = codes
        self.lang = lang
        self.limits = limits or Limits()
        last = self.session.journal.last()
        self.seq = last.seq if last is not None else 0
        self.wrong_codes: dict[str, deque[float]] = {}  # by address, for exercise control
        self._conns: set[_Conn] = set()
        self._grants: dict[str, _Grant] = {}  # by the token's hash
        self._names: dict[str, str] = {}  # client id to the name its seat gave
        self._flush_due = False
        self._touched: set[str] | None = set()  # roles to send new views (None: every seat)
        self._clock_epoch = 0
        self._feeds: dict[str, Feed] = {}  # by language, for exercise control's seats
        self._server: Server | None = None
        # Join codes are checked with scrypt (memory and CPU on purpose) in two threads at
        # most: a crowd of hellos, friendly or not, cannot take the host's memory or cores.
        self._checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="join-codes")
        driver.listeners.append(self._on_events)

    # -- the server --

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None
    ) -> Server:
        """Listen on `host`:`port` (0: any free port), with TLS when given a context."""
        self._server = await serve(
            self._serve,
            host,
            port,
            ssl=tls,
            process_request=self._request,
            max_size=self.limits.max_frame,
            max_queue=16,
            open_timeout=self.limits.first_frame,
            close_timeout=2,
            ping_interval=20,
            ping_timeout=20,
            server_header=None,
            # No per-message deflate: its zlib state costs hundreds of kilobytes a seat
            # and CPU for every frame; frames are small and loopback or a LAN is fast.
            compression=None,
        )
        return self._server

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(next(iter(self._server.sockets)).getsockname()[1])

    async def close(self) -> None:
        """Say goodbye to every seat and stop listening."""
        for conn in list(self._conns):
            self._drop(conn, p.Close.GOING_AWAY, N_("the host is stopping"))
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        self._checks.shutdown(wait=False, cancel_futures=True)

    def seats(self) -> list[SeatInfo]:
        return sorted(
            (
                SeatInfo(
                    conn.seat.name,
                    conn.seat.kind.value,
                    conn.name,
                    conn.address,
                    conn.since,
                    conn.last_seen,
                )
                for conn in self._conns
            ),
            key=lambda info: (info.seat, info.since),
        )

    def revoke(self, seat: str) -> str:
        """Close every connection of a seat and give it a new code (returned, to hand
        over); its old code and tokens no longer let anyone in."""
        code = self.codes.reissue(seat)
        self._grants = {k: g for k, g in self._grants.items() if g.seat.name != seat}
        for conn in list(self._conns):
            if conn.seat.name == seat:
                self._drop(conn, p.Close.REVOKED, N_("exercise control revoked this seat"))
        return code

    @staticmethod
    def _request(connection: ServerConnection, request: Request) -> Response | None:
        """A plain GET is for the browser seat's page; a websocket's Origin is checked."""
        if request.headers.get("Upgrade", "").lower() != "websocket":
            return _page(request)
        return SeatHost._check_origin(connection, request)

    @staticmethod
    def _check_origin(connection: ServerConnection, request: Request) -> Response | None:
        """A browser says where its page came from: only pages from this host may connect.
        (Terminal seats send no Origin.)"""
        origin = request.headers.get("Origin")
        if origin is None:
            return None
        host = request.headers.get("Host", "")
        parts = urlsplit(origin)
        if parts.scheme in ("http", "https") and parts.netloc and parts.netloc == host:
            return None
        return connection.respond(HTTPStatus.FORBIDDEN, "Origin not allowed\n")

    # -- one connection --

    async def _serve(self, ws: ServerConnection) -> None:
        conn = await self._admit(ws)
        if conn is None:
            return
        writer = asyncio.create_task(self._write(conn))
        try:
            async for frame in ws:
                conn.last_seen = time.time()
                if not self._within_rate(conn):
                    self._reply_too_fast(conn, frame)
                    continue
                try:
                    self._receive(conn, p.loads(frame))
                except p.ProtocolError as err:
                    self._drop(conn, p.Close.PROTOCOL, err.args[0])
                    break
        except ConnectionClosed:
            pass
        finally:
            self._conns.discard(conn)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await writer

    async def _admit(self, ws: ServerConnection) -> _Conn | None:
        """Read the hello, check the code or token, and register the seat with its
        catch-up in one step (no await between: no event can fall in the gap)."""
        address = str(ws.remote_address[0]) if ws.remote_address else "?"
        data: dict[str, Any] = {}
        try:
            frame = await asyncio.wait_for(ws.recv(), self.limits.first_frame)
            data = p.loads(frame)
            hello = p.parse_hello(data)
        except TimeoutError:  # the seat said no language: the session's
            await ws.close(p.Close.TIMEOUT, _close_reason(text(self.lang, "no hello in time")))
            return None
        except p.ProtocolError as err:
            # in the language the hello asked for when it named one the product has, else
            # in the session's: the seat has said nothing else about its reader yet
            asked = data.get("lang")
            lang = asked if isinstance(asked, str) and asked in languages() else self.lang
            await ws.close(p.Close.PROTOCOL, _close_reason(say(lang, err.args[0])))
            return None
        except ConnectionClosed:
            return None
        lang = hello.lang or self.lang
        if hello.version != p.VERSION:
            said = text(lang, "this host speaks version {version}", version=str(p.VERSION))
            await ws.close(p.Close.VERSION, _close_reason(said))
            return None
        grant = await self._authenticate(hello, address)
        if grant is None:
            with contextlib.suppress(ConnectionClosed):
                await asyncio.sleep(self.limits.wrong_code_delay)
                if self._too_many_wrong(address):
                    said = text(lang, "too many wrong codes: wait")
                    await ws.close(p.Close.TOO_MANY_TRIES, _close_reason(said))
                else:
                    said = text(lang, "this code lets nobody in")
                    await ws.close(p.Close.WRONG_CODE, _close_reason(said))
            return None
        seat = grant.seat
        if sum(conn.seat.name == seat.name for conn in self._conns) >= self.limits.seats_per_role:
            said = text(lang, "this seat has as many connections as it may")
            await ws.close(p.Close.FULL, _close_reason(said))
            return None
        token = hello.token or secrets.token_urlsafe(32)
        self._grants[_digest(token)] = grant
        while len(self._grants) > MAX_TOKENS:  # a code used again and again: the oldest go
            del self._grants[next(iter(self._grants))]
        conn = _Conn(ws, seat, grant.client, grant.name, lang, address)
        conn.tokens = self.limits.burst
        self._names[grant.client] = grant.name or seat.name.upper()
        while len(self._names) > MAX_TOKENS:  # as many names as tokens at most
            del self._names[next(iter(self._names))]
        # From here to the end: no await, so the catch-up and the live frames join up.
        self._conns.add(conn)
        self._push(
            conn,
            {
                "type": "welcome",
                "version": p.VERSION,
                "kind": seat.kind.value,
                "seat": seat.name,
                "role": seat.name if seat.kind == c.SeatKind.PLAYER else None,
                "token": token,
                "session": self.scenario.id,
                "seq": self.seq,
            },
        )
        if conn.gets_events:
            self._catch_up(conn, hello.since or 0)
        self._push_view(conn)
        return conn

    async def _authenticate(self, hello: p.Hello, address: str) -> _Grant | None:
        if hello.token is not None:
            return self._grants.get(_digest(hello.token))
        assert hello.code is not None
        if self._too_many_wrong(address):
            return None
        loop = asyncio.get_running_loop()
        seat = await loop.run_in_executor(self._checks, self.codes.check, hello.code)
        if seat is None:
            self._wrong_code(address)
            return None
        return _Grant(seat, _client_key(seat.name, hello.client), hello.name)

    def _wrong_code(self, address: str) -> None:
        now = time.monotonic()
        if len(self.wrong_codes) >= MAX_TOKENS:  # many addresses: forget those gone quiet
            since = now - self.limits.wrong_code_window
            self.wrong_codes = {a: t for a, t in self.wrong_codes.items() if t and t[-1] > since}
        tries = self.wrong_codes.setdefault(address, deque(maxlen=self.limits.wrong_codes * 10))
        tries.append(now)

    def _too_many_wrong(self, address: str) -> bool:
        tries = self.wrong_codes.get(address)
        if not tries:
            return False
        since = time.monotonic() - self.limits.wrong_code_window
        return sum(t > since for t in tries) >= self.limits.wrong_codes

    def _within_rate(self, conn: _Conn) -> bool:
        """A token bucket per seat: `burst` frames at once, `rate` a second after that."""
        now = time.monotonic()
        limits = self.limits
        conn.tokens = min(limits.burst, conn.tokens + (now - conn.tokens_at) * limits.rate)
        conn.tokens_at = now
        if conn.tokens < 1:
            return False
        conn.tokens -= 1
        return True

    def _reply_too_fast(self, conn: _Conn, frame: str | bytes) -> None:
        with contextlib.suppress(p.ProtocolError):
            data = p.loads(frame)
            # A command or a feedback form is answered (its sender waits for the ack).
            if data.get("type") in ("cmd", "feedback") and isinstance(data.get("cid"), str):
                cid = data["cid"][:64]
                self._push(
                    conn, _ack(cid, False, text(conn.lang, "too many commands: wait a moment"))
                )

    def _receive(self, conn: _Conn, data: dict[str, Any]) -> None:
        kind = data["type"]
        if kind == "cmd":
            self._command(conn, *p.parse_cmd(data))
        elif kind == "feedback":
            self._feedback(conn, *p.parse_feedback(data))
        elif kind == "resync":
            since = data.get("since", 0)
            if type(since) is not int or since < 0:
                raise p.ProtocolError(phrase("{field}: not valid", field="since"))
            if conn.gets_events:
                if conn.outbox:  # one catch-up at a time: resyncs cannot pile up events
                    return
                self._catch_up(conn, since)
            conn.view_key = None
            self._push_view(conn)
        else:
            raise p.ProtocolError(phrase("unknown frame type {kind}", kind=repr(kind[:40])))

    def _command(self, conn: _Conn, cid: str, data: dict[str, Any]) -> None:
        if sent := p.HOST_FIELDS & data.keys():
            said = text(conn.lang, "the host sets {fields}", fields=", ".join(sorted(sent)))
            self._push(conn, _ack(cid, False, said))
            return
        seat = conn.seat
        actor = seat.name if seat.kind == c.SeatKind.PLAYER else _ACTORS.get(seat.name, seat.name)
        try:
            fields = {"actor": actor, "seat_kind": seat.kind, "client": conn.client, "id": cid}
            command = c.parse_command({**data, **fields})
        except ValidationError:
            self._push(conn, _ack(cid, False, text(conn.lang, "not a command this host knows")))
            return
        if isinstance(command, c.Evaluate) and conn.gets_events:
            # A review's entry: checked as the review checks it when it writes the file.
            try:
                item = entry(self.scenario, command.kind, command.payload, self._journal_events())
            except InputError as err:
                self._push(conn, _ack(cid, False, err.said(conn.lang)[:500]))
                return
            # Signed as the review signs it: by the evaluator's name, when the seat gave one.
            by = clean(conn.name, single_line=True) or actor
            command = command.model_copy(update={"payload": item.payload(), "actor": by})
            if self.session.engine.ended:
                # Input after play, as the review writes it locally after the end: the
                # engine takes no command any more, the session appends it.
                self._evaluate_after_play(conn, cid, command)
                return
        future = self.driver.submit(command)
        future.add_done_callback(lambda done: self._answer(conn, cid, command, done))

    def _evaluate_after_play(self, conn: _Conn, cid: str, command: c.Evaluate) -> None:
        """A review's entry once the session has ended: appended through the session (the
        journal's one writer) with its command id, so one sent again is recorded once."""
        key = command.key
        if key is not None and key in self.session.engine.state.commands:
            before = self.session.engine.state.commands[key]
            self._push(conn, _ack(cid, not before, before, True, self.seq))
            return
        payload = {**command.payload, "command_id": key} if key else dict(command.payload)
        self._record_after_play(conn, cid, NewEvent(0.0, command.kind, command.actor, payload))

    def _record_after_play(self, conn: _Conn, cid: str, event: NewEvent) -> None:
        """Append input given after play through the session (this process is the
        journal's one writer), then acknowledge it, or say why it was not recorded."""
        try:
            committed = self.driver.record_after_play([event])
        except (JournalError, ValueError) as err:
            why = say(conn.lang, err.message) if isinstance(err, JournalError) else str(err)
            self._push(conn, _ack(cid, False, text(conn.lang, "not recorded: {error}", error=why)))
            return
        self._push(conn, _ack(cid, True, "", seq=committed[-1].seq))

    def _feedback(self, conn: _Conn, cid: str, answers: dict[str, Any], name: str) -> None:
        """A player seat's feedback form after the end, for its own role only: appended
        through the session (this process is the journal's one writer), then acknowledged."""
        seat = conn.seat
        if seat.kind != c.SeatKind.PLAYER:
            said = text(conn.lang, "only a player seat gives feedback, for its role")
            self._push(conn, _ack(cid, False, said))
            return
        if not self.session.engine.ended:
            said = text(conn.lang, "feedback is given once the session has ended")
            self._push(conn, _ack(cid, False, said))
            return
        who = name.strip() or seat.name
        try:
            event = feedback_event(self.scenario, conn.lang, seat.name, answers, who, 0.0)
        except InputError as err:
            self._push(conn, _ack(cid, False, err.said(conn.lang)))
            return
        self._record_after_play(conn, cid, event)

    def _answer(
        self, conn: _Conn, cid: str, command: c.Command, done: asyncio.Future[Outcome]
    ) -> None:
        if conn not in self._conns:
            return  # gone: it hears the outcome when it sends the command again
        outcome = done.result()
        if conn.gets_events:
            reason = "" if outcome.accepted else outcome.explain(conn.lang)
        else:
            state = self.session.engine.state
            reason = seat_reason(command, outcome, state, self._label, conn.lang)
        self._push(conn, _ack(cid, outcome.accepted, reason, outcome.repeat, self.seq))

    def _journal_events(self) -> Iterable[Event]:
        return self.session.journal.events()

    def _label(self, command_id: str | None) -> str:
        if command_id is None:
            return ""
        return self._names.get(command_id.rsplit(":", 1)[0], "")

    # -- frames out --

    def _on_events(self, events: list[Event]) -> None:
        """Committed events: to the seats that get events now, and a new view to the others
        once this turn of the loop is over (one view for many batches)."""
        self.seq = events[-1].seq
        if any(e.kind in ("paused", "resumed", "speed-set", "jumped") for e in events):
            self._clock_epoch += 1
        for feed in self._feeds.values():
            feed.add(events)
        frame: dict[str, Any] | None = None
        for conn in list(self._conns):
            if conn.gets_events:
                frame = frame or _events_frame(events)
                self._push(conn, frame)
        touched = touched_roles(events, self._media)
        if touched is None or self._touched is None:
            self._touched = None
        else:
            self._touched |= touched
        if not self._flush_due and self._conns:
            self._flush_due = True
            asyncio.get_running_loop().call_soon(self._flush_views)

    def _flush_views(self) -> None:
        """New views for the seats whose view the events since the last flush may have
        changed (every seat after a new phase or a clock change; exercise control's seats
        after any event)."""
        touched, self._touched = self._touched, set()
        self._flush_due = False
        made: dict[tuple[str, str], tuple[Any, str]] = {}
        for conn in list(self._conns):
            if conn.gets_events or touched is None or conn.seat.name in touched:
                self._push_view(conn, made)

    def _push_view(
        self, conn: _Conn, made: dict[tuple[str, str], tuple[Any, str]] | None = None
    ) -> None:
        """Send the seat its view if it changed since the last one it was sent."""
        made = {} if made is None else made
        key = (conn.seat.name, conn.lang)
        if key not in made:
            state, clock = self.session.engine.state, self.driver.clock
            if conn.seat.kind == c.SeatKind.PLAYER:
                seen = player_view(state, self.scenario, conn.seat.name, conn.lang)
            elif conn.gets_events:
                lines = self._feed(conn.lang).lines
                seen = control_view(state, self.scenario, conn.lang, lines)
            else:
                seen = observer_view(state, self.scenario, conn.lang)
            content = (seen, clock.speed, clock.paused, self._clock_epoch)
            frame = {
                "type": "view",
                "seq": self.seq,
                "clock": clock_view(clock, self.driver.now()),
                "view": seen,
            }
            made[key] = (content, p.dumps(frame))
        content, text = made[key]
        if content == conn.view_key:
            return
        conn.view_key = content
        conn.view = text
        if not conn.view_queued:
            conn.view_queued = True
            self._push(conn, _VIEW)

    def _feed(self, lang: str) -> Feed:
        """The live feed in `lang`, begun from the journal's latest events when first asked."""
        feed = self._feeds.get(lang)
        if feed is None:
            first = max(0, self.seq - FEED_HISTORY)
            announced = self.seq  # later events come through the listener
            events = takewhile(
                lambda e: e.seq <= announced, self.session.journal.events(since_seq=first)
            )
            feed = self._feeds[lang] = Feed(self.scenario, lang, events)
        return feed

    def _catch_up(self, conn: _Conn, since: int) -> None:
        batch: list[Event] = []
        for event in self.session.journal.events(since_seq=min(since, self.seq)):
            if event.seq > self.seq:
                break  # committed but not yet announced: the listener sends it
            batch.append(event)
            if len(batch) == CATCH_UP_CHUNK:
                self._push(conn, _events_frame(batch), catching_up=True)
                batch = []
        if batch:
            self._push(conn, _events_frame(batch), catching_up=True)

    def _push(self, conn: _Conn, frame: object, catching_up: bool = False) -> None:
        if conn.closing:
            return
        if not catching_up and len(conn.outbox) >= self.limits.max_queue:
            self._drop(conn, p.Close.TOO_SLOW, N_("the seat did not read its frames"))
            return
        conn.outbox.append(p.dumps(frame) if isinstance(frame, dict) else frame)
        conn.wake.set()

    async def _write(self, conn: _Conn) -> None:
        """Send a seat's frames in order; one that waits too long for the seat closes it."""
        while not conn.closing:
            await conn.wake.wait()
            conn.wake.clear()
            while conn.outbox and not conn.closing:
                frame = conn.outbox.popleft()
                if frame is _VIEW:
                    conn.view_queued = False
                    frame = conn.view
                try:
                    await asyncio.wait_for(conn.ws.send(str(frame)), self.limits.send_timeout)
                except TimeoutError:
                    self._drop(conn, p.Close.TOO_SLOW, N_("the seat did not read its frames"))
                except ConnectionClosed:
                    return

    def _drop(self, conn: _Conn, code: int, reason: str) -> None:
        """Close a seat's connection (it may reconnect unless the code says otherwise);
        `reason` is a message id or a phrase, said in the seat's language."""
        if conn.closing:
            return
        conn.closing = True
        conn.outbox.clear()
        self._conns.discard(conn)
        conn.wake.set()  # its writer ends
        if code == p.Close.TOO_SLOW:
            # It does not read, so a close frame would wait behind what it has not read:
            # cut the connection (the seat reconnects and catches up).
            conn.ws.transport.abort()
            return
        said = _close_reason(say(conn.lang, reason))
        asyncio.get_running_loop().create_task(_close(conn.ws, code, said))


def _close_reason(said: str) -> str:
    """A close frame's reason fits in 123 bytes of UTF-8: a longer translation is cut."""
    data = said.encode("utf-8")
    if len(data) <= _CLOSE_REASON_BYTES:
        return said
    return data[:_CLOSE_REASON_BYTES].decode("utf-8", errors="ignore")


async def _close(ws: ServerConnection, code: int, reason: str) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.close(code, reason)


_HOST = re.compile(r"^[A-Za-z0-9.:\[\]-]{1,255}$")


def _page(request: Request) -> Response:
    """The browser seat's page, script or style sheet, from the package; nothing else."""
    found = asset(request.path.partition("?")[0])
    if found is None:
        return Response(404, "Not Found", Headers([("Content-Type", "text/plain")]), b"not found\n")
    body, content_type = found
    host = request.headers.get("Host", "")
    sockets = f" ws://{host} wss://{host}" if _HOST.match(host) else ""
    headers = Headers(
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            # Everything from this host, nothing inline, nothing from anywhere else.
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                f"connect-src 'self'{sockets}; base-uri 'none'; form-action 'none'; "
                "frame-ancestors 'none'",
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ]
    )
    return Response(200, "OK", headers, body)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _client_key(seat: str, client: str) -> str:
    """The client id the journal records: the seat's name and the client's own id, so no
    client can spend another seat's command ids."""
    key = f"{seat}_{client}"
    if len(key) <= 64 and p.COMMAND_ID.match(key):
        return key
    return hashlib.sha256(f"{seat}\0{client}".encode()).hexdigest()[:32]


def _ack(cid: str, ok: bool, reason: str, repeat: bool = False, seq: int = 0) -> dict[str, Any]:
    return {"type": "ack", "cid": cid, "ok": ok, "reason": reason, "repeat": repeat, "seq": seq}


def _events_frame(events: Iterable[Event]) -> dict[str, Any]:
    return {
        "type": "events",
        "events": [
            {"seq": e.seq, "t": e.t, "kind": e.kind, "actor": e.actor, "payload": e.payload}
            for e in events
        ],
    }
