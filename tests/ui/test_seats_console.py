"""The facilitator console with seats served beside it (`exercise host`): the console's
keys reach the seats, and a seat's commands reach the console's session."""

from __future__ import annotations

import asyncio

from websockets.asyncio.client import connect

from exercise.model.events import Kind
from exercise.seats import protocol as p
from exercise.seats.codes import JoinCodes
from exercise.seats.host import SeatHost
from exercise.sim.commands import SeatKind

from .conftest import settle, until


async def next_view(ws) -> dict:
    while True:
        data = p.loads(await asyncio.wait_for(ws.recv(), 5))
        if data["type"] == "view":
            return data


def test_the_console_and_a_player_seat_share_one_session(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        journal = app.session.journal.path
        codes, fresh = JoinCodes.for_session(journal, {"nkc": SeatKind.PLAYER})
        host = SeatHost(app.driver, codes)
        async with app.run_test() as pilot:
            await host.start("127.0.0.1", 0)
            try:
                ws = await connect(f"ws://127.0.0.1:{host.port}/")
                hello = {"type": "hello", "version": 1, "client": "c", "code": fresh["nkc"]}
                await ws.send(p.dumps(hello))
                assert p.loads(await ws.recv())["type"] == "welcome"
                assert (await next_view(ws))["clock"]["paused"] is True
                await pilot.press("ctrl+t")  # exercise control starts the clock
                assert (await next_view(ws))["clock"]["paused"] is False
                command = {"type": "self-decision", "text": "Brief the press"}
                await ws.send(p.dumps({"type": "cmd", "cid": "s1", "command": command}))
                while (ack := p.loads(await asyncio.wait_for(ws.recv(), 5)))["type"] != "ack":
                    pass
                assert ack["ok"]
                state = app.session.engine.state
                await until(pilot, lambda: bool(state.self_decisions))
                assert state.self_decisions[0]["role"] == "nkc"
                kinds = [e.kind for e in app.session.journal.events()]
                assert kinds.count(Kind.SELF_DECISION) == 1
                await ws.close()
                await settle(pilot)
            finally:
                await host.close()

    asyncio.run(go())
