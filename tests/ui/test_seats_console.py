"""The facilitator console with seats served beside it (`exercise host`): the console's
keys reach the seats, and a seat's commands reach the console's session."""

from __future__ import annotations

import asyncio

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from exercise.model.events import Kind
from exercise.seats import protocol as p
from exercise.seats.codes import JoinCodes
from exercise.seats.host import Limits, SeatHost
from exercise.seats.panel import SEATS_TAB, add_seats_tab
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


def test_the_seats_tab_lists_seats_and_revokes_one(make_app) -> None:
    async def go() -> None:
        app = make_app(paused=True)
        seats = {"nkc": SeatKind.PLAYER, "nctv": SeatKind.PLAYER}
        codes, fresh = JoinCodes.for_session(app.session.journal.path, seats)
        host = SeatHost(app.driver, codes, limits=Limits(wrong_code_delay=0.05))
        messages: list[str] = []
        notify = app.notify

        def record(message: str, **options) -> None:
            messages.append(message)
            notify(message, **options)

        app.notify = record
        async with app.run_test(size=(140, 40)) as pilot:
            await host.start("127.0.0.1", 0)
            try:
                joining = f"wss://127.0.0.1:{host.port}/#fp={'AB' * 32}"
                panel = await add_seats_tab(app, host, joining)
                app.tabs.active = SEATS_TAB
                # the address to give seats, with the certificate's fingerprint it carries
                assert str(panel.query_one("#seats-url").content) == f"join at {joining}"
                ws = await connect(f"ws://127.0.0.1:{host.port}/")
                hello = {"type": "hello", "version": 1, "client": "c", "code": fresh["nkc"]}
                await ws.send(p.dumps({**hello, "name": "Anna [b]x[/b]"}))
                assert p.loads(await ws.recv())["type"] == "welcome"
                wrong = await connect(f"ws://127.0.0.1:{host.port}/")
                await wrong.send(p.dumps({**hello, "code": "NKC-0000-0000"}))
                await until(
                    pilot, lambda: "127.0.0.1: 1" in str(panel.query_one("#seats-wrong").content)
                )
                panel.refresh_seats()
                table = panel.table
                assert panel.rows[0] == "nkc" and table.row_count == 2  # nkc connected, nctv not
                assert "Anna [b]x[/b]" in str(table.get_row_at(0)[2])  # literally
                table.focus()
                table.move_cursor(row=0)
                await pilot.press("ctrl+r")
                await pilot.press("ctrl+y")
                await until(pilot, lambda: any("nkc: new code NKC-" in m for m in messages))
                with pytest.raises(ConnectionClosed) as closed:
                    while True:
                        await asyncio.wait_for(ws.recv(), 5)
                assert closed.value.rcvd is not None
                assert closed.value.rcvd.code == p.Close.REVOKED
                await settle(pilot)
            finally:
                await host.close()

    asyncio.run(go())
