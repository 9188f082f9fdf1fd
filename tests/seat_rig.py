"""A seat host on loopback around a real session, for the seat tests.

The driver's clock is paused unless a test says otherwise: injects arrive when the test
fires them as exercise control, so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from exercise.model import RoleKind, Scenario
from exercise.seats import protocol as p
from exercise.seats.codes import FIXED, JoinCodes
from exercise.seats.host import Limits, SeatHost
from exercise.sim import commands as c
from exercise.sim.clock import VirtualClock
from exercise.sim.engine import Outcome
from exercise.sim.players import Player
from exercise.sim.realtime import RealtimeDriver
from exercise.sim.session import Session

# Fast enough for tests: a wrong code waits 50 ms, not a second.
FAST = Limits(wrong_code_delay=0.05, first_frame=1.0)


def seats_of(scenario: Scenario) -> dict[str, c.SeatKind]:
    players = {r.id: c.SeatKind.PLAYER for r in scenario.roles if r.kind == RoleKind.PLAYER}
    return {**players, **FIXED}


@dataclass
class Rig:
    session: Session
    driver: RealtimeDriver
    host: SeatHost
    codes: dict[str, str]  # seat name to its join code
    url: str

    async def control(self, command: c.Command) -> Outcome:
        """A command from exercise control on the host's own console."""
        return await self.driver.submit(command)

    async def join(
        self, seat: str, client: str = "c1", **hello: Any
    ) -> tuple[ClientConnection, dict[str, Any]]:
        """A raw connection: hello with the seat's code; returns it and the welcome."""
        ws = await connect(self.url, max_size=None)
        await ws.send(
            p.dumps(
                {"type": "hello", "version": 1, "client": client, "code": self.codes[seat], **hello}
            )
        )
        welcome = p.loads(await ws.recv())
        assert welcome["type"] == "welcome", welcome
        return ws, welcome


@contextlib.asynccontextmanager
async def rig(
    path: Path,
    scenario: Scenario,
    limits: Limits = FAST,
    clock: VirtualClock | None = None,
    player: Player | None = None,
    start: bool = True,
    tls: ssl.SSLContext | None = None,
) -> AsyncIterator[Rig]:
    session = Session.start(scenario, path, durable=False)
    driver = RealtimeDriver(session, clock=clock or VirtualClock(paused=True), player=player)
    codes, fresh = JoinCodes.for_session(path, seats_of(scenario))
    host = SeatHost(driver, codes, limits=limits)
    await host.start("127.0.0.1", 0, tls)
    runner = asyncio.create_task(driver.run()) if start else None
    try:
        scheme = "wss" if tls is not None else "ws"
        yield Rig(session, driver, host, fresh, f"{scheme}://127.0.0.1:{host.port}/")
    finally:
        await host.close()
        driver.stop()
        if runner is None:
            runner = asyncio.create_task(driver.run())
        await runner
        session.close()


async def frame(
    ws: ClientConnection, kind: str | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    """The next frame (of `kind`, skipping others)."""
    while True:
        data = p.loads(await asyncio.wait_for(ws.recv(), timeout))
        if kind is None or data["type"] == kind:
            return data


async def close_code(ws: ClientConnection, timeout: float = 5.0) -> int | None:
    """Read until the host closes; its close code."""
    try:
        while True:
            await asyncio.wait_for(ws.recv(), timeout)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd is not None else None


def run(main: Callable[[], Coroutine[Any, Any, Any]], timeout: float = 60.0) -> Any:
    async def bounded() -> Any:
        return await asyncio.wait_for(main(), timeout)

    return asyncio.run(bounded())
