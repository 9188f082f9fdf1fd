"""A seat's side of the protocol: connect, keep the latest view, send commands, and
reconnect by itself when the connection drops.

A command waits for its `ack`; if the connection drops first, it is sent again, with the
same command id, after the reconnect: the host applies a command id at most once, so the
answer is the first one and nothing happens twice. After a host restart (its tokens are
gone) the seat joins again with its code.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import secrets
import ssl
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from ..language import N_, default_language, phrase, text
from . import protocol as p
from . import tls

_DROPPED = N_(
    "the connection dropped while sending: ask exercise control whether the form was recorded"
)


def _unknown(cid: str, lang: str | None) -> dict[str, Any]:
    """The ack of a feedback form whose fate the seat cannot know after a reconnect."""
    reason = text(lang or default_language(), _DROPPED)
    return {
        "type": "ack",
        "cid": cid,
        "ok": False,
        "reason": reason,
        "repeat": False,
        "seq": 0,
        "unknown": True,
    }


Listener = Callable[[dict[str, Any]], None]
MAX_FROM_HOST = 64 * 1024 * 1024  # a facilitator's catch-up comes in frames of 200 events


class SeatClosed(Exception):
    """The host closed the seat for good (a wrong code, a revoked seat): a person has to
    act. `code` is the close code (see protocol.Close)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason or f"({code})")  # the host said no reason: its code
        self.code = code


class SeatClient:
    def __init__(
        self,
        url: str,
        code: str,
        *,
        client: str | None = None,
        lang: str | None = None,
        name: str = "",
        listener: Listener | None = None,
        retry_max: float = 5.0,
        fingerprint: str | None = None,
    ) -> None:
        # The host's certificate, pinned (wss:// only): given, or carried by the address.
        self.url, carried = tls.split_url(url)
        if fingerprint is not None and carried is not None and fingerprint != carried:
            raise tls.TLSError(phrase("the fingerprint given is not the one the address carries"))
        self.fingerprint = fingerprint or carried
        self.code = code
        self.client = client or secrets.token_hex(8)
        self.lang = lang
        self.name = name
        self.listener = listener
        self.retry_max = retry_max
        self.token: str | None = None
        self.welcome: dict[str, Any] | None = None
        self.view: dict[str, Any] | None = None  # the latest `view` frame
        self.seq = 0  # the last journal sequence number seen (events) or shown (view)
        self.connects = 0
        self.connected = asyncio.Event()
        self._ws: ClientConnection | None = None
        self._waiting: dict[str, tuple[dict[str, Any], asyncio.Future[dict[str, Any]]]] = {}

    # -- use --

    async def command(self, command: dict[str, Any], cid: str | None = None) -> dict[str, Any]:
        """Send a command (without actor: the host sets it) and wait for its ack."""
        cid = cid or secrets.token_hex(8)
        return await self._ask({"type": "cmd", "cid": cid, "command": command})

    async def feedback(
        self, answers: dict[str, Any], name: str = "", cid: str | None = None
    ) -> dict[str, Any]:
        """Send the role's feedback form (after the end) and wait for its ack."""
        cid = cid or secrets.token_hex(8)
        return await self._ask({"type": "feedback", "cid": cid, "answers": answers, "name": name})

    async def _ask(self, frame: dict[str, Any]) -> dict[str, Any]:
        """Send a frame with a cid (again after a reconnect) and wait for its ack."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[frame["cid"]] = (frame, future)
        if self._ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await self._ws.send(p.dumps(frame))
        return await future

    async def run(self) -> None:
        """Stay connected until the host closes the seat for good (raises SeatClosed)."""
        delay = 0.1
        while True:
            try:
                await self._session()
                delay = 0.1
            except (OSError, InvalidHandshake, TimeoutError):
                pass  # the host is away (restarting): try again
            except ConnectionClosed as err:
                code = err.rcvd.code if err.rcvd is not None else 1006
                reason = err.rcvd.reason if err.rcvd is not None else ""
                if code == p.Close.WRONG_CODE and self.token is not None:
                    self.token = None  # a restarted host knows no tokens: join with the code
                    continue
                if code in p.FINAL:
                    raise SeatClosed(code, reason) from None
            finally:
                self._ws = None
                self.connected.clear()
            await asyncio.sleep(delay * (0.5 + random.random()))
            delay = min(self.retry_max, delay * 2)

    # -- the connection --

    async def _session(self) -> None:
        secure = self.url.startswith("wss://")
        try:
            ws = await connect(
                self.url,
                max_size=MAX_FROM_HOST,
                open_timeout=5,
                close_timeout=2,
                ssl=tls.client_context(self.fingerprint) if secure else None,
            )
        except InvalidURI:
            said = text(self._speaks(), "{url}: not the address of a host", url=repr(self.url))
            raise SeatClosed(p.Close.PROTOCOL, said) from None
        except ssl.SSLCertVerificationError as err:
            said = text(
                self._speaks(),
                "the host's certificate is not trusted ({error}): give --fingerprint as the "
                "host printed it",
                error=str(err.verify_message),  # (OpenSSL's own words)
            )
            raise SeatClosed(p.Close.UNTRUSTED, said) from None
        pin = self.fingerprint
        if secure and pin and not tls.matches(ws.transport.get_extra_info("ssl_object"), pin):
            await ws.close()
            said = text(
                self._speaks(),
                "the host's certificate is not the one pinned: its code was not sent",
            )
            raise SeatClosed(p.Close.UNTRUSTED, said)
        async with ws:
            hello: dict[str, Any] = {"type": "hello", "version": p.VERSION, "client": self.client}
            if self.token is not None:
                hello["token"] = self.token
            else:
                hello["code"] = self.code
            if self.lang is not None:
                hello["lang"] = self.lang
            if self.name:
                hello["name"] = self.name
            if self.welcome is not None and self.welcome["kind"] in ("facilitator", "evaluator"):
                hello["since"] = self.seq
            await ws.send(p.dumps(hello))
            first = p.loads(await ws.recv())
            if first.get("type") != "welcome":
                raise ConnectionClosed(None, None)
            self._welcomed(first)
            self._ws = ws
            for cid, (waiting, future) in list(self._waiting.items()):
                if waiting["type"] == "feedback":
                    # Sent again it would be a second form if the first was recorded: the
                    # seat says it is not known, and people check before sending again.
                    del self._waiting[cid]
                    if not future.done():
                        future.set_result(_unknown(cid, self.lang))
                    continue
                await ws.send(p.dumps(waiting))
            self.connected.set()
            async for frame in ws:
                self._receive(p.loads(frame))

    def _speaks(self) -> str:
        """The language the seat says things to its person in itself."""
        return self.lang or default_language()

    def _welcomed(self, welcome: dict[str, Any]) -> None:
        self.welcome = welcome
        self.token = welcome.get("token")
        self.connects += 1
        self._tell(welcome)

    def _receive(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "view":
            self.view = frame
            self.seq = int(frame.get("seq", self.seq))
        elif kind == "events":
            for event in frame.get("events", ()):
                self.seq = max(self.seq, int(event["seq"]))
        elif kind == "ack":
            waiting = self._waiting.pop(str(frame.get("cid")), None)
            if waiting is not None and not waiting[1].done():
                waiting[1].set_result(frame)
        self._tell(frame)

    def _tell(self, frame: dict[str, Any]) -> None:
        if self.listener is not None:
            self.listener(frame)
